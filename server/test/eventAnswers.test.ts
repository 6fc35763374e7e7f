import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { CLIENT_EVENT_SCHEMAS, type ClientToServerEvents, type LogEntry } from '@startex/shared';
import { DEMO_EXERCISE_ID } from '../src/seedDemo.ts';
import { call, client, connected, startServer, until, type Harness, type TestSocket } from './harness.ts';

/**
 * Issue 13: every client event gets exactly one answer, and nothing is committed without one. The
 * acknowledgement is the last argument whatever comes before it; a missing, extra or malformed
 * payload is answered VALIDATION_FAILED; an event without an acknowledgement commits nothing.
 * The loop runs over the typed event map, so a new event is covered (and SENDS must name it).
 */
type Sender = 'director' | 'tablet' | 'evaluator';

/** For each client event, who sends it and a payload that is valid in a live exercise. */
const SENDS: { [E in keyof ClientToServerEvents]: { by: Sender; payload: Parameters<ClientToServerEvents[E]>[0] } } = {
  sync: { by: 'tablet', payload: { afterSeq: 0 } },
  command: { by: 'director', payload: { type: 'note', text: 'Unanswered note?' } },
  'inject.delivered': { by: 'tablet', payload: { injectId: 'portal_alarm' } },
  'inject.acknowledge': { by: 'tablet', payload: { injectId: 'portal_alarm' } },
  'action.take': { by: 'tablet', payload: { actionId: 'report_alarm', fields: { dose_rate_usvh: 2, vehicle_held: true }, idempotencyKey: 'unanswered-action' } },
  'message.send': { by: 'tablet', payload: { to: { teams: [], organisations: ['supervisor'] }, text: 'Unanswered?', idempotencyKey: 'unanswered-message' } },
  'observation.record': { by: 'evaluator', payload: { observedAtMs: 0, kind: 'note', text: 'Unanswered?', idempotencyKey: 'unanswered-observation' } },
  'commscheck.acknowledge': { by: 'tablet', payload: { checkId: 'check-1' } },
  'feedback.submit': { by: 'tablet', payload: { wentWell: 'Quick.', toImprove: 'Nothing.', objectives: [], idempotencyKey: 'unanswered-feedback' } },
};

let h: Harness;
const sockets = {} as Record<Sender, TestSocket>;

beforeAll(async () => {
  // Speed 60: the demo's alarm comes 2 s after StartEx, its chaser and EndEx minutes later.
  h = await startServer({ speed: 60 });
  const evaluator = await h.member('evaluator');
  const tablet = client(h.url, h.joinCode('customs'));
  sockets.tablet = tablet.socket;
  sockets.director = client(h.url, h.controllerToken).socket;
  sockets.evaluator = client(h.url, evaluator).socket;
  await Promise.all(Object.values(sockets).map(connected));
  expect(await call(sockets.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
  await until(() => tablet.received.some((e) => e.type === 'inject.released'), 'the alarm on the tablet');
});
afterAll(async () => {
  for (const socket of Object.values(sockets)) socket.disconnect();
  await h.close();
});

const storedLog = async (): Promise<LogEntry[]> => h.server.runtime.store.readLog(DEMO_EXERCISE_ID);

/** Emits raw arguments with an acknowledgement last; resolves with every answer heard by the time the first comes. */
function answersTo(socket: TestSocket, event: string, args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const answers: unknown[] = [];
    const timeout = setTimeout(() => reject(new Error(`no answer to "${event}" with ${args.length} argument(s)`)), 5_000);
    (socket as unknown as Socket).emit(event, ...args, (answer: unknown) => {
      answers.push(answer);
      clearTimeout(timeout);
      // Any second answer to the same acknowledgement would arrive with the first's frame or after it.
      setImmediate(() => resolve(answers));
    });
  });
}

describe('every client event gets exactly one answer', () => {
  const events = Object.keys(CLIENT_EVENT_SCHEMAS) as (keyof ClientToServerEvents)[];

  it('names a sender and a valid payload for every event in the map', () => {
    expect(Object.keys(SENDS).sort()).toEqual([...events].sort());
  });

  for (const event of events) {
    it(`${event}: a missing, extra or malformed payload is answered VALIDATION_FAILED, and nothing is committed`, async () => {
      const { by, payload } = SENDS[event];
      const socket = sockets[by];
      const before = await storedLog();
      const cases: [string, unknown[]][] = [
        ['an extra argument after the payload', [payload, 'extra']],
        ['an extra object after the payload', [payload, {}]],
        ['an extra argument before the payload', ['extra', payload]],
        ['no payload', []],
        ['a payload that is not an object', [42]],
      ];
      for (const [what, args] of cases) {
        const answers = await answersTo(socket, event, args);
        expect(answers, `${event} with ${what}`).toEqual([{ ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }]);
      }
      // Without an acknowledgement: nothing to answer, so nothing is done.
      (socket as unknown as Socket).emit(event, payload);
      await call(socket, 'sync', { afterSeq: 0 });
      expect(await storedLog()).toEqual(before);
    });
  }

  it('answers an event that is not in the map, when it brings an acknowledgement', async () => {
    expect(await answersTo(sockets.tablet, 'action.undo', [{ seq: 1 }])).toEqual([
      { ok: false, error: { code: 'VALIDATION_FAILED', message: 'There is no event "action.undo".', path: 'event' } },
    ]);
  });

  it('still answers the well-formed event as before', async () => {
    const result = await call(sockets.tablet, 'action.take', SENDS['action.take'].payload);
    expect(result).toMatchObject({ ok: true });
    const stored = (await storedLog()).find((e) => result.ok && e.seq === result.seq);
    expect(stored).toMatchObject({ type: 'action.taken', idempotencyKey: 'unanswered-action' });
  });
});
