import { STATUS_CODES } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { io as connect, type Socket } from 'socket.io-client';
import { LIBRARY } from '@startex/scenarios';
import { z } from 'zod';
import {
  AgencyBody,
  CreateExerciseBody,
  CreateJoinCodeBody,
  CreateUserBody,
  ERROR_CATALOGUE,
  ExerciseArchive,
  ExerciseSettingsBody,
  FEED_SUBPROTOCOL,
  FEED_TOKEN_PREFIX,
  ChangePasswordBody,
  ImportPeopleBody,
  LoginBody,
  MAX_CLIENT_FRAME_BYTES,
  MembershipBody,
  NewImprovementItemBody,
  PersonBody,
  PersonUpdateBody,
  ReconcileRatingBody,
  RecordObservation,
  RecordRatingBody,
  ReportContent,
  ReportOverview,
  StatusChangeBody,
  SubmitFeedbackBody,
  TeamAgencyBody,
  TeamJoinCodesBody,
  UpdateImprovementItemBody,
  UpdateUserBody,
  CopyScenarioBody,
  CreateScenarioBody,
  MergeDraftBody,
  MselImportBody,
  MselInspectBody,
  MselPreviewBody,
  PresenceBody,
  PublishBody,
  RevertBody,
  SaveDraftBody,
  type ClientToServerEvents,
  type ErrorCode,
} from '@startex/shared';
import { call, client, connected, startServer, until, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { exportArchive } from '../../src/review/archive.ts';
import type { Store } from '../../src/store/ExerciseStore.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';
import { servedRoutes } from './servedRoutes.ts';
import { CORDON_ROW } from '../review/reportFixture.ts';

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

/** What a REST body fuzzer acts on, made in beforeAll: a planned draft, an ended exercise and its people. */
interface Fixtures {
  /** A draft exercise the administrator planned (and so directs), an agency in the directory, and an evaluator on its roster. */
  draft: string;
  agency: string;
  person: string;
  /** An exercise after EndEx with a finalised report version 1 and one improvement plan row. */
  ended: string;
  item: string;
  endedDirector: StaffCredential;
  endedEvaluator: StaffCredential;
  endedParticipant: StaffCredential;
  report: Record<string, unknown>;
  archive: Record<string, unknown>;
}
let fixtures: Fixtures;

/** Any valid improvement-plan row will do here. */
const PLAN_ROW = CORDON_ROW;

beforeAll(async () => {
  const agency = await h.request('POST', '/api/agencies', h.admin, { name: 'Fuzz customs', type: 'customs', functions: ['detection'], contacts: [] });
  const draft = await h.request('POST', '/api/exercises', h.admin, { source: { kind: 'library', scenarioId: 'demo' } });
  const { id: ended } = await h.server.runtime.create({ scenario: LIBRARY.demo!, speed: 1 });
  const host = await h.server.runtime.get(ended);
  for (const type of ['ready', 'start', 'end'] as const) await host.command({ type }, { kind: 'system' });
  const endedDirector = await h.member('director', { exerciseId: ended });
  expect((await h.request('POST', `/api/exercises/${ended}/report/finalise`, endedDirector)).statusCode).toBe(201);
  const item = await h.request('POST', `/api/exercises/${ended}/improvement-plan`, endedDirector, PLAN_ROW);
  const person = await h.request('POST', `/api/exercises/${draft.json().id}/people`, h.admin, { name: 'Roster evaluator', email: 'roster.evaluator@example.lt', role: 'evaluator' });
  fixtures = {
    draft: draft.json().id,
    agency: agency.json().id,
    person: person.json().people[0].id,
    ended,
    item: item.json().id,
    endedDirector,
    endedEvaluator: await h.member('evaluator', { exerciseId: ended }),
    endedParticipant: await h.member('participant', { exerciseId: ended, teamId: 'customs' }),
    report: (await h.request('GET', `/api/exercises/${ended}/report`, endedDirector)).json().draft,
    archive: (await exportArchive(h.server.runtime.store as Store, ended, Date.now())) as unknown as Record<string, unknown>,
  };
});

/** The keys a strict object schema accepts, so that an "unknown" key is never a real optional one. */
const keysOf = (schema: z.ZodType) => Object.keys((schema as z.ZodObject).shape);

interface BodyRoute {
  method: Method;
  url: () => string;
  who: () => StaffCredential | undefined;
  /** The body schema the route parses with (from shared/), and a body it accepts. */
  schema: z.ZodType;
  valid: () => Record<string, unknown>;
  /** Hostile content inside an otherwise valid body, beyond the generic invalid variants. */
  extra?: () => fc.Arbitrary<unknown>;
}

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), nastyString.filter((s) => s !== HUGE));
/** Bytes that are not a spreadsheet: random, a truncated zip, a zip header and garbage. */
const notXlsx = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)])),
);

const MSEL_FILE = { name: 'fuzz.csv', format: 'csv', content: 'Time,To,Subject\nT+5,Customs,Portal alarm on lane 3\n' };
const MSEL_MAPPING = { sheets: [{ name: 'fuzz', headerRow: 1 }], columns: { time: 'Time', to: 'To', subject: 'Subject' }, time: { kind: 'elapsed' } };

const BODY_ROUTES: Record<string, BodyRoute> = {
  'POST /api/auth/login': { method: 'POST', url: () => '/api/auth/login', who: () => undefined, schema: LoginBody, valid: () => ({ username: 'admin', password: 'not the password' }) },
  'POST /api/auth/password': {
    method: 'POST',
    url: () => '/api/auth/password',
    who: () => evaluator,
    schema: ChangePasswordBody,
    valid: () => ({ currentPassword: 'evaluator-1 password 123', newPassword: 'a long enough new password' }),
  },
  'POST /api/admin/users': {
    method: 'POST',
    url: () => '/api/admin/users',
    who: () => h.admin,
    schema: CreateUserBody,
    valid: () => ({ username: 'fuzzed', displayName: 'Fuzzed', password: 'a long enough password', roles: [] }),
  },
  'PATCH /api/admin/users/:id': { method: 'PATCH', url: () => `/api/admin/users/${target}`, who: () => h.admin, schema: UpdateUserBody, valid: () => ({ displayName: 'Renamed' }) },
  'PUT /api/exercises/:id/members/:userId': {
    method: 'PUT',
    url: () => `/api/exercises/demo/members/${target}`,
    who: () => h.controllerToken,
    schema: MembershipBody,
    valid: () => ({ role: 'director' }),
  },
  'POST /api/exercises/:id/join-codes': {
    method: 'POST',
    url: () => '/api/exercises/demo/join-codes',
    who: () => h.controllerToken,
    schema: CreateJoinCodeBody,
    valid: () => ({ role: 'observer', expiresInHours: 2 }),
  },
  'POST /api/exercises': {
    method: 'POST',
    url: () => '/api/exercises',
    who: () => h.admin,
    schema: CreateExerciseBody,
    valid: () => ({ source: { kind: 'library', scenarioId: 'demo' }, settings: { title: 'Fuzzed exercise' } }),
    extra: () =>
      fc.oneof(
        invalid({ kind: 'library', scenarioId: 'demo' }, ['kind', 'scenarioId']).map((source) => ({ source })),
        invalid({ title: 'Fuzzed', speed: 2 }, keysOf(ExerciseSettingsBody)).map((settings) => ({ source: { kind: 'library', scenarioId: 'demo' }, settings })),
        // An inline scenario is a whole document: any text or JSON that is not one is refused.
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), text).map((document) => ({ source: { kind: 'inline', document } })),
      ),
  },
  'POST /api/agencies': {
    method: 'POST',
    url: () => '/api/agencies',
    who: () => h.admin,
    schema: AgencyBody,
    valid: () => ({ name: 'Fuzzed agency', type: 'police', functions: ['response'], contacts: [{ name: 'Duty officer', email: 'duty@example.lt' }] }),
    extra: () =>
      invalid({ name: 'Duty officer', email: 'duty@example.lt' }, ['name', 'role', 'email', 'phone']).map((contact) => ({ name: 'Fuzzed agency', type: 'police', functions: [], contacts: [contact] })),
  },
  'PUT /api/agencies/:agencyId': {
    method: 'PUT',
    url: () => `/api/agencies/${fixtures.agency}`,
    who: () => h.admin,
    schema: AgencyBody,
    valid: () => ({ name: 'Renamed agency', type: 'customs', functions: ['detection'], contacts: [] }),
  },
  'PUT /api/exercises/:id/settings': {
    method: 'PUT',
    url: () => `/api/exercises/${fixtures.draft}/settings`,
    who: () => h.admin,
    schema: ExerciseSettingsBody,
    valid: () => ({ title: 'Fuzzed plan', scenarioStartMs: 0, speed: 1, timeZone: 'Europe/Vilnius', language: 'en', exerciseType: 'drill', locations: [], date: '2026-11-27', startTime: '09:00' }),
    extra: () =>
      fc
        .tuple(fc.constantFrom('timeZone', 'date', 'startTime', 'language', 'exerciseType'), text)
        .map(([k, v]) => withKey({ title: 'Fuzzed plan', scenarioStartMs: 0, speed: 1, timeZone: 'Europe/Vilnius', language: 'en', exerciseType: 'drill', locations: [] }, k, `${v}\u0000`)),
  },
  'PUT /api/exercises/:id/team-agencies': {
    method: 'PUT',
    url: () => `/api/exercises/${fixtures.draft}/team-agencies`,
    who: () => h.admin,
    schema: TeamAgencyBody,
    valid: () => ({ mapping: { customs: fixtures.agency } }),
    // A mapping to a team or agency that does not exist is refused as a whole.
    extra: () => fc.tuple(key, fc.oneof(value, text)).map(([team, agency]) => ({ mapping: withKey({ customs: fixtures.agency }, team === 'customs' ? 'nobody' : team, agency) })),
  },
  'POST /api/exercises/:id/people': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.draft}/people`,
    who: () => h.admin,
    schema: PersonBody,
    valid: () => ({ name: 'Fuzzed player', email: 'player@example.lt', role: 'participant', teamId: 'customs' }),
    extra: () => text.map((email) => ({ name: 'Fuzzed player', email, role: 'participant', teamId: 'customs' })),
  },
  'PUT /api/exercises/:id/people/:personId': {
    method: 'PUT',
    url: () => `/api/exercises/${fixtures.draft}/people/${fixtures.person}`,
    who: () => h.admin,
    schema: PersonUpdateBody,
    valid: () => ({ name: 'Fuzzed evaluator', role: 'evaluator', covers: { objectives: ['verify_alarm'], teams: ['customs'] } }),
    extra: () =>
      fc.oneof(
        invalid({ objectives: ['verify_alarm'], teams: ['customs'] }, ['objectives', 'teams']).map((covers) => ({ name: 'Fuzzed evaluator', role: 'evaluator', covers })),
        // Names nothing in the scenario: refused as a whole.
        fc.tuple(text, text).map(([objective, team]) => ({ name: 'Fuzzed evaluator', role: 'evaluator', covers: { objectives: [`${objective}\u0000`], teams: [team || 'nobody'] } })),
      ),
  },
  'POST /api/exercises/:id/people/import': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.draft}/people/import`,
    who: () => h.admin,
    schema: ImportPeopleBody,
    valid: () => ({ format: 'csv', content: 'name,email,role,team\nPlayer,player@example.lt,participant,customs' }),
    extra: () =>
      fc.oneof(
        notXlsx.map((bytes) => ({ format: 'xlsx', content: bytes.toString('base64') })),
        text.filter((t) => t.length > 0).map((content) => ({ format: 'xlsx', content })),
        fc.array(fc.array(text, { maxLength: 6 }), { maxLength: 6 }).map((rows) => ({ format: 'csv', content: rows.map((r) => r.join(',')).join('\n') || '"' })),
      ),
  },
  'POST /api/exercises/:id/join-codes/teams': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.draft}/join-codes/teams`,
    who: () => h.admin,
    schema: TeamJoinCodesBody,
    valid: () => ({ teams: ['customs'], reissue: false, expiresInHours: 24 }),
  },
  'PUT /api/exercises/:id/report/draft': {
    method: 'PUT',
    url: () => `/api/exercises/${fixtures.ended}/report/draft`,
    who: () => fixtures.endedDirector,
    schema: ReportContent,
    valid: () => fixtures.report,
    extra: () => invalid(fixtures.report.overview as Record<string, unknown>, keysOf(ReportOverview)).map((overview) => ({ ...fixtures.report, overview })),
  },
  'PUT /api/exercises/:id/report/versions/:version': {
    method: 'PUT',
    url: () => `/api/exercises/${fixtures.ended}/report/versions/1`,
    who: () => fixtures.endedDirector,
    schema: ReportContent,
    valid: () => fixtures.report,
  },
  'POST /api/exercises/:id/improvement-plan': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.ended}/improvement-plan`,
    who: () => fixtures.endedDirector,
    schema: NewImprovementItemBody,
    valid: () => PLAN_ROW,
    extra: () => fc.tuple(fc.constantFrom('startDate', 'dueDate'), fc.oneof(text, fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2027-01-31T00:00'))).map(([k, v]) => withKey(PLAN_ROW, k, v)),
  },
  'PATCH /api/exercises/:id/improvement-plan/:itemId': {
    method: 'PATCH',
    url: () => `/api/exercises/${fixtures.ended}/improvement-plan/${fixtures.item}`,
    who: () => fixtures.endedDirector,
    schema: UpdateImprovementItemBody,
    valid: () => ({ pointOfContact: 'Duty officer', dueDate: '2027-02-28' }),
    extra: () => fc.constant({ startDate: '2027-03-01', dueDate: '2027-02-28' }),
  },
  'POST /api/exercises/:id/improvement-plan/:itemId/status': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.ended}/improvement-plan/${fixtures.item}/status`,
    who: () => fixtures.endedDirector,
    schema: StatusChangeBody,
    valid: () => ({ status: 'in-progress', comment: 'Started' }),
  },
  'POST /api/archives': {
    method: 'POST',
    url: () => '/api/archives',
    who: () => h.admin,
    schema: ExerciseArchive,
    valid: () => fixtures.archive,
    extra: () => {
      // A well-formed archive whose log is broken: out of order, cut short of EndEx, or of another exercise.
      const log = fixtures.archive.log as { seq: number; exerciseId: string }[];
      return fc.oneof(
        fc.integer({ min: 1, max: log.length - 1 }).map((cut) => ({ ...fixtures.archive, log: log.slice(0, cut) })),
        fc.integer({ min: 0, max: log.length - 1 }).map((i) => ({ ...fixtures.archive, log: log.map((e, j) => (j === i ? { ...e, seq: e.seq + 1 } : e)) })),
        fc.integer({ min: 0, max: log.length - 1 }).map((i) => ({ ...fixtures.archive, log: log.map((e, j) => (j === i ? { ...e, exerciseId: 'elsewhere' } : e)) })),
      );
    },
  },
  'POST /api/exercises/:id/review/ratings': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.ended}/review/ratings`,
    who: () => fixtures.endedEvaluator,
    schema: RecordRatingBody,
    valid: () => ({ subject: { kind: 'target', id: 'report_on_time' }, rating: 'S', reason: 'Reported late.', idempotencyKey: 'fuzz-rating' }),
    extra: () =>
      invalid({ kind: 'target', id: 'report_on_time' }, ['kind', 'id']).map((subject) => ({ subject, rating: 'S', reason: 'Reported late.', idempotencyKey: 'fuzz-rating' })),
  },
  'POST /api/exercises/:id/review/reconciliations': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.ended}/review/reconciliations`,
    who: () => fixtures.endedDirector,
    schema: ReconcileRatingBody,
    valid: () => ({ subject: { kind: 'target', id: 'report_on_time' }, rating: 'S', reason: 'Agreed.', idempotencyKey: 'fuzz-reconcile' }),
  },
  'POST /api/exercises/:id/review/observations': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.ended}/review/observations`,
    who: () => fixtures.endedEvaluator,
    schema: RecordObservation,
    valid: () => ({ observedAtMs: 0, teamId: 'customs', kind: 'note', text: 'Debrief: the report came late.', idempotencyKey: 'fuzz-observation' }),
    extra: () => nastyNumber.filter((n) => !Object.is(n, -0)).map((observedAtMs) => ({ observedAtMs, kind: 'note', text: 'Late.', idempotencyKey: 'fuzz-observation' })),
  },
  'POST /api/exercises/:id/review/feedback': {
    method: 'POST',
    url: () => `/api/exercises/${fixtures.ended}/review/feedback`,
    who: () => fixtures.endedParticipant,
    schema: SubmitFeedbackBody,
    valid: () => ({ wentWell: 'Quick hold.', toImprove: 'Report sooner.', objectives: [], idempotencyKey: 'fuzz-feedback' }),
    extra: () =>
      fc.oneof(
        fc.constant({ wentWell: ' ', toImprove: '', objectives: [], idempotencyKey: 'fuzz-feedback' }),
        invalid({ objectiveId: 'verify_alarm', wentWell: 'Fast', toImprove: '' }, ['objectiveId', 'wentWell', 'toImprove']).map((objective) => ({
          wentWell: 'Quick hold.',
          toImprove: '',
          objectives: [objective],
          idempotencyKey: 'fuzz-feedback',
        })),
      ),
  },
  // The studio's writes, on the library's demo (read-only: a body that passed would be refused, and change nothing).
  'POST /api/studio/scenarios': { method: 'POST', url: () => '/api/studio/scenarios', who: () => h.admin, schema: CreateScenarioBody, valid: () => ({ id: 'fuzz-new', title: 'Fuzzed scenario' }) },
  'POST /api/studio/scenarios/:id/copy': { method: 'POST', url: () => '/api/studio/scenarios/demo/copy', who: () => h.admin, schema: CopyScenarioBody, valid: () => ({ id: 'fuzz-copy' }) },
  'PUT /api/studio/scenarios/:id/draft': { method: 'PUT', url: () => '/api/studio/scenarios/demo/draft', who: () => h.admin, schema: SaveDraftBody, valid: () => ({ revision: 1, document: { ...LIBRARY.demo! } }) },
  'POST /api/studio/scenarios/:id/merge': {
    method: 'POST',
    url: () => '/api/studio/scenarios/demo/merge',
    who: () => h.admin,
    schema: MergeDraftBody,
    valid: () => ({ base: 'v1', theirs: 'draft', document: { ...LIBRARY.demo! } }),
  },
  'POST /api/studio/scenarios/:id/publish': { method: 'POST', url: () => '/api/studio/scenarios/demo/publish', who: () => h.admin, schema: PublishBody, valid: () => ({ revision: 1, note: 'Fuzzed' }) },
  'POST /api/studio/scenarios/:id/revert': { method: 'POST', url: () => '/api/studio/scenarios/demo/revert', who: () => h.admin, schema: RevertBody, valid: () => ({ revision: 1, version: 1 }) },
  'POST /api/studio/scenarios/:id/presence': { method: 'POST', url: () => '/api/studio/scenarios/demo/presence', who: () => h.admin, schema: PresenceBody, valid: () => ({ revision: 1 }) },
  'POST /api/studio/msel/inspect': {
    method: 'POST',
    url: () => '/api/studio/msel/inspect',
    who: () => h.admin,
    schema: MselInspectBody,
    valid: () => ({ file: MSEL_FILE }),
    extra: () => notXlsx.map((bytes) => ({ file: { name: 'fuzz.xlsx', format: 'xlsx', content: bytes.toString('base64') } })),
  },
  'POST /api/studio/msel/preview': { method: 'POST', url: () => '/api/studio/msel/preview', who: () => h.admin, schema: MselPreviewBody, valid: () => ({ file: MSEL_FILE, mapping: MSEL_MAPPING }) },
  'POST /api/studio/msel/import': {
    method: 'POST',
    url: () => '/api/studio/msel/import',
    who: () => h.admin,
    schema: MselImportBody,
    valid: () => ({ file: MSEL_FILE, mapping: MSEL_MAPPING, scenario: { id: 'fuzz-msel', title: 'Fuzzed MSEL' } }),
    extra: () => notXlsx.map((bytes) => ({ file: { name: 'fuzz.xlsx', format: 'xlsx', content: bytes.toString('base64') }, mapping: MSEL_MAPPING, scenario: { id: 'fuzz-msel', title: 'Fuzzed MSEL' } })),
  },
};

/** Writes that read no body: hostile bytes that cannot be parsed are refused before them (see the raw payload test). */
const BODYLESS = [
  'POST /api/auth/logout',
  'POST /api/exercises/:id/report/finalise',
  'POST /api/exercises/:id/comms-check',
  'POST /api/exercises/:id/comms-check/confirm',
  'POST /api/exercises/:id/dry-run',
];
/** Scenario documents: fuzzed as uploads below. */
const SCENARIO_ROUTES = ['POST /api/scenarios', 'POST /api/scenarios/lint'];

const bodylessUrl = (route: string) => route.split(' ')[1]!.replace(':id', route.includes('finalise') ? fixtures.ended : fixtures.draft);
const bodylessWho = (route: string) => (route.includes('logout') ? undefined : route.includes('finalise') ? fixtures.endedDirector : h.admin);

describe('REST bodies', () => {
  it('has a fuzzer for every POST, PUT and PATCH route the server serves', () => {
    // The programme's writes are fuzzed in server/test/programme/programmeFuzz.test.ts.
    const writes = servedRoutes(h.server.app).filter((route) => /^(POST|PUT|PATCH) /.test(route) && !route.includes(' /api/programme/'));
    expect([...Object.keys(BODY_ROUTES), ...BODYLESS, ...SCENARIO_ROUTES].sort()).toEqual(writes);
  });

  it.each(Object.entries(BODY_ROUTES))('%s: the fuzzer starts from a body the schema accepts', (_name, route) => {
    expect(route.schema.safeParse(route.valid()).error).toBeUndefined();
  });

  it.each(Object.entries(BODY_ROUTES))('%s: invalid bodies get a 4xx catalogue error and change nothing', async (_name, route) => {
    const valid = route.valid();
    const bodies = route.extra ? fc.oneof(invalid(valid, keysOf(route.schema)), route.extra()) : invalid(valid, keysOf(route.schema));
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
        const before = snapshot();
        const response = await send(route.method, route.url(), route.who(), asJson(body), contentType);
        expectHttpError(response);
        expect(snapshot()).toEqual(before);
      }),
      RUNS,
    );
    await expectUp();
  });

  it('refuses raw hostile payloads on every write: broken, huge, deeply nested, prototype-polluting JSON', async () => {
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
    const parses = (payload: string | Buffer) => {
      try {
        JSON.parse(payload.toString());
        return true;
      } catch {
        return false;
      }
    };
    const targets: [Method, string, StaffCredential | undefined][] = Object.values(BODY_ROUTES).map((r) => [r.method, r.url(), r.who()]);
    for (const [what, payload] of payloads) {
      const before = snapshot();
      // A write that reads no body acts on any body it is given; only unreadable ones are refused before it.
      const bodyless = parses(payload) ? [] : BODYLESS.map((route) => ['POST', bodylessUrl(route), bodylessWho(route)] as [Method, string, StaffCredential | undefined]);
      for (const [method, url, who] of [...targets, ...bodyless]) {
        const response = await send(method, url, who, payload);
        expect(response.statusCode, `${what} to ${method} ${url}`).toBeLessThan(500);
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
  [{ type: 'resume' }, ['reason']],
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

  it('survives a deeply nested packet, answers an oversized one PAYLOAD_TOO_LARGE and drops a connection that sends one over twice the limit', async () => {
    const before = snapshot();
    const socket = client(h.url, h.joinCode('customs')).socket;
    await connected(socket);
    // Raw socket.io packets (engine.io message, socket.io EVENT), past the client's own encoder.
    socket.io.engine.write(`2["sync",${'['.repeat(20_000)}${']'.repeat(20_000)}]`);
    expect(await call(socket, 'sync', { afterSeq: 0 })).toMatchObject({ ok: true });
    expect(await call(socket, 'sync', { afterSeq: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.io.engine.write(`2["sync",{"afterSeq":"${'x'.repeat(2 * MAX_CLIENT_FRAME_BYTES)}"}]`);
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
