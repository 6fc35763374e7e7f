import { useCallback, useEffect, useRef, useState } from 'react';
import { PRESENCE_HEARTBEAT_MS, type DraftConflict, type DraftConflictProblem, type DraftView, type PresenceView } from '@startex/shared';
import type { ApiError } from '../../lib/api.ts';
import { studioApi } from '../studioApi.ts';
import type { StudioDocument } from './studioDocument.ts';

/** How long the author pauses before an edit is saved as the draft's next revision. */
export const AUTOSAVE_MS = 1_200;

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  /** Someone saved (or published) after the revision these edits start from: merge, then save. */
  | { kind: 'conflict'; theirs: DraftConflict }
  | { kind: 'failed'; error: ApiError };

export interface Draft {
  scenarioId: string;
  document: StudioDocument;
  /** Bumped on every edit, so an answer about an older state is recognised as such. */
  editSeq: number;
  /** The draft revision the edits start from (0: none stored yet). */
  revision: number;
  baseVersion: number | null;
  unpublished: boolean;
  save: SaveState;
  /** Who else has the scenario open, and with which revision. */
  others: PresenceView[];
}

export type DraftLoad = { kind: 'loading' } | { kind: 'refused'; error: ApiError } | { kind: 'open'; draft: Draft };

/**
 * The draft being edited: loads it, saves each pause in typing as the next revision (autosave),
 * stops at a save the server refuses because someone saved newer (SCENARIO_DRAFT_CONFLICT) until
 * the author has merged, and says every PRESENCE_HEARTBEAT_MS that this page has it open.
 */
export function useDraft(scenarioId: string) {
  const [load, setLoad] = useState<DraftLoad>({ kind: 'loading' });
  const current = useRef<Draft | undefined>(undefined);
  const saving = useRef(false);
  /** The next save settles a refused one: a merge not yet saved. */
  const merging = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const commit = useCallback((next: Draft) => {
    current.current = next;
    setLoad({ kind: 'open', draft: next });
  }, []);

  const accept = useCallback((view: DraftView, document: StudioDocument, editSeq: number) => {
    const draft = current.current;
    commit({
      scenarioId,
      document,
      editSeq,
      revision: view.revision,
      baseVersion: view.baseVersion,
      unpublished: view.unpublished,
      save: draft && draft.editSeq !== editSeq ? { kind: 'unsaved' } : { kind: 'saved' },
      others: draft?.others ?? [],
    });
  }, [commit, scenarioId]);

  const reload = useCallback(async () => {
    const result = await studioApi.draft(scenarioId);
    if (!result.ok) return setLoad({ kind: 'refused', error: result.error });
    accept(result.value, result.value.document, (current.current?.editSeq ?? 0) + 1);
  }, [accept, scenarioId]);

  useEffect(() => {
    current.current = undefined;
    void reload();
  }, [reload]);

  /**
   * Saves what is on the page now (edits made while it saves are saved right after); the revision
   * that holds it, or undefined when it could not be saved.
   */
  const saveNow = useCallback(async (): Promise<number | undefined> => {
    const draft = current.current;
    if (!draft || draft.save.kind === 'conflict') return undefined;
    if (saving.current) {
      // A save is under way: wait for it, then save what came after.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return saveNow();
    }
    if (draft.save.kind === 'saved') return draft.revision;
    clearTimeout(timer.current);
    saving.current = true;
    commit({ ...draft, save: { kind: 'saving' } });
    const sent = { document: draft.document, editSeq: draft.editSeq };
    const result = await studioApi.save(scenarioId, draft.revision, sent.document, merging.current ? { merged: true } : undefined);
    saving.current = false;
    const now = current.current!;
    if (result.ok) {
      merging.current = false;
      const edited = now.editSeq !== sent.editSeq;
      commit({ ...now, revision: result.value.revision, baseVersion: result.value.baseVersion, unpublished: result.value.unpublished, save: edited ? { kind: 'unsaved' } : { kind: 'saved' } });
      if (edited) schedule();
      return result.value.revision;
    }
    const conflict = (result.error.problems as DraftConflictProblem[] | undefined)?.find((p) => p.code === 'SCENARIO_DRAFT_CONFLICT');
    commit({ ...now, save: result.error.code === 'SCENARIO_DRAFT_CONFLICT' && conflict ? { kind: 'conflict', theirs: conflict.theirs } : { kind: 'failed', error: result.error } });
    return undefined;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- schedule is stable (below)
  }, [commit, scenarioId]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
  }, [saveNow]);

  /** Changes the document; every view re-reads it. */
  const edit = useCallback((change: (document: StudioDocument) => StudioDocument) => {
    const draft = current.current;
    if (!draft) return;
    const document = change(draft.document);
    if (document === draft.document) return;
    const save: SaveState = draft.save.kind === 'conflict' ? draft.save : { kind: 'unsaved' };
    commit({ ...draft, document, editSeq: draft.editSeq + 1, save });
    if (save.kind !== 'conflict') schedule();
  }, [commit, schedule]);

  /** After a merge: the merged document, saved over the revision (or version) that was in the way. */
  const saveMerged = useCallback(async (document: StudioDocument, theirs: DraftConflict) => {
    const draft = current.current;
    if (!draft) return;
    const revision = theirs.kind === 'draft' ? theirs.revision : draft.revision;
    commit({ ...draft, document, editSeq: draft.editSeq + 1, revision, save: { kind: 'unsaved' } });
    if (theirs.kind === 'version') {
      saving.current = true;
      const result = await studioApi.save(scenarioId, revision, document, { merged: true, baseVersion: theirs.version });
      saving.current = false;
      if (result.ok) return accept(result.value, document, current.current!.editSeq);
      return commit({ ...current.current!, save: { kind: 'failed', error: result.error } });
    }
    merging.current = true;
    await saveNow();
  }, [accept, commit, saveNow, scenarioId]);

  /** A draft the server made (revert, discard): it replaces what is on the page. */
  const adopt = useCallback((view: DraftView) => accept(view, view.document, (current.current?.editSeq ?? 0) + 1), [accept]);

  // Presence: who else has it open; also how an author learns that someone saved newer.
  const opened = load.kind === 'open';
  useEffect(() => {
    if (!opened) return;
    let stopped = false;
    const beat = async () => {
      const draft = current.current;
      if (!draft || stopped) return;
      const result = await studioApi.presence(scenarioId, draft.revision);
      if (result.ok && !stopped && current.current) commit({ ...current.current, others: result.value.filter((p) => !p.you) });
    };
    void beat();
    const interval = setInterval(() => void beat(), PRESENCE_HEARTBEAT_MS);
    const leave = () => void studioApi.leave(scenarioId);
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      clearInterval(interval);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [opened, scenarioId, commit]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { load, edit, saveNow, saveMerged, adopt, reload };
}
