import type { AgencyRole, ControllerCommand, ExerciseRole, ExerciseStatus, GlobalRole, Viewer } from '@startex/shared';

/**
 * Who may do what, in one table. Every REST route, socket event and feed asks here, and the
 * client hides exactly what this refuses: both import this module.
 */
export const EXERCISE_POLICY = {
  /** See the exercise at all (summary, live view). */
  'exercise.view': ['director', 'controller', 'evaluator', 'observer', 'participant'],
  /** Read the exercise's log through the REST API (filtered by role like everything else). */
  'exercise.log': ['director', 'controller', 'evaluator', 'observer'],
  /** StartEx, EndEx, closing, readiness, and resuming after a real-world emergency halt. */
  'command.lifecycle': ['director'],
  /** Running play: pause/resume, injects, branches, messages as control or SimCell, notes. */
  'command.play': ['director', 'controller'],
  /** The real-world emergency stop: any control staff member. */
  'command.halt': ['director', 'controller'],
  /** Acknowledge injects, take actions, send messages: only a team's own participants. */
  'play.participate': ['participant'],
  /** Record observations and ratings (evaluation guide). */
  'evaluate': ['evaluator'],
  /** Join codes and the people of this exercise; its plan (settings, agencies, roster) and communications check. */
  'exercise.manage': ['director'],
  /** A team's player briefing (a participant account: its own team's only). */
  'briefing.player': ['director', 'controller', 'evaluator', 'observer', 'participant'],
  /** The controller/evaluator handbook: MSEL, expected actions, branches, evaluation guides. */
  'briefing.handbook': ['director', 'controller', 'evaluator'],
  'briefing.observer': ['director', 'controller', 'evaluator', 'observer'],
  /** Which tablets are connected and acknowledged the communications check. */
  'commscheck.view': ['director', 'controller'],
  /** Play the scenario headlessly to see its timeline before the day. */
  'exercise.dryrun': ['director', 'controller'],
  /** The after-action review (metrics, evaluation, feedback) and replay: control staff and evaluators, not observers (it holds observations). */
  'review.read': ['director', 'controller', 'evaluator'],
  /** Reconcile differing ratings as lead evaluator: the exercise director (StartEx has no lead-evaluator role). */
  'review.reconcile': ['director'],
  /** Read the AAR/IP draft, its finalised versions and their exports. */
  'report.read': ['director', 'controller', 'evaluator'],
  /** Edit the AAR/IP draft, and finalise it as the next immutable version (no lead-evaluator role exists, so every evaluator may). */
  'report.edit': ['director', 'evaluator'],
  /** Read the improvement plan and its status history. */
  'improvement.read': ['director', 'controller', 'evaluator'],
  /** Add and edit improvement plan rows and change their status (also after the exercise is closed). */
  'improvement.write': ['director', 'evaluator'],
  /** The whole exercise as one JSON archive: the full log, control's notes included. */
  'exercise.archive': ['director'],
  /** The corrective-action overview shows the exercises this role holds, across agencies. */
  'corrective-actions.view': ['director'],
} as const satisfies Record<string, readonly ExerciseRole[]>;

export type ExerciseVerb = keyof typeof EXERCISE_POLICY;

/**
 * What an administrator or planner may do in any exercise, by their global role, without a role in
 * it: read it as an observer does, and plan it. Nothing that changes play: commands (the halt and
 * the resume after it included), actions, evaluations and the review need a role in the exercise,
 * given on its roster or members list, where everyone can see who holds it.
 */
export const PLANNING_VERBS = [
  'exercise.view',
  'exercise.log',
  'exercise.manage',
  'briefing.player',
  'briefing.handbook',
  'briefing.observer',
  'commscheck.view',
  'exercise.dryrun',
] as const satisfies readonly ExerciseVerb[];

export const GLOBAL_POLICY = {
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'scenarios.read': ['admin', 'planner'],
  'scenarios.write': ['admin', 'planner'],
  /** Make a scenario draft the next immutable version exercises can pin (the studio); audited. */
  'scenarios.publish': ['admin', 'planner'],
  'exercises.create': ['admin', 'planner'],
  /** The centre's agency directory (names, functions, contacts). */
  'agencies.read': ['admin', 'planner'],
  'agencies.write': ['admin', 'planner'],
  /** Plan any exercise and read it as an observer, without a role in it (PLANNING_VERBS). */
  'exercises.plan': ['admin', 'planner'],
  /** Import an exercise archive as a new (ended) exercise for re-analysis. */
  'exercises.import': ['admin', 'planner'],
  /** Every exercise's corrective actions, per agency. */
  'corrective-actions.read': ['admin', 'planner'],
  /** The preparedness programme across agencies: needs, the plan, dashboards, traceability, exports. */
  'programme.read': ['admin', 'planner', 'programme-manager', 'trainer'],
  /** The capability catalogue, needs and surveys, focal points, the plan, and exercises made from it. */
  'programme.manage': ['admin', 'programme-manager'],
  /** Courses, sessions, attendance, and the agencies' people they train. */
  'training.write': ['admin', 'programme-manager', 'trainer'],
} as const satisfies Record<string, readonly GlobalRole[]>;

export type GlobalVerb = keyof typeof GLOBAL_POLICY;

export function allows(role: ExerciseRole, verb: ExerciseVerb): boolean {
  return (EXERCISE_POLICY[verb] as readonly ExerciseRole[]).includes(role);
}

export function allowsGlobal(roles: readonly GlobalRole[], verb: GlobalVerb): boolean {
  return roles.some((role) => (GLOBAL_POLICY[verb] as readonly GlobalRole[]).includes(role));
}

/** Someone signed in, as they stand in one exercise: their viewer there, and whether that comes from a role in it. */
export interface Standing {
  viewer: Viewer;
  /** A role in the exercise (roster or members list); without one, an administrator or planner sees it as an observer. */
  member: boolean;
  globalRoles: readonly GlobalRole[];
}

/** `verb` in an exercise: by the role held there, or, for the planning verbs, as an administrator or planner. */
export function standingAllows(standing: Standing, verb: ExerciseVerb): boolean {
  if (standing.member && allows(standing.viewer.role, verb)) return true;
  return allowsGlobal(standing.globalRoles, 'exercises.plan') && (PLANNING_VERBS as readonly ExerciseVerb[]).includes(verb);
}

/**
 * The verb each controller command needs. Typed over every command, so a new command does not
 * compile until it names its verb here; at run time a type not listed is refused.
 */
const COMMAND_VERBS: Record<ControllerCommand['type'], ExerciseVerb> = {
  ready: 'command.lifecycle',
  start: 'command.lifecycle',
  end: 'command.lifecycle',
  close: 'command.lifecycle',
  halt: 'command.halt',
  // Resuming from a halt is the director's call (see commandVerb).
  resume: 'command.play',
  pause: 'command.play',
  jump: 'command.play',
  speed: 'command.play',
  release: 'command.play',
  hold: 'command.play',
  skip: 'command.play',
  edit: 'command.play',
  adhoc: 'command.play',
  decide: 'command.play',
  broadcast: 'command.play',
  reply: 'command.play',
  note: 'command.play',
};

/** The verb a controller command needs in an exercise of `status`; undefined (refused) for a type the table lacks. */
export function commandVerb(type: string, status: ExerciseStatus | undefined): ExerciseVerb | undefined {
  if (type === 'resume' && status === 'halted') return 'command.lifecycle';
  return Object.hasOwn(COMMAND_VERBS, type) ? COMMAND_VERBS[type as ControllerCommand['type']] : undefined;
}

/** Whether `role` may send a command of `type` now (the status rules are COMMAND_ALLOWED_IN's). */
export function allowsCommand(role: ExerciseRole, type: string, status: ExerciseStatus | undefined): boolean {
  const verb = commandVerb(type, status);
  return verb !== undefined && allows(role, verb);
}

/** What a person may do towards one partner agency (the agency is the scope, as the exercise is above). */
export const AGENCY_POLICY = {
  /** The agency's dashboard, needs, ratings, corrective actions, people, certificates and calendar: nobody else's. */
  'agency.view': ['focal-point'],
  /** Read and answer the agency's needs survey (a token: the one survey it was issued for). */
  'agency.survey': ['focal-point', 'survey-token'],
} as const satisfies Record<string, readonly AgencyRole[]>;

export type AgencyVerb = keyof typeof AGENCY_POLICY;

export function allowsAgency(role: AgencyRole, verb: AgencyVerb): boolean {
  return (AGENCY_POLICY[verb] as readonly AgencyRole[]).includes(role);
}
