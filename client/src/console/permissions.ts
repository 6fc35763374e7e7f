import { COMMAND_ALLOWED_IN, type ControllerCommand, type ExerciseRole, type ExerciseStatus } from '@startex/shared';

/** The console's verbs, as server/src/auth/policy.ts names them. */
export type ConsoleVerb = 'command.lifecycle' | 'command.play' | 'command.halt';

/**
 * The server's policy table for the console's verbs. A copy until the permission table shared by
 * server and client lands (i14-engine); `mayFor` is then the one line that reads that table instead.
 */
const POLICY: Record<ConsoleVerb, readonly ExerciseRole[]> = {
  'command.lifecycle': ['director'],
  'command.play': ['director', 'controller'],
  'command.halt': ['director', 'controller'],
};

/** What the console's viewer may do at all, by their role in the exercise. */
export function mayFor(role: ExerciseRole | undefined): (verb: ConsoleVerb) => boolean {
  return (verb) => role !== undefined && POLICY[verb].includes(role);
}

/** The verb a command needs (as the server's commandVerb): resuming after a real-world halt is the director's call. */
export function commandVerb(type: ControllerCommand['type'], status: ExerciseStatus | undefined): ConsoleVerb {
  switch (type) {
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

/** One command as the console offers it: shown when the role may ever send it, enabled when the status allows it now. */
export interface CommandAccess {
  shown(type: ControllerCommand['type']): boolean;
  enabled(type: ControllerCommand['type']): boolean;
}

export function commandAccess(role: ExerciseRole | undefined, status: ExerciseStatus | undefined): CommandAccess {
  const may = mayFor(role);
  const shown = (type: ControllerCommand['type']) => may(commandVerb(type, status));
  return { shown, enabled: (type) => shown(type) && status !== undefined && COMMAND_ALLOWED_IN[type].includes(status) };
}
