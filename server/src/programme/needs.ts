import { randomUUID } from 'node:crypto';
import { StartexError, type LevelEvidence, type NeedBody, type NeedView, type SurveyRow, type UpdateNeedBody } from '@startex/shared';
import type { Store } from '../store/ExerciseStore.ts';
import type { LevelRecord, NeedRecord } from '../store/ProgrammeStore.ts';

/** What a need's gap is: the levels still missing, never below 0; unknown until its current level is. */
export const gapOf = (need: Pick<NeedRecord, 'requiredLevel' | 'currentLevel'>) =>
  need.currentLevel === undefined ? undefined : Math.max(0, need.requiredLevel - need.currentLevel);

/** Needs as the API shows them: with their gap and the evidence of their current level (an exercise rating links to it). */
export async function needViews(store: Store, records: readonly NeedRecord[]): Promise<NeedView[]> {
  if (records.length === 0) return [];
  const latest = new Map<string, LevelRecord>();
  for (const level of await store.programme.listLevels(records.map((r) => r.id))) latest.set(level.needId, level);
  const ratings = new Map((await store.programme.listRatings()).map((r) => [r.id, r]));
  const titles = new Map<string, string>();
  const titleOf = async (exerciseId: string) => {
    if (!titles.has(exerciseId)) titles.set(exerciseId, (await store.getExercise(exerciseId))?.title ?? exerciseId);
    return titles.get(exerciseId)!;
  };
  const views: NeedView[] = [];
  for (const record of records) {
    const level = latest.get(record.id);
    let evidence: LevelEvidence | undefined;
    if (level) {
      const rating = level.ratingId ? ratings.get(level.ratingId) : undefined;
      evidence = {
        at: level.at,
        level: level.level,
        source: level.source,
        by: level.by,
        ...(rating ? { ratingId: rating.id, exerciseId: rating.exerciseId, exerciseTitle: await titleOf(rating.exerciseId), rating: rating.rating } : {}),
      };
    }
    const gap = gapOf(record);
    views.push({ ...record, ...(gap !== undefined ? { gap } : {}), ...(evidence ? { level: evidence } : {}) });
  }
  return views;
}

type NeedFields = SurveyRow;

/** A capability the catalogue holds, when one is named (UNKNOWN_CAPABILITY at `path`.capabilityId). */
export async function checkNeedFields(store: Store, fields: Partial<Pick<NeedFields, 'capabilityId'>>, path: string): Promise<void> {
  if (fields.capabilityId === undefined) return;
  const known = (await store.programme.listCapabilities()).some((c) => c.id === fields.capabilityId);
  if (!known) throw new StartexError('UNKNOWN_CAPABILITY', `The catalogue has no capability "${fields.capabilityId.slice(0, 64)}".`, `${path}.capabilityId`);
}

function requireSubject(fields: Pick<NeedFields, 'capabilityId' | 'competence'>, path: string): void {
  if (fields.capabilityId === undefined && !fields.competence) throw new StartexError('MISSING_VALUE', `${path}: name a capability of the catalogue or a competence.`, `${path}.capabilityId`);
}

function requireEvidence(fields: Pick<NeedFields, 'evidence'>, path: string): void {
  if (fields.evidence.length === 0) throw new StartexError('NEED_WITHOUT_EVIDENCE', undefined, `${path}.evidence`);
}

/** A need the centre enters: open at once, with evidence; its current level, if given, is the centre's. */
export async function createNeed(store: Store, body: NeedBody, by: string, now: number): Promise<NeedRecord> {
  if (!(await store.planning.getAgency(body.agencyId))) throw new StartexError('AGENCY_NOT_FOUND', undefined, 'body.agencyId');
  await checkNeedFields(store, body, 'body');
  requireSubject(body, 'body');
  requireEvidence(body, 'body');
  const need: NeedRecord = { id: randomUUID(), ...body, status: 'open', createdAt: now, updatedAt: now };
  await store.programme.saveNeeds([need], need.currentLevel !== undefined ? [{ needId: need.id, at: now, level: need.currentLevel, source: 'centre', by }] : []);
  return need;
}

/** The centre edits an accepted need; a survey's draft or submitted rows are the focal point's, rejected ones stay as they were. */
export async function updateNeed(store: Store, needId: string, patch: UpdateNeedBody, by: string, now: number): Promise<NeedRecord> {
  const need = await store.programme.getNeed(needId);
  if (!need) throw new StartexError('NEED_NOT_FOUND');
  if (need.status !== 'open' && need.status !== 'met' && need.status !== 'closed') throw new StartexError('NEED_NOT_EDITABLE', `A ${need.status} need cannot be changed here.`);
  await checkNeedFields(store, patch, 'body');
  const merged: NeedRecord = { ...need, ...patch, updatedAt: now };
  requireSubject(merged, 'body');
  requireEvidence(merged, 'body');
  const levelChanged = patch.currentLevel !== undefined && patch.currentLevel !== need.currentLevel;
  await store.programme.saveNeeds([merged], levelChanged ? [{ needId, at: now, level: patch.currentLevel!, source: 'centre', by }] : []);
  return merged;
}

/** Survey rows may come without evidence (the survey is theirs) but name a capability or competence. */
export async function checkSurveyRows(store: Store, rows: readonly SurveyRow[]): Promise<void> {
  for (const [i, row] of rows.entries()) {
    await checkNeedFields(store, row, `body.rows.${i}`);
    requireSubject(row, `body.rows.${i}`);
  }
}
