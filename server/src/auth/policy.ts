import type { ControllerCommand, ExerciseRole, ExerciseStatus, GlobalRole } from '@startex/shared';

/**
 * Who may do what, in one table. Every REST route, socket event and feed asks here; the UI only
 * hides what this refuses anyway.
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
  /** Join codes and the people of this exercise. */
  'exercise.manage': ['director'],
} as const satisfies Record<string, readonly ExerciseRole[]>;

export type ExerciseVerb = keyof typeof EXERCISE_POLICY;

export const GLOBAL_POLICY = {
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'scenarios.read': ['admin', 'planner'],
  'scenarios.write': ['admin', 'planner'],
  'exercises.create': ['admin', 'planner'],
} as const satisfies Record<string, readonly GlobalRole[]>;

export type GlobalVerb = keyof typeof GLOBAL_POLICY;

export function allows(role: ExerciseRole, verb: ExerciseVerb): boolean {
  return (EXERCISE_POLICY[verb] as readonly ExerciseRole[]).includes(role);
}

export function allowsGlobal(roles: readonly GlobalRole[], verb: GlobalVerb): boolean {
  return roles.some((role) => (GLOBAL_POLICY[verb] as readonly GlobalRole[]).includes(role));
}

/** The verb a controller command needs; resuming from a halt is the director's call. */
export function commandVerb(command: ControllerCommand, status: ExerciseStatus): ExerciseVerb {
  switch (command.type) {
    case 'ready':
    case 'start':
    case 'end':
    case 'close':
      return 'command.lifecycle';
    case 'resume':
      return status === 'halted' ? 'command.lifecycle' : 'command.play';
    case 'halt':
      return 'command.halt';
    default:
      return 'command.play';
  }
}
