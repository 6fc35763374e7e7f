import { z } from 'zod';
import { CreateJoinCodeBody, JoinCodeView, MembershipBody, MembershipView } from '../auth.ts';
import { FEED_SUBPROTOCOL, FeedServerMessage } from '../feed.ts';
import {
  CommsCheckStatus,
  CreateExerciseBody,
  DryRun,
  ExercisePlan,
  ExerciseSettingsBody,
  ImportCheck,
  ImportPeopleBody,
  PeopleAdded,
  PersonBody,
  PersonUpdateBody,
  PersonUpdated,
  PersonView,
  PlannedExerciseSummary,
  TeamAgencyBody,
  TeamJoinCodesBody,
} from '../planning.ts';
import { ExerciseSummary, LogQuery, RecordObservation } from '../protocol.ts';
import { ChartLanguage, ExerciseReview, RecordRatingBody, ReconcileRatingBody, ReplayMoment, ReplayQuery, ReviewChartName, SubmitFeedbackBody } from '../review.ts';
import { CodeParams, ExerciseParams, FileContent, Logged, LogResponse, MemberParams, Ok, PersonParams, route, type RouteSpec } from './spec.ts';

const ReviewChartParams = ExerciseParams.extend({
  file: z
    .string()
    .regex(/^[a-z-]{1,40}\.svg$/, 'ask for <chart>.svg')
    .transform((file) => file.slice(0, -'.svg'.length))
    .pipe(ReviewChartName),
});
/** The chart's words in the viewer's language; `seq` (the review's last) only keeps a browser from showing an older drawing. */
const ReviewChartQuery = z.object({ lang: ChartLanguage.default('en'), seq: z.coerce.number().int().nonnegative().optional() });

/** An exercise, its roster and plan, its log, and its review. */
export const EXERCISE_ROUTES = {
  listExercises: route({ method: 'GET', path: '/api/exercises', tag: 'exercises', access: 'session', summary: 'The exercises the person has a role in (planners: all).', response: z.array(PlannedExerciseSummary) }),
  createExercise: route({ method: 'POST', path: '/api/exercises', tag: 'exercises', access: 'global-role', summary: 'A new exercise in draft, pinning a copy of its scenario; its creator plans it by their global role and gets no role in it (who runs play is on its roster).', body: CreateExerciseBody, status: 201, response: PlannedExerciseSummary }),
  exercise: route({ method: 'GET', path: '/api/exercises/:id', tag: 'exercises', access: 'exercise-role', summary: 'An exercise\'s name, scenario and status.', params: ExerciseParams, response: ExerciseSummary }),
  exerciseLog: route({ method: 'GET', path: '/api/exercises/:id/log', tag: 'exercises', access: 'exercise-role', summary: 'The log entries the caller may see, after a seq.', params: ExerciseParams, query: LogQuery, response: LogResponse }),
  members: route({ method: 'GET', path: '/api/exercises/:id/members', tag: 'exercises', access: 'exercise-role', summary: 'Who has which role in the exercise.', params: ExerciseParams, response: z.array(MembershipView) }),
  setMember: route({ method: 'PUT', path: '/api/exercises/:id/members/:userId', tag: 'exercises', access: 'exercise-role', summary: 'Gives a person a role in the exercise (a participant with a team).', params: MemberParams, body: MembershipBody, response: Ok }),
  removeMember: route({ method: 'DELETE', path: '/api/exercises/:id/members/:userId', tag: 'exercises', access: 'exercise-role', summary: 'Takes a person\'s role in the exercise away.', params: MemberParams, response: Ok }),
  joinCodes: route({ method: 'GET', path: '/api/exercises/:id/join-codes', tag: 'exercises', access: 'exercise-role', summary: 'The exercise\'s join codes, revoked ones too.', params: ExerciseParams, response: z.array(JoinCodeView) }),
  createJoinCode: route({ method: 'POST', path: '/api/exercises/:id/join-codes', tag: 'exercises', access: 'exercise-role', summary: 'A join code for a team\'s tablets or a read-only display.', params: ExerciseParams, body: CreateJoinCodeBody, status: 201, response: JoinCodeView }),
  plan: route({ method: 'GET', path: '/api/exercises/:id/plan', tag: 'planning', access: 'exercise-role', summary: 'The exercise\'s plan: settings, scenario, teams and their agencies, objectives, the agency directory, the roster, and which planning steps are done.', params: ExerciseParams, response: ExercisePlan }),
  setSettings: route({ method: 'PUT', path: '/api/exercises/:id/settings', tag: 'planning', access: 'exercise-role', summary: 'New plan settings (title, speed, story start, time zone, language, type, locations) before StartEx; PLAN_LOCKED after it.', params: ExerciseParams, body: ExerciseSettingsBody, response: ExercisePlan }),
  setTeamAgencies: route({ method: 'PUT', path: '/api/exercises/:id/team-agencies', tag: 'planning', access: 'exercise-role', summary: 'Which agency of the directory plays each team, before StartEx.', params: ExerciseParams, body: TeamAgencyBody, response: ExercisePlan }),
  commsCheck: route({ method: 'GET', path: '/api/exercises/:id/comms-check', tag: 'planning', access: 'exercise-role', summary: 'The communications check: the teams, their tablets connected now, and who acknowledged.', params: ExerciseParams, response: CommsCheckStatus }),
  sendCommsCheck: route({ method: 'POST', path: '/api/exercises/:id/comms-check', tag: 'planning', access: 'exercise-role', summary: 'Sends the communications check\'s test message to every team\'s tablets.', params: ExerciseParams, response: CommsCheckStatus }),
  confirmCommsCheck: route({ method: 'POST', path: '/api/exercises/:id/comms-check/confirm', tag: 'planning', access: 'exercise-role', summary: 'Confirms the communications check, which readies the exercise for StartEx.', params: ExerciseParams, response: CommsCheckStatus }),
  dryRun: route({ method: 'POST', path: '/api/exercises/:id/dry-run', tag: 'planning', access: 'exercise-role', summary: 'Plays the scenario headlessly with no responses: when each inject would go out, and where play waits.', params: ExerciseParams, response: DryRun }),
  review: route({ method: 'GET', path: '/api/exercises/:id/review', tag: 'review', access: 'exercise-role', summary: 'The after-action review computed from the log: injects, teams, metrics, phases, evaluations and hot-wash feedback.', params: ExerciseParams, response: ExerciseReview }),
  replay: route({ method: 'GET', path: '/api/exercises/:id/replay', tag: 'review', access: 'exercise-role', summary: 'The exercise as it stood at a moment, by exercise time (atMs) or by seq (atSeq).', params: ExerciseParams, query: ReplayQuery, response: ReplayMoment }),
  recordRating: route({ method: 'POST', path: '/api/exercises/:id/review/ratings', tag: 'review', access: 'exercise-role', summary: 'An evaluator\'s P/S/M/U rating of a capability target or capability, during play or after it.', params: ExerciseParams, body: RecordRatingBody, status: 201, response: Logged }),
  reconcileRating: route({ method: 'POST', path: '/api/exercises/:id/review/reconciliations', tag: 'review', access: 'exercise-role', summary: 'The lead evaluator\'s final rating of a subject, beside the evaluators\' ratings.', params: ExerciseParams, body: ReconcileRatingBody, status: 201, response: Logged }),
  recordObservation: route({ method: 'POST', path: '/api/exercises/:id/review/observations', tag: 'review', access: 'exercise-role', summary: 'An evaluator\'s observation, during play or after it.', params: ExerciseParams, body: RecordObservation, status: 201, response: Logged }),
  submitFeedback: route({ method: 'POST', path: '/api/exercises/:id/review/feedback', tag: 'review', access: 'exercise-role', summary: 'A team\'s hot-wash feedback after EndEx, from a participant.', params: ExerciseParams, body: SubmitFeedbackBody, status: 201, response: Logged }),
  people: route({ method: 'GET', path: '/api/exercises/:id/people', tag: 'planning', access: 'exercise-role', summary: 'The exercise\'s roster: who plays, runs, evaluates or observes it, with their agency, team and what an evaluator covers.', params: ExerciseParams, response: z.array(PersonView) }),
  addPerson: route({ method: 'POST', path: '/api/exercises/:id/people', tag: 'planning', access: 'exercise-role', summary: 'Adds one person to the roster (an account is made for a new e-mail address, and given the role in the exercise).', params: ExerciseParams, body: PersonBody, status: 201, response: PeopleAdded }),
  updatePerson: route({ method: 'PUT', path: '/api/exercises/:id/people/:personId', tag: 'planning', access: 'exercise-role', summary: 'Changes a person on the roster before StartEx (name, role, agency, team, what they cover).', params: PersonParams, body: PersonUpdateBody, response: PersonUpdated }),
  removePerson: route({ method: 'DELETE', path: '/api/exercises/:id/people/:personId', tag: 'planning', access: 'exercise-role', summary: 'Takes a person off the roster, and their role in the exercise.', params: PersonParams, response: Ok }),
  createTeamJoinCodes: route({ method: 'POST', path: '/api/exercises/:id/join-codes/teams', tag: 'planning', access: 'exercise-role', summary: 'A tablet join code for each team (or those named); reissue revokes their earlier codes first.', params: ExerciseParams, body: TeamJoinCodesBody, status: 201, response: z.array(JoinCodeView) }),
  revokeJoinCode: route({ method: 'DELETE', path: '/api/exercises/:id/join-codes/:code', tag: 'exercises', access: 'exercise-role', summary: 'Revokes a join code; its devices are disconnected at once.', params: CodeParams, response: Ok }),
  importPeople: route({ method: 'POST', path: '/api/exercises/:id/people/import', tag: 'planning', access: 'exercise-role', summary: 'A participant list (CSV text or XLSX as base64, about 1 MB at most) added to the roster all at once, or refused with IMPORT_INVALID listing every problem by row and saving nothing. Answers 201 with the people added; with dryRun, 200 with the check and nothing saved.', params: ExerciseParams, body: ImportPeopleBody, response: z.union([ImportCheck, PeopleAdded]) }),
  reviewChart: route({ method: 'GET', path: '/api/exercises/:id/review/charts/:file', tag: 'review', access: 'exercise-role', summary: 'A chart of the review (response-times.svg, phases.svg, ratings.svg) drawn as SVG in the viewer\'s language.', params: ReviewChartParams, query: ReviewChartQuery, produces: 'image/svg+xml', response: FileContent }),
  feed: route({ method: 'GET', path: '/api/exercises/:id/feed', tag: 'exercises', access: 'exercise-role', upgrade: 'websocket', summary: `A WebSocket upgrade (subprotocol ${FEED_SUBPROTOCOL}, a join code as a second subprotocol token.<code>, or the session cookie): the log entries the caller may see, backlog after a hello then live, as JSON messages (docs/PROTOCOL.md, "The log feed"). Without an upgrade: ROUTE_NOT_FOUND.`, params: ExerciseParams, response: FeedServerMessage }),
} satisfies Record<string, RouteSpec>;
