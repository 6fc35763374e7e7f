// How the studio's records are kept in rows, and read back, on either database (studioSchema.ts and
// its PostgreSQL twin give the same row shapes), as rows.ts does for the rest.
import { MselMapping, type DraftDocument } from '@startex/shared';
import type { AuthorRecord, ChangeSummary, DraftRecord, DraftSave, MselMappingRecord, PublicationRecord, RevisionCause, RevisionRecord } from './StudioStore.ts';
import type * as studio from './studioSchema.ts';

const author = (username: string, displayName: string): AuthorRecord => ({ username, displayName });

/** The draft's row after `save`, from its row before (none for a new draft). */
export function draftRow(save: DraftSave, revision: number, before: DraftRecord | undefined): typeof studio.scenarioDrafts.$inferInsert {
  return {
    scenarioId: save.scenarioId,
    revision,
    baseVersion: save.baseVersion,
    publishedRevision: save.matchesBaseVersion ? revision : (before?.publishedRevision ?? null),
    title: save.title,
    exerciseType: save.exerciseType,
    functionsJson: JSON.stringify(save.functions),
    language: save.language,
    createdBy: before?.createdBy.username ?? save.author.username,
    createdByName: before?.createdBy.displayName ?? save.author.displayName,
    createdAt: before?.createdAt ?? save.at,
    savedBy: save.author.username,
    savedByName: save.author.displayName,
    savedAt: save.at,
    discardedAt: save.discard ? save.at : null,
  };
}

export function toDraft(row: typeof studio.scenarioDrafts.$inferSelect): DraftRecord {
  return {
    scenarioId: row.scenarioId,
    revision: row.revision,
    baseVersion: row.baseVersion,
    publishedRevision: row.publishedRevision,
    title: row.title,
    exerciseType: row.exerciseType,
    functions: JSON.parse(row.functionsJson) as string[],
    language: row.language,
    createdBy: author(row.createdBy, row.createdByName),
    createdAt: row.createdAt,
    savedBy: author(row.savedBy, row.savedByName),
    savedAt: row.savedAt,
    discardedAt: row.discardedAt,
  };
}

export function revisionRow(save: DraftSave, revision: number): typeof studio.scenarioDraftRevisions.$inferInsert {
  return {
    scenarioId: save.scenarioId,
    revision,
    documentJson: JSON.stringify(save.document),
    savedBy: save.author.username,
    savedByName: save.author.displayName,
    savedAt: save.at,
    causeJson: JSON.stringify(save.cause),
    changesJson: save.changes ? JSON.stringify(save.changes) : null,
  };
}

export function toRevision(row: Omit<typeof studio.scenarioDraftRevisions.$inferSelect, 'documentJson'> & { documentJson?: string | null }): RevisionRecord {
  return {
    scenarioId: row.scenarioId,
    revision: row.revision,
    document: row.documentJson ? (JSON.parse(row.documentJson) as DraftDocument) : null,
    savedBy: author(row.savedBy, row.savedByName),
    savedAt: row.savedAt,
    cause: JSON.parse(row.causeJson) as RevisionCause,
    changes: row.changesJson ? (JSON.parse(row.changesJson) as ChangeSummary) : null,
  };
}

export function publicationRow(record: PublicationRecord): typeof studio.scenarioPublications.$inferInsert {
  return {
    scenarioId: record.scenarioId,
    version: record.version,
    publishedBy: record.publishedBy.username,
    publishedByName: record.publishedBy.displayName,
    publishedAt: record.publishedAt,
    revision: record.revision,
    note: record.note,
  };
}

export function toPublication(row: typeof studio.scenarioPublications.$inferSelect): PublicationRecord {
  return {
    scenarioId: row.scenarioId,
    version: row.version,
    publishedBy: author(row.publishedBy, row.publishedByName),
    publishedAt: row.publishedAt,
    revision: row.revision,
    note: row.note,
  };
}

export function mappingRow(record: MselMappingRecord): typeof studio.mselMappings.$inferInsert {
  return {
    scope: record.scope,
    owner: record.owner,
    signature: record.signature,
    mappingJson: JSON.stringify(record.mapping),
    savedBy: record.savedBy.username,
    savedByName: record.savedBy.displayName,
    savedAt: record.savedAt,
  };
}

export function toMapping(row: typeof studio.mselMappings.$inferSelect): MselMappingRecord {
  return {
    scope: row.scope,
    owner: row.owner,
    signature: row.signature,
    mapping: MselMapping.parse(JSON.parse(row.mappingJson)),
    savedBy: author(row.savedBy, row.savedByName),
    savedAt: row.savedAt,
  };
}

/** Whether a save may go ahead over the draft as stored: only from its newest revision (or over none, or a discarded one, from 0). */
export function saveConflict(save: DraftSave, stored: DraftRecord | undefined): { kind: 'draft'; revision: number; savedBy: AuthorRecord; savedAt: number } | undefined {
  if (!stored) return save.expectedRevision === 0 ? undefined : { kind: 'draft', revision: 0, savedBy: save.author, savedAt: save.at };
  if (save.expectedRevision === stored.revision || (stored.discardedAt !== null && save.expectedRevision === 0)) return undefined;
  return { kind: 'draft', revision: stored.revision, savedBy: stored.savedBy, savedAt: stored.savedAt };
}
