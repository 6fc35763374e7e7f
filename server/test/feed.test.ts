import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io as connect } from 'socket.io-client';
import { LIBRARY } from '@startex/scenarios';
import {
  FEED_SUBPROTOCOL,
  FEED_TOKEN_PREFIX,
  FeedServerMessage,
  PROTOCOL_VERSION,
  type ErrorCode,
  type LogEntry,
} from '@startex/shared';
import { canSee } from '@startex/scenarios/engine';
import { call, client, connected, startServer, until, type Harness, type StaffCredential, type TestSocket } from './harness.ts';

let h: Harness;
const opened: WebSocket[] = [];
beforeEach(async () => {
  // Speed 600: the demo's 2-minute alarm fires 200 ms after StartEx, then it waits for the report.
  h = await startServer({ speed: 600 });
});
afterEach(async () => {
  for (const ws of opened.splice(0)) ws.terminate();
  await h.close();
});

const offer = (token: string) => [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${token}`];
/** A signed-in person's feed: no token offered, the session cookie identifies them. */
const staffFeed = (who: StaffCredential, exerciseId = 'demo') => feed(exerciseId, [FEED_SUBPROTOCOL], '', who.cookie);

/** A plain WebSocket feed client that keeps every message, each checked against the shared schema. */
function feed(exerciseId: string, protocols: string[], query = '', cookie?: string) {
  const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/${exerciseId}/feed${query}`, protocols, cookie ? { headers: { cookie } } : {});
  opened.push(ws);
  const messages: unknown[] = [];
  ws.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    FeedServerMessage.parse(message);
    messages.push(message);
  });
  const open = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return {
    ws,
    messages,
    open,
    closed,
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    entries: () => (messages as FeedServerMessage[]).flatMap((m) => (m.type === 'entry' ? [m.entry] : [])),
  };
}

const asEntries = (entries: LogEntry[]) => entries.map((entry) => ({ type: 'entry', entry }));
const alarmOn = (tablet: { received: LogEntry[] }) =>
  until(() => tablet.received.find((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm'), 'the alarm');

async function startDemo() {
  const console_ = client(h.url, h.controllerToken);
  const tablet = client(h.url, h.joinCode('customs'));
  await Promise.all([connected(console_.socket), connected(tablet.socket)]);
  expect(await call(console_.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
  await alarmOn(tablet);
  return { console_, tablet };
}

describe('log feed over plain WebSocket', () => {
  it('streams the log to controller and team feeds while socket.io plays the demo on the same port', async () => {
    const console_ = client(h.url, h.controllerToken);
    const tablet = client(h.url, h.joinCode('customs'));
    const wall = staffFeed(h.controllerToken);
    const teamWall = feed('demo', offer(h.joinCode('customs')));
    await Promise.all([connected(console_.socket), connected(tablet.socket), wall.open, teamWall.open]);
    // Both upgrade paths on one port: socket.io runs over its websocket transport beside the feeds.
    expect(console_.socket.io.engine.transport.name).toBe('websocket');
    expect(wall.ws.protocol).toBe(FEED_SUBPROTOCOL);
    wall.send({ type: 'hello', afterSeq: 0 });
    teamWall.send({ type: 'hello', afterSeq: 0 });

    const beforeStart = await h.server.runtime.store.readLog('demo');
    expect(await call(console_.socket, 'command', { type: 'start' })).toMatchObject({ ok: true });
    await alarmOn(tablet);
    // A display that joins mid-run gets the backlog after seq 2, then the rest live.
    const lateWall = staffFeed(h.controllerToken);
    await lateWall.open;
    lateWall.send({ type: 'hello', afterSeq: 2 });
    await until(() => lateWall.entries().some((e) => e.type === 'inject.released'), 'the late backlog');
    await call(tablet.socket, 'inject.delivered', { injectId: 'portal_alarm' });
    await call(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' });
    const report = { actionId: 'report_alarm', fields: { dose_rate_usvh: 4.2, vehicle_held: true }, idempotencyKey: 'report-0001' };
    expect(await call(tablet.socket, 'action.take', report)).toMatchObject({ ok: true });
    await until(() => console_.received.find((e) => e.type === 'exercise.ended'), 'EndEx');

    const log = await h.server.runtime.store.readLog('demo');
    const teamLog = log.filter((e) => canSee({ role: 'participant', teamId: 'customs' }, e));
    await until(() => wall.entries().at(-1)?.seq === log.at(-1)!.seq, 'the controller feed to reach EndEx');
    await until(() => teamWall.entries().at(-1)?.type === 'exercise.ended', 'the team feed to reach EndEx');
    await until(() => lateWall.entries().at(-1)?.type === 'exercise.ended', 'the late feed to reach EndEx');
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(wall.messages).toEqual(asEntries(log));
    expect(lateWall.messages).toEqual(asEntries(log.filter((e) => e.seq > 2)));
    expect(teamWall.messages).toEqual(asEntries(teamLog));
    const teamTypes = teamLog.map((e) => e.type);
    expect(teamTypes).toEqual(
      expect.arrayContaining(['exercise.started', 'inject.released', 'inject.delivered', 'inject.acknowledged', 'action.taken', 'exercise.ended']),
    );
    expect(teamTypes).not.toContain('state.entered');
    expect(teamTypes).not.toContain('timer.fired');
    // The socket.io console saw the same log live from StartEx on.
    expect(console_.received).toEqual(log.slice(beforeStart.length));
  });

  it('keeps socket.io long-polling, and its upgrade from polling to websocket, working', async () => {
    const options = {
      auth: { protocolVersion: PROTOCOL_VERSION, exerciseId: 'demo' },
      extraHeaders: { cookie: h.controllerToken.cookie },
      reconnection: false,
      forceNew: true,
    };
    const polling: TestSocket = connect(h.url, { ...options, transports: ['polling'] });
    const upgrading: TestSocket = connect(h.url, options);
    try {
      await Promise.all([connected(polling), connected(upgrading)]);
      expect(await call(polling, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true, exercise: { id: 'demo' } });
      expect(polling.io.engine.transport.name).toBe('polling');
      await until(() => upgrading.io.engine.transport.name === 'websocket', 'the upgrade to websocket');
      expect(await call(upgrading, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true, exercise: { id: 'demo' } });
    } finally {
      polling.disconnect();
      upgrading.disconnect();
    }
  });

  it('sends the backlog after afterSeq once, then live entries, without gap or duplicate', async () => {
    const { tablet } = await startDemo();
    const logBefore = await h.server.runtime.store.readLog('demo');
    const wall = staffFeed(h.controllerToken);
    await wall.open;
    wall.send({ type: 'hello', afterSeq: 1 });
    await until(() => wall.messages.length === logBefore.length - 1, 'the backlog');
    expect(wall.messages).toEqual(asEntries(logBefore.slice(1)));

    wall.send({ type: 'hello', afterSeq: 0 });
    await until(() => wall.messages.length === logBefore.length, 'the refusal of a second hello');
    await call(tablet.socket, 'inject.delivered', { injectId: 'portal_alarm' });
    const log = await h.server.runtime.store.readLog('demo');
    await until(() => wall.entries().length === log.length - 1, 'the live entry');
    expect(wall.messages).toEqual([
      ...asEntries(logBefore.slice(1)),
      { type: 'error', error: { code: 'VALIDATION_FAILED', message: 'Send hello once per connection.', path: 'type' } },
      ...asEntries(log.slice(logBefore.length)),
    ]);
  });

  it('serves a hello that arrives after live entries only when it keeps seq order', async () => {
    const console_ = client(h.url, h.controllerToken);
    await connected(console_.socket);
    const quiet = staffFeed(h.controllerToken);
    const eager = staffFeed(h.controllerToken);
    await Promise.all([quiet.open, eager.open]);
    const readied = await h.server.runtime.store.readLog('demo');
    await call(console_.socket, 'command', { type: 'start' });
    await until(() => quiet.entries().length > 0 && eager.entries().length > 0, 'the first live entries');
    // Without hello, a feed starts at the end of the log.
    const firstSeq = quiet.entries()[0]!.seq;
    expect(firstSeq).toBe(readied.length + 1);

    // Nothing the client lacks comes before what it already has: served, without duplicates.
    eager.send({ type: 'hello', afterSeq: firstSeq - 1 });
    await until(() => eager.entries().some((e) => e.type === 'inject.released'), 'the alarm on the eager feed');
    // A display that joins now and says hello late cannot get entries 1.. before the live ones.
    const late = staffFeed(h.controllerToken);
    await late.open;
    await call(console_.socket, 'command', { type: 'pause' });
    await until(() => late.entries().length === 1, 'the pause, live');
    late.send({ type: 'hello', afterSeq: 0 });
    await call(console_.socket, 'command', { type: 'resume' });
    await until(() => late.entries().length === 2, 'the resume, live');

    const log = await h.server.runtime.store.readLog('demo');
    await until(() => eager.entries().at(-1)?.seq === log.at(-1)!.seq, 'the eager feed to catch up');
    expect(eager.messages).toEqual(asEntries(log.slice(readied.length)));
    expect(quiet.messages).toEqual(asEntries(log.slice(readied.length)));
    const pausedSeq = log.find((e) => e.type === 'exercise.paused')!.seq;
    expect(late.messages).toEqual([
      { type: 'entry', entry: log.find((e) => e.type === 'exercise.paused') },
      {
        type: 'error',
        error: {
          code: 'VALIDATION_FAILED',
          message: `Entries from seq ${pausedSeq} on were sent before this hello; reconnect and send hello first.`,
          path: 'type',
        },
      },
      { type: 'entry', entry: log.find((e) => e.type === 'exercise.resumed') },
    ]);
  });

  it('closes refused feeds with 4000 + status and the catalogue code as reason', async () => {
    const other = await h.server.runtime.create({ id: 'other', scenario: LIBRARY.demo!, speed: 1 });
    const otherCode = (await h.server.identity.createJoinCode('test', { exerciseId: other.id, role: 'participant', teamId: 'customs' })).token;
    const noToken = 'Sign in or join with a valid code first.';
    const cases: [string, ReturnType<typeof feed>, number, ErrorCode, string][] = [
      ['no token', feed('demo', [FEED_SUBPROTOCOL]), 4401, 'UNAUTHENTICATED', noToken],
      ['join code in the query only', feed('demo', [FEED_SUBPROTOCOL], `?token=${h.joinCode('customs')}`), 4401, 'UNAUTHENTICATED', noToken],
      ['unknown join code', feed('demo', offer('NOTACODE')), 4401, 'JOIN_CODE_INVALID', 'This join code is not valid, has expired or was revoked.'],
      // A join code holder hears the same for an exercise that exists and one that does not (issue 13).
      ["another exercise's join code", feed('demo', offer(otherCode)), 4403, 'FORBIDDEN', 'This join code opens the feed of its own exercise only.'],
      ['a join code for an id that names no exercise', feed('nope', offer(h.joinCode('customs'))), 4403, 'FORBIDDEN', 'This join code opens the feed of its own exercise only.'],
      ['signed in without a role in the exercise', staffFeed(h.controllerToken, 'other'), 4403, 'FORBIDDEN', 'You have no role in this exercise.'],
      [
        'other protocol version',
        feed('demo', ['startex.v0', `${FEED_TOKEN_PREFIX}${h.joinCode('customs')}`]),
        4400,
        'PROTOCOL_VERSION_MISMATCH',
        `The feed speaks "${FEED_SUBPROTOCOL}", the client "startex.v0".`,
      ],
    ];
    for (const [name, refused, closeCode, code, message] of cases) {
      expect(await refused.closed, name).toEqual({ code: closeCode, reason: code });
      expect(refused.messages, name).toEqual([{ type: 'error', error: { code, message } }]);
    }
    // The refused token is never echoed back in the handshake.
    expect(cases.map(([, refused]) => refused.ws.protocol)).toEqual([...cases.slice(0, -1).map(() => FEED_SUBPROTOCOL), 'startex.v0']);
  });

  it('answers malformed messages with VALIDATION_FAILED and stays usable', async () => {
    await startDemo();
    const wall = staffFeed(h.controllerToken);
    await wall.open;
    wall.ws.send('{"type": "hello", ');
    wall.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    wall.send({ type: 'explode' });
    wall.send({ type: 'hello', afterSeq: -1 });
    wall.send({ type: 'hello', afterSeq: 0, extra: true });
    await until(() => wall.messages.length === 5, 'five answers');
    const invalid = (message: unknown, path: string) => ({ type: 'error', error: { code: 'VALIDATION_FAILED', message, path } });
    expect(wall.messages).toEqual([
      invalid('The feed message is not JSON.', ''),
      invalid('Send feed messages as JSON text frames.', ''),
      invalid(expect.stringMatching(/^Invalid feed message: /), 'type'),
      invalid(expect.stringMatching(/^Invalid feed message: /), 'afterSeq'),
      invalid(expect.stringMatching(/^Invalid feed message: /), ''),
    ]);

    wall.send({ type: 'hello', afterSeq: 0 });
    const log = await h.server.runtime.store.readLog('demo');
    await until(() => wall.messages.length === 5 + log.length, 'the backlog');
    expect(wall.messages.slice(5)).toEqual(asEntries(log));
  });

  it('closes a feed that sends a message over 4 KiB with 1009', async () => {
    const wall = staffFeed(h.controllerToken);
    await wall.open;
    wall.send({ type: 'hello', afterSeq: 0, padding: 'x'.repeat(5000) });
    expect((await wall.closed).code).toBe(1009);
  });

  it('answers an upgrade to any other path with 404 instead of leaving it hanging', async () => {
    for (const path of ['/nope', '/api/health', '/api/exercises/demo/feed/extra', '/api/exercises/demo/log']) {
      const started = Date.now();
      const response = await upgrade(`${h.url}${path}`);
      expect(response, path).toEqual({
        status: 404,
        body: { statusCode: 404, code: 'ROUTE_NOT_FOUND', error: 'Not Found', message: `No WebSocket endpoint at ${path}.` },
      });
      // engine.io would have ended it silently after a second.
      expect(Date.now() - started, path).toBeLessThan(500);
    }
  });
});

/** Sends a WebSocket upgrade request and resolves with the HTTP answer when it is not a 101. */
function upgrade(url: string): Promise<{ status: number | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      reject(new Error(`${url} was upgraded`));
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}
