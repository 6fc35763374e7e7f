import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '@startex/shared';
import { computeReview } from '../../src/review/computeReview.ts';
import { call, client, connected, createExercise, multiTeamScenario, startServer, until, type Harness, type StaffCredential, type TestExercise } from '../harness.ts';

let h: Harness;
let x: TestExercise;
let people: Record<'evaluator' | 'evaluator2' | 'controller' | 'observer' | 'participant', StaffCredential & { userId: string }>;
const url = (path: string) => `/api/exercises/${x.id}${path}`;
const log = () => h.server.runtime.store.readLog(x.id);

beforeAll(async () => {
  h = await startServer();
  x = await createExercise(h, multiTeamScenario(), { speed: 1, ready: true });
  const as = (role: 'evaluator' | 'controller' | 'observer' | 'participant', teamId?: string) => h.member(role, { exerciseId: x.id, ...(teamId ? { teamId } : {}) });
  people = {
    evaluator: await as('evaluator'),
    evaluator2: await as('evaluator'),
    controller: await as('controller'),
    observer: await as('observer'),
    participant: await as('participant', 'customs'),
  };
});
afterAll(async () => h.close());

const FORBIDDEN = { statusCode: 403, code: 'FORBIDDEN', error: 'Forbidden', message: 'Your role does not allow this.' };
const rating = (key: string, value: string, id = 'report_on_time', kind = 'target') => ({ subject: { kind, id }, rating: value, reason: `Because ${key}.`, idempotencyKey: key });
const feedback = (key: string) => ({ wentWell: 'The hold was quick.', toImprove: 'Tell police sooner.', objectives: [{ objectiveId: 'verify_alarm', wentWell: 'Dose rate measured.', toImprove: '' }], idempotencyKey: key });

/** Sends a write and checks that a refusal left the log as it was. */
async function refused(method: 'POST', path: string, who: StaffCredential, body: unknown, expected: object) {
  const before = await log();
  const response = await h.request(method, url(path), who, body);
  expect(response.json()).toMatchObject(expected);
  expect(await log()).toEqual(before);
}

describe('the review API', () => {
  it('takes feedback only after EndEx, ratings only once play has started', async () => {
    await refused('POST', '/review/feedback', people.participant, feedback('early-feedback'), { statusCode: 409, code: 'EXERCISE_NOT_ENDED' });
    await refused('POST', '/review/ratings', people.evaluator, rating('early-rating', 'P'), { statusCode: 409, code: 'EXERCISE_NOT_LIVE' });
  });

  it('plays, rates, reconciles and collects feedback, each a log entry the review is computed from', async () => {
    const host = await h.server.runtime.get(x.id);
    const director = { kind: 'controller' as const, id: x.director.userId, role: 'director' as const };
    await host.command({ type: 'start' }, director);
    await host.command({ type: 'release', injectId: 'portal_alarm' }, director);
    await host.takeAction('customs', { actionId: 'report_alarm', fields: { dose_rate_usvh: 3, vehicle_held: true }, injectId: 'portal_alarm', idempotencyKey: 'api-report-1' });
    await host.command({ type: 'end' }, director);

    const first = await h.request('POST', url('/review/ratings'), people.evaluator, rating('eva-rate-1', 'P'));
    expect(first.statusCode).toBe(201);
    // The same idempotency key again: the same entry, not a second one.
    expect((await h.request('POST', url('/review/ratings'), people.evaluator, rating('eva-rate-1', 'P'))).json()).toEqual(first.json());
    const second = await h.request('POST', url('/review/ratings'), people.evaluator2, rating('rol-rate-1', 'M'));
    expect(second.statusCode).toBe(201);
    const reconciled = await h.request('POST', url('/review/reconciliations'), x.director, { subject: { kind: 'target', id: 'report_on_time' }, rating: 'S', reason: 'Reported, without the dose rate at 1 m.', idempotencyKey: 'dir-reconcile-1' });
    expect(reconciled.statusCode).toBe(201);
    const observed = await h.request('POST', url('/review/observations'), people.evaluator, { observedAtMs: 90_000, teamId: 'police', kind: 'area-for-improvement', text: 'Police never called back.', idempotencyKey: 'post-obs-1' });
    expect(observed.statusCode).toBe(201);
    expect((await h.request('POST', url('/review/feedback'), people.participant, feedback('anna-feedback'))).statusCode).toBe(201);

    const entries = await log();
    const review = (await h.request('GET', url('/review'), x.director)).json();
    // The log alone gives the review; only the participant's display name is looked up beside it.
    expect({ ...review, feedback: review.feedback.map(({ userName: _, ...f }: { userName?: string }) => f) }).toEqual(computeReview(multiTeamScenario(), entries));
    const target = review.evaluation.capabilities[0].targets[0];
    expect(target.ratings.map((r: { seq: number; rating: string }) => [r.seq, r.rating])).toEqual([[first.json().seq, 'P'], [second.json().seq, 'M']]);
    expect(target.final).toMatchObject({ status: 'reconciled', rating: 'S', reconciliation: { seq: reconciled.json().seq, by: x.director.userId, consideredSeqs: [first.json().seq, second.json().seq] } });
    expect(review.evaluation.unlinked).toMatchObject([{ seq: observed.json().seq, postExercise: true, teamId: 'police' }]);
    expect(review.feedback).toMatchObject([{ teamId: 'customs', userId: people.participant.userId, userName: 'Test participant', wentWell: 'The hold was quick.' }]);
    const reconciliation = entries.find((e) => e.seq === reconciled.json().seq)!;
    expect(reconciliation).toMatchObject({ type: 'rating.reconciled', actor: { kind: 'controller', id: x.director.userId, role: 'director' } });
  });

  it('takes a tablet\'s hot-wash over its socket, and shows each team only its own', async () => {
    const customs = client(h.url, x.joinCode('customs'));
    const police = client(h.url, x.joinCode('police'));
    await Promise.all([connected(customs.socket), connected(police.socket)]);
    try {
      const ack = await call(customs.socket, 'feedback.submit', feedback('tablet-feedback-1'));
      expect(ack).toMatchObject({ ok: true });
      expect(await call(customs.socket, 'feedback.submit', { ...feedback('tablet-feedback-2'), wentWell: '', toImprove: '', objectives: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      await until(() => customs.received.some((e) => e.type === 'feedback.submitted'), 'the team\'s own feedback');
      const sync = await call(police.socket, 'sync', { afterSeq: 0 });
      if (!sync.ok) throw new Error(sync.error.code);
      expect(sync.entries.filter((e: LogEntry) => e.type === 'feedback.submitted' || e.type.startsWith('rating.') || e.type === 'observation.recorded')).toEqual([]);
      const customsSync = await call(customs.socket, 'sync', { afterSeq: 0 });
      if (!customsSync.ok) throw new Error(customsSync.error.code);
      expect(customsSync.entries.filter((e: LogEntry) => e.type === 'feedback.submitted').map((e: LogEntry) => e.seq)).toHaveLength(2);
      expect(customsSync.exercise.hotWash).toEqual({ objectives: [{ id: 'verify_alarm', title: 'Verify a radiation alarm and report it' }] });
      expect(customsSync.entries.some((e: LogEntry) => e.type.startsWith('rating.'))).toBe(false);
    } finally {
      customs.socket.disconnect();
      police.socket.disconnect();
    }
  });

  it('refuses roles the policy does not name, changing nothing', async () => {
    for (const who of [people.observer, people.participant]) expect((await h.request('GET', url('/review'), who)).json()).toEqual(FORBIDDEN);
    expect((await h.request('GET', url('/replay?atSeq=2'), people.observer)).json()).toEqual(FORBIDDEN);
    expect((await h.request('GET', url('/review/charts/ratings.svg'), people.participant)).json()).toEqual(FORBIDDEN);
    await refused('POST', '/review/ratings', people.controller, rating('ctl-rate-1', 'P'), FORBIDDEN);
    await refused('POST', '/review/ratings', x.director, rating('dir-rate-1', 'P'), FORBIDDEN);
    await refused('POST', '/review/reconciliations', people.evaluator, rating('eva-reconcile-1', 'P'), FORBIDDEN);
    await refused('POST', '/review/observations', people.observer, { observedAtMs: 0, kind: 'note', text: 'Hi.', idempotencyKey: 'obs-observer-1' }, FORBIDDEN);
    await refused('POST', '/review/feedback', people.evaluator, feedback('eval-feedback'), FORBIDDEN);
    // A cookie without the CSRF token never writes.
    await refused('POST', '/review/ratings', { ...people.evaluator, csrfToken: 'wrong' }, rating('csrf-rate-1', 'P'), { statusCode: 403, code: 'CSRF_FAILED' });
    expect((await h.request('GET', url('/review'))).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses bad input with a catalogue code, changing nothing', async () => {
    await refused('POST', '/review/ratings', people.evaluator, rating('bad-rate-1', 'X'), { statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('body.rating') });
    await refused('POST', '/review/ratings', people.evaluator, { ...rating('bad-rate-2', 'P'), reason: 'x'.repeat(5001) }, { statusCode: 400, code: 'VALIDATION_FAILED' });
    await refused('POST', '/review/ratings', people.evaluator, { ...rating('bad-rate-3', 'P'), extra: true }, { statusCode: 400, code: 'VALIDATION_FAILED' });
    await refused('POST', '/review/ratings', people.evaluator, rating('bad-rate-4', 'P', 'no_such_target'), { statusCode: 400, code: 'UNKNOWN_RATING_SUBJECT' });
    await refused('POST', '/review/ratings', people.evaluator, rating('bad-rate-5', 'P', 'report_on_time', 'capability'), { statusCode: 400, code: 'UNKNOWN_RATING_SUBJECT' });
    await refused('POST', '/review/feedback', people.participant, { ...feedback('bad-feedback-7'), objectives: [{ objectiveId: 'nope', wentWell: 'x', toImprove: '' }] }, { statusCode: 400, code: 'VALIDATION_FAILED' });
    await refused('POST', '/review/observations', people.evaluator, { observedAtMs: 0, kind: 'note', text: 'x', taskId: 'no_task', idempotencyKey: 'bad-obs-1' }, { statusCode: 400, code: 'VALIDATION_FAILED' });
    for (const query of ['', '?atMs=-1', '?atMs=abc', '?atSeq=1&atMs=2', '?other=1']) {
      expect((await h.request('GET', url(`/replay${query}`), x.director)).json(), query).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await h.request('GET', url('/review/charts/pie.svg'), x.director)).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await h.request('GET', url('/review/charts/ratings.png'), x.director)).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((await h.request('GET', '/api/exercises/nope/review', x.director)).json()).toMatchObject({ statusCode: 404, code: 'EXERCISE_NOT_FOUND' });
  });

  it('replays to a seq or a time, and serves the charts as SVG', async () => {
    const entries = await log();
    const started = entries.find((e) => e.type === 'exercise.started')!;
    const bySeq = (await h.request('GET', url(`/replay?atSeq=${started.seq}`), people.evaluator)).json();
    expect(bySeq).toMatchObject({ lastSeq: started.seq, status: 'live', span: { lastSeq: entries.at(-1)!.seq } });
    const end = (await h.request('GET', url(`/replay?atMs=${entries.at(-1)!.exerciseTimeMs}`), people.controller)).json();
    expect(end).toMatchObject({ lastSeq: entries.at(-1)!.seq, status: 'ended' });
    expect(end.teams.find((t: { teamId: string }) => t.teamId === 'customs')).toMatchObject({ actionCount: 1, received: [{ injectId: 'portal_alarm', status: 'acted' }] });
    const chart = await h.request('GET', url('/review/charts/ratings.svg'), people.evaluator);
    expect(chart.statusCode).toBe(200);
    expect(String((chart as unknown as { headers: Record<string, string> }).headers['content-type'])).toMatch(/^image\/svg\+xml/);
    expect((chart as unknown as { body: string }).body).toContain('Final ratings');
  });

  it('the director records a final rating where no evaluator has rated: nothing considered, nothing else changed', async () => {
    const final = async () => (await h.request('GET', url('/review'), x.director)).json().evaluation.capabilities.find((c: { id: string }) => c.id === 'verify_alarm').final;
    expect(await final()).toEqual({ status: 'unrated' });
    const body = { subject: { kind: 'capability', id: 'verify_alarm' }, rating: 'S', reason: 'Rated from the debrief: no evaluator covered this capability.', idempotencyKey: 'dir-final-unrated' };
    const recorded = await h.request('POST', url('/review/reconciliations'), x.director, body);
    expect(recorded.statusCode).toBe(201);
    expect(await final()).toMatchObject({ status: 'reconciled', rating: 'S', reconciliation: { seq: recorded.json().seq, by: x.director.userId, reason: body.reason, consideredSeqs: [] } });
    // Still only the director: an evaluator cannot record a final rating.
    await refused('POST', '/review/reconciliations', people.evaluator, { ...body, idempotencyKey: 'eva-final-unrated' }, FORBIDDEN);
  });
});
