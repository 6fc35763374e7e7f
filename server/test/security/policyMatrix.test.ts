import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIBRARY } from '@startex/scenarios';
import {
  CLIENT_EVENT_SCHEMAS,
  FEED_SUBPROTOCOL,
  FEED_TOKEN_PREFIX,
  ControllerCommand,
  ScenarioDocument,
  type ClientToServerEvents,
  type ErrorCode,
  type ExerciseRole,
  type ExerciseViewChange,
  type LogEntry,
} from '@startex/shared';
import { call, client, connected, refused, startServer, until, type Credential, type Harness, type StaffCredential } from '../harness.ts';
import { exportArchive } from '../../src/review/archive.ts';
import type { Store } from '../../src/store/ExerciseStore.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';
import { servedRoutes } from './servedRoutes.ts';
import { CORDON_ROW } from '../review/reportFixture.ts';
import { concernsTeam } from '../teamVisibility.ts';

/**
 * Every role against every REST route, the log feed and every socket.io event. The expected
 * tables are written out from SECURITY.md ("Who is who"), not read from scenarios/src/engine/policy.ts:
 * the test compares what the server does with what the documentation promises.
 */
const ROLES = [
  'anonymous',
  'admin', // global role ['admin'], no role in the exercise
  'planner', // global role ['planner'], no role in the exercise
  'director',
  'controller',
  'evaluator',
  'observer',
  'participant', // a personal account with a team role (customs)
  'participantCode', // a tablet's join code for the customs team (realtime only)
  'observerCode', // a wall display's observer join code (realtime only)
  'directorElsewhere', // director of another exercise, no role in this one
] as const;
type Role = (typeof ROLES)[number];

/** Y: allowed; n: refused; ·: does not apply (a join code opens realtime connections only). */
type Cell = 'Y' | 'n' | '·';

function table(rows: Record<string, string>): Record<string, Record<Role, Cell>> {
  return Object.fromEntries(
    Object.entries(rows).map(([key, row]) => {
      const cells = row.trim().split(/\s+/);
      if (cells.length !== ROLES.length || cells.some((c) => !['Y', 'n', '·'].includes(c))) throw new Error(`Bad row "${key}": ${row}`);
      return [key, Object.fromEntries(ROLES.map((role, i) => [role, cells[i] as Cell])) as Record<Role, Cell>];
    }),
  );
}

// prettier-ignore
const REST = table({
  //                                             anon adm pln dir ctl evl obs par pcd ocd else
  'GET /api/health':                            'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  // The API reference (OpenAPI document and its reader) is public: it holds no data.
  'GET /api/docs':                              'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/docs/':                             'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/docs/*':                            'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/docs/json':                         'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/docs/yaml':                         'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/docs/static/index.html':            'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/docs/static/swagger-initializer.js':'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  // Probes for load balancers and Prometheus: no session, nothing about any exercise's content.
  'GET /api/health/ready':                      'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/health/node':                       'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /metrics':                               'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'POST /api/auth/login':                       'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'POST /api/auth/logout':                      'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'GET /api/auth/me':                           'n   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  'POST /api/auth/password':                    'n   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  // Manage accounts, read the audit log: administrators.
  'GET /api/admin/users':                       'n   Y   n   n   n   n   n   n   ·   ·   n',
  'POST /api/admin/users':                      'n   Y   n   n   n   n   n   n   ·   ·   n',
  'PATCH /api/admin/users/:id':                 'n   Y   n   n   n   n   n   n   ·   ·   n',
  'GET /api/admin/audit':                       'n   Y   n   n   n   n   n   n   ·   ·   n',
  // Anyone signed in gets a list: everything for those who plan, their own exercises for others.
  'GET /api/exercises':                         'n   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  // Exercise content needs a role in that exercise; administrators and planners read it as observers (SECURITY.md).
  'GET /api/exercises/:id':                     'n   Y   Y   Y   Y   Y   Y   Y   ·   ·   n',
  // The REST log is for the exercise's staff; a team reads its own entries over its socket.
  'GET /api/exercises/:id/log':                 'n   Y   Y   Y   Y   Y   Y   n   ·   ·   n',
  // People and join codes: the exercise director, and administrators and planners (they plan every exercise).
  'GET /api/exercises/:id/members':             'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'PUT /api/exercises/:id/members/:userId':     'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'DELETE /api/exercises/:id/members/:userId':  'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'GET /api/exercises/:id/join-codes':          'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/join-codes':         'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'DELETE /api/exercises/:id/join-codes/:code': 'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  // Upload scenarios: administrators and planners.
  'GET /api/scenarios':                         'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/scenarios/:id':                     'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/scenarios/lint':                   'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/scenarios':                        'n   Y   Y   n   n   n   n   n   ·   ·   n',
  // The format's JSON Schema, for editors: public like the format it describes.
  'GET /api/scenarios/schema.json':             'Y   Y   Y   Y   Y   Y   Y   Y   ·   ·   Y',
  // Planning: planners create exercises (no role in them comes with it); the agency directory is theirs and the administrators'.
  'POST /api/exercises':                        'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/agencies':                          'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/agencies':                         'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'PUT /api/agencies/:agencyId':                'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'DELETE /api/agencies/:agencyId':             'n   Y   Y   n   n   n   n   n   ·   ·   n',
  // An exercise's plan, roster, tablet codes and communications check: its director, administrators and planners.
  'GET /api/exercises/:id/plan':                'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'PUT /api/exercises/:id/settings':            'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'PUT /api/exercises/:id/team-agencies':       'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'GET /api/exercises/:id/people':              'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/people':             'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/people/import':      'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'PUT /api/exercises/:id/people/:personId':    'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'DELETE /api/exercises/:id/people/:personId': 'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/join-codes/teams':   'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'GET /api/exercises/:id/join-codes/sheet':    'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/comms-check':        'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/comms-check/confirm': 'n   Y   Y   Y   n   n   n   n   ·   ·   n',
  // Who is connected and acknowledged the check: control staff, and those who plan.
  'GET /api/exercises/:id/comms-check':         'n   Y   Y   Y   Y   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/dry-run':            'n   Y   Y   Y   Y   n   n   n   ·   ·   n',
  // Briefing packs: a team's player briefing for staff and that team; the handbook for control staff and evaluators.
  'GET /api/exercises/:id/briefings/player/:teamId': 'n   Y   Y   Y   Y   Y   Y   Y   ·   ·   n',
  'GET /api/exercises/:id/briefings/handbook':  'n   Y   Y   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/briefings/observer':  'n   Y   Y   Y   Y   Y   Y   n   ·   ·   n',
  // The plain WebSocket log feed: anyone with a role in the exercise, join codes included, and those who plan (as observers).
  // The AAR/IP (on an exercise after EndEx): read by control staff and evaluators, written by evaluators and the director.
  'GET /api/exercises/:id/report':              'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'PUT /api/exercises/:id/report/draft':        'n   n   n   Y   n   Y   n   n   ·   ·   n',
  'POST /api/exercises/:id/report/finalise':    'n   n   n   Y   n   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/report/versions/:version': 'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  // Allowed roles reach the route and hear REPORT_VERSION_FINAL: a finalised version never changes.
  'PUT /api/exercises/:id/report/versions/:version': 'n   n   n   Y   n   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/improvement-plan':    'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'POST /api/exercises/:id/improvement-plan':   'n   n   n   Y   n   Y   n   n   ·   ·   n',
  'PATCH /api/exercises/:id/improvement-plan/:itemId': 'n   n   n   Y   n   Y   n   n   ·   ·   n',
  'POST /api/exercises/:id/improvement-plan/:itemId/status': 'n   n   n   Y   n   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/exports/report.pdf':  'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/exports/report.docx': 'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/exports/improvement-plan.xlsx': 'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/exports/improvement-plan.csv': 'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/exports/metrics.csv': 'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  // The whole log, control's notes included: the director.
  'GET /api/exercises/:id/exports/archive.json': 'n   n   n   Y   n   n   n   n   ·   ·   n',
  // Importing an archive makes a new exercise: those who plan.
  'POST /api/archives':                         'n   Y   Y   n   n   n   n   n   ·   ·   n',
  // Corrective actions across exercises: planners and administrators all, directors those of their exercises.
  'GET /api/corrective-actions':                'n   Y   Y   Y   n   n   n   n   ·   ·   Y',
  // The after-action review and replay (they hold observations and ratings): control staff and evaluators, not observers.
  'GET /api/exercises/:id/review':              'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/replay':              'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  'GET /api/exercises/:id/review/charts/:file': 'n   n   n   Y   Y   Y   n   n   ·   ·   n',
  // Ratings and post-exercise observations: evaluators; reconciling them: the director as lead evaluator.
  'POST /api/exercises/:id/review/ratings':     'n   n   n   n   n   Y   n   n   ·   ·   n',
  'POST /api/exercises/:id/review/reconciliations': 'n   n   n   Y   n   n   n   n   ·   ·   n',
  'POST /api/exercises/:id/review/observations': 'n   n   n   n   n   Y   n   n   ·   ·   n',
  // Hot-wash feedback after EndEx: a team's participants.
  'POST /api/exercises/:id/review/feedback':    'n   n   n   n   n   n   n   Y   ·   ·   n',
  // The scenario studio (drafts, versions, publishing, MSEL exchange): administrators and planners.
  'GET /api/studio/scenarios':                  'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/scenarios':                 'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/scenarios/:id/copy':        'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/draft':        'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'PUT /api/studio/scenarios/:id/draft':        'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'DELETE /api/studio/scenarios/:id/draft':     'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/document':     'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/scenarios/:id/merge':       'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/scenarios/:id/publish':     'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/scenarios/:id/revert':      'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/versions':     'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/history':      'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/diff':         'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/scenarios/:id/presence':    'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'DELETE /api/studio/scenarios/:id/presence':  'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/msel.xlsx':    'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/studio/scenarios/:id/msel.csv':     'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/msel/inspect':              'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/msel/preview':              'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'POST /api/studio/msel/import':               'n   Y   Y   n   n   n   n   n   ·   ·   n',
  'GET /api/exercises/:id/feed':                'n   Y   Y   Y   Y   Y   Y   Y   Y   Y   n',
});

// prettier-ignore
const SOCKET = table({
  //                                             anon adm pln dir ctl evl obs par pcd ocd else
  'sync':                                       'n   Y   Y   Y   Y   Y   Y   Y   Y   Y   n',
  // Readiness, StartEx, EndEx, closing and resuming after a real-world halt: the director.
  'command ready':                              'n   n   n   Y   n   n   n   n   n   n   n',
  'command start':                              'n   n   n   Y   n   n   n   n   n   n   n',
  'command end':                                'n   n   n   Y   n   n   n   n   n   n   n',
  'command close':                              'n   n   n   Y   n   n   n   n   n   n   n',
  'command resume after a halt':                'n   n   n   Y   n   n   n   n   n   n   n',
  // Running play: controllers (and the director, who may do everything in the exercise).
  'command pause':                              'n   n   n   Y   Y   n   n   n   n   n   n',
  'command resume after a pause':               'n   n   n   Y   Y   n   n   n   n   n   n',
  'command halt':                               'n   n   n   Y   Y   n   n   n   n   n   n',
  'command jump':                               'n   n   n   Y   Y   n   n   n   n   n   n',
  'command speed':                              'n   n   n   Y   Y   n   n   n   n   n   n',
  'command release':                            'n   n   n   Y   Y   n   n   n   n   n   n',
  'command hold':                               'n   n   n   Y   Y   n   n   n   n   n   n',
  'command skip':                               'n   n   n   Y   Y   n   n   n   n   n   n',
  'command edit':                               'n   n   n   Y   Y   n   n   n   n   n   n',
  'command adhoc':                              'n   n   n   Y   Y   n   n   n   n   n   n',
  'command decide':                             'n   n   n   Y   Y   n   n   n   n   n   n',
  'command broadcast':                          'n   n   n   Y   Y   n   n   n   n   n   n',
  'command reply':                              'n   n   n   Y   Y   n   n   n   n   n   n',
  'command note':                               'n   n   n   Y   Y   n   n   n   n   n   n',
  // Acting for a team: that team's participants, by account or by tablet.
  'inject.delivered':                           'n   n   n   n   n   n   n   Y   Y   n   n',
  'inject.acknowledge':                         'n   n   n   n   n   n   n   Y   Y   n   n',
  'action.take':                                'n   n   n   n   n   n   n   Y   Y   n   n',
  'message.send':                               'n   n   n   n   n   n   n   Y   Y   n   n',
  // Recording observations (people's performance records): evaluators, signed in.
  'observation.record':                         'n   n   n   n   n   Y   n   n   n   n   n',
  // Hot-wash feedback after EndEx: a team's participants, by account or by tablet.
  'feedback.submit':                            'n   n   n   n   n   n   n   Y   Y   n   n',
  // Acknowledging the communications check before StartEx: a team's participants.
  'commscheck.acknowledge':                     'n   n   n   n   n   n   n   Y   Y   n   n',
});

/** Roles with no role in the exercise are refused at the handshake, before any event. */
const HANDSHAKE_REFUSAL: Partial<Record<Role, ErrorCode>> = {
  anonymous: 'UNAUTHENTICATED',
  directorElsewhere: 'FORBIDDEN',
};

/** The exercise state each socket cell starts from (a fresh demo exercise per cell, at speed 1 so no timer fires). */
type Setup = 'draft' | 'ready' | 'live' | 'paused' | 'halted' | 'alarm' | 'ended' | 'commscheck';
const SETUPS: Record<Setup, ControllerCommand[]> = {
  draft: [],
  commscheck: [],
  ready: [{ type: 'ready' }],
  live: [{ type: 'ready' }, { type: 'start' }],
  paused: [{ type: 'ready' }, { type: 'start' }, { type: 'pause' }],
  halted: [{ type: 'ready' }, { type: 'start' }, { type: 'halt', reason: 'Real fire alarm in the building' }],
  alarm: [{ type: 'ready' }, { type: 'start' }, { type: 'release', injectId: 'portal_alarm' }],
  ended: [{ type: 'ready' }, { type: 'start' }, { type: 'end' }],
};

/** The demo with a branch the controller may take before the alarm, so that a decision is open once play starts. */
const DECISION_DEMO = (() => {
  const demo = LIBRARY.demo!;
  const states = demo.machine.states ?? {};
  const quiet = { ...states.quiet, decisions: [{ decision: 'sound_alarm_now', label: 'Sound the alarm now', target: 'alarm' }] };
  return ScenarioDocument.parse({ ...demo, id: 'demo-decision', machine: { ...demo.machine, states: { ...states, quiet } } });
})();

const SOCKET_CELLS: Record<string, { setup: Setup; event: keyof ClientToServerEvents; payload: unknown; scenario?: ScenarioDocument }> = {
  sync: { setup: 'ready', event: 'sync', payload: { afterSeq: 0 } },
  'command ready': { setup: 'draft', event: 'command', payload: { type: 'ready' } },
  'command start': { setup: 'ready', event: 'command', payload: { type: 'start' } },
  'command end': { setup: 'live', event: 'command', payload: { type: 'end' } },
  'command close': { setup: 'ended', event: 'command', payload: { type: 'close' } },
  'command jump': { setup: 'live', event: 'command', payload: { type: 'jump' } },
  'command speed': { setup: 'live', event: 'command', payload: { type: 'speed', speed: 20 } },
  'command hold': { setup: 'live', event: 'command', payload: { type: 'hold', injectId: 'portal_alarm', reason: 'The lane is closed.' } },
  'command skip': { setup: 'live', event: 'command', payload: { type: 'skip', injectId: 'portal_alarm', reason: 'Covered in the briefing.' } },
  'command edit': { setup: 'live', event: 'command', payload: { type: 'edit', injectId: 'portal_alarm', subject: 'Alarm on lane 2' } },
  'command decide': { setup: 'live', event: 'command', payload: { type: 'decide', decision: 'sound_alarm_now' }, scenario: DECISION_DEMO },
  'command broadcast': { setup: 'live', event: 'command', payload: { type: 'broadcast', text: 'Everyone: weather update.' } },
  'command resume after a halt': { setup: 'halted', event: 'command', payload: { type: 'resume', reason: 'Fire brigade gave the all clear' } },
  'command pause': { setup: 'live', event: 'command', payload: { type: 'pause' } },
  'command resume after a pause': { setup: 'paused', event: 'command', payload: { type: 'resume' } },
  'command halt': { setup: 'live', event: 'command', payload: { type: 'halt', reason: 'Bomb threat at the venue' } },
  'command release': { setup: 'live', event: 'command', payload: { type: 'release', injectId: 'portal_alarm' } },
  'command adhoc': {
    setup: 'live',
    event: 'command',
    payload: { type: 'adhoc', to: ['customs'], channel: 'email', from: 'Exercise control', subject: 'Ad hoc', body: 'Details.' },
  },
  'command reply': { setup: 'live', event: 'command', payload: { type: 'reply', organisationId: 'supervisor', to: 'customs', text: 'Noted.' } },
  'command note': { setup: 'live', event: 'command', payload: { type: 'note', text: 'Team hesitated at the portal.' } },
  'inject.delivered': { setup: 'alarm', event: 'inject.delivered', payload: { injectId: 'portal_alarm' } },
  'inject.acknowledge': { setup: 'alarm', event: 'inject.acknowledge', payload: { injectId: 'portal_alarm' } },
  'action.take': {
    setup: 'live',
    event: 'action.take',
    payload: { actionId: 'report_alarm', fields: { dose_rate_usvh: 3, vehicle_held: true }, idempotencyKey: 'matrix-action' },
  },
  'message.send': {
    setup: 'live',
    event: 'message.send',
    payload: { to: { teams: [], organisations: ['supervisor'] }, text: 'Alarm on lane 3.', idempotencyKey: 'matrix-message' },
  },
  'observation.record': {
    setup: 'live',
    event: 'observation.record',
    payload: { observedAtMs: 0, teamId: 'customs', kind: 'strength', text: 'Held the truck at once.', idempotencyKey: 'matrix-observation' },
  },
  'commscheck.acknowledge': { setup: 'commscheck', event: 'commscheck.acknowledge', payload: { checkId: 'c1' } },
  'feedback.submit': {
    setup: 'ended',
    event: 'feedback.submit',
    payload: { wentWell: 'Quick hold.', toImprove: 'Tell police sooner.', objectives: [], idempotencyKey: 'matrix-feedback' },
  },
};

const DENIED = {
  UNAUTHENTICATED: { statusCode: 401, code: 'UNAUTHENTICATED', error: 'Unauthorized', message: 'Sign in or join with a valid code first.' },
  FORBIDDEN: { statusCode: 403, code: 'FORBIDDEN', error: 'Forbidden', message: 'Your role does not allow this.' },
};

type Person = StaffCredential & { userId: string; username: string };
type PersonRole = Exclude<Role, 'anonymous' | 'participantCode' | 'observerCode'>;

let h: Harness;
/** The exercise the REST and feed rows are about (the demo, ready), and another one. */
let X: string;
let Y: string;
let people: Record<PersonRole, Person>;
let codes: { participantCode: string; observerCode: string };
let targets: { patch: string; member: string };
let made = 0;

const passwordOf = (username: string) => `${username} password 123`;

/** Any valid improvement-plan row will do here. */
const PLAN_ROW = CORDON_ROW;

/**
 * The review rows act on an exercise after EndEx with a finalised report. Its people are others
 * than X's (same roles), so that X's people keep exactly one exercise each.
 */
let reviewed: Promise<string> | undefined;
const reviewers = new Map<Role, Person>();
async function reviewAccess(role: Role): Promise<{ id: string; as?: StaffCredential }> {
  reviewed ??= (async () => {
    const id = await demoExercise('live');
    await (await h.server.runtime.get(id)).command({ type: 'end' }, { kind: 'system' });
    for (const r of ['director', 'controller', 'evaluator', 'observer', 'participant'] as const) {
      reviewers.set(r, await person(`review-${r}`, [], { exerciseId: id, role: r, ...(r === 'participant' ? { teamId: 'customs' } : {}) }));
    }
    expect((await h.request('POST', `/api/exercises/${id}/report/finalise`, reviewers.get('director'))).statusCode).toBe(201);
    return id;
  })();
  const id = await reviewed;
  const as = reviewers.get(role);
  return as ? { id, as } : { id };
}

async function demoExercise(setup: Setup, scenario: ScenarioDocument = LIBRARY.demo!): Promise<string> {
  const { id } = await h.server.runtime.create({ scenario, speed: 1 });
  const host = await h.server.runtime.get(id);
  for (const command of SETUPS[setup]) await host.command(command, { kind: 'system' });
  if (setup === 'commscheck') await host.sendCommsCheck({ kind: 'system' }, 'Communications check');
  return id;
}

let planned = 0;
const checkers = new Map<Role, Person>();
/**
 * A fresh draft exercise whose communications check went out, and a person of `role`'s exercise role
 * there (people of their own, so that the matrix people's exercise lists and X's log stay as they are).
 */
async function draftWithCheck(role: Role): Promise<{ id: string; as?: StaffCredential }> {
  const id = await demoExercise('commscheck');
  if (role !== 'director' && role !== 'controller' && role !== 'evaluator' && role !== 'observer' && role !== 'participant') return { id };
  let checker = checkers.get(role);
  if (!checker) checkers.set(role, (checker = await person(`check-${role}`, [])));
  await h.server.identity.setMembership('test', { exerciseId: id, userId: checker.userId, role, ...(role === 'participant' ? { teamId: 'customs' } : {}) });
  return { id, as: { ...checker, exerciseId: id } };
}

const agency = async () =>
  (await h.request('POST', '/api/agencies', h.admin, { name: `Matrix agency ${++planned}`, type: 'police', functions: ['response'], contacts: [] })).json().id as string;

async function createUser(username: string, roles: ('admin' | 'planner')[] = []): Promise<string> {
  const response = await h.request('POST', '/api/admin/users', h.admin, { username, displayName: username, password: passwordOf(username), roles });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function person(username: string, roles: ('admin' | 'planner')[], membership?: { exerciseId: string; role: ExerciseRole; teamId?: string }): Promise<Person> {
  const userId = await createUser(username, roles);
  if (membership) await h.server.identity.setMembership('test', { userId, ...membership });
  return { ...(await h.login(username, passwordOf(username), membership?.exerciseId ?? X)), userId, username };
}

beforeAll(async () => {
  h = await startServer();
  X = await demoExercise('ready');
  Y = await demoExercise('ready');
  const member = (exerciseId: string, role: ExerciseRole, teamId?: string) => ({ exerciseId, role, ...(teamId ? { teamId } : {}) });
  people = {
    admin: await person('matrix-admin', ['admin']),
    planner: await person('matrix-planner', ['planner']),
    director: await person('matrix-director', [], member(X, 'director')),
    controller: await person('matrix-controller', [], member(X, 'controller')),
    evaluator: await person('matrix-evaluator', [], member(X, 'evaluator')),
    observer: await person('matrix-observer', [], member(X, 'observer')),
    participant: await person('matrix-participant', [], member(X, 'participant', 'customs')),
    directorElsewhere: await person('matrix-elsewhere', [], member(Y, 'director')),
  };
  const identity = h.server.identity;
  codes = {
    participantCode: (await identity.createJoinCode('test', { exerciseId: X, role: 'participant', teamId: 'customs' })).token,
    observerCode: (await identity.createJoinCode('test', { exerciseId: X, role: 'observer' })).token,
  };
  await createUser('login-target');
  targets = { patch: await createUser('patch-target'), member: await createUser('member-target') };
});
afterAll(async () => h.close());

/** A fresh studio draft (a copy of the demo, which lints), made by an administrator. */
async function studioDraft(): Promise<{ id: string; document: Record<string, unknown> }> {
  const copied = await h.request('POST', '/api/studio/scenarios/demo/copy', h.admin, { id: `matrix-draft-${++made}` });
  expect(copied.statusCode).toBe(201);
  return { id: copied.json().scenarioId, document: copied.json().document };
}
const MATRIX_MSEL = { name: 'matrix.csv', format: 'csv', content: 'Inject #,Time,To,Subject\n1,T+5,Customs,Portal alarm on lane 3\n2,T+10,Customs,Driver asks to leave\n' } as const;

/** The request each REST row sends: valid, so that an allowed role gets the route's success status. */
async function restRequest(route: string, role: Role): Promise<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: unknown; ok: number; as?: StaffCredential }> {
  switch (route) {
    case 'GET /api/health':
      return { method: 'GET', url: '/api/health', ok: 200 };
    case 'GET /api/docs':
    case 'GET /api/docs/':
    case 'GET /api/docs/json':
    case 'GET /api/docs/yaml':
    case 'GET /api/docs/static/swagger-initializer.js':
      return { method: 'GET', url: route.slice('GET '.length), ok: 200 };
    case 'GET /api/docs/static/index.html':
      // swagger-ui sends its page's old address on to /api/docs.
      return { method: 'GET', url: route.slice('GET '.length), ok: 302 };
    case 'GET /api/docs/*':
      return { method: 'GET', url: '/api/docs/static/swagger-ui.css', ok: 200 };
    case 'GET /api/health/ready':
      return { method: 'GET', url: '/api/health/ready', ok: 200 };
    case 'GET /api/health/node':
      return { method: 'GET', url: '/api/health/node', ok: 200 };
    case 'GET /metrics':
      return { method: 'GET', url: '/metrics', ok: 200 };
    case 'POST /api/auth/login':
      return { method: 'POST', url: '/api/auth/login', body: { username: 'login-target', password: passwordOf('login-target') }, ok: 200 };
    case 'POST /api/auth/logout': {
      // A second session of the same person, so that signing it out leaves the one the other rows use.
      const as = role === 'anonymous' ? undefined : await h.login(people[role as PersonRole].username, passwordOf(people[role as PersonRole].username));
      return { method: 'POST', url: '/api/auth/logout', ok: 200, ...(as ? { as } : {}) };
    }
    case 'GET /api/auth/me':
      return { method: 'GET', url: '/api/auth/me', ok: 200 };
    case 'POST /api/auth/password': {
      // The current password again: reaching the route answers PASSWORD_UNCHANGED and ends no session the other rows use.
      const password = role === 'anonymous' ? 'any password at all' : passwordOf(people[role as PersonRole].username);
      return { method: 'POST', url: '/api/auth/password', body: { currentPassword: password, newPassword: password }, ok: 409 };
    }
    case 'GET /api/admin/users':
      return { method: 'GET', url: '/api/admin/users', ok: 200 };
    case 'POST /api/admin/users': {
      const username = `made-${++made}`;
      return { method: 'POST', url: '/api/admin/users', body: { username, displayName: 'Made', password: passwordOf(username), roles: [] }, ok: 201 };
    }
    case 'PATCH /api/admin/users/:id':
      return { method: 'PATCH', url: `/api/admin/users/${targets.patch}`, body: { displayName: 'Patched' }, ok: 200 };
    case 'GET /api/admin/audit':
      return { method: 'GET', url: '/api/admin/audit?limit=5', ok: 200 };
    case 'GET /api/exercises':
      return { method: 'GET', url: '/api/exercises', ok: 200 };
    case 'GET /api/exercises/:id':
      return { method: 'GET', url: `/api/exercises/${X}`, ok: 200 };
    case 'GET /api/exercises/:id/log':
      return { method: 'GET', url: `/api/exercises/${X}/log`, ok: 200 };
    case 'GET /api/exercises/:id/members':
      return { method: 'GET', url: `/api/exercises/${X}/members`, ok: 200 };
    case 'PUT /api/exercises/:id/members/:userId':
      return { method: 'PUT', url: `/api/exercises/${X}/members/${targets.member}`, body: { role: 'observer' }, ok: 200 };
    case 'DELETE /api/exercises/:id/members/:userId':
      return { method: 'DELETE', url: `/api/exercises/${X}/members/${targets.member}`, ok: 200 };
    case 'GET /api/exercises/:id/join-codes':
      return { method: 'GET', url: `/api/exercises/${X}/join-codes`, ok: 200 };
    case 'POST /api/exercises/:id/join-codes':
      return { method: 'POST', url: `/api/exercises/${X}/join-codes`, body: { role: 'participant', teamId: 'customs' }, ok: 201 };
    case 'DELETE /api/exercises/:id/join-codes/:code': {
      const grant = await h.server.identity.createJoinCode('test', { exerciseId: X, role: 'observer' });
      return { method: 'DELETE', url: `/api/exercises/${X}/join-codes/${grant.token}`, ok: 200 };
    }
    case 'GET /api/scenarios':
      return { method: 'GET', url: '/api/scenarios', ok: 200 };
    case 'GET /api/scenarios/:id':
      return { method: 'GET', url: '/api/scenarios/demo', ok: 200 };
    case 'POST /api/scenarios/lint':
      return { method: 'POST', url: '/api/scenarios/lint', body: LIBRARY.demo, ok: 200 };
    case 'GET /api/scenarios/schema.json':
      return { method: 'GET', url: '/api/scenarios/schema.json', ok: 200 };
    case 'POST /api/scenarios':
      return { method: 'POST', url: '/api/scenarios', body: { ...LIBRARY.demo!, id: 'matrix-upload', title: 'Matrix upload' }, ok: 201 };
    case 'GET /api/exercises/:id/report':
    case 'GET /api/exercises/:id/report/versions/:version':
    case 'GET /api/exercises/:id/improvement-plan':
    case 'GET /api/exercises/:id/exports/report.pdf':
    case 'GET /api/exercises/:id/exports/report.docx':
    case 'GET /api/exercises/:id/exports/improvement-plan.xlsx':
    case 'GET /api/exercises/:id/exports/improvement-plan.csv':
    case 'GET /api/exercises/:id/exports/metrics.csv':
    case 'GET /api/exercises/:id/exports/archive.json': {
      const { id, as } = await reviewAccess(role);
      const path = route.slice('GET /api/exercises/:id'.length).replace(':version', '1');
      return { method: 'GET', url: `/api/exercises/${id}${path}`, ok: 200, ...(as ? { as } : {}) };
    }
    case 'PUT /api/exercises/:id/report/draft': {
      const { id, as } = await reviewAccess(role);
      const draft = (await h.request('GET', `/api/exercises/${id}/report`, reviewers.get('director')!)).json().draft;
      return { method: 'PUT', url: `/api/exercises/${id}/report/draft`, body: draft, ok: 200, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises/:id/report/finalise': {
      const { id, as } = await reviewAccess(role);
      return { method: 'POST', url: `/api/exercises/${id}/report/finalise`, ok: 201, ...(as ? { as } : {}) };
    }
    case 'PUT /api/exercises/:id/report/versions/:version': {
      const { id, as } = await reviewAccess(role);
      const draft = (await h.request('GET', `/api/exercises/${id}/report`, reviewers.get('director')!)).json().draft;
      return { method: 'PUT', url: `/api/exercises/${id}/report/versions/1`, body: draft, ok: 409, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises/:id/improvement-plan': {
      const { id, as } = await reviewAccess(role);
      return { method: 'POST', url: `/api/exercises/${id}/improvement-plan`, body: PLAN_ROW, ok: 201, ...(as ? { as } : {}) };
    }
    case 'PATCH /api/exercises/:id/improvement-plan/:itemId':
    case 'POST /api/exercises/:id/improvement-plan/:itemId/status': {
      const { id, as } = await reviewAccess(role);
      const row = (await h.request('POST', `/api/exercises/${id}/improvement-plan`, reviewers.get('director')!, PLAN_ROW)).json().id;
      return route.startsWith('PATCH')
        ? { method: 'PATCH', url: `/api/exercises/${id}/improvement-plan/${row}`, body: { pointOfContact: 'Duty officer' }, ok: 200, ...(as ? { as } : {}) }
        : { method: 'POST', url: `/api/exercises/${id}/improvement-plan/${row}/status`, body: { status: 'in-progress', comment: 'Started' }, ok: 200, ...(as ? { as } : {}) };
    }
    case 'POST /api/archives': {
      const { id } = await reviewAccess(role);
      return { method: 'POST', url: '/api/archives', body: await exportArchive(h.server.runtime.store as Store, id, Date.now()), ok: 201 };
    }
    case 'GET /api/corrective-actions':
      return { method: 'GET', url: '/api/corrective-actions', ok: 200 };
    case 'GET /api/exercises/:id/review':
    case 'GET /api/exercises/:id/replay':
    case 'GET /api/exercises/:id/review/charts/:file': {
      const { id, as } = await reviewAccess(role);
      const path = route.slice('GET /api/exercises/:id'.length).replace('/replay', '/replay?atSeq=2').replace(':file', 'ratings.svg');
      return { method: 'GET', url: `/api/exercises/${id}${path}`, ok: 200, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises/:id/review/ratings':
    case 'POST /api/exercises/:id/review/reconciliations': {
      const { id, as } = await reviewAccess(role);
      const key = `matrix-rating-${++made}`;
      const body = { subject: { kind: 'target', id: 'report_on_time' }, rating: 'S', reason: 'Reported late.', idempotencyKey: key };
      // Reconciling needs a rating to reconcile: an evaluator's, recorded first.
      if (route.endsWith('reconciliations')) await h.request('POST', `/api/exercises/${id}/review/ratings`, reviewers.get('evaluator')!, { ...body, idempotencyKey: `${key}-first` });
      return { method: 'POST', url: `/api/exercises/${id}${route.slice('POST /api/exercises/:id'.length)}`, body, ok: 201, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises/:id/review/observations': {
      const { id, as } = await reviewAccess(role);
      const body = { observedAtMs: 0, teamId: 'customs', kind: 'note', text: 'Debrief: the report came late.', idempotencyKey: `matrix-post-observation-${++made}` };
      return { method: 'POST', url: `/api/exercises/${id}/review/observations`, body, ok: 201, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises/:id/review/feedback': {
      const { id, as } = await reviewAccess(role);
      const body = { wentWell: 'Quick hold.', toImprove: 'Report sooner.', objectives: [], idempotencyKey: `matrix-feedback-${++made}` };
      return { method: 'POST', url: `/api/exercises/${id}/review/feedback`, body, ok: 201, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises':
      return { method: 'POST', url: '/api/exercises', body: { source: { kind: 'library', scenarioId: 'demo' } }, ok: 201 };
    case 'GET /api/agencies':
      return { method: 'GET', url: '/api/agencies', ok: 200 };
    case 'POST /api/agencies':
      return { method: 'POST', url: '/api/agencies', body: { name: `Made agency ${++planned}`, type: 'customs', functions: ['detection'] }, ok: 201 };
    case 'PUT /api/agencies/:agencyId':
      return { method: 'PUT', url: `/api/agencies/${await agency()}`, body: { name: `Renamed agency ${++planned}`, type: 'police', functions: [] }, ok: 200 };
    case 'DELETE /api/agencies/:agencyId':
      return { method: 'DELETE', url: `/api/agencies/${await agency()}`, ok: 200 };
    case 'GET /api/exercises/:id/plan':
    case 'GET /api/exercises/:id/people':
    case 'GET /api/exercises/:id/join-codes/sheet':
    case 'GET /api/exercises/:id/comms-check':
    case 'GET /api/exercises/:id/briefings/handbook':
    case 'GET /api/exercises/:id/briefings/observer':
      return { method: 'GET', url: `/api/exercises/${X}${route.slice('GET /api/exercises/:id'.length)}`, ok: 200 };
    case 'GET /api/exercises/:id/briefings/player/:teamId':
      return { method: 'GET', url: `/api/exercises/${X}/briefings/player/customs`, ok: 200 };
    case 'PUT /api/exercises/:id/settings': {
      const body = { title: 'Matrix exercise', scenarioStartMs: 0, speed: 1, timeZone: 'Europe/Vilnius', language: 'en', exerciseType: 'drill', locations: [] };
      return { method: 'PUT', url: `/api/exercises/${X}/settings`, body, ok: 200 };
    }
    case 'PUT /api/exercises/:id/team-agencies':
      return { method: 'PUT', url: `/api/exercises/${X}/team-agencies`, body: { mapping: {} }, ok: 200 };
    case 'POST /api/exercises/:id/people':
      return { method: 'POST', url: `/api/exercises/${X}/people`, body: { name: 'Player', email: `player${++planned}@example.lt`, role: 'participant', teamId: 'customs' }, ok: 201 };
    case 'POST /api/exercises/:id/people/import':
      return { method: 'POST', url: `/api/exercises/${X}/people/import`, body: { format: 'csv', content: `name,email,role,team\nPlayer,imported${++planned}@example.lt,participant,customs` }, ok: 201 };
    case 'PUT /api/exercises/:id/people/:personId': {
      const added = await h.request('POST', `/api/exercises/${X}/people`, people.director, { name: 'Moved', email: `moved${++planned}@example.lt`, role: 'participant', teamId: 'customs' });
      return { method: 'PUT', url: `/api/exercises/${X}/people/${added.json().people[0].id}`, body: { name: 'Moved again', role: 'participant', teamId: 'customs' }, ok: 200 };
    }
    case 'DELETE /api/exercises/:id/people/:personId': {
      const added = await h.request('POST', `/api/exercises/${X}/people`, people.director, { name: 'Gone', email: `gone${++planned}@example.lt`, role: 'participant', teamId: 'customs' });
      return { method: 'DELETE', url: `/api/exercises/${X}/people/${added.json().people[0].id}`, ok: 200 };
    }
    case 'POST /api/exercises/:id/join-codes/teams':
      return { method: 'POST', url: `/api/exercises/${X}/join-codes/teams`, body: {}, ok: 201 };
    case 'POST /api/exercises/:id/comms-check':
    case 'POST /api/exercises/:id/comms-check/confirm': {
      const { id, as } = await draftWithCheck(role);
      return { method: 'POST', url: `/api/exercises/${id}${route.slice('POST /api/exercises/:id'.length)}`, ok: 200, ...(as ? { as } : {}) };
    }
    case 'POST /api/exercises/:id/dry-run':
      return { method: 'POST', url: `/api/exercises/${X}/dry-run`, ok: 200 };
    case 'GET /api/studio/scenarios':
      return { method: 'GET', url: '/api/studio/scenarios', ok: 200 };
    case 'POST /api/studio/scenarios':
      return { method: 'POST', url: '/api/studio/scenarios', body: { id: `matrix-new-${++made}`, title: 'Matrix scenario' }, ok: 201 };
    case 'POST /api/studio/scenarios/:id/copy':
      return { method: 'POST', url: '/api/studio/scenarios/demo/copy', body: { id: `matrix-copy-${++made}` }, ok: 201 };
    case 'GET /api/studio/scenarios/:id/document':
      return { method: 'GET', url: '/api/studio/scenarios/demo/document', ok: 200 };
    case 'GET /api/studio/scenarios/:id/msel.xlsx':
    case 'GET /api/studio/scenarios/:id/msel.csv':
      return { method: 'GET', url: `/api/studio/scenarios/stolen-cobalt-source/${route.slice(route.lastIndexOf('/') + 1)}`, ok: 200 };
    case 'GET /api/studio/scenarios/:id/draft':
    case 'GET /api/studio/scenarios/:id/versions':
    case 'GET /api/studio/scenarios/:id/history': {
      const { id } = await studioDraft();
      return { method: 'GET', url: `/api/studio/scenarios/${id}${route.slice(route.lastIndexOf('/'))}`, ok: 200 };
    }
    case 'PUT /api/studio/scenarios/:id/draft': {
      const { id, document } = await studioDraft();
      return { method: 'PUT', url: `/api/studio/scenarios/${id}/draft`, body: { revision: 1, document: { ...document, summary: 'Saved by the matrix.' } }, ok: 200 };
    }
    case 'DELETE /api/studio/scenarios/:id/draft':
      return { method: 'DELETE', url: `/api/studio/scenarios/${(await studioDraft()).id}/draft?revision=1`, ok: 200 };
    case 'POST /api/studio/scenarios/:id/merge': {
      const { id, document } = await studioDraft();
      return { method: 'POST', url: `/api/studio/scenarios/${id}/merge`, body: { base: 'r1', theirs: 'draft', document }, ok: 200 };
    }
    case 'POST /api/studio/scenarios/:id/publish':
      return { method: 'POST', url: `/api/studio/scenarios/${(await studioDraft()).id}/publish`, body: { revision: 1 }, ok: 201 };
    case 'POST /api/studio/scenarios/:id/revert':
    case 'GET /api/studio/scenarios/:id/diff': {
      const { id } = await studioDraft();
      expect((await h.request('POST', `/api/studio/scenarios/${id}/publish`, h.admin, { revision: 1 })).statusCode).toBe(201);
      return route.startsWith('POST')
        ? { method: 'POST', url: `/api/studio/scenarios/${id}/revert`, body: { revision: 1, version: 1 }, ok: 200 }
        : { method: 'GET', url: `/api/studio/scenarios/${id}/diff?from=v1&to=draft`, ok: 200 };
    }
    case 'POST /api/studio/scenarios/:id/presence':
    case 'DELETE /api/studio/scenarios/:id/presence': {
      const { id } = await studioDraft();
      return route.startsWith('POST')
        ? { method: 'POST', url: `/api/studio/scenarios/${id}/presence`, body: { revision: 1 }, ok: 200 }
        : { method: 'DELETE', url: `/api/studio/scenarios/${id}/presence`, ok: 200 };
    }
    case 'POST /api/studio/msel/inspect':
      return { method: 'POST', url: '/api/studio/msel/inspect', body: { file: MATRIX_MSEL }, ok: 200 };
    case 'POST /api/studio/msel/preview':
    case 'POST /api/studio/msel/import': {
      const mapping = (await h.request('POST', '/api/studio/msel/inspect', h.admin, { file: MATRIX_MSEL })).json().proposal;
      return route.endsWith('preview')
        ? { method: 'POST', url: '/api/studio/msel/preview', body: { file: MATRIX_MSEL, mapping }, ok: 200 }
        : { method: 'POST', url: '/api/studio/msel/import', body: { file: MATRIX_MSEL, mapping, scenario: { id: `matrix-msel-${++made}`, title: 'Matrix MSEL' } }, ok: 201 };
    }
    default:
      throw new Error(`No request for ${route}: add one.`);
  }
}

const signedIn = (role: Role): StaffCredential | undefined =>
  role === 'anonymous' || role === 'participantCode' || role === 'observerCode' ? undefined : people[role];

describe('the matrix covers everything', () => {
  it('has a row for every route the server serves, and no other', () => {
    // The programme's routes have callers of their own (focal points, survey tokens): server/test/programme/programmeAccess.test.ts.
    expect(servedRoutes(h.server.app).filter((route) => !route.includes(' /api/programme/'))).toEqual(Object.keys(REST).sort());
  });

  it('has a row for every socket.io client event, each command tried by several roles', () => {
    const events = new Set(Object.values(SOCKET_CELLS).map((cell) => cell.event));
    expect([...events].sort()).toEqual(Object.keys(CLIENT_EVENT_SCHEMAS).sort());
    expect(Object.keys(SOCKET_CELLS).sort()).toEqual(Object.keys(SOCKET).sort());
  });

  it('has a row for every controller command type', () => {
    const types = ControllerCommand.options.map((option) => option.shape.type.value);
    const tried = Object.values(SOCKET_CELLS).flatMap((cell) => (cell.event === 'command' ? [(cell.payload as { type: string }).type] : []));
    expect([...new Set(tried)].sort()).toEqual([...types].sort());
  });
});

describe('REST routes', () => {
  const cells = Object.entries(REST)
    .filter(([route]) => route !== 'GET /api/exercises/:id/feed')
    .flatMap(([route, row]) => ROLES.filter((role) => row[role] !== '·').map((role) => [route, role, row[role]] as const));

  it.each(cells)('%s as %s: %s', async (route, role, expected) => {
    const { method, url, body, ok, as } = await restRequest(route, role);
    const before = dumpDatabase(databaseFile(h.dataDir));
    const response = await h.request(method, url, as ?? signedIn(role), body);
    if (expected === 'Y') {
      expect(response.statusCode).toBe(ok);
    } else {
      expect(response.json()).toEqual(role === 'anonymous' ? DENIED.UNAUTHENTICATED : DENIED.FORBIDDEN);
      // A refused request changes nothing at all: no row, no session, no audit entry.
      expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
    }
  });

  it('lists every exercise to administrators and planners, and only their own to everyone else', async () => {
    const all = (await h.server.runtime.store.listExercises()).map((e) => e.id).sort();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const listed = async (role: PersonRole) => ((await h.request('GET', '/api/exercises', people[role])).json() as { id: string }[]).map((e) => e.id).sort();
    expect(await listed('admin')).toEqual(all);
    expect(await listed('planner')).toEqual(all);
    for (const role of ['director', 'controller', 'evaluator', 'observer', 'participant'] as const) expect(await listed(role), role).toEqual([X]);
    expect(await listed('directorElsewhere')).toEqual([Y]);
  });
});

describe('the WebSocket log feed', () => {
  const row = REST['GET /api/exercises/:id/feed']!;

  it.each(ROLES.map((role) => [role, row[role]] as const))('as %s: %s', async (role, expected) => {
    const code = role === 'participantCode' || role === 'observerCode' ? codes[role] : undefined;
    const cookie = signedIn(role)?.cookie;
    const ws = new WebSocket(
      `${h.url.replace(/^http/, 'ws')}/api/exercises/${X}/feed`,
      code ? [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${code}`] : [FEED_SUBPROTOCOL],
      cookie ? { headers: { cookie } } : {},
    );
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (c, reason) => resolve({ code: c, reason: String(reason) })));
    try {
      if (expected === 'Y') {
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        ws.send(JSON.stringify({ type: 'hello', afterSeq: 0 }));
        await until(() => messages.length > 0, 'the first feed message');
        const [readied] = await h.server.runtime.store.readLog(X);
        expect(messages).toEqual([{ type: 'entry', entry: readied }]);
      } else {
        const refusal = role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        expect(await closed).toEqual({ code: refusal === 'UNAUTHENTICATED' ? 4401 : 4403, reason: refusal });
        expect(messages).toMatchObject([{ type: 'error', error: { code: refusal } }]);
      }
    } finally {
      ws.terminate();
    }
  });
});

/** A fresh exercise per cell: the role's access to it, as the client presents it. */
async function credentialIn(role: Role, exerciseId: string): Promise<Credential> {
  const identity = h.server.identity;
  switch (role) {
    case 'anonymous':
      return { cookie: '', csrfToken: '', exerciseId };
    case 'participantCode':
      return (await identity.createJoinCode('test', { exerciseId, role: 'participant', teamId: 'customs' })).token;
    case 'observerCode':
      return (await identity.createJoinCode('test', { exerciseId, role: 'observer' })).token;
    case 'admin':
    case 'planner':
    case 'directorElsewhere':
      return { ...people[role], exerciseId };
    default:
      await identity.setMembership('test', { exerciseId, userId: people[role].userId, role, ...(role === 'participant' ? { teamId: 'customs' } : {}) });
      return { ...people[role], exerciseId };
  }
}

describe('socket.io events', () => {
  const cells = Object.entries(SOCKET).flatMap(([name, row]) => ROLES.map((role) => [name, role, row[role]] as const));

  it.each(cells)('%s as %s: %s', async (name, role, expected) => {
    const cell = SOCKET_CELLS[name]!;
    const exerciseId = await demoExercise(cell.setup, cell.scenario);
    const { socket } = client(h.url, await credentialIn(role, exerciseId));
    try {
      const refusal = HANDSHAKE_REFUSAL[role];
      if (refusal) {
        expect(expected).toBe('n');
        expect(await refused(socket)).toMatchObject({ code: refusal });
        return;
      }
      await connected(socket);
      const before = await h.server.runtime.store.readLog(exerciseId);
      const ack = await call(socket, cell.event, cell.payload);
      const after = await h.server.runtime.store.readLog(exerciseId);
      if (expected === 'n') {
        expect(ack).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow this.' } });
        expect(after).toEqual(before);
      } else if (cell.event === 'sync') {
        expect(ack).toMatchObject({ ok: true, exercise: { id: exerciseId, status: 'ready' }, entries: [{ seq: 1, type: 'exercise.readied' }] });
      } else {
        expect(ack).toMatchObject({ ok: true, seq: before.length + 1 });
        expect(after.length).toBeGreaterThan(before.length);
      }
    } finally {
      socket.disconnect();
    }
  });
});

/** A short readable line per entry, for the hand-written expectations below. */
function line(entry: LogEntry): string {
  switch (entry.type) {
    case 'inject.released':
      return `${entry.type} ${entry.inject.id}`;
    case 'inject.delivered':
    case 'inject.acknowledged':
      return `${entry.type} ${entry.injectId}`;
    case 'action.taken':
      return `${entry.type} ${entry.actionId}`;
    case 'message.sent':
      return `${entry.type} ${entry.text}`;
    default:
      return entry.type;
  }
}

describe('no leakage between teams and roles', () => {
  it('sends each socket only what its viewer may see, live and on sync', async () => {
    const scenario = LIBRARY['detection-portal-alarm']!;
    expect(scenario.teams.map((t) => t.id)).toEqual(['customs', 'police', 'regulator']);
    // Speed 1: no scenario timer fires during the test; the jump below fires one on purpose.
    const { id } = await h.server.runtime.create({ scenario, speed: 1 });
    await (await h.server.runtime.get(id)).command({ type: 'ready' }, { kind: 'system' });
    const identity = h.server.identity;
    const as = async (who: Person, role: ExerciseRole, teamId?: string): Promise<Credential> => {
      await identity.setMembership('test', { exerciseId: id, userId: who.userId, role, ...(teamId ? { teamId } : {}) });
      return { ...who, exerciseId: id };
    };
    const code = async (role: 'participant' | 'observer', teamId?: string) => (await identity.createJoinCode('test', { exerciseId: id, role, teamId })).token;
    const watch = (credential: Credential) => {
      const watched = { ...client(h.url, credential), views: [] as ExerciseViewChange[] };
      watched.socket.on('exercise', (view) => watched.views.push(view));
      return watched;
    };
    const s = {
      director: watch(await as(people.director, 'director')),
      controller: watch(await as(people.controller, 'controller')),
      evaluator: watch(await as(people.evaluator, 'evaluator')),
      observer: watch(await as(people.observer, 'observer')),
      wall: watch(await code('observer')),
      customs: watch(await code('participant', 'customs')),
      police: watch(await as(people.participant, 'participant', 'police')),
      regulator: watch(await code('participant', 'regulator')),
    };
    await Promise.all(Object.values(s).map((w) => connected(w.socket)));
    // The plain WebSocket feed, for a police tablet's code and an observer's account, from the start.
    const feed = (protocols: string[], cookie?: string) => {
      const ws = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/exercises/${id}/feed`, [FEED_SUBPROTOCOL, ...protocols], cookie ? { headers: { cookie } } : {});
      const entries: LogEntry[] = [];
      const others: unknown[] = [];
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; entry?: LogEntry };
        if (message.type === 'entry') entries.push(message.entry!);
        else others.push(message);
      });
      const open = new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)).then(() => ws.send(JSON.stringify({ type: 'hello', afterSeq: 0 })));
      return { ws, entries, others, open };
    };
    const feeds = { police: feed([`${FEED_TOKEN_PREFIX}${await code('participant', 'police')}`]), observer: feed([], people.observer.cookie) };
    await Promise.all(Object.values(feeds).map((f) => f.open));
    await until(() => Object.values(feeds).every((f) => f.entries.length > 0), 'the feeds\' backlog');
    const ok = async (w: (typeof s)[keyof typeof s], event: keyof ClientToServerEvents, payload: unknown) => {
      const ack = await call(w.socket, event, payload);
      expect(ack, `${event} ${JSON.stringify(payload)} -> ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
    };
    const adhoc = (to: string, subject: string) => ({ type: 'adhoc', to: [to], channel: 'phone', from: 'Exercise control', subject, body: `${subject}.` });
    const message = (key: string, text: string, to: { teams?: string[]; organisations?: string[] }) => ({
      to: { teams: to.teams ?? [], organisations: to.organisations ?? [] },
      text,
      idempotencyKey: key,
    });

    await ok(s.director, 'command', { type: 'start' }); // releases portal_alarm to customs
    await ok(s.customs, 'inject.delivered', { injectId: 'portal_alarm' });
    await ok(s.customs, 'inject.acknowledge', { injectId: 'portal_alarm' });
    await ok(s.customs, 'action.take', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, idempotencyKey: 'customs-hold' });
    await ok(s.controller, 'command', { type: 'release', injectId: 'recall_order' }); // customs and police
    await ok(s.controller, 'command', adhoc('police', 'Police only')); // adhoc-1
    await ok(s.controller, 'command', adhoc('regulator', 'Regulator only')); // adhoc-2
    await ok(s.controller, 'command', adhoc('customs', 'Customs only')); // adhoc-3
    await ok(s.police, 'inject.acknowledge', { injectId: 'adhoc-1' });
    await ok(s.police, 'action.take', { actionId: 'set_cordon', fields: { radius_m: 30 }, idempotencyKey: 'police-cordon' });
    await ok(s.regulator, 'action.take', { actionId: 'classify_event', fields: { classification: 'Material out of regulatory control' }, idempotencyKey: 'reg-classify' });
    await ok(s.customs, 'message.send', message('customs-msg', 'Customs to police', { teams: ['police'] }));
    await ok(s.police, 'message.send', message('police-msg', 'Police to regulator', { teams: ['regulator'] }));
    await ok(s.regulator, 'message.send', message('regulator-msg', 'Regulator to reachback', { organisations: ['reachback'] }));
    await ok(s.controller, 'command', { type: 'reply', organisationId: 'reachback', to: 'regulator', text: 'Reachback to regulator' });
    await ok(s.controller, 'command', { type: 'note', text: 'Control only: police slow to cordon' });
    await ok(s.evaluator, 'observation.record', { observedAtMs: 60_000, teamId: 'customs', kind: 'strength', text: 'Customs held the truck at once', idempotencyKey: 'eval-observation' });
    await ok(s.director, 'command', { type: 'jump' }); // fires the 5-minute timer: driver_papers to customs
    await ok(s.director, 'command', { type: 'broadcast', text: 'Everyone: weather update' });

    const isLast = (e: LogEntry) => e.type === 'message.sent' && e.text === 'Everyone: weather update';
    await until(() => Object.values(s).every((w) => w.received.some(isLast)), 'the broadcast on every socket');
    const log = await h.server.runtime.store.readLog(id);
    expect(log.at(-1)).toSatisfy(isLast);
    // The log holds what must not leak, so the comparisons below can fail.
    const types = log.map((e) => e.type);
    expect(types.filter((t) => t === 'note.added')).toHaveLength(1);
    expect(types.filter((t) => t === 'observation.recorded')).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(['state.entered', 'timer.fired']));
    const live = log.slice(1); // every socket connected after seq 1 (exercise.readied)

    // Each team: exactly its own entries and the exercise-wide ones, in order.
    expect(s.customs.received.map(line)).toEqual([
      'exercise.started',
      'inject.released portal_alarm',
      'inject.delivered portal_alarm',
      'inject.acknowledged portal_alarm',
      'action.taken hold_vehicle',
      'inject.released recall_order',
      'inject.released adhoc-3',
      'message.sent Customs to police',
      'clock.jumped',
      'inject.released driver_papers',
      'message.sent Everyone: weather update',
    ]);
    expect(s.police.received.map(line)).toEqual([
      'exercise.started',
      'inject.released recall_order',
      'inject.released adhoc-1',
      'inject.acknowledged adhoc-1',
      'action.taken set_cordon',
      'message.sent Customs to police',
      'message.sent Police to regulator',
      'clock.jumped',
      'message.sent Everyone: weather update',
    ]);
    expect(s.regulator.received.map(line)).toEqual([
      'exercise.started',
      'inject.released adhoc-2',
      'action.taken classify_event',
      'message.sent Police to regulator',
      'message.sent Regulator to reachback',
      'message.sent Reachback to regulator',
      'clock.jumped',
      'message.sent Everyone: weather update',
    ]);
    const teams = { customs: s.customs, police: s.police, regulator: s.regulator };
    for (const [teamId, w] of Object.entries(teams)) {
      expect(w.received, teamId).toEqual(live.filter((e) => concernsTeam(teamId, e)));
      for (const view of w.views) {
        // A change carries only what play changes: names, actions and objectives came with the sync.
        expect(Object.keys(view).filter((key) => !['status', 'clock', 'lastSeq', 'halt', 'hotWash'].includes(key)), teamId).toEqual([]);
      }
    }
    // Evaluators: everything but control's notes. Observers (account or wall display): not the
    // evaluators' observations either, which are people's performance records.
    expect(s.evaluator.received).toEqual(live.filter((e) => e.type !== 'note.added'));
    for (const w of [s.observer, s.wall]) expect(w.received).toEqual(live.filter((e) => e.type !== 'note.added' && e.type !== 'observation.recorded'));
    for (const w of [s.evaluator, s.observer, s.wall]) {
      expect(w.views.length).toBeGreaterThan(0);
      expect(w.views.every((view) => view.control === undefined)).toBe(true);
    }
    // Control staff: everything.
    for (const w of [s.director, s.controller]) {
      expect(w.received).toEqual(live);
      expect(w.views.every((view) => view.control !== undefined)).toBe(true);
    }

    // A sync from the start answers with the same filter over the whole log.
    const expectedSync: [keyof typeof s, (e: LogEntry) => boolean][] = [
      ['customs', (e) => concernsTeam('customs', e)],
      ['police', (e) => concernsTeam('police', e)],
      ['regulator', (e) => concernsTeam('regulator', e)],
      ['evaluator', (e) => e.type !== 'note.added'],
      ['observer', (e) => e.type !== 'note.added' && e.type !== 'observation.recorded'],
      ['wall', (e) => e.type !== 'note.added' && e.type !== 'observation.recorded'],
      ['director', () => true],
      ['controller', () => true],
    ];
    for (const [who, visible] of expectedSync) {
      const sync = await call(s[who].socket, 'sync', { afterSeq: 0 });
      if (!sync.ok) throw new Error(`${who}: sync refused with ${sync.error.code}`);
      expect(sync.entries, who).toEqual(log.filter(visible));
      expect(sync.exercise.control === undefined, who).toBe(who !== 'director' && who !== 'controller');
    }
    for (const w of Object.values(s)) w.socket.disconnect();

    // The feed sends each viewer what its socket gets: the police code what the police socket
    // received (no other team's entries), the observer no notes and no observations.
    await until(() => Object.values(feeds).every((f) => f.entries.some(isLast)), 'the broadcast on every feed');
    expect(feeds.police.entries).toEqual(log.filter((e) => concernsTeam('police', e)));
    expect(feeds.police.entries.slice(1)).toEqual(s.police.received);
    expect(feeds.observer.entries).toEqual(log.filter((e) => e.type !== 'note.added' && e.type !== 'observation.recorded'));
    expect(feeds.observer.entries.slice(1)).toEqual(s.observer.received);
    for (const f of Object.values(feeds)) {
      expect(f.others).toEqual([]);
      f.ws.terminate();
    }
  });
});
