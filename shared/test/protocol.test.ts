import { describe, expect, expectTypeOf, it } from 'vitest';
import { CLIENT_EVENT_SCHEMAS, LogQuery, type ClientToServerEvents, type CommitResult, type ServerToClientEvents } from '../src/index.ts';

/** What a typed socket.io client's emit accepts (the client and the tests use these maps). */
type Emit<Events> = <E extends keyof Events & string>(event: E, ...args: Events[E] extends (...a: infer A) => void ? A : never) => void;

describe('the wire protocol', () => {
  it('has a payload schema for every client event and no other', () => {
    const events: Record<keyof ClientToServerEvents, true> = {
      sync: true,
      command: true,
      'inject.delivered': true,
      'inject.acknowledge': true,
      'action.take': true,
      'message.send': true,
      'observation.record': true,
      'commscheck.acknowledge': true,
      'feedback.submit': true,
    };
    expect(Object.keys(CLIENT_EVENT_SCHEMAS).sort()).toEqual(Object.keys(events).sort());
  });

  it('refuses at run time what the types refuse at compile time', () => {
    const emit: Emit<ClientToServerEvents> = () => {};
    const ack = (result: CommitResult) => void result;
    // @ts-expect-error: no such event; a typo must not compile.
    emit('inject.acknowledged', { injectId: 'i1' }, ack);
    // @ts-expect-error: an action needs its fields and idempotency key, not a number for its id.
    emit('action.take', { actionId: 3 }, ack);
    expect(CLIENT_EVENT_SCHEMAS['action.take'].safeParse({ actionId: 3 }).success).toBe(false);
    // @ts-expect-error: inject references are strict objects.
    emit('inject.acknowledge', { injectId: 'i1', teamId: 'police' }, ack);
    expect(CLIENT_EVENT_SCHEMAS['inject.acknowledge'].safeParse({ injectId: 'i1', teamId: 'police' }).success).toBe(false);
    expect(CLIENT_EVENT_SCHEMAS['inject.acknowledge'].safeParse({ injectId: 'i1' }).success).toBe(true);

    const listen = <E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) => [event, handler];
    // @ts-expect-error: a log handler receives a log entry, not a number.
    listen('log', (entry: number) => entry);
    expectTypeOf<Parameters<ServerToClientEvents['refused']>[0]>().toHaveProperty('code');
  });

  it('reads the log query from a query string', () => {
    expect(LogQuery.parse({ afterSeq: '12' })).toEqual({ afterSeq: 12 });
    expect(LogQuery.parse({})).toEqual({ afterSeq: 0 });
    expect(LogQuery.safeParse({ afterSeq: '-1' }).success).toBe(false);
  });
});

describe('calendar dates in improvement plans', () => {
  it('refuses text that is no date without throwing', async () => {
    const { CalendarDate } = await import('../src/index.ts');
    for (const text of ['', 'tomorrow', '2026-13-45', '2026-02-30']) expect(CalendarDate.safeParse(text).success).toBe(false);
    expect(CalendarDate.safeParse('2028-02-29').success).toBe(true);
  });
});
