import type { DraftConflictProblem, DraftDocument, DraftView, HistoryEntry, StudioScenarioSummary, VersionView } from '@startex/shared';
import type { ScenarioDiff } from '@startex/scenarios';
import { StartexError, type ScenarioDocument } from '@startex/shared';
import type { StoredScenario } from '../store/ExerciseStore.ts';
import type { ChangeSummary, DraftConflictRecord, DraftRecord, PublicationRecord, RevisionRecord } from '../store/StudioStore.ts';

/** The studio's records as its REST answers show them. */

export function draftView(scenarioId: string, draft: DraftRecord | undefined, document: DraftDocument, latest: StoredScenario | undefined): DraftView {
  if (!draft) return { scenarioId, revision: 0, baseVersion: latest?.version ?? null, document, unpublished: false };
  return {
    scenarioId,
    revision: draft.revision,
    baseVersion: draft.baseVersion,
    document,
    savedBy: draft.savedBy,
    savedAt: draft.savedAt,
    unpublished: draft.publishedRevision !== draft.revision,
  };
}

export function versionView(stored: StoredScenario, publication: PublicationRecord | undefined): VersionView {
  return {
    scenarioId: stored.document.id,
    version: stored.version,
    title: stored.document.title,
    publishedAt: publication?.publishedAt ?? stored.createdAt,
    ...(publication ? { publishedBy: publication.publishedBy, revision: publication.revision } : {}),
    ...(publication?.note ? { note: publication.note } : {}),
  };
}

export function historyEntries(revisions: readonly RevisionRecord[], publications: readonly PublicationRecord[]): HistoryEntry[] {
  const saves = revisions.map((r): HistoryEntry => {
    const cause = r.cause;
    return {
      at: r.savedAt,
      by: r.savedBy,
      kind: cause.kind,
      revision: r.revision,
      ...(cause.kind === 'reverted' ? { version: cause.version, from: `v${cause.version}` } : {}),
      ...(cause.kind === 'copied' || cause.kind === 'imported' ? { from: cause.from } : {}),
      ...(r.changes ? { changes: r.changes } : {}),
    };
  });
  const published = publications.map((p): HistoryEntry => ({ at: p.publishedAt, by: p.publishedBy, kind: 'published', revision: p.revision, version: p.version }));
  return [...saves, ...published].sort((a, b) => b.at - a.at || (b.revision ?? 0) - (a.revision ?? 0));
}

/** What a diff counts, for the history. */
export function changeSummary(diff: ScenarioDiff): ChangeSummary {
  return { ...diff.counts, parts: diff.parts.map((p) => p.part) };
}

export function summaryOfDocument(document: ScenarioDocument, origin: StudioScenarioSummary['origin'], version: number): StudioScenarioSummary {
  return {
    id: document.id,
    title: document.title,
    origin,
    readOnly: origin === 'library',
    exerciseType: document.exerciseType,
    functions: document.functions,
    language: document.language,
    latestVersion: version,
  };
}

/** SCENARIO_DRAFT_CONFLICT, saying whose save (or which version) came first; its problem carries them for the merge. */
export function draftConflict(conflict: DraftConflictRecord, yours: number): StartexError {
  const when = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
  const message =
    conflict.kind === 'draft'
      ? `${conflict.savedBy.displayName} saved revision ${conflict.revision} at ${when(conflict.savedAt)} UTC, after the revision you edited (${yours}); merge their changes into yours and save again.`
      : `Version ${conflict.version} was published${conflict.publishedBy ? ` by ${conflict.publishedBy.displayName}` : ''} at ${when(conflict.publishedAt)} UTC, after the version this draft was made from; merge it into the draft and save again.`;
  const problem: DraftConflictProblem = { code: 'SCENARIO_DRAFT_CONFLICT', message, theirs: conflict };
  return new StartexError('SCENARIO_DRAFT_CONFLICT', message, undefined, [problem]);
}
