import { STATUS_CODES } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '@startex/shared';
import { startServer, type Harness } from '../harness.ts';
import { databaseFile, dumpDatabase } from '../security/databaseDump.ts';
import { servedRoutes } from '../security/servedRoutes.ts';
import { account, need, nextYear, ok, twoAgencies, type Person } from './programmeHelpers.ts';

/**
 * Hostile bodies against every programme write (the fuzzer of server/test/security covers the rest):
 * each valid body is broken in one way (not an object, an unknown key, a known key of another JSON
 * type, a string past every limit). Every answer must be a 4xx catalogue error and the database
 * must not change.
 */
const HUGE = 'Ω'.repeat(20_001);
let h: Harness;
let manager: Person;

type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';
const kind = (v: unknown): Kind => (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? 'null' : Array.isArray(v) ? 'array' : (typeof v as Kind));
const withKey = (object: Record<string, unknown>, name: string, v: unknown) => {
  const copy = { ...object };
  Object.defineProperty(copy, name, { value: v, enumerable: true, configurable: true, writable: true });
  return copy;
};
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', '\u0000', '<script>', HUGE, -1, 1e308, true, null));

/** One body broken in one way; `keys` are those the schema knows, so an "unknown" key never is one. */
function broken(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const strings = keys.filter((k) => typeof valid[k] === 'string');
  return fc.oneof(
    anyValue.filter((v) => kind(v) !== 'object'),
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', '', 'toString'), anyValue).map(([k, v]) => withKey(valid, k, v)),
    fc.tuple(fc.constantFrom(...keys), anyValue).filter(([k, v]) => kind(v) !== kind(valid[k])).map(([k, v]) => withKey(valid, k, v)),
    ...(strings.length > 0 ? [fc.constantFrom(...strings).map((k) => withKey(valid, k, HUGE))] : []),
  );
}

let routes: Record<string, { method: 'POST' | 'PUT' | 'PATCH'; url: string; valid: Record<string, unknown> }>;

beforeAll(async () => {
  h = await startServer({ speed: 1 });
  manager = await account(h, ['programme-manager', 'planner'], 'fuzz-manager');
  const { customs } = await twoAgencies(h, manager);
  const needId = (await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs))).id;
  const capability = (await ok(h, 201, 'POST', '/api/programme/capabilities', manager, { function: 'detection', name: 'Fuzzed capability' })).id;
  const plan = (await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Fuzz plan', fromYear: nextYear, toYear: nextYear })).id;
  const priority = (await ok(h, 201, 'POST', `/api/programme/plans/${plan}/priorities`, manager, { title: 'P', rationale: 'R' })).id;
  const activityBody = { kind: 'tabletop', title: 'Fuzz tabletop', agencyIds: [customs], needIds: [needId], when: { kind: 'dates', start: `${nextYear}-03-03`, end: `${nextYear}-03-03` }, lead: 'NSSC' };
  const activity = (await ok(h, 201, 'POST', `/api/programme/plans/${plan}/activities`, manager, activityBody)).activity.id;
  const exercise = (await ok(h, 201, 'POST', '/api/exercises', manager, { source: { kind: 'library', scenarioId: 'demo' } })).id;
  const other = (await ok(h, 201, 'POST', `/api/programme/plans/${plan}/activities`, manager, { ...activityBody, title: 'Other' })).activity.id;
  await ok(h, 201, 'POST', `/api/programme/activities/${other}/exercise`, manager, { exerciseId: exercise });
  const spare = (await ok(h, 201, 'POST', '/api/exercises', manager, { source: { kind: 'library', scenarioId: 'demo' } })).id;
  const survey = (await ok(h, 201, 'POST', `/api/programme/agencies/${customs}/surveys`, manager, { dueDate: `${nextYear}-01-31` })).survey.id;
  const submitted = (await ok(h, 201, 'POST', `/api/programme/agencies/${customs}/surveys`, manager, { dueDate: `${nextYear}-01-31` })).survey.id;
  const row = { function: 'detection', capabilityId: 'expert-reachback', targetGroup: 'Analysts', headcount: 2, requiredLevel: 3, priority: 'low' };
  const rowId = (await ok(h, 200, 'PUT', `/api/programme/surveys/${submitted}/rows`, manager, { rows: [row] })).rows[0].id;
  await ok(h, 200, 'POST', `/api/programme/surveys/${submitted}/submit`, manager);
  const course = (await ok(h, 201, 'POST', '/api/programme/courses', manager, { title: 'Fuzz course' })).id;
  const session = (await ok(h, 201, 'POST', `/api/programme/courses/${course}/sessions`, manager, { start: `${nextYear}-02-01`, end: `${nextYear}-02-01` })).id;
  const person = (await ok(h, 201, 'POST', '/api/programme/people', manager, { agencyId: customs, name: 'Fuzz officer' })).id;
  const csv = { format: 'csv', content: 'function,competence,target group,headcount,required level,priority,evidence\ndetection,Reading spectra,Analysts,3,3,low,interview', dryRun: false, agencyId: customs };
  routes = {
    'POST /api/programme/capabilities': { method: 'POST', url: '/api/programme/capabilities', valid: { function: 'response', name: 'New capability', description: '' } },
    'PUT /api/programme/capabilities/:capabilityId': { method: 'PUT', url: `/api/programme/capabilities/${capability}`, valid: { function: 'detection', name: 'Renamed', description: 'd' } },
    'POST /api/programme/agencies/:agencyId/focal-points': { method: 'POST', url: `/api/programme/agencies/${customs}/focal-points`, valid: { name: 'Focal', email: 'focal@example.lt' } },
    'POST /api/programme/needs': { method: 'POST', url: '/api/programme/needs', valid: need(customs, { competence: 'Spectra' }) },
    'PATCH /api/programme/needs/:needId': { method: 'PATCH', url: `/api/programme/needs/${needId}`, valid: { headcount: 41, priority: 'low' } },
    'POST /api/programme/needs/import': { method: 'POST', url: '/api/programme/needs/import', valid: csv },
    'POST /api/programme/agencies/:agencyId/surveys': { method: 'POST', url: `/api/programme/agencies/${customs}/surveys`, valid: { dueDate: `${nextYear}-02-01`, message: 'm', token: true } },
    'PUT /api/programme/surveys/:surveyId/rows': { method: 'PUT', url: `/api/programme/surveys/${survey}/rows`, valid: { rows: [row] } },
    'POST /api/programme/surveys/:surveyId/review': { method: 'POST', url: `/api/programme/surveys/${submitted}/review`, valid: { accept: [rowId], reject: [] } },
    'POST /api/programme/plans': { method: 'POST', url: '/api/programme/plans', valid: { title: 'Plan', fromYear: nextYear, toYear: nextYear } },
    'PUT /api/programme/plans/:planId': { method: 'PUT', url: `/api/programme/plans/${plan}`, valid: { title: 'Renamed plan', fromYear: nextYear, toYear: nextYear } },
    'POST /api/programme/plans/:planId/calendar-feeds': { method: 'POST', url: `/api/programme/plans/${plan}/calendar-feeds`, valid: { agencyId: customs } },
    'POST /api/programme/plans/:planId/priorities': { method: 'POST', url: `/api/programme/plans/${plan}/priorities`, valid: { title: 'Priority', rationale: 'Why', needIds: [needId] } },
    'PUT /api/programme/priorities/:priorityId': { method: 'PUT', url: `/api/programme/priorities/${priority}`, valid: { title: 'Priority', rationale: 'Why', needIds: [] } },
    'POST /api/programme/plans/:planId/activities': { method: 'POST', url: `/api/programme/plans/${plan}/activities`, valid: { ...activityBody, title: 'New' } },
    'PUT /api/programme/activities/:activityId': { method: 'PUT', url: `/api/programme/activities/${activity}`, valid: { ...activityBody, status: 'confirmed' } },
    'POST /api/programme/activities/:activityId/exercise': { method: 'POST', url: `/api/programme/activities/${activity}/exercise`, valid: { exerciseId: spare } },
    'PUT /api/programme/exercises/:exerciseId/capabilities': { method: 'PUT', url: `/api/programme/exercises/${exercise}/capabilities`, valid: { objectives: { verify_alarm: 'expert-reachback' }, targets: {} } },
    'POST /api/programme/courses': { method: 'POST', url: '/api/programme/courses', valid: { title: 'Course', description: '', capabilityIds: [], certificate: { name: 'C', validityMonths: 12 } } },
    'PUT /api/programme/courses/:courseId': { method: 'PUT', url: `/api/programme/courses/${course}`, valid: { title: 'Course', description: 'd', capabilityIds: ['expert-reachback'] } },
    'POST /api/programme/courses/:courseId/sessions': { method: 'POST', url: `/api/programme/courses/${course}/sessions`, valid: { start: `${nextYear}-04-01`, end: `${nextYear}-04-02`, location: 'Vilnius', trainer: 'T' } },
    'PUT /api/programme/sessions/:sessionId/attendance': { method: 'PUT', url: `/api/programme/sessions/${session}/attendance`, valid: { rows: [{ personId: person, attended: true, completed: true }] } },
    'POST /api/programme/sessions/:sessionId/attendance/import': { method: 'POST', url: `/api/programme/sessions/${session}/attendance/import`, valid: { format: 'csv', content: 'name,agency,attended\nA,Customs Department,yes', dryRun: false } },
    'POST /api/programme/people': { method: 'POST', url: '/api/programme/people', valid: { agencyId: customs, name: 'Someone', email: 'someone@example.lt', position: 'Officer' } },
  };
});
afterAll(async () => h.close());

const snapshot = () => dumpDatabase(databaseFile(h.dataDir));

describe('programme writes under hostile bodies', () => {
  it('has a fuzzer for every programme write with a body', () => {
    const writes = servedRoutes(h.server.app).filter((r) => /^(POST|PUT|PATCH) \/api\/programme\//.test(r) && !r.endsWith('/submit'));
    expect(Object.keys(routes).sort()).toEqual(writes);
  });

  it('answers every broken body with a 4xx catalogue error and changes nothing', async () => {
    for (const [name, route] of Object.entries(routes)) {
      await fc.assert(
        fc.asyncProperty(broken(route.valid), async (body) => {
          const before = snapshot();
          const response = await h.server.app.inject({
            method: route.method,
            url: route.url,
            headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? '',
          });
          const answer = JSON.parse(response.body) as { code: ErrorCode };
          expect([name, answer]).toEqual([name, { statusCode: response.statusCode, code: answer.code, error: STATUS_CODES[response.statusCode], message: expect.any(String), ...('problems' in answer ? { problems: expect.any(Array) } : {}) }]);
          expect(ERROR_CATALOGUE[answer.code].status).toBe(response.statusCode);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(snapshot()).toEqual(before);
        }),
        { numRuns: 20 },
      );
    }
    expect((await h.request('GET', '/api/health')).statusCode).toBe(200);
  }, 120_000);
});
