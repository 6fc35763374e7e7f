import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FORMAT_VERSION, type ExerciseArchive, type ExerciseReview, type ImprovementItemView, type ReportVersion, type ReportView } from '@startex/shared';
import { computeReview } from '../../src/review/computeReview.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { databaseFile, dumpDatabase } from '../security/databaseDump.ts';
import { CORDON_ROW, playedExercise } from './reportFixture.ts';

let h: Harness;
let id: string;
let director: StaffCredential;
let archive: ExerciseArchive;

beforeAll(async () => {
  h = await startServer();
  const played = await playedExercise(h, 'archived');
  ({ id, director } = played);
  const { evaluator } = played;
  const draft = ((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).draft;
  await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, { ...draft, executiveSummary: 'Archived summary.' });
  const row = (await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, CORDON_ROW)).json() as ImprovementItemView;
  await h.request('POST', `/api/exercises/${id}/report/finalise`, evaluator);
  await h.request('POST', `/api/exercises/${id}/improvement-plan/${row.id}/status`, director, { status: 'in-progress', comment: 'Course booked' });
  const response = await fetch(`${h.url}/api/exercises/${id}/exports/archive.json`, { headers: { cookie: director.cookie } });
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="border-alarm-drill-archived-archive.json"');
  archive = (await response.json()) as ExerciseArchive;
});
afterAll(async () => h.close());

const withoutId = (review: ExerciseReview) => ({ ...review, exerciseId: undefined });

describe('the exercise archive', () => {
  it('holds the pinned scenario, the whole log with observations and ratings, the report versions and the improvement plan', async () => {
    const record = (await h.server.runtime.store.getExercise(id))!;
    expect(archive).toMatchObject({ format: 'startex.exercise-archive', formatVersion: ARCHIVE_FORMAT_VERSION, exercise: { id, title: 'Border alarm drill archived', scenario: record.scenario } });
    expect(archive.log).toEqual(await h.server.runtime.store.readLog(id));
    expect(archive.log.map((e) => e.type)).toEqual(expect.arrayContaining(['observation.recorded', 'rating.recorded', 'exercise.ended']));
    expect(archive.report.versions.map((v) => [v.version, v.content.executiveSummary])).toEqual([[1, 'Archived summary.']]);
    expect(archive.improvementPlan.map((i) => [i.correctiveAction, i.status, i.history.length])).toEqual([[CORDON_ROW.correctiveAction, 'in-progress', 2]]);
  });

  it('imports as a new, ended exercise with the same review, report and plan', async () => {
    const planner = await h.member('director', { username: 'archive-planner' });
    await h.request('PATCH', `/api/admin/users/${planner.userId}`, h.admin, { roles: ['planner'] });
    const imported = await h.request('POST', '/api/archives', planner, archive);
    expect(imported.statusCode).toBe(201);
    const { id: copy, title, status } = imported.json() as { id: string; title: string; status: string };
    expect([title, status]).toEqual(['Border alarm drill archived (imported)', 'ended']);
    expect(copy).not.toBe(id);

    const store = h.server.runtime.store;
    const original = computeReview((await store.getExercise(id))!.scenario, await store.readLog(id));
    const again = computeReview((await store.getExercise(copy))!.scenario, await store.readLog(copy));
    expect(withoutId(again)).toEqual(withoutId(original));
    expect(again.exerciseId).toBe(copy);

    // The importer directs the copy; its report and plan read back as they were exported.
    const view = (await h.request('GET', `/api/exercises/${copy}/report`, planner)).json() as ReportView;
    const originalView = (await h.request('GET', `/api/exercises/${id}/report`, director)).json() as ReportView;
    expect(view.draft).toEqual(originalView.draft);
    expect(view.versions).toEqual(originalView.versions);
    const frozen = (await h.request('GET', `/api/exercises/${id}/report/versions/1`, director)).json() as ReportVersion;
    expect((await h.request('GET', `/api/exercises/${copy}/report/versions/1`, planner)).json()).toEqual({
      ...frozen,
      improvementPlan: frozen.improvementPlan.map((item) => ({ ...item, exerciseId: copy })),
    });
    const plan = (await h.request('GET', `/api/exercises/${copy}/improvement-plan`, planner)).json() as ImprovementItemView[];
    const originalPlan = (await h.request('GET', `/api/exercises/${id}/improvement-plan`, director)).json() as ImprovementItemView[];
    const comparable = (items: ImprovementItemView[]) => items.map(({ id: _id, exerciseId: _x, exerciseTitle: _t, ...rest }) => rest);
    expect(comparable(plan)).toEqual(comparable(originalPlan));
    expect(plan[0]!.id).not.toBe(originalPlan[0]!.id);
    // Re-analysis, not replay of play: StartEx cannot be run again on the copy.
    const host = await h.server.runtime.get(copy);
    await expect(host.command({ type: 'start' }, { kind: 'system' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('refuses a bad archive with ARCHIVE_INVALID and imports nothing of it', async () => {
    const live = await h.server.runtime.create({ scenario: archive.exercise.scenario, speed: 1 });
    const liveHost = await h.server.runtime.get(live.id);
    await liveHost.command({ type: 'ready' }, { kind: 'system' });
    await liveHost.command({ type: 'start' }, { kind: 'system' });
    const liveLog = await h.server.runtime.store.readLog(live.id);
    const cases: [string, unknown, RegExp][] = [
      ['not an archive', { hello: 'world' }, /format/],
      ['a newer format', { ...archive, formatVersion: 2 }, /formatVersion/],
      ['a log with a gap', { ...archive, log: archive.log.filter((e) => e.seq !== 3) }, /log entry 3 breaks the sequence/],
      ['a log of another exercise', { ...archive, log: archive.log.map((e) => ({ ...e, exerciseId: 'elsewhere' })) }, /log entry 1/],
      ['an exercise still in play', { ...archive, exercise: { ...archive.exercise, id: live.id }, log: liveLog, report: { draft: null, versions: [] }, improvementPlan: [] }, /the exercise is live; export it after EndEx/],
      ['a plan row of another exercise', { ...archive, improvementPlan: archive.improvementPlan.map((i) => ({ ...i, exerciseId: 'elsewhere' })) }, /another exercise/],
      ['a malformed log entry', { ...archive, log: [{ ...archive.log[0], type: 'exercise.exploded' }, ...archive.log.slice(1)] }, /log\.0/],
    ];
    for (const [name, body, message] of cases) {
      const before = dumpDatabase(databaseFile(h.dataDir));
      const response = await h.request('POST', '/api/archives', h.admin, body);
      expect(response.json(), name).toMatchObject({ statusCode: 422, code: 'ARCHIVE_INVALID', message: expect.stringMatching(message) });
      expect(dumpDatabase(databaseFile(h.dataDir)), name).toEqual(before);
    }
    expect((await h.request('POST', '/api/archives', director, archive)).json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});
