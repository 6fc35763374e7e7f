import {
  StartexError,
  type CopyScenarioBody,
  type CreateScenarioBody,
  type DraftDocument,
  type DraftView,
  type HistoryEntry,
  type MergeDraftBody,
  type PublishBody,
  type RevertBody,
  type SaveDraftBody,
  type ScenarioDocument,
  type ScenarioRef,
  type StudioListQuery,
  type StudioScenarioSummary,
  type VersionView,
} from '@startex/shared';
import { diffScenarios, hasErrors, LIBRARY, mergeScenarios, type MergeResult, type Problem, type ScenarioDiff } from '@startex/scenarios';
import { scenarioInvalid, UPLOAD_EXPLORE_MS, type ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import type { StoredScenario, Store } from '../store/ExerciseStore.ts';
import type { AuthorRecord, DraftRecord, RevisionCause } from '../store/StudioStore.ts';
import { checkDraftDocument, copyDocument, listWords, skeletonDocument } from './studioDocuments.ts';
import { changeSummary, draftConflict, draftView, historyEntries, summaryOfDocument, versionView } from './studioViews.ts';

/**
 * The scenario studio's drafts and versions: each scenario the centre edits has one working draft,
 * saved revision by revision (autosave) by whoever has it open; a save from an older revision than
 * the newest is refused with whose save came first, and the merge of the two is offered. Publishing
 * makes the draft, once the analyzer finds no error in it, the next immutable version: a row of the
 * same `scenarios` table that uploads write and exercises pin from. Library scenarios are read-only.
 */
export class ScenarioStudio {
  constructor(
    private readonly store: Store,
    private readonly analysis: ScenarioAnalysis,
  ) {}

  async list(query: StudioListQuery): Promise<StudioScenarioSummary[]> {
    const library = Object.values(LIBRARY).map((d) => summaryOfDocument(d, 'library', d.version));
    const versions = new Map((await this.store.listScenarios()).map((s) => [s.document.id, s]));
    const drafts = new Map((await this.store.studio.listDrafts()).filter((d) => d.discardedAt === null).map((d) => [d.scenarioId, d]));
    const centre = [...new Set([...versions.keys(), ...drafts.keys()])].map((id) => centreSummary(id, versions.get(id), drafts.get(id)));
    const words = (s: StudioScenarioSummary) => `${s.id} ${s.title} ${s.id in LIBRARY ? LIBRARY[s.id]!.summary : (versions.get(s.id)?.document.summary ?? '')}`.toLowerCase();
    const terms = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return [...centre.sort((a, b) => a.title.localeCompare(b.title)), ...library].filter(
      (s) =>
        terms.every((t) => words(s).includes(t)) &&
        (!query.function || s.functions.includes(query.function)) &&
        (!query.type || s.exerciseType === query.type) &&
        (!query.language || s.language === query.language) &&
        (!query.origin || (query.origin === 'draft' ? s.draft?.unpublished === true : s.origin === query.origin)),
    );
  }

  /** A new scenario from a skeleton, as its first draft revision. */
  async create(author: AuthorRecord, body: CreateScenarioBody): Promise<DraftView> {
    await this.claim(body.id);
    return this.firstSave(author, body.id, skeletonDocument(body), { kind: 'created' });
  }

  /** Any scenario, a library one too, as a new scenario under another id. */
  async copy(author: AuthorRecord, sourceId: string, body: CopyScenarioBody): Promise<DraftView> {
    const source = await this.document(sourceId, body.from ?? 'draft');
    await this.claim(body.id);
    const ref = body.from ?? (sourceId in LIBRARY ? `v${LIBRARY[sourceId]!.version}` : 'draft');
    return this.firstSave(author, body.id, copyDocument(source, body.id, body.title), { kind: 'copied', from: `${sourceId} ${ref}` });
  }

  /** A scenario made elsewhere (an MSEL import) as a new scenario's first draft revision. */
  async adopt(author: AuthorRecord, document: DraftDocument, cause: RevisionCause): Promise<DraftView> {
    const id = String(document.id);
    await this.claim(id);
    return this.firstSave(author, id, document, cause);
  }

  async draft(scenarioId: string): Promise<DraftView> {
    this.editable(scenarioId);
    const [head, latest] = await Promise.all([this.liveDraft(scenarioId), this.store.getScenario(scenarioId)]);
    if (head) return draftView(scenarioId, head.draft, head.document, latest);
    if (!latest) throw new StartexError('SCENARIO_NOT_FOUND');
    return draftView(scenarioId, undefined, latest.document as unknown as DraftDocument, latest);
  }

  /** An autosave: the next revision, if `body.revision` is the newest. */
  async save(author: AuthorRecord, scenarioId: string, body: SaveDraftBody): Promise<DraftView> {
    this.editable(scenarioId);
    checkDraftDocument(body.document, scenarioId);
    const [head, latest] = await Promise.all([this.liveDraft(scenarioId), this.store.getScenario(scenarioId)]);
    if (!head && !latest) throw new StartexError('SCENARIO_NOT_FOUND');
    if (body.baseVersion !== undefined && body.baseVersion > (latest?.version ?? 0)) {
      throw new StartexError('SCENARIO_VERSION_NOT_FOUND', `Version ${body.baseVersion} of "${scenarioId}" does not exist.`, 'body.baseVersion');
    }
    const before = head?.document ?? latest!.document;
    return this.write(author, scenarioId, body.revision, body.document, {
      baseVersion: body.baseVersion ?? head?.draft.baseVersion ?? latest?.version ?? null,
      cause: { kind: body.merged ? 'merged' : 'saved' },
      before,
      latest,
    });
  }

  /** Drops unpublished changes: the draft becomes the newest version again, or (never published) goes. */
  async discard(author: AuthorRecord, scenarioId: string, revision: number): Promise<void> {
    this.editable(scenarioId);
    const [head, latest] = await Promise.all([this.liveDraft(scenarioId), this.store.getScenario(scenarioId)]);
    if (!head) throw new StartexError('SCENARIO_DRAFT_NOT_FOUND');
    const document = (latest?.document as unknown as DraftDocument | undefined) ?? head.document;
    await this.write(author, scenarioId, revision, document, { baseVersion: latest?.version ?? null, cause: { kind: 'discarded' }, before: head.document, latest, discard: !latest });
  }

  /** A version's document as the draft's next revision. */
  async revert(author: AuthorRecord, scenarioId: string, body: RevertBody): Promise<DraftView> {
    this.editable(scenarioId);
    const [head, latest, version] = await Promise.all([this.liveDraft(scenarioId), this.store.getScenario(scenarioId), this.store.getScenario(scenarioId, body.version)]);
    if (!version) throw new StartexError('SCENARIO_VERSION_NOT_FOUND', undefined, 'body.version');
    const document = version.document as unknown as DraftDocument;
    return this.write(author, scenarioId, body.revision, document, {
      baseVersion: head?.draft.baseVersion ?? latest?.version ?? null,
      cause: { kind: 'reverted', version: body.version },
      before: head?.document ?? latest!.document,
      latest,
    });
  }

  /** Publishes the draft at `body.revision` when the analyzer finds no error; the answer carries its warnings. */
  async publish(author: AuthorRecord, scenarioId: string, body: PublishBody): Promise<VersionView & { warnings: Problem[] }> {
    this.editable(scenarioId);
    const head = await this.liveDraft(scenarioId);
    if (!head) throw new StartexError('SCENARIO_DRAFT_NOT_FOUND');
    if (head.draft.revision !== body.revision) throw draftConflict({ kind: 'draft', revision: head.draft.revision, savedBy: head.draft.savedBy, savedAt: head.draft.savedAt }, body.revision);
    const { document, problems } = await this.analysis.analyse({ kind: 'value', value: head.document, exploreMs: UPLOAD_EXPLORE_MS });
    if (!document || hasErrors(problems)) throw scenarioInvalid(problems);
    const latest = await this.store.getScenario(scenarioId);
    if (latest && latest.version === head.draft.baseVersion && diffScenarios(latest.document, document).identical) {
      throw new StartexError('SCENARIO_UNCHANGED', `The draft is the same as version ${latest.version}: there is nothing to publish.`);
    }
    const result = await this.store.studio.publish({ scenarioId, expectedRevision: body.revision, document, author, at: Date.now(), note: body.note ?? null });
    if (!result.ok) throw draftConflict(result.conflict, body.revision);
    const publication = (await this.store.studio.listPublications(scenarioId)).find((p) => p.version === result.stored.version);
    return { ...versionView(result.stored, publication), warnings: problems.filter((p) => p.severity !== 'error') };
  }

  async versions(scenarioId: string): Promise<VersionView[]> {
    if (scenarioId in LIBRARY) return [];
    const latest = await this.store.getScenario(scenarioId);
    if (!latest && !(await this.liveDraft(scenarioId))) throw new StartexError('SCENARIO_NOT_FOUND');
    const publications = new Map((await this.store.studio.listPublications(scenarioId)).map((p) => [p.version, p]));
    const versions: StoredScenario[] = [];
    for (let version = latest?.version ?? 0; version >= 1; version--) {
      const stored = version === latest!.version ? latest : await this.store.getScenario(scenarioId, version);
      if (stored) versions.push(stored);
    }
    return versions.map((v) => versionView(v, publications.get(v.version)));
  }

  async history(scenarioId: string, limit: number): Promise<HistoryEntry[]> {
    if (scenarioId in LIBRARY) return [];
    const [revisions, publications] = await Promise.all([this.store.studio.listRevisions(scenarioId, limit), this.store.studio.listPublications(scenarioId)]);
    if (revisions.length === 0 && !(await this.store.getScenario(scenarioId))) throw new StartexError('SCENARIO_NOT_FOUND');
    return historyEntries(revisions, publications).slice(0, limit);
  }

  async diff(scenarioId: string, from: ScenarioRef, to: ScenarioRef): Promise<ScenarioDiff> {
    const [before, after] = await Promise.all([this.document(scenarioId, from), this.document(scenarioId, to)]);
    return diffScenarios(before, after);
  }

  /** What a merge needs, merged: the base both started from, theirs (the draft or a version published meanwhile), and yours. */
  async merge(scenarioId: string, body: MergeDraftBody): Promise<MergeResult & Pick<MergeDraftBody, 'base' | 'theirs'>> {
    this.editable(scenarioId);
    const [base, theirs] = await Promise.all([this.document(scenarioId, body.base), this.document(scenarioId, body.theirs)]);
    return { base: body.base, theirs: body.theirs, ...mergeScenarios(base, theirs, body.document) };
  }

  /** A document by ref: the draft's newest revision (or the newest version), a kept revision, or a version. */
  async document(scenarioId: string, ref: ScenarioRef): Promise<DraftDocument> {
    const library = LIBRARY[scenarioId];
    if (library) {
      if (ref === 'draft' || ref === `v${library.version}`) return library as unknown as DraftDocument;
      throw new StartexError('SCENARIO_VERSION_NOT_FOUND', `The library scenario "${scenarioId}" has only version ${library.version}.`);
    }
    if (ref === 'draft') return (await this.draft(scenarioId)).document;
    const number = Number(ref.slice(1));
    if (ref.startsWith('r')) {
      const revision = await this.store.studio.getRevision(scenarioId, number);
      if (!revision?.document) throw new StartexError('SCENARIO_REVISION_NOT_FOUND', `The draft of "${scenarioId}" does not keep revision ${number}.`);
      return revision.document;
    }
    const version = await this.store.getScenario(scenarioId, number);
    if (!version) throw new StartexError('SCENARIO_VERSION_NOT_FOUND', `"${scenarioId}" has no version ${number}.`);
    return version.document as unknown as DraftDocument;
  }

  /** Refuses changes to a library scenario: it is read-only, and copied to be changed. */
  private editable(scenarioId: string): void {
    if (scenarioId in LIBRARY) throw new StartexError('SCENARIO_READ_ONLY', `"${LIBRARY[scenarioId]!.title}" is a library scenario; make a copy to change it.`);
  }

  /** A new scenario's id: not the library's, nor any version's or live draft's. */
  private async claim(id: string): Promise<void> {
    if (id in LIBRARY) throw new StartexError('SCENARIO_ID_RESERVED', `"${id}" is a built-in library scenario; choose another id.`, 'body.id');
    if ((await this.store.getScenario(id)) || (await this.liveDraft(id))) throw new StartexError('SCENARIO_ID_TAKEN', `A scenario "${id}" exists already; choose another id.`, 'body.id');
  }

  private async liveDraft(scenarioId: string): Promise<{ draft: DraftRecord; document: DraftDocument } | undefined> {
    const head = await this.store.studio.getDraft(scenarioId);
    return head && head.draft.discardedAt === null ? head : undefined;
  }

  private async firstSave(author: AuthorRecord, scenarioId: string, document: DraftDocument, cause: RevisionCause): Promise<DraftView> {
    checkDraftDocument(document, scenarioId);
    return this.write(author, scenarioId, 0, document, { baseVersion: null, cause, before: undefined, latest: undefined });
  }

  private async write(
    author: AuthorRecord,
    scenarioId: string,
    expectedRevision: number,
    document: DraftDocument,
    how: { baseVersion: number | null; cause: RevisionCause; before: unknown; latest: StoredScenario | undefined; discard?: boolean },
  ): Promise<DraftView> {
    const result = await this.store.studio.saveDraft({
      scenarioId,
      expectedRevision,
      document,
      ...listWords(document, scenarioId),
      baseVersion: how.baseVersion,
      matchesBaseVersion: how.cause.kind === 'discarded' && how.latest !== undefined,
      ...(how.discard ? { discard: true } : {}),
      author,
      at: Date.now(),
      cause: how.cause,
      changes: how.before === undefined ? null : changeSummary(diffScenarios(how.before, document)),
    });
    if (!result.ok) throw draftConflict(result.conflict, expectedRevision);
    return draftView(scenarioId, result.draft, document, how.latest);
  }
}

function centreSummary(id: string, latest: StoredScenario | undefined, draft: DraftRecord | undefined): StudioScenarioSummary {
  const document: ScenarioDocument | undefined = latest?.document;
  const words = draft ?? { title: document?.title ?? id, exerciseType: document?.exerciseType ?? null, functions: document?.functions ?? [], language: document?.language ?? null };
  const savedLast = draft && (!latest || draft.savedAt >= latest.createdAt);
  return {
    id,
    title: words.title,
    origin: 'centre',
    readOnly: false,
    ...(words.exerciseType ? { exerciseType: words.exerciseType } : {}),
    functions: words.functions,
    ...(words.language ? { language: words.language } : {}),
    ...(latest ? { latestVersion: latest.version } : {}),
    ...(draft ? { draft: { revision: draft.revision, savedBy: draft.savedBy, savedAt: draft.savedAt, unpublished: draft.publishedRevision !== draft.revision } } : {}),
    updatedAt: savedLast ? draft.savedAt : (latest?.createdAt ?? 0),
    ...(savedLast ? { updatedBy: draft.savedBy } : {}),
  };
}
