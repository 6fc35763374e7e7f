import { STATUS_CODES } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { io as connect, type Socket } from 'socket.io-client';
import { LIBRARY } from '@startex/scenarios';
import { ERROR_CATALOGUE, FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX, type ClientToServerEvents, type ErrorCode } from '@startex/shared';
import { call, client, connected, startServer, until, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

/**
 * Hostile input against every REST body, path and query, every socket.io event, the feed and the
 * handshake. The generators only make invalid input (wrong shapes, unknown keys, wrong types,
 * over-long strings), so every answer must be a catalogue error with a 4xx status, the server
 * must stay up, and the database (the exercise log included) must not change.
 */
const RUNS = { numRuns: 40 };

// ---- adversarial values ----------------------------------------------------------------------

/** Longer than any string limit of the protocol (the longest, an inject body, is 20 000). */
const HUGE = 'Ω'.repeat(20_001);
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

const nastyString = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u202Eevil',
  '<script>alert(1)</script>',
  '"; DROP TABLE log_entries; --',
  '../../etc/passwd',
  '%00%2F',
  '𝒜🏴‍☠️\uD800',
  HUGE,
);
const nastyNumber = fc.constantFrom(-1, -0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY);
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  nastyNumber,
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constant(nested(300)),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
);
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '\u0000', 'then'),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
);

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';
/** The JSON type a value travels as (NaN and Infinity travel as null). */
function kind(v: unknown): Kind {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

/** An own property even for "__proto__", so that it really goes over the wire. */
function withKey(object: Record<string, unknown>, name: string, v: unknown): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, name, { value: v, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * Invalid variants of a valid body: not an object at all, an unknown key (every body schema is
 * strict), a known key with a value of another JSON type, or a string field past its limit.
 * `known` lists every key the schema accepts, so an "unknown" key is never a real optional one.
 */
function invalid(valid: Record<string, unknown>, known: readonly string[]): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const strings = keys.filter((k) => typeof valid[k] === 'string');
  return fc.oneof(
    value.filter((v) => kind(v) !== 'object'),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.tuple(key.filter((k) => !known.includes(k)), value).map(([k, v]) => withKey(valid, k, v)),
    fc.tuple(fc.constantFrom(...keys), value).filter(([k, v]) => kind(v) !== kind(valid[k])).map(([k, v]) => withKey(valid, k, v)),
    ...(strings.length > 0 ? [fc.constantFrom(...strings).map((k) => withKey(valid, k, HUGE))] : []),
  );
}

// ---- the server under attack -----------------------------------------------------------------

let h: Harness;
let sockets: { director: TestSocket; tablet: TestSocket; evaluator: TestSocket };
let evaluator: StaffCredential;
let target: string;

beforeAll(async () => {
  // Speed 1: no scenario timer fires during the test, so the log only changes if input changes it.
  h = await startServer({ speed: 1 });
  evaluator = await h.member('evaluator');
  target = (await h.member('observer', { username: 'fuzz-target' })).userId;
  sockets = {
    director: client(h.url, h.controllerToken).socket,
    tablet: client(h.url, h.joinCode('customs')).socket,
    evaluator: client(h.url, evaluator).socket,
  };
  await Promise.all(Object.values(sockets).map(connected));
  expect(await call(sockets.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  for (const socket of Object.values(sockets)) socket.disconnect();
  await h.close();
});

/** Everything on disk, the exercise log included. */
const snapshot = () => dumpDatabase(databaseFile(h.dataDir));

async function expectUp(): Promise<void> {
  const health = await fetch(`${h.url}/api/health`);
  expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
}

function expectCatalogueCode(code: unknown, status?: number): void {
  expect(Object.keys(ERROR_CATALOGUE)).toContain(code);
  const catalogued = ERROR_CATALOGUE[code as ErrorCode].status;
  expect(catalogued).toBeGreaterThanOrEqual(400);
  expect(catalogued).toBeLessThan(500);
  if (status !== undefined) expect(status).toBe(catalogued);
}

/** A whole HTTP error answer: a catalogue body whose status is the code's 4xx status. */
function expectHttpError(response: { statusCode: number; body: string }): void {
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expectCatalogueCode(body.code, response.statusCode);
  expect(body).toEqual({
    statusCode: response.statusCode,
    code: body.code,
    error: STATUS_CODES[response.statusCode],
    message: expect.any(String),
    ...(body.problems !== undefined ? { problems: expect.any(Array) } : {}),
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];

function send(method: Method, url: string, who: StaffCredential | undefined, payload: string | Buffer | undefined, contentType = 'application/json') {
  return h.server.app.inject({
    method,
    url,
    headers: { ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}), ...(payload !== undefined ? { 'content-type': contentType } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
}

const asJson = (body: unknown) => (Buffer.isBuffer(body) ? body : (JSON.stringify(body) ?? ''));

describe('REST bodies', () => {
  const routes: { name: string; method: Method; url: () => string; who: () => StaffCredential | undefined; valid: Record<string, unknown>; known: string[] }[] = [
    { name: 'POST /api/auth/login', method: 'POST', url: () => '/api/auth/login', who: () => undefined, valid: { username: 'admin', password: 'not the password' }, known: ['username', 'password'] },
    {
      name: 'POST /api/admin/users',
      method: 'POST',
      url: () => '/api/admin/users',
      who: () => h.admin,
      valid: { username: 'fuzzed', displayName: 'Fuzzed', password: 'a long enough password', roles: [] },
      known: ['username', 'displayName', 'password', 'roles'],
    },
    {
      name: 'PATCH /api/admin/users/:id',
      method: 'PATCH',
      url: () => `/api/admin/users/${target}`,
      who: () => h.admin,
      valid: { displayName: 'Renamed' },
      known: ['displayName', 'password', 'roles', 'disabled'],
    },
    { name: 'PUT /api/exercises/:id/members/:userId', method: 'PUT', url: () => `/api/exercises/demo/members/${target}`, who: () => h.controllerToken, valid: { role: 'director' }, known: ['role', 'teamId'] },
    {
      name: 'POST /api/exercises/:id/join-codes',
      method: 'POST',
      url: () => '/api/exercises/demo/join-codes',
      who: () => h.controllerToken,
      valid: { role: 'observer', expiresInHours: 2 },
      known: ['role', 'teamId', 'expiresInHours'],
    },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s: invalid bodies get a 4xx catalogue error and change nothing', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(invalid(route.valid, route.known), fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
        const before = snapshot();
        const response = await send(route.method, route.url(), route.who(), asJson(body), contentType);
        expectHttpError(response);
        expect(snapshot()).toEqual(before);
      }),
      RUNS,
    );
    await expectUp();
  });

  it('refuses raw hostile payloads: broken, huge, deeply nested, prototype-polluting JSON', async () => {
    const payloads: [string, string | Buffer][] = [
      ['broken JSON', '{"username": "admin", '],
      ['empty body', ''],
      ['a 300 KiB body', JSON.stringify({ username: 'admin', password: 'x'.repeat(300 * 1024) })],
      ['100 000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
      ['100 000 nested objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
      ['__proto__', '{"username":"admin","password":"x","__proto__":{"isAdmin":true}}'],
      ['constructor.prototype', '{"username":"admin","password":"x","constructor":{"prototype":{"isAdmin":true}}}'],
      ['UTF-16', Buffer.from('{"username":"admin","password":"x"}', 'utf16le')],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ];
    for (const [what, payload] of payloads) {
      const before = snapshot();
      for (const [method, url, who] of [
        ['POST', '/api/auth/login', undefined],
        ['POST', '/api/admin/users', h.admin],
        ['PUT', `/api/exercises/demo/members/${target}`, h.controllerToken],
      ] as const) {
        const response = await send(method, url, who, payload);
        expect(response.statusCode, `${what} to ${url}`).toBeLessThan(500);
        expectHttpError(response);
      }
      expect(snapshot(), what).toEqual(before);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    await expectUp();
  });
});

describe('scenario uploads', () => {
  const demo = LIBRARY.demo! as unknown as Record<string, unknown>;
  const documentKeys = Object.keys(demo);
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    invalid(demo, documentKeys).map((d) => JSON.stringify(d) ?? ''),
  );

  it('lint answers ok:false with problems, upload a 4xx catalogue error, for any invalid text, JSON or YAML', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('application/json', 'application/yaml', 'text/yaml'), async (body, contentType) => {
        const before = snapshot();
        const lint = await send('POST', '/api/scenarios/lint', h.admin, body, contentType);
        expect(lint.statusCode).toBe(200);
        const result = lint.json() as { ok: boolean; problems: { severity: string; rule: string; path: string; message: string }[] };
        expect(result.ok).toBe(false);
        expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
        const upload = await send('POST', '/api/scenarios', h.admin, body, contentType);
        expectHttpError(upload);
        expect(snapshot()).toEqual(before);
      }),
      RUNS,
    );
    await expectUp();
  });

  it('survives documents built to exhaust the parser: deep nesting (twice) and an alias bomb', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    const documents: [string, string, string][] = [
      // Just under the server's guard: the parser must still have room, twice over.
      ['250 nested flow sequences', '['.repeat(250) + ']'.repeat(250), 'application/yaml'],
      ['250 nested flow sequences, again', '['.repeat(250) + ']'.repeat(250), 'application/yaml'],
      ['nested flow sequences', '['.repeat(10_000) + ']'.repeat(10_000), 'application/yaml'],
      ['nested flow sequences, again', '['.repeat(20_000) + ']'.repeat(20_000), 'application/yaml'],
      ['nested flow mappings', '{a: '.repeat(5_000) + '1' + '}'.repeat(5_000), 'application/yaml'],
      ['compact nested sequences', '- '.repeat(5_000) + 'x', 'application/yaml'],
      ['nested block mappings', Array.from({ length: 1_300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x', 'application/yaml'],
      ['nested JSON arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'application/json'],
      ['a billion laughs', bomb, 'application/yaml'],
    ];
    const before = snapshot();
    for (const [what, body, contentType] of documents) {
      const lint = await send('POST', '/api/scenarios/lint', h.admin, body, contentType);
      expect([lint.statusCode, lint.json().ok], what).toEqual([200, false]);
      const upload = await send('POST', '/api/scenarios', h.admin, body, contentType);
      expect(upload.json(), what).toMatchObject({ statusCode: 422, code: 'SCENARIO_INVALID' });
      await expectUp();
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('REST paths and queries', () => {
  const segment = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), nastyString.filter((s) => s.length > 0), fc.constantFrom('..', '.', '%', 'demo%00', 'a/b'));
  const paths: [Method, (id: string) => string, () => StaffCredential][] = [
    ['GET', (id) => `/api/exercises/${id}`, () => h.controllerToken],
    ['GET', (id) => `/api/exercises/${id}/log`, () => h.controllerToken],
    ['GET', (id) => `/api/exercises/${id}/members`, () => h.controllerToken],
    ['GET', (id) => `/api/exercises/demo/feed`.replace('demo', id), () => h.controllerToken],
    ['PUT', (id) => `/api/exercises/demo/members/${id}`, () => h.controllerToken],
    ['DELETE', (id) => `/api/exercises/demo/join-codes/${id}`, () => h.controllerToken],
    ['PATCH', (id) => `/api/admin/users/${id}`, () => h.admin],
    ['GET', (id) => `/api/scenarios/${id}`, () => h.admin],
  ];

  it('answers any path parameter with a 4xx catalogue error and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), segment, fc.boolean(), async ([method, path, who], id, encode) => {
        const before = snapshot();
        // Percent-encoding every UTF-8 byte also carries lone surrogates (as U+FFFD), which encodeURIComponent refuses.
        const url = path(encode ? [...Buffer.from(id)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('') : id.replace(/[?#]/g, ''));
        const body = method === 'PUT' ? JSON.stringify({ role: 'observer' }) : method === 'PATCH' ? JSON.stringify({ displayName: 'Renamed' }) : undefined;
        const response = await send(method, url, who(), body);
        expectHttpError(response);
        expect(snapshot()).toEqual(before);
      }),
      RUNS,
    );
    await expectUp();
  });

  it('answers malformed URLs, which never reach a route, with a catalogue error', async () => {
    for (const url of ['/api/exercises/%', '/api/exercises/%E0%A4%A', '/api/admin/users/%zz', '/api/exercises/demo/log?afterSeq=%']) {
      const response = await send(url.startsWith('/api/admin') ? 'PATCH' : 'GET', url, h.admin, undefined);
      expect(response.statusCode, url).toBe(400);
      expectHttpError(response);
    }
  });

  it('answers any query with the data or a 4xx catalogue error, never more', async () => {
    const raw = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x10', '-1', '1.5', '', '%00', '[]', '{}'));
    const query = fc.oneof(
      raw.map((v) => `afterSeq=${encodeURIComponent(v)}`),
      fc.tuple(raw, raw).map(([a, b]) => `afterSeq=${encodeURIComponent(a)}&afterSeq=${encodeURIComponent(b)}`),
      raw.map((v) => `afterSeq[__proto__]=${encodeURIComponent(v)}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(['/api/exercises/demo/log', h.controllerToken] as const, ['/api/admin/audit', h.admin] as const), query, async ([path, who], q) => {
        const before = snapshot();
        const response = await send('GET', `${path}?${q.replace('afterSeq', path.endsWith('audit') ? 'limit' : 'afterSeq')}`, who, undefined);
        if (response.statusCode !== 200) expectHttpError(response);
        expect(snapshot()).toEqual(before);
      }),
      RUNS,
    );
    await expectUp();
  });
});

// ---- socket.io -------------------------------------------------------------------------------

const COMMANDS: [Record<string, unknown>, string[]][] = [
  [{ type: 'ready' }, []],
  [{ type: 'start' }, []],
  [{ type: 'pause' }, []],
  [{ type: 'resume' }, []],
  [{ type: 'halt', reason: 'Fire' }, []],
  [{ type: 'end' }, []],
  [{ type: 'close' }, []],
  [{ type: 'jump' }, []],
  [{ type: 'release', injectId: 'portal_alarm' }, []],
  [{ type: 'hold', injectId: 'portal_alarm', reason: 'Later' }, []],
  [{ type: 'skip', injectId: 'portal_alarm', reason: 'Not needed' }, []],
  [{ type: 'edit', injectId: 'portal_alarm', subject: 'New' }, ['body']],
  [{ type: 'adhoc', to: ['customs'], channel: 'email', from: 'Control', subject: 'S', body: 'B' }, []],
  [{ type: 'decide', decision: 'escalate' }, []],
  [{ type: 'broadcast', text: 'Hello' }, ['to']],
  [{ type: 'reply', organisationId: 'supervisor', to: 'customs', text: 'Hi' }, ['replyTo']],
  [{ type: 'note', text: 'Note' }, []],
];
const EVENTS: { event: keyof ClientToServerEvents; as: keyof typeof sockets; payloads: fc.Arbitrary<unknown> }[] = [
  { event: 'sync', as: 'director', payloads: fc.oneof(invalid({ afterSeq: 0 }, ['afterSeq']), nastyNumber.filter((n) => !Object.is(n, -0)).map((afterSeq) => ({ afterSeq }))) },
  {
    event: 'command',
    as: 'director',
    payloads: fc.oneof(
      fc.constantFrom(...COMMANDS).chain(([command, optional]) => invalid(command, [...Object.keys(command), ...optional])),
      fc.string({ maxLength: 12 }).filter((type) => !COMMANDS.some(([c]) => c.type === type)).map((type) => ({ type })),
    ),
  },
  { event: 'inject.delivered', as: 'tablet', payloads: invalid({ injectId: 'portal_alarm' }, ['injectId']) },
  { event: 'inject.acknowledge', as: 'tablet', payloads: invalid({ injectId: 'portal_alarm' }, ['injectId']) },
  {
    event: 'feedback.submit',
    as: 'tablet',
    payloads: invalid({ wentWell: 'Clear alarm', toImprove: '', objectives: [], idempotencyKey: 'fuzz-feedback' }, ['wentWell', 'toImprove', 'objectives', 'idempotencyKey']),
  },
  { event: 'commscheck.acknowledge', as: 'tablet', payloads: invalid({ checkId: 'c1' }, ['checkId']) },
  {
    event: 'action.take',
    as: 'tablet',
    payloads: fc.oneof(
      invalid({ actionId: 'report_alarm', fields: { dose_rate_usvh: 3, vehicle_held: true }, idempotencyKey: 'fuzz-action' }, ['actionId', 'fields', 'injectId', 'idempotencyKey']),
      fc.tuple(key, value.filter((v) => !['string', 'number', 'boolean'].includes(kind(v)) || v === HUGE)).map(([k, v]) => ({
        actionId: 'report_alarm',
        fields: withKey({}, k, v),
        idempotencyKey: 'fuzz-action',
      })),
    ),
  },
  {
    event: 'message.send',
    as: 'tablet',
    payloads: fc.oneof(
      invalid({ to: { teams: [], organisations: ['supervisor'] }, text: 'Hello', idempotencyKey: 'fuzz-message' }, ['to', 'text', 'replyTo', 'idempotencyKey']),
      invalid({ teams: [], organisations: ['supervisor'] }, ['teams', 'organisations']).map((to) => ({ to, text: 'Hello', idempotencyKey: 'fuzz-message' })),
    ),
  },
  {
    event: 'observation.record',
    as: 'evaluator',
    payloads: invalid({ observedAtMs: 0, kind: 'strength', text: 'Good', idempotencyKey: 'fuzz-observation' }, [
      'observedAtMs',
      'teamId',
      'injectId',
      'objectiveId',
      'taskId',
      'kind',
      'rating',
      'text',
      'idempotencyKey',
    ]),
  },
];

describe('socket.io events', () => {
  it('has a fuzzer for every client event', async () => {
    const { CLIENT_EVENT_SCHEMAS } = await import('@startex/shared');
    expect(EVENTS.map((e) => e.event).sort()).toEqual(Object.keys(CLIENT_EVENT_SCHEMAS).sort());
  });

  it.each(EVENTS.map((e) => [e.event, e] as const))('%s: invalid payloads get a 4xx catalogue error and change nothing', async (_event, { event, as, payloads }) => {
    const socket = sockets[as];
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const before = snapshot();
        const ack = (await call(socket, event, payload)) as { ok: boolean; error?: { code: string; message: string; path?: string } };
        expect(ack).toEqual({ ok: false, error: { code: expect.any(String), message: expect.any(String), ...(ack.error?.path !== undefined ? { path: expect.any(String) } : {}) } });
        expectCatalogueCode(ack.error!.code);
        expect(snapshot()).toEqual(before);
      }),
      RUNS,
    );
    expect(socket.connected).toBe(true);
    await expectUp();
  });

  it('ignores unknown events, missing acknowledgements and extra arguments, and keeps serving', async () => {
    const socket = sockets.tablet as unknown as Socket;
    const before = snapshot();
    socket.emit('explode', { now: true });
    socket.emit('__proto__', {});
    socket.emit('sync', { afterSeq: 0 }); // no acknowledgement function
    socket.emit('action.take', 'a', 'b', 'c', () => undefined);
    socket.emit('command', { type: 'start' }, { not: 'a function' });
    expect(await call(sockets.tablet, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });
    expect(snapshot()).toEqual(before);
  });

  it('survives a deeply nested packet and drops a connection that sends an oversized one', async () => {
    const before = snapshot();
    const socket = client(h.url, h.joinCode('customs')).socket;
    await connected(socket);
    // Raw socket.io packets (engine.io message, socket.io EVENT), past the client's own encoder.
    socket.io.engine.write(`2["sync",${'['.repeat(20_000)}${']'.repeat(20_000)}]`);
    expect(await call(socket, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });

    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.io.engine.write(`2["sync",{"afterSeq":"${'x'.repeat(70 * 1024)}"}]`);
    expect(await dropped).toBe('transport close');
    expect(snapshot()).toEqual(before);
    await expectUp();
    expect(await call(sockets.tablet, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });
  });
});

describe('the WebSocket feed', () => {
  it('answers every malformed message with one VALIDATION_FAILED error and keeps the connection', async () => {
    const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/demo/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${h.joinCode('customs')}`]);
    const messages: { type: string; error?: { code: string } }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const frame = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 100 }).map((s) => [s, false] as const),
      invalid({ type: 'hello', afterSeq: 0 }, ['type', 'afterSeq']).map((v) => [Buffer.isBuffer(v) ? v : (JSON.stringify(v) ?? ''), Buffer.isBuffer(v)] as const),
    ).filter(([data]) => data.length < 4000);
    const before = snapshot();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(frame, async ([data, binary]) => {
        ws.send(data, { binary });
        sent++;
        await until(() => messages.length === sent, 'the error answer');
        expect(messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'VALIDATION_FAILED' } });
      }),
      RUNS,
    );
    expect(snapshot()).toEqual(before);
    ws.send(JSON.stringify({ type: 'hello', afterSeq: 0 }));
    await until(() => messages.some((m) => m.type === 'entry'), 'entries after a valid hello');
    ws.terminate();
  });

  it('answers a plain HTTP request to the feed with a catalogue error', async () => {
    const response = await send('GET', '/api/exercises/demo/feed', h.controllerToken, undefined);
    expectHttpError(response);
  });
});

describe('the socket.io handshake', () => {
  it('refuses any malformed handshake with a 4xx catalogue code', async () => {
    const fresh = await startServer({ speed: 1 });
    try {
      const auth = fc.oneof(
        value,
        fc.record({ protocolVersion: value, joinCode: value }, { requiredKeys: [] }),
        fc.record({ protocolVersion: fc.constant(1), exerciseId: value, extra: value }, { requiredKeys: ['protocolVersion', 'exerciseId'] }),
        fc.record({ protocolVersion: fc.constant(1), joinCode: fc.string({ maxLength: 80 }) }),
      );
      await fc.assert(
        fc.asyncProperty(auth, async (a) => {
          const socket = connect(fresh.url, { auth: a as object, transports: ['websocket'], reconnection: false, forceNew: true });
          try {
            const outcome = await new Promise<{ code: string } | 'closed'>((resolve, reject) => {
              socket.once('connect', () => reject(new Error(`connected with ${JSON.stringify(a)}`)));
              socket.once('connect_error', (error) => resolve((error as Error & { data: { code: string } }).data));
              socket.once('disconnect', () => resolve('closed'));
            });
            if (outcome === 'closed') {
              // socket.io's own parser refuses a CONNECT whose auth is not an object and closes the transport.
              expect(kind(a), JSON.stringify(a)).not.toBe('object');
            } else {
              expectCatalogueCode(outcome.code);
            }
          } finally {
            socket.disconnect();
          }
        }),
        { numRuns: 25 },
      );
      const health = await fetch(`${fresh.url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
