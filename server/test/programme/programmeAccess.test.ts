import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { SURVEY_TOKEN_HEADER, type GlobalRole } from '@startex/shared';
import { startServer, type Harness } from '../harness.ts';
import { servedRoutes } from '../security/servedRoutes.ts';
import { account, need, nextYear, ok, twoAgencies, type Person } from './programmeHelpers.ts';

/**
 * Every programme route against every kind of caller, written out here (not read from the policy
 * table): the centre's roles, the focal points of two agencies, an exercise director with no
 * programme role, and the holder of agency A's one-time survey token. Rows about agency A are
 * refused to B's focal point (cross-agency leakage), and B's lists never carry A's rows.
 */
const ROLES = ['anonymous', 'admin', 'planner', 'manager', 'trainer', 'focalA', 'focalB', 'director', 'tokenA'] as const;
type Role = (typeof ROLES)[number];
type Cell = 'Y' | 'n';

function table(rows: Record<string, string>): Record<string, Record<Role, Cell>> {
  return Object.fromEntries(
    Object.entries(rows).map(([key, row]) => {
      const cells = row.trim().split(/\s+/);
      if (cells.length !== ROLES.length || cells.some((c) => c !== 'Y' && c !== 'n')) throw new Error(`Bad row "${key}": ${row}`);
      return [key, Object.fromEntries(ROLES.map((role, i) => [role, cells[i] as Cell])) as Record<Role, Cell>];
    }),
  );
}

// prettier-ignore
const REST = table({
  //                                                           anon adm pln mgr trn fcA fcB dir tok
  'GET /api/programme/me':                                    'n   Y   Y   Y   Y   Y   Y   Y   n',
  'GET /api/programme/agencies':                              'n   Y   Y   Y   Y   Y   Y   n   n',
  // The catalogue: read by everyone in the programme, a survey's token included; changed by the programme manager.
  'GET /api/programme/capabilities':                          'n   Y   Y   Y   Y   Y   Y   n   Y',
  'POST /api/programme/capabilities':                         'n   Y   n   Y   n   n   n   n   n',
  'PUT /api/programme/capabilities/:capabilityId':            'n   Y   n   Y   n   n   n   n   n',
  'DELETE /api/programme/capabilities/:capabilityId':         'n   Y   n   Y   n   n   n   n   n',
  'GET /api/programme/agencies/:agencyId/focal-points':       'n   Y   Y   Y   Y   n   n   n   n',
  'POST /api/programme/agencies/:agencyId/focal-points':      'n   Y   n   Y   n   n   n   n   n',
  'DELETE /api/programme/agencies/:agencyId/focal-points/:userId': 'n   Y   n   Y   n   n   n   n   n',
  // Needs of agency A: the centre, and A's focal point; B's is refused.
  'GET /api/programme/needs':                                 'n   Y   Y   Y   Y   Y   n   n   n',
  'POST /api/programme/needs':                                'n   Y   n   Y   n   n   n   n   n',
  'PATCH /api/programme/needs/:needId':                       'n   Y   n   Y   n   n   n   n   n',
  'POST /api/programme/needs/import':                         'n   Y   n   Y   n   n   n   n   n',
  // A's survey: read and answered by A's focal point or A's token, reviewed by the programme manager.
  'GET /api/programme/surveys':                               'n   Y   Y   Y   Y   Y   n   n   n',
  'POST /api/programme/agencies/:agencyId/surveys':           'n   Y   n   Y   n   n   n   n   n',
  'GET /api/programme/surveys/:surveyId':                     'n   Y   Y   Y   Y   Y   n   n   Y',
  'PUT /api/programme/surveys/:surveyId/rows':                'n   Y   n   Y   n   Y   n   n   Y',
  'POST /api/programme/surveys/:surveyId/submit':             'n   Y   n   Y   n   Y   n   n   Y',
  'POST /api/programme/surveys/:surveyId/review':             'n   Y   n   Y   n   n   n   n   n',
  // The plan: read by the centre, made by the programme manager; a focal point sees its agency's schedule.
  'GET /api/programme/plans':                                 'n   Y   Y   Y   Y   n   n   n   n',
  'POST /api/programme/plans':                                'n   Y   n   Y   n   n   n   n   n',
  'GET /api/programme/plans/:planId':                         'n   Y   Y   Y   Y   n   n   n   n',
  'PUT /api/programme/plans/:planId':                         'n   Y   n   Y   n   n   n   n   n',
  'POST /api/programme/plans/:planId/priorities':             'n   Y   n   Y   n   n   n   n   n',
  'PUT /api/programme/priorities/:priorityId':                'n   Y   n   Y   n   n   n   n   n',
  'DELETE /api/programme/priorities/:priorityId':             'n   Y   n   Y   n   n   n   n   n',
  'POST /api/programme/plans/:planId/activities':             'n   Y   n   Y   n   n   n   n   n',
  'PUT /api/programme/activities/:activityId':                'n   Y   n   Y   n   n   n   n   n',
  'GET /api/programme/plans/:planId/gantt.svg':               'n   Y   Y   Y   Y   Y   n   n   n',
  'GET /api/programme/plans/:planId/exports/plan.pdf':        'n   Y   Y   Y   Y   n   n   n   n',
  'GET /api/programme/plans/:planId/exports/plan.docx':       'n   Y   Y   Y   Y   n   n   n   n',
  'GET /api/programme/plans/:planId/exports/calendar.ics':    'n   Y   Y   Y   Y   Y   n   n   n',
  'GET /api/programme/exports/programme.xlsx':                'n   Y   Y   Y   Y   n   n   n   n',
  // Calendar subscriptions: the centre for the plan or an agency, a focal point for its own agency; each lists only the feeds it may see.
  'POST /api/programme/plans/:planId/calendar-feeds':         'n   Y   Y   Y   Y   Y   n   n   n',
  'GET /api/programme/plans/:planId/calendar-feeds':          'n   Y   Y   Y   Y   Y   Y   n   n',
  'DELETE /api/programme/plans/:planId/calendar-feeds/:feedId': 'n   Y   Y   Y   Y   Y   n   n   n',
  // The subscription itself needs no session: its secret URL is the credential.
  'GET /api/programme/calendar/:file':                        'Y   Y   Y   Y   Y   Y   Y   Y   Y',
  // An exercise from the plan: the programme manager who directs the exercise; the exercise's staff read what it serves;
  // planners plan every exercise (SECURITY.md), its capabilities included.
  'POST /api/programme/activities/:activityId/exercise':      'n   Y   n   Y   n   n   n   n   n',
  'GET /api/programme/exercises/:exerciseId':                 'n   Y   Y   Y   Y   n   n   Y   n',
  'PUT /api/programme/exercises/:exerciseId/capabilities':    'n   Y   Y   Y   n   n   n   Y   n',
  'GET /api/programme/trace/:kind/:id':                       'n   Y   Y   Y   Y   n   n   n   n',
  'GET /api/programme/ratings/:ratingId':                     'n   Y   Y   Y   Y   Y   n   n   n',
  'GET /api/programme/dashboard':                             'n   Y   Y   Y   Y   n   n   n   n',
  'GET /api/programme/dashboard/coverage.svg':                'n   Y   Y   Y   Y   n   n   n   n',
  'GET /api/programme/agencies/:agencyId/dashboard':          'n   Y   Y   Y   Y   Y   n   n   n',
  'GET /api/programme/agencies/:agencyId/charts/:file':       'n   Y   Y   Y   Y   Y   n   n   n',
  // Training: read by the centre, recorded by trainers and the programme manager; an agency's people by its focal point.
  'GET /api/programme/courses':                               'n   Y   Y   Y   Y   n   n   n   n',
  'POST /api/programme/courses':                              'n   Y   n   Y   Y   n   n   n   n',
  'GET /api/programme/courses/:courseId':                     'n   Y   Y   Y   Y   n   n   n   n',
  'PUT /api/programme/courses/:courseId':                     'n   Y   n   Y   Y   n   n   n   n',
  'POST /api/programme/courses/:courseId/sessions':           'n   Y   n   Y   Y   n   n   n   n',
  'GET /api/programme/sessions/:sessionId':                   'n   Y   Y   Y   Y   n   n   n   n',
  'PUT /api/programme/sessions/:sessionId/attendance':        'n   Y   n   Y   Y   n   n   n   n',
  'POST /api/programme/sessions/:sessionId/attendance/import': 'n   Y   n   Y   Y   n   n   n   n',
  'GET /api/programme/people':                                'n   Y   Y   Y   Y   Y   n   n   n',
  'POST /api/programme/people':                               'n   Y   n   Y   Y   n   n   n   n',
  'GET /api/programme/people/:personId':                      'n   Y   Y   Y   Y   Y   n   n   n',
  'GET /api/programme/alerts':                                'n   Y   Y   Y   Y   Y   n   n   n',
});

let h: Harness;
let people: Record<Exclude<Role, 'anonymous' | 'tokenA'>, Person>;
let manager: Person;
let A: string;
let B: string;
/** Agency A's fixtures: a need, a plan with a priority and a course activity, a course with a session and a trainee, a finalised exercise's rating. */
let fx: { need: string; needB: string; plan: string; tabletop: string; course: string; session: string; person: string; personB: string; rating: string; exercise: string };
let made = 0;

beforeAll(async () => {
  h = await startServer();
  manager = await account(h, ['programme-manager', 'planner'], 'matrix-programme-manager');
  ({ customs: A, police: B } = await twoAgencies(h, manager));
  const role = (name: string, roles: GlobalRole[]) => account(h, roles, `programme-${name}`);
  people = {
    admin: await role('admin', ['admin']),
    planner: await role('planner', ['planner']),
    manager: await role('manager', ['programme-manager']),
    trainer: await role('trainer', ['trainer']),
    focalA: await role('focal-a', []),
    focalB: await role('focal-b', []),
    director: await role('director', []),
  };
  await ok(h, 201, 'POST', `/api/programme/agencies/${A}/focal-points`, manager, { username: 'programme-focal-a' });
  await ok(h, 201, 'POST', `/api/programme/agencies/${B}/focal-points`, manager, { username: 'programme-focal-b' });
  const needA = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(A));
  const needB = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(B, { targetGroup: 'Border patrol officers' }));
  const plan = await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Matrix plan', fromYear: nextYear, toYear: nextYear + 1 });
  await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/priorities`, manager, { title: 'Alarms', rationale: 'More alarms.', needIds: [needA.id] });
  const tabletop = await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/activities`, manager, {
    kind: 'tabletop',
    title: 'Matrix tabletop',
    agencyIds: [A],
    needIds: [needA.id],
    when: { kind: 'dates', start: `${nextYear}-04-01`, end: `${nextYear}-04-01` },
    lead: 'NSSC',
  });
  const course = await ok(h, 201, 'POST', '/api/programme/courses', manager, { title: 'Instrument operator', capabilityIds: ['instrument-alarm-assessment'], certificate: { name: 'Operator', validityMonths: 24 } });
  const session = await ok(h, 201, 'POST', `/api/programme/courses/${course.id}/sessions`, manager, { start: `${nextYear}-02-01`, end: `${nextYear}-02-03` });
  const personA = await ok(h, 201, 'POST', '/api/programme/people', manager, { agencyId: A, name: 'Officer A', email: 'officer.a@example.lt' });
  const personB = await ok(h, 201, 'POST', '/api/programme/people', manager, { agencyId: B, name: 'Officer B', email: 'officer.b@example.lt' });
  // A finalised exercise of agency A, for its rating.
  const exercise = await ok(h, 201, 'POST', '/api/exercises', manager, { source: { kind: 'library', scenarioId: 'demo' } });
  await ok(h, 201, 'POST', `/api/programme/activities/${tabletop.activity.id}/exercise`, manager, { exerciseId: exercise.id });
  const evaluator = await h.member('evaluator', { exerciseId: exercise.id, username: 'matrix-programme-evaluator' });
  const host = await h.server.runtime.get(exercise.id);
  for (const type of ['ready', 'start', 'end'] as const) await host.command({ type }, { kind: 'system' });
  await host.recordRating({ subject: { kind: 'capability', id: 'verify_alarm' }, rating: 'U', reason: 'Not done', idempotencyKey: 'matrix-programme-rating' }, { kind: 'evaluator', id: evaluator.userId, name: 'Evaluator' });
  await h.server.identity.setMembership('test', { exerciseId: exercise.id, userId: manager.userId, role: 'director' });
  await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/report/finalise`, { ...manager, exerciseId: exercise.id });
  await h.server.identity.setMembership('test', { exerciseId: exercise.id, userId: people.director.userId, role: 'director' });
  const rating = (await ok(h, 200, 'GET', `/api/programme/agencies/${A}/dashboard`, manager)).ratings[0].id;
  fx = { need: needA.id, needB: needB.id, plan: plan.id, tabletop: tabletop.activity.id, course: course.id, session: session.id, person: personA.id, personB: personB.id, rating, exercise: exercise.id };
});
afterAll(async () => h.close());

/** A fresh exercise the caller directs (for the routes about an exercise and its director). */
async function directedExercise(as: Person | undefined): Promise<string> {
  const { id } = await h.server.runtime.create({ scenario: LIBRARY.demo!, speed: 1 });
  if (as) await h.server.identity.setMembership('test', { exerciseId: id, userId: as.userId, role: 'director' });
  return id;
}

/** A survey of agency A with a one-time token. */
async function surveyA(): Promise<{ id: string; token: string }> {
  const sent = await ok(h, 201, 'POST', `/api/programme/agencies/${A}/surveys`, manager, { dueDate: `${nextYear}-01-31`, token: true });
  return { id: sent.survey.id, token: sent.token };
}

const ROW = { function: 'detection', capabilityId: 'expert-reachback', targetGroup: 'Shift supervisors', headcount: 6, requiredLevel: 3, priority: 'medium' };
const ACTIVITY = () => ({ kind: 'seminar', title: `Seminar ${++made}`, agencyIds: [A], when: { kind: 'quarter', year: nextYear, quarter: 3 }, lead: 'NSSC' });

interface Sent {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  ok: number;
  /** Prepared per cell: a survey's one-time token, sent by the token holder only. */
  token?: string;
}

/** The request each row sends: valid, so an allowed caller gets the route's success status. */
async function restRequest(route: string, role: Role): Promise<Sent> {
  const who = role === 'anonymous' || role === 'tokenA' ? undefined : people[role];
  switch (route) {
    case 'GET /api/programme/me':
      return { method: 'GET', url: '/api/programme/me', ok: 200 };
    case 'GET /api/programme/agencies':
      return { method: 'GET', url: '/api/programme/agencies', ok: 200 };
    case 'GET /api/programme/capabilities':
    case 'GET /api/programme/surveys/:surveyId': {
      const survey = await surveyA();
      const url = route.endsWith(':surveyId') ? `/api/programme/surveys/${survey.id}` : '/api/programme/capabilities';
      return { method: 'GET', url, ok: 200, token: survey.token };
    }
    case 'POST /api/programme/capabilities':
      return { method: 'POST', url: '/api/programme/capabilities', body: { function: 'detection', name: `Capability ${++made}` }, ok: 201 };
    case 'PUT /api/programme/capabilities/:capabilityId': {
      const made1 = await ok(h, 201, 'POST', '/api/programme/capabilities', manager, { function: 'response', name: `To rename ${++made}` });
      return { method: 'PUT', url: `/api/programme/capabilities/${made1.id}`, body: { function: 'response', name: `Renamed ${++made}` }, ok: 200 };
    }
    case 'DELETE /api/programme/capabilities/:capabilityId': {
      const made1 = await ok(h, 201, 'POST', '/api/programme/capabilities', manager, { function: 'response', name: `To delete ${++made}` });
      return { method: 'DELETE', url: `/api/programme/capabilities/${made1.id}`, ok: 200 };
    }
    case 'GET /api/programme/agencies/:agencyId/focal-points':
      return { method: 'GET', url: `/api/programme/agencies/${A}/focal-points`, ok: 200 };
    case 'POST /api/programme/agencies/:agencyId/focal-points':
      return { method: 'POST', url: `/api/programme/agencies/${A}/focal-points`, body: { name: 'Deputy', email: `deputy${++made}@example.lt` }, ok: 201 };
    case 'DELETE /api/programme/agencies/:agencyId/focal-points/:userId': {
      const added = await ok(h, 201, 'POST', `/api/programme/agencies/${A}/focal-points`, manager, { name: 'Leaving', email: `leaving${++made}@example.lt` });
      return { method: 'DELETE', url: `/api/programme/agencies/${A}/focal-points/${added.focalPoint.userId}`, ok: 200 };
    }
    case 'GET /api/programme/needs':
      return { method: 'GET', url: `/api/programme/needs?agency=${A}`, ok: 200 };
    case 'POST /api/programme/needs':
      return { method: 'POST', url: '/api/programme/needs', body: need(A, { targetGroup: `Group ${++made}` }), ok: 201 };
    case 'PATCH /api/programme/needs/:needId':
      return { method: 'PATCH', url: `/api/programme/needs/${fx.need}`, body: { headcount: 40 + (++made % 5) }, ok: 200 };
    case 'POST /api/programme/needs/import':
      return {
        method: 'POST',
        url: '/api/programme/needs/import',
        body: { format: 'csv', agencyId: A, content: `function,competence,target group,headcount,required level,priority,evidence\ndetection,Reading spectra ${++made},Analysts,3,3,low,interview` },
        ok: 201,
      };
    case 'GET /api/programme/surveys':
      return { method: 'GET', url: `/api/programme/surveys?agency=${A}`, ok: 200 };
    case 'POST /api/programme/agencies/:agencyId/surveys':
      return { method: 'POST', url: `/api/programme/agencies/${A}/surveys`, body: { dueDate: `${nextYear}-02-28` }, ok: 201 };
    case 'PUT /api/programme/surveys/:surveyId/rows': {
      const survey = await surveyA();
      return { method: 'PUT', url: `/api/programme/surveys/${survey.id}/rows`, body: { rows: [ROW] }, ok: 200, token: survey.token };
    }
    case 'POST /api/programme/surveys/:surveyId/submit': {
      const survey = await surveyA();
      await h.server.app.inject({ method: 'PUT', url: `/api/programme/surveys/${survey.id}/rows`, headers: { [SURVEY_TOKEN_HEADER]: survey.token, 'content-type': 'application/json' }, payload: JSON.stringify({ rows: [ROW] }) });
      return { method: 'POST', url: `/api/programme/surveys/${survey.id}/submit`, ok: 200, token: survey.token };
    }
    case 'POST /api/programme/surveys/:surveyId/review': {
      const survey = await surveyA();
      const headers = { [SURVEY_TOKEN_HEADER]: survey.token, 'content-type': 'application/json' };
      const rows = await h.server.app.inject({ method: 'PUT', url: `/api/programme/surveys/${survey.id}/rows`, headers, payload: JSON.stringify({ rows: [ROW] }) });
      await h.server.app.inject({ method: 'POST', url: `/api/programme/surveys/${survey.id}/submit`, headers: { [SURVEY_TOKEN_HEADER]: survey.token } });
      return { method: 'POST', url: `/api/programme/surveys/${survey.id}/review`, body: { accept: [rows.json().rows[0].id] }, ok: 200 };
    }
    case 'GET /api/programme/plans':
      return { method: 'GET', url: '/api/programme/plans', ok: 200 };
    case 'POST /api/programme/plans':
      return { method: 'POST', url: '/api/programme/plans', body: { title: `Plan ${++made}`, fromYear: nextYear, toYear: nextYear }, ok: 201 };
    case 'GET /api/programme/plans/:planId':
      return { method: 'GET', url: `/api/programme/plans/${fx.plan}`, ok: 200 };
    case 'PUT /api/programme/plans/:planId':
      return { method: 'PUT', url: `/api/programme/plans/${fx.plan}`, body: { title: 'Matrix plan', fromYear: nextYear, toYear: nextYear + 1 }, ok: 200 };
    case 'POST /api/programme/plans/:planId/priorities':
      return { method: 'POST', url: `/api/programme/plans/${fx.plan}/priorities`, body: { title: `Priority ${++made}`, rationale: 'Because.' }, ok: 201 };
    case 'PUT /api/programme/priorities/:priorityId':
    case 'DELETE /api/programme/priorities/:priorityId': {
      const priority = await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/priorities`, manager, { title: `Priority ${++made}`, rationale: 'Because.' });
      return route.startsWith('PUT')
        ? { method: 'PUT', url: `/api/programme/priorities/${priority.id}`, body: { title: 'Renamed priority', rationale: 'Still.' }, ok: 200 }
        : { method: 'DELETE', url: `/api/programme/priorities/${priority.id}`, ok: 200 };
    }
    case 'POST /api/programme/plans/:planId/activities':
      return { method: 'POST', url: `/api/programme/plans/${fx.plan}/activities`, body: ACTIVITY(), ok: 201 };
    case 'PUT /api/programme/activities/:activityId': {
      const created = await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/activities`, manager, ACTIVITY());
      return { method: 'PUT', url: `/api/programme/activities/${created.activity.id}`, body: { ...ACTIVITY(), status: 'confirmed' }, ok: 200 };
    }
    case 'GET /api/programme/plans/:planId/gantt.svg':
      return { method: 'GET', url: `/api/programme/plans/${fx.plan}/gantt.svg?year=${nextYear}&agency=${A}`, ok: 200 };
    case 'GET /api/programme/plans/:planId/exports/plan.pdf':
    case 'GET /api/programme/plans/:planId/exports/plan.docx':
      return { method: 'GET', url: `/api/programme/plans/${fx.plan}${route.slice(route.indexOf('/exports'))}`, ok: 200 };
    case 'GET /api/programme/plans/:planId/exports/calendar.ics':
      return { method: 'GET', url: `/api/programme/plans/${fx.plan}/exports/calendar.ics?agency=${A}`, ok: 200 };
    case 'GET /api/programme/exports/programme.xlsx':
      return { method: 'GET', url: '/api/programme/exports/programme.xlsx', ok: 200 };
    case 'POST /api/programme/plans/:planId/calendar-feeds':
      return { method: 'POST', url: `/api/programme/plans/${fx.plan}/calendar-feeds`, body: { agencyId: A }, ok: 201 };
    case 'GET /api/programme/plans/:planId/calendar-feeds':
      return { method: 'GET', url: `/api/programme/plans/${fx.plan}/calendar-feeds`, ok: 200 };
    case 'DELETE /api/programme/plans/:planId/calendar-feeds/:feedId': {
      const made1 = await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/calendar-feeds`, manager, { agencyId: A });
      return { method: 'DELETE', url: `/api/programme/plans/${fx.plan}/calendar-feeds/${made1.feed.id}`, ok: 200 };
    }
    case 'GET /api/programme/calendar/:file': {
      const made1 = await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/calendar-feeds`, manager, {});
      return { method: 'GET', url: made1.url, ok: 200 };
    }
    case 'POST /api/programme/activities/:activityId/exercise': {
      const activity = await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/activities`, manager, { ...ACTIVITY(), kind: 'drill' });
      const exerciseId = await directedExercise(who);
      return { method: 'POST', url: `/api/programme/activities/${activity.activity.id}/exercise`, body: { exerciseId }, ok: 201 };
    }
    case 'GET /api/programme/exercises/:exerciseId':
      return { method: 'GET', url: `/api/programme/exercises/${fx.exercise}`, ok: 200 };
    case 'PUT /api/programme/exercises/:exerciseId/capabilities':
      return { method: 'PUT', url: `/api/programme/exercises/${fx.exercise}/capabilities`, body: { objectives: { verify_alarm: 'instrument-alarm-assessment' } }, ok: 200 };
    case 'GET /api/programme/trace/:kind/:id':
      return { method: 'GET', url: `/api/programme/trace/need/${fx.need}`, ok: 200 };
    case 'GET /api/programme/ratings/:ratingId':
      return { method: 'GET', url: `/api/programme/ratings/${fx.rating}`, ok: 200 };
    case 'GET /api/programme/dashboard':
    case 'GET /api/programme/dashboard/coverage.svg':
      return { method: 'GET', url: `${route.slice(4)}?plan=${fx.plan}`, ok: 200 };
    case 'GET /api/programme/agencies/:agencyId/dashboard':
      return { method: 'GET', url: `/api/programme/agencies/${A}/dashboard`, ok: 200 };
    case 'GET /api/programme/agencies/:agencyId/charts/:file':
      return { method: 'GET', url: `/api/programme/agencies/${A}/charts/heatmap.svg`, ok: 200 };
    case 'GET /api/programme/courses':
      return { method: 'GET', url: '/api/programme/courses', ok: 200 };
    case 'POST /api/programme/courses':
      return { method: 'POST', url: '/api/programme/courses', body: { title: `Course ${++made}` }, ok: 201 };
    case 'GET /api/programme/courses/:courseId':
      return { method: 'GET', url: `/api/programme/courses/${fx.course}`, ok: 200 };
    case 'PUT /api/programme/courses/:courseId':
      return { method: 'PUT', url: `/api/programme/courses/${fx.course}`, body: { title: 'Instrument operator', capabilityIds: ['instrument-alarm-assessment'], certificate: { name: 'Operator', validityMonths: 24 } }, ok: 200 };
    case 'POST /api/programme/courses/:courseId/sessions':
      return { method: 'POST', url: `/api/programme/courses/${fx.course}/sessions`, body: { start: `${nextYear}-09-01`, end: `${nextYear}-09-02` }, ok: 201 };
    case 'GET /api/programme/sessions/:sessionId':
      return { method: 'GET', url: `/api/programme/sessions/${fx.session}`, ok: 200 };
    case 'PUT /api/programme/sessions/:sessionId/attendance':
      return { method: 'PUT', url: `/api/programme/sessions/${fx.session}/attendance`, body: { rows: [{ personId: fx.person, attended: true, completed: false }] }, ok: 200 };
    case 'POST /api/programme/sessions/:sessionId/attendance/import':
      return { method: 'POST', url: `/api/programme/sessions/${fx.session}/attendance/import`, body: { format: 'csv', content: `name,agency,attended\nOfficer ${++made},Customs Department,yes` }, ok: 201 };
    case 'GET /api/programme/people':
      return { method: 'GET', url: `/api/programme/people?agency=${A}`, ok: 200 };
    case 'POST /api/programme/people':
      return { method: 'POST', url: '/api/programme/people', body: { agencyId: A, name: `Officer ${++made}` }, ok: 201 };
    case 'GET /api/programme/people/:personId':
      return { method: 'GET', url: `/api/programme/people/${fx.person}`, ok: 200 };
    case 'GET /api/programme/alerts':
      return { method: 'GET', url: `/api/programme/alerts?agency=${A}`, ok: 200 };
    default:
      throw new Error(`No request for ${route}`);
  }
}

function send(sent: Sent, role: Role) {
  const who = role === 'anonymous' || role === 'tokenA' ? undefined : people[role];
  return h.server.app.inject({
    method: sent.method,
    url: sent.url,
    headers: {
      ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}),
      ...(role === 'tokenA' && sent.token ? { [SURVEY_TOKEN_HEADER]: sent.token } : {}),
      ...(sent.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(sent.body !== undefined ? { payload: JSON.stringify(sent.body) } : {}),
  });
}

describe('programme routes by caller', () => {
  it('has a row for every programme route the server serves, and no other', () => {
    expect(servedRoutes(h.server.app).filter((r) => r.includes(' /api/programme/'))).toEqual(Object.keys(REST).sort());
  });

  const cells = Object.entries(REST).flatMap(([route, row]) => ROLES.map((role) => [route, role, row[role]] as const));
  it.each(cells)('%s as %s: %s', async (route, role, expected) => {
    const sent = await restRequest(route, role);
    const response = await send(sent, role);
    if (expected === 'Y') {
      expect(response.statusCode, response.body.slice(0, 300)).toBe(sent.ok);
      return;
    }
    const signedIn = role !== 'anonymous' && role !== 'tokenA';
    expect([response.statusCode, response.json().code]).toEqual(signedIn ? [403, 'FORBIDDEN'] : [401, 'UNAUTHENTICATED']);
  }, 30_000);
});

describe('no leakage between agencies', () => {
  it('gives a focal point its own agency\'s rows only, and refuses the other agency\'s by id', async () => {
    const focalB = people.focalB;
    const sentB = await ok(h, 201, 'POST', `/api/programme/agencies/${B}/surveys`, manager, { dueDate: `${nextYear}-01-31` });
    const get = (url: string) => ok(h, 200, 'GET', url, focalB);
    expect(await get('/api/programme/agencies')).toEqual([{ id: B, name: 'Police Department', type: 'police', functions: ['detection', 'response'] }]);
    expect((await get('/api/programme/needs')).map((n: { id: string }) => n.id)).toEqual([fx.needB]);
    expect((await get('/api/programme/surveys')).map((s: { id: string }) => s.id)).toEqual([sentB.survey.id]);
    expect((await get('/api/programme/people')).map((p: { id: string }) => p.id)).toEqual([fx.personB]);
    expect(await get('/api/programme/me')).toEqual({ read: false, manage: false, train: false, agencies: [{ id: B, name: 'Police Department' }] });
    const dashboard = JSON.stringify(await get(`/api/programme/agencies/${B}/dashboard`));
    for (const leaked of [A, fx.need, fx.person, fx.rating, 'Customs Department', 'Officer A']) expect(dashboard).not.toContain(leaked);

    for (const url of [
      `/api/programme/needs?agency=${A}`,
      `/api/programme/surveys?agency=${A}`,
      `/api/programme/people?agency=${A}`,
      `/api/programme/alerts?agency=${A}`,
      `/api/programme/agencies/${A}/dashboard`,
      `/api/programme/agencies/${A}/charts/training.svg`,
      `/api/programme/ratings/${fx.rating}`,
      `/api/programme/people/${fx.person}`,
      `/api/programme/plans/${fx.plan}/exports/calendar.ics?agency=${A}`,
      `/api/programme/plans/${fx.plan}/gantt.svg?agency=${A}`,
    ]) {
      const response = await h.request('GET', url, focalB);
      expect([url, response.statusCode, response.json().code]).toEqual([url, 403, 'FORBIDDEN']);
    }
    // Calendar feeds: B's focal point lists B's only; asks for one of A's in vain, and without naming an agency gets B's, never the whole plan.
    await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/calendar-feeds`, manager, { agencyId: A });
    await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/calendar-feeds`, manager, {});
    const feedB = await ok(h, 201, 'POST', `/api/programme/plans/${fx.plan}/calendar-feeds`, focalB, {});
    expect(feedB.feed.agencyId).toBe(B);
    expect((await get(`/api/programme/plans/${fx.plan}/calendar-feeds`)).map((f: { id: string; agencyId?: string }) => [f.id, f.agencyId])).toEqual([[feedB.feed.id, B]]);
    const forA = await h.request('POST', `/api/programme/plans/${fx.plan}/calendar-feeds`, focalB, { agencyId: A });
    expect([forA.statusCode, forA.json().code]).toEqual([403, 'FORBIDDEN']);
    // A survey token opens its own survey only, and nothing once submitted.
    const mine = await surveyA();
    const theirs = await h.server.app.inject({ method: 'GET', url: `/api/programme/surveys/${sentB.survey.id}`, headers: { [SURVEY_TOKEN_HEADER]: mine.token } });
    expect([theirs.statusCode, theirs.json().code]).toEqual([401, 'SURVEY_TOKEN_INVALID']);
    const headers = { [SURVEY_TOKEN_HEADER]: mine.token, 'content-type': 'application/json' };
    await h.server.app.inject({ method: 'PUT', url: `/api/programme/surveys/${mine.id}/rows`, headers, payload: JSON.stringify({ rows: [ROW] }) });
    expect((await h.server.app.inject({ method: 'POST', url: `/api/programme/surveys/${mine.id}/submit`, headers: { [SURVEY_TOKEN_HEADER]: mine.token } })).statusCode).toBe(200);
    const used = await h.server.app.inject({ method: 'GET', url: `/api/programme/surveys/${mine.id}`, headers: { [SURVEY_TOKEN_HEADER]: mine.token } });
    expect([used.statusCode, used.json().code]).toEqual([401, 'SURVEY_TOKEN_INVALID']);
  });
});
