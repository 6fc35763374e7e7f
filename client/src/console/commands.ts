import { allowsCommand } from '@startex/scenarios/engine';
import { COMMAND_ALLOWED_IN, type ControllerCommand, type ExerciseView } from '@startex/shared';

/** Whether the server would take a command of `type` now: the status rules and the viewer's role, from the tables it uses. */
export function allowed(type: ControllerCommand['type'], view: Pick<ExerciseView, 'status' | 'viewer'> | undefined): boolean {
  return view !== undefined && COMMAND_ALLOWED_IN[type].includes(view.status) && allowsCommand(view.viewer.role, type, view.status);
}

/** What a command button or shortcut asks for before anything is sent. */
export type Pending =
  | { kind: 'confirm'; command: ControllerCommand; message: string }
  | { kind: 'reason'; command: 'hold' | 'skip' | 'halt'; injectId?: string }
  | { kind: 'edit'; injectId: string }
  | { kind: 'adhoc' }
  | { kind: 'broadcast' }
  | { kind: 'help' };
