import { allowsCommand } from '@startex/scenarios/engine';
import { COMMAND_ALLOWED_IN, type ControllerCommand, type ExerciseRole, type ExerciseStatus } from '@startex/shared';

/** One command as the console offers it: shown when the role may send it, enabled when the status allows it now. */
export interface CommandAccess {
  shown(type: ControllerCommand['type']): boolean;
  enabled(type: ControllerCommand['type']): boolean;
}

/**
 * The console's commands for a role in an exercise of `status`, from the tables the server checks
 * (the engine's permission table and the protocol's COMMAND_ALLOWED_IN): it hides exactly what the
 * server refuses to this role, and disables what the status does not allow now.
 */
export function commandAccess(role: ExerciseRole | undefined, status: ExerciseStatus | undefined): CommandAccess {
  const shown = (type: ControllerCommand['type']) => role !== undefined && allowsCommand(role, type, status);
  return { shown, enabled: (type) => shown(type) && status !== undefined && COMMAND_ALLOWED_IN[type].includes(status) };
}
