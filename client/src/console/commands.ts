import { COMMAND_ALLOWED_IN, type ControllerCommand, type ExerciseStatus } from '@startex/shared';

export function allowed(type: ControllerCommand['type'], status: ExerciseStatus | undefined): boolean {
  return status !== undefined && COMMAND_ALLOWED_IN[type].includes(status);
}

/** What a command button or shortcut asks for before anything is sent. */
export type Pending =
  | { kind: 'confirm'; command: ControllerCommand; message: string }
  | { kind: 'reason'; command: 'hold' | 'skip' | 'halt' | 'resume'; injectId?: string }
  | { kind: 'edit'; injectId: string }
  | { kind: 'adhoc' }
  | { kind: 'broadcast' }
  | { kind: 'help' };
