import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { ControllerCommand, LogEntry, Viewer } from '@startex/shared';
import { canSee } from '@startex/scenarios/engine';
import { call, client, createExercise, LogMirror, refused, startServer, until, type Harness, type TestExercise } from './harness.ts';

let h: Harness;
const mirrors: LogMirror[] = [];
beforeEach(async () => {
  // Speed 600: each demo's alarm fires 200 ms after its StartEx, EndEx 300 ms after the report.
  h = await startServer({ speed: 600 });
});
afterEach(async () => {
  for (const mirror of mirrors.splice(0)) mirror.close();
  await h.close();
});

interface Play {
  exercise: TestExercise;
  control: LogMirror;
  tablet: LogMirror;
}

async function play(exercise: TestExercise): Promise<Play> {
  const control = new LogMirror(exercise.director);
  const tablet = new LogMirror(exercise.joinCode('customs'));
  mirrors.push(control, tablet);
  await Promise.all([control.open(h.url), tablet.open(h.url)]);
  return { exercise, control, tablet };
}

async function command(p: Play, command: ControllerCommand): Promise<number> {
  const result = await call(p.control.socket!, 'command', command);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code}`);
  return result.seq;
}

const report = (key: string) => ({ actionId: 'report_alarm', fields: { dose_rate_usvh: 3, vehicle_held: true }, idempotencyKey: key });
const has = (mirror: LogMirror, match: (e: LogEntry) => boolean) => mirror.entries.some(match);
const releasedId = (id: string) => (e: LogEntry) => e.type === 'inject.released' && e.inject.id === id;
const ended = (e: LogEntry) => e.type === 'exercise.ended';

describe('several exercises on one server', () => {
  it('keeps their logs, clients, codes and lifecycles apart', async () => {
    // Speed 120: the alarm comes 1 s after StartEx and the chaser 5 s later, time enough for the
    // steps below on a loaded machine (at 600 the chaser could fire first and add an inject).
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => createExercise(h, LIBRARY.demo!, { speed: 120, ready: true })));
    const plays = await Promise.all([a!, b!, c!].map(play));
    const [A, B, C] = plays as [Play, Play, Play];

    await Promise.all(plays.map((p) => command(p, { type: 'start' })));
    await Promise.all(plays.map((p) => until(() => has(p.tablet, releasedId('portal_alarm')), 'each alarm')));

    // Each socket is bound to the exercise its code or session was for: C's ad-hoc inject is not A's.
    await command(C, { type: 'adhoc', to: ['customs'], channel: 'email', from: 'C control', subject: 'Only for C', body: 'C.' });
    expect(await call(A.tablet.socket!, 'inject.acknowledge', { injectId: 'adhoc-1' })).toMatchObject({ ok: false, error: { code: 'INJECT_NOT_RELEASED' } });
    expect(await call(A.tablet.socket!, 'action.take', { ...report('a-answers-c'), injectId: 'adhoc-1' }))
      .toMatchObject({ ok: false, error: { code: 'INJECT_NOT_RELEASED' } });
    // A's director has no role in C: refused at the handshake and on C's REST log.
    expect(await refused(client(h.url, { ...A.exercise.director, exerciseId: C.exercise.id }).socket)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.request('GET', `/api/exercises/${C.exercise.id}/log`, A.exercise.director)).statusCode).toBe(403);

    // Driven differently: A plays to EndEx, B halts for a real emergency, C carries on.
    const halt = 'Real fire alarm in the building';
    await Promise.all([
      call(A.tablet.socket!, 'action.take', report('a-report')).then(() => until(() => has(A.tablet, ended), 'EndEx in A')),
      command(B, { type: 'halt', reason: halt }),
    ]);
    await until(() => B.tablet.view?.status === 'halted', 'the halt on B tablet');
    expect(B.tablet.view?.halt).toEqual({ reason: halt });
    expect(await call(B.tablet.socket!, 'action.take', report('b-halted'))).toMatchObject({ ok: false, error: { code: 'EXERCISE_NOT_LIVE' } });

    // A's end and B's halt leave C live and playing.
    expect(await call(C.tablet.socket!, 'sync', { afterSeq: C.tablet.lastSeq })).toMatchObject({ ok: true, exercise: { id: C.exercise.id, status: 'live' } });
    await command(C, { type: 'broadcast', text: 'C weather: wind from the west' });
    expect(await call(C.tablet.socket!, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: 'C reports', idempotencyKey: 'c-message' }))
      .toMatchObject({ ok: true });
    expect(await call(C.tablet.socket!, 'action.take', report('c-report'))).toMatchObject({ ok: true });
    await until(() => has(C.tablet, ended), 'EndEx in C');

    // B resumes on its own and plays out.
    await command(B, { type: 'resume', reason: 'B all clear' });
    expect(await call(B.tablet.socket!, 'action.take', report('b-report'))).toMatchObject({ ok: true });
    await until(() => has(B.tablet, ended), 'EndEx in B');

    const demo = ['exercise.readied', 'exercise.started', 'state.entered', 'timer.fired', 'state.entered', 'inject.released'];
    const reported = ['action.taken', 'state.entered', 'inject.released', 'timer.fired', 'state.entered', 'exercise.ended'];
    const expected: Record<string, string[]> = {
      [A.exercise.id]: [...demo, ...reported],
      [B.exercise.id]: [...demo, 'exercise.halted', 'exercise.resumed', ...reported],
      [C.exercise.id]: [...demo, 'inject.released', 'message.sent', 'message.sent', ...reported],
    };
    for (const p of plays) {
      const id = p.exercise.id;
      const log = await h.server.runtime.store.readLog(id);
      expect(log.map((e) => e.type), id).toEqual(expected[id]);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      expect(log.every((e) => e.exerciseId === id)).toBe(true);
      const keys = log.flatMap((e) => (e.type === 'action.taken' || e.type === 'message.sent' ? [e.idempotencyKey] : []));
      expect(keys.filter((k) => k !== undefined && !['a-report', 'b-report', 'c-report', 'c-message'].includes(k))).toEqual([]);
      // Every client saw exactly its own exercise's entries for its viewer, and views of its own exercise only.
      for (const [mirror, viewer] of [
        [p.control, { role: 'director' }],
        [p.tablet, { role: 'participant', teamId: 'customs' }],
      ] as [LogMirror, Viewer][]) {
        expect(mirror.entries).toEqual(log.filter((e) => canSee(viewer, e)));
        expect(mirror.conflicts).toEqual([]);
        expect(mirror.views.every((v) => v.id === id)).toBe(true);
      }
    }
    // Only B was ever halted.
    expect(A.tablet.views.concat(C.tablet.views).some((v) => v.status === 'halted' || v.halt !== undefined)).toBe(false);
    expect((await h.server.runtime.store.readLog(C.exercise.id)).some((e) => e.type === 'message.sent' && e.text.startsWith('C weather'))).toBe(true);
    // The seeded demo exercise on the same server was never touched.
    expect((await h.server.runtime.store.readLog('demo')).map((e) => e.type)).toEqual(['exercise.readied']);
  });
});
