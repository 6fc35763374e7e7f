import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioDocument, type LogEntry } from '@startex/shared';
import { call, client, connected, createExercise, multiTeamScenario, startServer, type Harness, type TestExercise, type TestSocket } from './harness.ts';

/**
 * Issue 13: an idempotency key belongs to whoever sent it (a team, or a signed-in person) within
 * the exercise. Another sender's key is a new key; the same sender's key with another request is
 * refused with IDEMPOTENCY_KEY_REUSED and commits nothing; an identical retry gets the first seq.
 */
let h: Harness;
let x: TestExercise;
let customs: TestSocket;
let customs2: TestSocket;
let police: TestSocket;
let director: TestSocket;

beforeAll(async () => {
  h = await startServer({ speed: 600 });
  // Both teams may report: the same action, each team with its own fields.
  const base = multiTeamScenario();
  const scenario = ScenarioDocument.parse({ ...base, actions: base.actions.map((a) => ({ ...a, teams: ['customs', 'police'] })) });
  // Speed 1: no scenario timer fires while the test runs.
  x = await createExercise(h, scenario, { speed: 1, ready: true });
  const secondCustomsCode = await h.server.identity.createJoinCode('test', { exerciseId: x.id, role: 'participant', teamId: 'customs' });
  customs = client(h.url, x.joinCode('customs')).socket;
  customs2 = client(h.url, secondCustomsCode.token).socket;
  police = client(h.url, x.joinCode('police')).socket;
  director = client(h.url, x.director).socket;
  await Promise.all([customs, customs2, police, director].map(connected));
  expect(await call(director, 'command', { type: 'start' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  for (const socket of [customs, customs2, police, director]) socket.disconnect();
  await h.close();
});

const log = async (): Promise<LogEntry[]> => (await h.server.runtime.get(x.id)).entriesFor({ role: 'director' }, 0);
const lastSeq = async () => (await h.server.runtime.get(x.id)).lastSeq;
const reused = { ok: false, error: { code: 'IDEMPOTENCY_KEY_REUSED', path: 'idempotencyKey' } };
/** A retry's answer: the first seq, and no entries (they came with the first answer; issue 14). */
const retryOf = (first: object) => ({ ...first, entries: [] });

/** The same key from the same sender with another request: refused, and the log does not move. */
async function refusedWithoutCommit<T>(send: () => Promise<T>, expected: object = reused): Promise<void> {
  const before = await lastSeq();
  expect(await send()).toMatchObject(expected);
  expect(await lastSeq()).toBe(before);
}

describe('idempotency keys are scoped to their sender', () => {
  it('action.take: another team\'s key is a new key; the same team\'s key with other fields is refused', async () => {
    const report = (dose: number) => ({ actionId: 'report_alarm', fields: { dose_rate_usvh: dose, vehicle_held: true }, idempotencyKey: 'collide-1234' });
    const first = await call(customs, 'action.take', report(1));
    expect(first).toMatchObject({ ok: true });
    const theirs = await call(police, 'action.take', report(2));
    expect(theirs).toMatchObject({ ok: true });
    expect(theirs).not.toEqual(first);
    // A retry, from the same tablet or another of the team, answers the first seq.
    expect(await call(customs, 'action.take', report(1))).toEqual(retryOf(first));
    expect(await call(customs2, 'action.take', report(1))).toEqual(retryOf(first));
    expect(await call(police, 'action.take', report(2))).toEqual(retryOf(theirs));
    await refusedWithoutCommit(() => call(customs, 'action.take', report(3)));
    await refusedWithoutCommit(() => call(customs2, 'action.take', { ...report(1), fields: { dose_rate_usvh: 1, vehicle_held: false } }));

    const actions = (await log()).filter((e) => e.type === 'action.taken');
    expect(actions.map((e) => e.type === 'action.taken' && [e.seq, e.teamId, e.fields.dose_rate_usvh])).toEqual([
      [first.ok && first.seq, 'customs', 1],
      [theirs.ok && theirs.seq, 'police', 2],
    ]);
  });

  it('message.send: the same', async () => {
    const message = (text: string) => ({ to: { teams: ['fire'], organisations: [] }, text, idempotencyKey: 'message-collide' });
    const first = await call(customs, 'message.send', message('Customs: vehicle held.'));
    const theirs = await call(police, 'message.send', message('Police: cordon set.'));
    expect(first).toMatchObject({ ok: true });
    expect(theirs).toMatchObject({ ok: true });
    expect(theirs).not.toEqual(first);
    expect(await call(customs2, 'message.send', message('Customs: vehicle held.'))).toEqual(retryOf(first));
    await refusedWithoutCommit(() => call(customs, 'message.send', message('Customs: vehicle released.')));
    const sent = (await log()).filter((e) => e.type === 'message.sent');
    expect(sent.map((e) => e.type === 'message.sent' && [e.from, e.text])).toEqual([
      [{ kind: 'team', teamId: 'customs' }, 'Customs: vehicle held.'],
      [{ kind: 'team', teamId: 'police' }, 'Police: cordon set.'],
    ]);
  });

  it('inject receipts are per team', async () => {
    expect(await call(director, 'command', { type: 'adhoc', to: ['customs', 'police'], channel: 'phone', from: 'Dispatch', subject: 'Both', body: 'For both teams.' })).toMatchObject({ ok: true });
    for (const event of ['inject.delivered', 'inject.acknowledge'] as const) {
      const mine = await call(customs, event, { injectId: 'adhoc-1' });
      const theirs = await call(police, event, { injectId: 'adhoc-1' });
      expect(mine).toMatchObject({ ok: true });
      expect(theirs).toMatchObject({ ok: true });
      expect(theirs).not.toEqual(mine);
      expect(await call(customs2, event, { injectId: 'adhoc-1' })).toEqual(retryOf(mine));
    }
  });

  it('observation.record and ratings: each evaluator\'s keys are their own', async () => {
    const [eva, rolandas] = await Promise.all([h.member('evaluator', { exerciseId: x.id }), h.member('evaluator', { exerciseId: x.id })]);
    const evaSocket = client(h.url, eva).socket;
    const rolandasSocket = client(h.url, rolandas).socket;
    await Promise.all([connected(evaSocket), connected(rolandasSocket)]);
    try {
      const observation = (text: string) => ({ observedAtMs: 0, teamId: 'customs', kind: 'note', text, idempotencyKey: 'observation-collide' });
      const first = await call(evaSocket, 'observation.record', observation('Held the truck at once.'));
      const theirs = await call(rolandasSocket, 'observation.record', observation('Police slow to answer.'));
      expect(first).toMatchObject({ ok: true });
      expect(theirs).toMatchObject({ ok: true });
      expect(theirs).not.toEqual(first);
      expect(await call(evaSocket, 'observation.record', observation('Held the truck at once.'))).toEqual(retryOf(first));
      await refusedWithoutCommit(() => call(evaSocket, 'observation.record', observation('Held the truck late.')));

      const url = `/api/exercises/${x.id}/review/ratings`;
      const rating = (value: 'P' | 'M') => ({ subject: { kind: 'target', id: 'report_on_time' }, rating: value, reason: `Rated ${value}.`, idempotencyKey: 'rating-collide' });
      const rated = await h.request('POST', url, eva, rating('P'));
      const ratedByOther = await h.request('POST', url, rolandas, rating('M'));
      expect([rated.statusCode, ratedByOther.statusCode]).toEqual([201, 201]);
      expect(ratedByOther.json().seq).not.toBe(rated.json().seq);
      expect((await h.request('POST', url, eva, rating('P'))).json()).toEqual(rated.json());
      await refusedWithoutCommit(async () => (await h.request('POST', url, eva, rating('M'))).json(), {
        statusCode: 409,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });

      const reconcile = (value: 'S' | 'U') => ({ subject: { kind: 'target', id: 'report_on_time' }, rating: value, reason: 'Lead evaluator.', idempotencyKey: 'reconcile-1' });
      const reconciliations = `/api/exercises/${x.id}/review/reconciliations`;
      const reconciled = await h.request('POST', reconciliations, x.director, reconcile('S'));
      expect(reconciled.statusCode).toBe(201);
      expect((await h.request('POST', reconciliations, x.director, reconcile('S'))).json()).toEqual(reconciled.json());
      await refusedWithoutCommit(async () => (await h.request('POST', reconciliations, x.director, reconcile('U'))).json(), {
        statusCode: 409,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    } finally {
      evaSocket.disconnect();
      rolandasSocket.disconnect();
    }
  });

  it('feedback.submit after EndEx: per team', async () => {
    expect(await call(director, 'command', { type: 'end' })).toMatchObject({ ok: true });
    const feedback = (wentWell: string) => ({ wentWell, toImprove: 'Faster hand-over.', objectives: [], idempotencyKey: 'feedback-collide' });
    const first = await call(customs, 'feedback.submit', feedback('Quick hold.'));
    const theirs = await call(police, 'feedback.submit', feedback('Quick cordon.'));
    expect(first).toMatchObject({ ok: true });
    expect(theirs).toMatchObject({ ok: true });
    expect(theirs).not.toEqual(first);
    expect(await call(customs2, 'feedback.submit', feedback('Quick hold.'))).toEqual(retryOf(first));
    await refusedWithoutCommit(() => call(customs, 'feedback.submit', feedback('Slow hold.')));
  });

  it('a restarted host folds the same ledger from the stored log', async () => {
    const before = await h.server.runtime.get(x.id);
    const { ExerciseHost } = await import('../src/runtime/ExerciseHost.ts');
    const reloaded = await ExerciseHost.load(h.server.runtime.store, before.record);
    try {
      expect(reloaded.describe(0)).toEqual(before.describe(0));
      await expect(reloaded.submitFeedback('police', { wentWell: 'Quick cordon.', toImprove: 'Faster hand-over.', objectives: [], idempotencyKey: 'feedback-collide' }))
        .resolves.toBe((await log()).find((e) => e.type === 'feedback.submitted' && e.teamId === 'police')!.seq);
      await expect(reloaded.submitFeedback('police', { wentWell: 'Other.', toImprove: 'Faster hand-over.', objectives: [], idempotencyKey: 'feedback-collide' }))
        .rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    } finally {
      reloaded.dispose();
    }
  });
});
