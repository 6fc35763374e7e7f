import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseArchive, ExerciseReview, ImprovementItemView, ReportVersion, ReportView } from '@startex/shared';
import { computeReview } from '../../src/review/computeReview.ts';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { CORDON_ROW, playedExercise, storeOf } from '../review/reportFixture.ts';
import { freshDatabase } from './databases.ts';

let sqlite: Harness;
let postgres: Harness;

beforeAll(async () => {
  [sqlite, postgres] = await Promise.all([startServer(), (async () => startServer({ store: await PostgresStore.open(await freshDatabase()) }))()]);
});
afterAll(async () => {
  await Promise.all([sqlite?.close(), postgres?.close()]);
});

/** An exercise played to EndEx on `h`, with an edited draft, a finalised report and a plan row in progress, exported as its JSON archive. */
async function archivedExercise(h: Harness, name: string): Promise<{ id: string; director: StaffCredential; archive: ExerciseArchive }> {
  const { id, director, evaluator } = await playedExercise(h, name);
  const draft = ((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).draft;
  await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, { ...draft, executiveSummary: `Summary of ${name}.` });
  const row = (await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, CORDON_ROW)).json() as ImprovementItemView;
  await h.request('POST', `/api/exercises/${id}/report/finalise`, evaluator);
  await h.request('POST', `/api/exercises/${id}/improvement-plan/${row.id}/status`, director, { status: 'in-progress', comment: 'Course booked' });
  const response = await fetch(`${h.url}/api/exercises/${id}/exports/archive.json`, { headers: { cookie: director.cookie } });
  return { id, director, archive: (await response.json()) as ExerciseArchive };
}

const withoutId = (review: ExerciseReview) => ({ ...review, exerciseId: undefined });
const comparable = (items: ImprovementItemView[]) => items.map(({ id: _id, exerciseId: _x, exerciseTitle: _t, ...rest }) => rest);

/** Exports an exercise from one installation, imports it into the other, and compares everything review shows of the two. */
async function moveAndCompare(from: Harness, to: Harness, name: string) {
  const { id, director, archive } = await archivedExercise(from, name);
  const planner = await to.member('director', { username: `${name}-importer` });
  await to.request('PATCH', `/api/admin/users/${planner.userId}`, to.admin, { roles: ['planner'] });
  const imported = await to.request('POST', '/api/archives', planner, archive);
  expect(imported.statusCode).toBe(201);
  const copy = (imported.json() as { id: string }).id;

  // The log, entry for entry (only the exercise id differs), and the review computed from it.
  const originalLog = await storeOf(from).readLog(id);
  const copiedLog = await storeOf(to).readLog(copy);
  expect(copiedLog).toEqual(originalLog.map((entry) => ({ ...entry, exerciseId: copy })));
  const original = computeReview((await storeOf(from).getExercise(id))!.scenario, originalLog);
  expect(withoutId(computeReview((await storeOf(to).getExercise(copy))!.scenario, copiedLog))).toEqual(withoutId(original));

  // The report (draft and finalised version) and the improvement plan with its history.
  const view = (await to.request('GET', `/api/exercises/${copy}/report`, planner)).json() as ReportView;
  const originalView = (await from.request('GET', `/api/exercises/${id}/report`, director)).json() as ReportView;
  expect(view.draft).toEqual(originalView.draft);
  expect(view.draft.executiveSummary).toBe(`Summary of ${name}.`);
  expect(view.versions).toEqual(originalView.versions);
  const frozen = (await from.request('GET', `/api/exercises/${id}/report/versions/1`, director)).json() as ReportVersion;
  expect((await to.request('GET', `/api/exercises/${copy}/report/versions/1`, planner)).json()).toEqual({
    ...frozen,
    improvementPlan: frozen.improvementPlan.map((item) => ({ ...item, exerciseId: copy })),
  });
  const plan = (await to.request('GET', `/api/exercises/${copy}/improvement-plan`, planner)).json() as ImprovementItemView[];
  const originalPlan = (await from.request('GET', `/api/exercises/${id}/improvement-plan`, director)).json() as ImprovementItemView[];
  expect(comparable(plan)).toEqual(comparable(originalPlan));
  expect(plan.map((item) => [item.status, item.history.length])).toEqual([['in-progress', 2]]);
}

describe('the JSON exercise archive between a SQLite and a PostgreSQL installation', () => {
  it('moves an exercise played on SQLite into PostgreSQL with the same log, review, report and plan', async () => {
    await moveAndCompare(sqlite, postgres, 'to-postgres');
  });

  it('moves an exercise played on PostgreSQL into SQLite with the same log, review, report and plan', async () => {
    await moveAndCompare(postgres, sqlite, 'to-sqlite');
  });
});
