/**
 * Exercise planning: the REST bodies and answers for turning a scenario into a ready exercise.
 *
 * Routes (all JSON unless said; writes need the session cookie and the x-csrf-token header).
 * "director" = the exercise's director (the planner who created it becomes one); planners and
 * administrators have no implicit role in an exercise.
 *
 *   GET    /api/exercises                                -> PlannedExerciseSummary[]  (ExerciseSummary + settings, scenarioVersion, createdAt)
 *   POST   /api/exercises               CreateExerciseBody -> 201 PlannedExerciseSummary   planner/admin; the caller becomes director
 *   GET    /api/exercises/:id/plan                       -> ExercisePlan        director
 *   PUT    /api/exercises/:id/settings  ExerciseSettings -> ExercisePlan        director; PLAN_LOCKED once StartEx happened
 *   PUT    /api/exercises/:id/team-agencies TeamAgencyBody -> ExercisePlan      director; UNKNOWN_TEAM / AGENCY_NOT_FOUND
 *   GET    /api/agencies                                 -> Agency[]            planner/admin (a director reads them in ExercisePlan.agencies)
 *   POST   /api/agencies                AgencyBody       -> 201 Agency          planner/admin
 *   PUT    /api/agencies/:agencyId      AgencyBody       -> Agency              planner/admin; AGENCY_NOT_FOUND
 *   DELETE /api/agencies/:agencyId                       -> { ok: true }        planner/admin; AGENCY_IN_USE when mapped or named by a person
 *   GET    /api/exercises/:id/people                     -> Person[]            director
 *   POST   /api/exercises/:id/people    PersonBody       -> 201 PeopleAdded     director; 422 IMPORT_INVALID with problems (row 1)
 *   POST   /api/exercises/:id/people/import ImportPeopleBody -> 201 PeopleAdded (or 200 ImportCheck when dryRun)
 *                                                        director; any problem: 422 IMPORT_INVALID, `problems`: ImportProblem[], nothing saved
 *   PUT    /api/exercises/:id/people/:personId PersonUpdateBody -> PersonUpdated director; role, team, agency, covers, name;
 *                                                        PLAN_LOCKED after StartEx; 422 IMPORT_INVALID with problems
 *   DELETE /api/exercises/:id/people/:personId           -> { ok: true }        director; also removes the person's exercise role
 *   POST   /api/exercises/:id/join-codes/teams TeamJoinCodesBody -> 201 JoinCodeView[]  director; one new code per team (reissue:
 *                                                        revokes that team's earlier codes first)
 *   GET    /api/exercises/:id/join-codes/sheet           -> application/pdf     director; QR sheet of every team's newest valid code
 *                                                        and of every valid observer (wall display) code; observer codes are made
 *                                                        and revoked with POST/DELETE /api/exercises/:id/join-codes (role 'observer')
 *   GET    /api/exercises/:id/briefings/player/:teamId   -> application/pdf     staff; a participant account for its own team only
 *   GET    /api/exercises/:id/briefings/handbook         -> application/pdf     director, controller, evaluator (an evaluator: their objectives)
 *   GET    /api/exercises/:id/briefings/observer         -> application/pdf     director, controller, evaluator, observer
 *   GET    /api/exercises/:id/comms-check                -> CommsCheckStatus    director, controller
 *   POST   /api/exercises/:id/comms-check               -> CommsCheckStatus    director; sends a test message to every team (draft/ready)
 *   POST   /api/exercises/:id/comms-check/confirm        -> CommsCheckStatus    director; draft -> ready; COMMS_CHECK_NOT_SENT without a check
 *   POST   /api/exercises/:id/dry-run                    -> DryRun              director, controller; never touches the exercise's log
 *
 * Socket (participants, by tablet code or account): 'commscheck.acknowledge' { checkId } -> CommitResult.
 * Log entries (not part of play; MSEL, metrics and inject progress ignore them):
 *   commscheck.sent { checkId, teams, text } -> those teams and staff; commscheck.acknowledged { checkId, teamId };
 *   commscheck.confirmed { checkId, acknowledgedTeams } followed by exercise.readied.
 * The `ready` command: an exercise created through POST /api/exercises (settings.requireCommsCheck) is readied by
 * confirming its communications check; a person's `ready` command is refused there with COMMS_CHECK_REQUIRED. The
 * system actor (seed, tests) and exercises made by ExerciseRuntime.create without that setting may still ready directly.
 */
import { z } from 'zod';
import { ExerciseRole } from './auth.ts';
import { ExerciseStatus, ExerciseSummary } from './protocol.ts';
import { Agency as AgencyType, ExerciseType, SecurityFunction } from './scenario/document.ts';
import type { ErrorCode } from './errors.ts';
import { inputId, inputText } from './text.ts';

const id = inputId(64);
/** Names of people, agencies and exercises are shown as they are: no text-direction or control characters. */
const name = inputText(120);

/** IANA time zone names the server's Intl knows, e.g. "Europe/Vilnius". */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'use an IANA time zone such as "Europe/Vilnius"');

/** Lower-case e-mail, short enough to be a username (staff sign in with it). */
export const Email = z.string().trim().toLowerCase().max(64).email('not a valid e-mail address');

export const ExerciseSettings = z.strictObject({
  title: inputText(200),
  /** Calendar date of the exercise day, YYYY-MM-DD, unset until planned. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
  /** Wall-clock time of StartEx in `timeZone`, HH:MM. */
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM').optional(),
  /** Story time at StartEx in ms since Day 1 00:00 (format with formatScenarioTime; "Day 1 02:30" = 9_000_000). */
  scenarioStartMs: z.number().int().nonnegative().max(99 * 86_400_000),
  /** Exercise clock speed: 1 = real time. Drives the clock at StartEx. */
  speed: z.number().min(0.1).max(1000),
  timeZone: TimeZone,
  language: z.enum(['en', 'lt']),
  exerciseType: ExerciseType,
  locations: z.array(inputText(200)).max(20),
  /** Readiness goes through a confirmed communications check (set for exercises planned in StartEx). */
  requireCommsCheck: z.boolean().default(false),
});
export type ExerciseSettings = z.infer<typeof ExerciseSettings>;

/** What PUT /settings accepts: everything but requireCommsCheck, which creation decides. */
export const ExerciseSettingsBody = ExerciseSettings.omit({ requireCommsCheck: true });
export type ExerciseSettingsBody = z.infer<typeof ExerciseSettingsBody>;

/** Where the pinned scenario comes from: a library id, an uploaded id (+ version, else latest), or a document. */
export const ScenarioSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('library'), scenarioId: id }),
  z.strictObject({ kind: z.literal('uploaded'), scenarioId: id, version: z.number().int().positive().optional() }),
  z.strictObject({ kind: z.literal('inline'), document: z.unknown() }),
]);
export type ScenarioSource = z.infer<typeof ScenarioSource>;

export const CreateExerciseBody = z.strictObject({
  source: ScenarioSource,
  /** Defaults: the scenario's title, start, language and type; speed 1; Europe/Vilnius. */
  settings: ExerciseSettingsBody.partial().optional(),
});
export type CreateExerciseBody = z.infer<typeof CreateExerciseBody>;

/** GET /api/exercises and POST /api/exercises: the summary with what planning adds. */
export const PlannedExerciseSummary = ExerciseSummary.extend({
  scenarioVersion: z.number().int(),
  createdAt: z.number(),
  settings: ExerciseSettings,
});
export type PlannedExerciseSummary = z.infer<typeof PlannedExerciseSummary>;

// Agency directory
export const AgencyContact = z.strictObject({
  name: name,
  role: z.string().trim().max(120).optional(),
  email: Email.optional(),
  phone: z.string().trim().max(40).optional(),
});
export const AgencyBody = z.strictObject({
  name: name,
  /** The kind of agency, as scenario teams name it. */
  type: AgencyType,
  functions: z.array(SecurityFunction).max(3),
  contacts: z.array(AgencyContact).max(20).default([]),
});
export type AgencyBody = z.infer<typeof AgencyBody>;
export const AgencyView = AgencyBody.extend({ id: z.string(), createdAt: z.number(), updatedAt: z.number() });
export type AgencyView = z.infer<typeof AgencyView>;

/** Scenario team id -> agency id; a team left out is unmapped. */
export const TeamAgencyBody = z.strictObject({ mapping: z.record(id, id) });
export type TeamAgencyBody = z.infer<typeof TeamAgencyBody>;

// People
export const EvaluatorCoverage = z.strictObject({
  objectives: z.array(id).max(50).default([]),
  teams: z.array(id).max(50).default([]),
});
export type EvaluatorCoverage = z.infer<typeof EvaluatorCoverage>;

export const PersonBody = z.strictObject({
  name: name,
  email: Email,
  role: ExerciseRole,
  agencyId: id.optional(),
  /** Required for participants: the team they play in. */
  teamId: id.optional(),
  /** Evaluators only: the objectives and teams they cover. */
  covers: EvaluatorCoverage.optional(),
});
export type PersonBody = z.infer<typeof PersonBody>;

/** `PUT /api/exercises/:id/people/:personId`: everything but the e-mail, which is who the person is (remove and add again to change it). */
export const PersonUpdateBody = PersonBody.omit({ email: true });
export type PersonUpdateBody = z.infer<typeof PersonUpdateBody>;

/**
 * A person on the exercise roster. Staff (director, controller, evaluator, observer) sign in:
 * they are linked to the account whose username is their e-mail, created if none exists.
 * Participants are on the roster for briefings and join with their team's tablet code.
 */
export const PersonView = z.object({
  id: z.string(),
  exerciseId: z.string(),
  name: z.string(),
  email: z.string(),
  role: ExerciseRole,
  agencyId: z.string().optional(),
  teamId: z.string().optional(),
  covers: EvaluatorCoverage.optional(),
  /** The account behind a staff member. */
  userId: z.string().optional(),
  createdAt: z.number(),
});
export type PersonView = z.infer<typeof PersonView>;

/** A new account's initial password, shown once to the planner to pass on; never stored in clear. */
export const NewAccount = z.object({ username: z.string(), password: z.string() });
export type NewAccount = z.infer<typeof NewAccount>;

export const PeopleAdded = z.object({ people: z.array(PersonView), accounts: z.array(NewAccount), linked: z.array(z.string()) });
export type PeopleAdded = z.infer<typeof PeopleAdded>;

/** A person after an edit; `accounts` holds the new account of someone who became staff (its password shown once). */
export const PersonUpdated = z.object({ person: PersonView, accounts: z.array(NewAccount) });
export type PersonUpdated = z.infer<typeof PersonUpdated>;

/**
 * Columns a participant list has (header row, any order, case-insensitive). covers: objective titles
 * and team names separated by ";", e.g. "Notify on time; Customs post" (ids, as older lists wrote them, still work).
 */
export const IMPORT_COLUMNS = ['name', 'email', 'role', 'agency', 'team', 'covers'] as const;
export const REQUIRED_IMPORT_COLUMNS = ['name', 'email', 'role'] as const;

export const ImportPeopleBody = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  /** CSV: the text; XLSX: the file's bytes as base64. At most about 1 MB of file. */
  content: z.string().min(1).max(1_500_000),
  /** Check only: report problems and the rows, save nothing. */
  dryRun: z.boolean().default(false),
});
export type ImportPeopleBody = z.infer<typeof ImportPeopleBody>;

/** One problem of an imported file: `row` is the spreadsheet row number (1 = the header). */
export interface ImportProblem {
  row: number;
  column?: string;
  code: ErrorCode;
  message: string;
}

export const ImportCheck = z.object({ ok: z.boolean(), rows: z.number().int(), problems: z.array(z.object({ row: z.number(), column: z.string().optional(), code: z.string(), message: z.string() })) });
export type ImportCheck = z.infer<typeof ImportCheck>;

// Join codes per team
export const TeamJoinCodesBody = z.strictObject({
  /** Default: every team of the scenario. */
  teams: z.array(id).max(50).optional(),
  /** Revoke the teams' earlier codes first (reissue after a lost tablet). */
  reissue: z.boolean().default(false),
  expiresInHours: z.number().int().min(1).max(24 * 90).optional(),
});
export type TeamJoinCodesBody = z.infer<typeof TeamJoinCodesBody>;

// The plan view
/** Planning steps that can be finished; briefings and the dry run are looked at, not finished. */
export const PLAN_STEPS = ['settings', 'agencies', 'people', 'codes', 'comms'] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

export const ExercisePlan = z.object({
  id: z.string(),
  status: ExerciseStatus,
  settings: ExerciseSettings,
  scenario: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  teams: z.array(z.object({ id: z.string(), name: z.string(), agencyType: AgencyType, agencyId: z.string().optional() })),
  objectives: z.array(z.object({ id: z.string(), title: z.string() })),
  /** The whole agency directory, to map teams to. */
  agencies: z.array(AgencyView),
  people: z.array(PersonView),
  /**
   * Steps done: settings (date and start time set), agencies (every team mapped), people (someone on
   * the roster, every objective covered by an evaluator), codes (every team has a valid code),
   * comms (the communications check confirmed: the exercise is ready or further).
   */
  done: z.array(z.enum(PLAN_STEPS)),
});
export type ExercisePlan = z.infer<typeof ExercisePlan>;

// Communications check
export const CommsCheckStatus = z.object({
  status: ExerciseStatus,
  /** The latest check, if one was sent. */
  checkId: z.string().optional(),
  sentAt: z.number().optional(),
  confirmedAt: z.number().optional(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      name: z.string(),
      /** Tablets (join codes or participant accounts) connected now. */
      connected: z.number().int().nonnegative(),
      acknowledgedAt: z.number().optional(),
    }),
  ),
});
export type CommsCheckStatus = z.infer<typeof CommsCheckStatus>;
export const CommsCheckAck = z.strictObject({ checkId: id });
export type CommsCheckAck = z.infer<typeof CommsCheckAck>;
export const COMMS_CHECK_TEXT = 'Communications check: this is a test message, not part of the exercise. Please acknowledge it.';

// Dry run
export const DryRunEvent = z.object({
  kind: z.enum(['startex', 'inject', 'action', 'decision', 'states', 'milestone', 'endex', 'acknowledgement']),
  exerciseTimeMs: z.number(),
  scenarioTimeMs: z.number(),
  /** Wall-clock time (epoch ms) when the plan has a date and start time. */
  wallTime: z.number().optional(),
  ref: z.string(),
  team: z.string().optional(),
  /** Injects: number, subject, recipients, kind. */
  inject: z.object({ number: z.number(), subject: z.string(), to: z.array(z.string()), kind: z.string(), channel: z.string() }).optional(),
  /** What `ref` stands for, in words: a decision's branch label, the phases by title, an action's label, the inject acknowledged, a milestone. */
  label: z.string().optional(),
});
export type DryRunEvent = z.infer<typeof DryRunEvent>;
export const DryRun = z.object({
  timeline: z.array(DryRunEvent),
  releasedInjects: z.array(z.string()),
  /** Injects of the scenario this play never released, with the number and subject people know them by. */
  notReleased: z.array(z.object({ id: z.string(), number: z.number(), subject: z.string() })),
  decisions: z.array(z.string()),
  ended: z.boolean(),
  durationMs: z.number(),
  stoppedBecause: z.string().optional(),
  speed: z.number(),
  /** Wall-clock duration at the planned speed. */
  wallDurationMs: z.number(),
});
export type DryRun = z.infer<typeof DryRun>;

