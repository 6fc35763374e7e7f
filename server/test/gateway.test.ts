import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@startex/shared';
import { call, client, connected, refused, startServer, until, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  // Speed 600: the demo's 2-minute alarm fires 200 ms after StartEx.
  h = await startServer({ speed: 600 });
});
afterEach(async () => h.close());

describe('realtime gateway', () => {
  it('refuses a client with another protocol version, with its catalogue code', async () => {
    const { socket } = client(h.url, h.controllerToken, PROTOCOL_VERSION + 1);
    expect(await refused(socket)).toEqual({
      code: 'PROTOCOL_VERSION_MISMATCH',
      message: `Server speaks protocol ${PROTOCOL_VERSION}, client ${PROTOCOL_VERSION + 1}; reload the page.`,
    });
  });

  it('refuses an unknown join code and a malformed handshake', async () => {
    expect((await refused(client(h.url, 'NOTACODE').socket)).code).toBe('JOIN_CODE_INVALID');
    expect((await refused(client(h.url, '').socket)).code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed payloads with VALIDATION_FAILED and logs nothing', async () => {
    const controller = client(h.url, h.controllerToken);
    await connected(controller.socket);
    const bad = [
      ['command', { type: 'explode' }],
      ['command', 'start'],
      ['command', null],
      ['sync', { afterSeq: -1 }],
      ['action.take', { actionId: 'report_alarm', fields: {}, idempotencyKey: 'x' }],
      ['inject.acknowledge', { injectId: 42 }],
    ] as const;
    for (const [event, payload] of bad) {
      const result = await call(controller.socket, event, payload);
      expect(result, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const sync = await call(controller.socket, 'sync', { afterSeq: 0 });
    expect(sync).toMatchObject({ ok: true, entries: [{ seq: 1, type: 'exercise.readied' }], exercise: { status: 'ready', lastSeq: 1 } });
  });

  it('keeps roles apart: a participant cannot command, a controller cannot act for a team', async () => {
    const controller = client(h.url, h.controllerToken);
    const tablet = client(h.url, h.joinCode('customs'));
    await Promise.all([connected(controller.socket), connected(tablet.socket)]);
    expect(await call(tablet.socket, 'command', { type: 'start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(controller.socket, 'action.take', { actionId: 'report_alarm', fields: {}, idempotencyKey: 'abcdefgh' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('plays the demo end to end over sockets and logs every step', async () => {
    const controller = client(h.url, h.controllerToken);
    const tablet = client(h.url, h.joinCode('customs'));
    await Promise.all([connected(controller.socket), connected(tablet.socket)]);

    expect(await call(controller.socket, 'command', { type: 'start' })).toMatchObject({ ok: true, seq: 2 });
    expect(await call(controller.socket, 'command', { type: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    });

    const alarm = await until(
      () => tablet.received.find((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm'),
      'the alarm inject on the tablet',
    );
    expect(alarm).toMatchObject({ actor: { kind: 'system' }, inject: { subject: 'Gamma alarm on lane 3', to: ['customs'] } });
    expect(await call(tablet.socket, 'inject.delivered', { injectId: 'portal_alarm' })).toMatchObject({ ok: true });
    expect(await call(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' })).toMatchObject({ ok: true });
    // Acknowledging twice is idempotent: the same entry, not a second one.
    const ack1 = await call(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' });
    const ack2 = await call(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' });
    expect(ack1).toEqual(ack2);

    const invalid = await call(tablet.socket, 'action.take', {
      actionId: 'report_alarm',
      fields: { dose_rate_usvh: -3, vehicle_held: true },
      idempotencyKey: 'report-0001',
    });
    expect(invalid).toEqual({
      ok: false,
      error: { code: 'INVALID_ACTION_PAYLOAD', message: '"Dose rate at 1 m (µSv/h)" must be at least 0.', path: 'fields.dose_rate_usvh' },
    });
    const action = { actionId: 'report_alarm', fields: { dose_rate_usvh: 4.2, vehicle_held: true }, idempotencyKey: 'report-0002' };
    const first = await call(tablet.socket, 'action.take', action);
    // A retry is answered with the first one's seq; its entries went out with the first answer.
    expect(await call(tablet.socket, 'action.take', action)).toEqual({ ...first, entries: [] });

    await until(() => tablet.received.find((e) => e.type === 'inject.released' && e.inject.id === 'supervisor_reply'), 'reply');
    await until(() => controller.received.find((e) => e.type === 'exercise.ended'), 'EndEx');

    const log = await h.server.runtime.store.readLog('demo');
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.map((e) => e.type)).toEqual([
      'exercise.readied',
      'exercise.started',
      'state.entered',
      'timer.fired',
      'state.entered',
      'inject.released',
      'inject.delivered',
      'inject.acknowledged',
      'action.taken',
      'state.entered',
      'inject.released',
      'timer.fired',
      'state.entered',
      'exercise.ended',
    ]);
    const reportTime = log.find((e) => e.type === 'action.taken')!.exerciseTimeMs;
    const endTimer = log.filter((e) => e.type === 'timer.fired').at(-1)!;
    expect(endTimer).toMatchObject({ timer: 'reported.after.0', dueExerciseMs: reportTime + 180_000 });
    for (const entry of log) {
      expect(entry.scenarioTimeMs).toBe(9 * 3_600_000 + entry.exerciseTimeMs);
      expect(entry.wallTime).toBeGreaterThan(Date.now() - 60_000);
    }
    // The controller saw every entry after it connected, live.
    expect(controller.received.map((e) => e.seq)).toEqual(log.slice(1).map((e) => e.seq));
  });

  it('answers an input with its committed entries and leaves the sender out of their broadcast; other devices and the console hear them once', async () => {
    const controller = client(h.url, h.controllerToken);
    const [sender, sameTeam] = [client(h.url, h.joinCode('customs')), client(h.url, h.joinCode('customs'))];
    await Promise.all([controller, sender, sameTeam].map((c) => connected(c.socket)));
    // Emitted by hand, so that what the acknowledgement carries is not handed to the log listener (as call() and the client do).
    const emit = (socket: typeof sender.socket, event: 'command' | 'message.send', payload: object) =>
      new Promise<any>((resolve) => (socket.emit as (...args: unknown[]) => void)(event, payload, resolve));
    const started = await emit(controller.socket, 'command', { type: 'start' });
    expect(started).toMatchObject({ ok: true, seq: 2, entries: [{ seq: 2, type: 'exercise.started' }, { seq: 3, type: 'state.entered' }] });
    const message = { to: { teams: [], organisations: ['supervisor'] }, text: 'Lane 3 is closed.', idempotencyKey: 'message-0001' };
    const sent = await emit(sender.socket, 'message.send', message);
    expect(sent).toMatchObject({ ok: true, entries: [{ type: 'message.sent', text: 'Lane 3 is closed.' }] });
    const seq = sent.seq as number;
    await until(() => sameTeam.received.some((e) => e.seq === seq) && controller.received.some((e) => e.seq === seq), 'the message on the other tablet and the console');
    // A later message from the other tablet reaches the sender by broadcast; one of the first message would have come before it.
    const later = await emit(sameTeam.socket, 'message.send', { ...message, text: 'Lane 4 too.', idempotencyKey: 'message-0002' });
    await until(() => sender.received.some((e) => e.seq === later.seq), 'the later message on the sender');
    expect(sender.received.filter((e) => e.seq === seq)).toEqual([]);
    expect(sameTeam.received.filter((e) => e.seq === seq)).toEqual(sent.entries);
    expect(controller.received.filter((e) => e.type === 'exercise.started')).toEqual([]);
    // A retry: the same seq, no entries (they went out with the first answer), and nothing broadcast again.
    expect(await emit(sender.socket, 'message.send', message)).toEqual({ ok: true, seq, entries: [] });
  });

  it('gives a connection its entries in seq order, its own in answers and the others\' as log, however commits interleave', async () => {
    // The resync point moves on with every entry received (the engine's logSync.ts): an answer overtaken by a later
    // entry, then a drop before it arrives, would make the next sync skip the sender's own entry.
    const controller = client(h.url, h.controllerToken);
    const tablet = client(h.url, h.joinCode('customs'));
    await Promise.all([connected(controller.socket), connected(tablet.socket)]);
    expect(await call(controller.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const arrived: number[] = [];
    tablet.socket.on('log', (entry) => arrived.push(entry.seq));
    type Answer = { ok: boolean; seq: number; entries: { seq: number }[] };
    // The answer's entries are noted in the acknowledgement callback itself, in the order the frames came.
    const emit = (socket: typeof tablet.socket, event: 'command' | 'message.send', payload: object) =>
      new Promise<Answer>((resolve) =>
        (socket.emit as (...args: unknown[]) => void)(event, payload, (answer: Answer) => {
          if (socket === tablet.socket) arrived.push(...answer.entries.map((entry) => entry.seq));
          resolve(answer);
        }),
      );
    // Control's broadcasts and the tablet's messages at once, so that they share the store's group commits.
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => [
        emit(tablet.socket, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: `Message ${i}`, idempotencyKey: `ordered-${String(i).padStart(4, '0')}` }),
        ...Array.from({ length: 3 }, (_, j) => emit(controller.socket, 'command', { type: 'broadcast', text: `Broadcast ${i}.${j}` })),
      ]).flat(),
    );
    expect(answers.every((answer) => answer.ok)).toBe(true);
    await until(() => arrived.length === 60, 'every broadcast and message on the tablet');
    expect(arrived).toEqual([...arrived].sort((a, b) => a - b));
  });

  it('tells staff which teams have devices connected, as they come and go', async () => {
    const controller = client(h.url, h.controllerToken);
    const seen: unknown[] = [];
    controller.socket.on('presence', (p) => seen.push(p));
    await connected(controller.socket);
    await until(() => seen.length >= 1, 'presence on connect');
    expect(seen.at(-1)).toEqual({ teams: {}, staff: { director: 1 } });
    const tablet = client(h.url, h.joinCode('customs'));
    await connected(tablet.socket);
    await until(() => JSON.stringify(seen.at(-1)) === JSON.stringify({ teams: { customs: 1 }, staff: { director: 1 } }) && seen, 'tablet presence');
    tablet.socket.disconnect();
    await until(() => JSON.stringify(seen.at(-1)) === JSON.stringify({ teams: {}, staff: { director: 1 } }) && seen, 'tablet gone');
    // A participant is never told who else is connected.
    const other = client(h.url, h.joinCode('customs'));
    const told: unknown[] = [];
    other.socket.on('presence', (p) => told.push(p));
    await connected(other.socket);
    await call(other.socket, 'sync', { afterSeq: 0 });
    expect(told).toEqual([]);
  });

  it('sends a participant only what concerns its team', async () => {
    const controller = client(h.url, h.controllerToken);
    const tablet = client(h.url, h.joinCode('customs'));
    await Promise.all([connected(controller.socket), connected(tablet.socket)]);
    await call(controller.socket, 'command', { type: 'start' });
    await until(() => tablet.received.find((e) => e.type === 'inject.released'), 'alarm');
    const sync = await call(tablet.socket, 'sync', { afterSeq: 0 });
    if (!sync.ok) throw new Error('sync failed');
    const types = new Set(sync.entries.map((e) => e.type));
    expect(types.has('state.entered')).toBe(false);
    expect(types.has('timer.fired')).toBe(false);
    expect(sync.exercise.viewer).toEqual({ role: 'participant', teamId: 'customs' });
    expect(tablet.received.every((e) => e.type !== 'state.entered' && e.type !== 'timer.fired')).toBe(true);
  });
});
