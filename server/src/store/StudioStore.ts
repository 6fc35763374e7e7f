import type { DraftDocument, MselMapping, ScenarioDocument } from '@startex/shared';
import type { StoredScenario } from './ExerciseStore.ts';

/** Who did something in the studio: the account, and the name people see. */
export interface AuthorRecord {
  username: string;
  displayName: string;
}

/** Why a revision was saved. */
export type RevisionCause =
  | { kind: 'created' | 'saved' | 'merged' | 'discarded' }
  | { kind: 'reverted'; version: number }
  | { kind: 'copied' | 'imported'; from: string };

/** What a revision changed against the one before, counted (diffScenarios). */
export interface ChangeSummary {
  settings: number;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  parts: string[];
}

export interface DraftRecord {
  scenarioId: string;
  revision: number;
  baseVersion: number | null;
  publishedRevision: number | null;
  title: string;
  exerciseType: string | null;
  functions: string[];
  language: string | null;
  createdBy: AuthorRecord;
  createdAt: number;
  savedBy: AuthorRecord;
  savedAt: number;
  discardedAt: number | null;
}

export interface RevisionRecord {
  scenarioId: string;
  revision: number;
  /** Null once old enough that no merge starts from it (history keeps the rest). */
  document: DraftDocument | null;
  savedBy: AuthorRecord;
  savedAt: number;
  cause: RevisionCause;
  changes: ChangeSummary | null;
}

/** A save of a draft, made only if the draft is still at `expectedRevision` (0: no draft, or a discarded one). */
export interface DraftSave {
  scenarioId: string;
  expectedRevision: number;
  document: DraftDocument;
  /** The list's words, read from the document. */
  title: string;
  exerciseType: string | null;
  functions: string[];
  language: string | null;
  baseVersion: number | null;
  /** The document is that version's own (a discard): nothing is unpublished. */
  matchesBaseVersion: boolean;
  /** A never-published draft dropped by its author: hidden from the list, its revisions kept. */
  discard?: boolean;
  author: AuthorRecord;
  at: number;
  cause: RevisionCause;
  changes: ChangeSummary | null;
}

/** What a save or publication collided with. */
export type DraftConflictRecord =
  | { kind: 'draft'; revision: number; savedBy: AuthorRecord; savedAt: number }
  | { kind: 'version'; version: number; publishedBy?: AuthorRecord; publishedAt: number };

export type SaveResult = { ok: true; draft: DraftRecord } | { ok: false; conflict: DraftConflictRecord };

export interface PublicationRecord {
  scenarioId: string;
  version: number;
  publishedBy: AuthorRecord;
  publishedAt: number;
  revision: number;
  note: string | null;
}

/** The draft at `expectedRevision` (its document checked by the analyzer) as the next version of its scenario. */
export interface PublishRequest {
  scenarioId: string;
  expectedRevision: number;
  document: ScenarioDocument;
  author: AuthorRecord;
  at: number;
  note: string | null;
}

export type PublishResult = { ok: true; stored: StoredScenario } | { ok: false; conflict: DraftConflictRecord };

export interface MselMappingRecord {
  scope: 'user' | 'centre';
  /** The user's id; '' for the centre. */
  owner: string;
  signature: string;
  mapping: MselMapping;
  savedBy: AuthorRecord;
  savedAt: number;
}

/**
 * What the scenario studio keeps (a part of Store, reached as store.studio): each scenario's one
 * working draft with its revisions, who published which version, and remembered MSEL mappings.
 * Published versions themselves are the `scenarios` rows exercises pin from: a publication inserts
 * one, in the same transaction as its record, the draft's new base and the audit entry.
 */
export interface StudioStore {
  /** Every draft, discarded ones included (the list leaves them out). */
  listDrafts(): Promise<DraftRecord[]>;
  getDraft(scenarioId: string): Promise<{ draft: DraftRecord; document: DraftDocument } | undefined>;
  getRevision(scenarioId: string, revision: number): Promise<RevisionRecord | undefined>;
  /** The newest revisions first, without their documents. */
  listRevisions(scenarioId: string, limit: number): Promise<RevisionRecord[]>;
  /** Saves the next revision, or says whose newer save (or version) is in the way; old revisions' documents are dropped. */
  saveDraft(save: DraftSave): Promise<SaveResult>;
  publish(request: PublishRequest): Promise<PublishResult>;
  listPublications(scenarioId: string): Promise<PublicationRecord[]>;
  findMapping(scope: 'user' | 'centre', owner: string, signature: string): Promise<MselMappingRecord | undefined>;
  saveMapping(record: MselMappingRecord): Promise<void>;
}

/** How many of a draft's newest revisions keep their document, as a merge's base. */
export const KEPT_REVISION_DOCUMENTS = 200;
