import type { ControllerCommand } from '@startex/shared';

/** What a command button or shortcut asks for before anything is sent. */
export type Pending =
  | { kind: 'confirm'; command: ControllerCommand; message: string }
  | { kind: 'reason'; command: 'hold' | 'skip' | 'halt' | 'resume'; injectId?: string }
  | { kind: 'edit'; injectId: string }
  | { kind: 'adhoc' }
  | { kind: 'broadcast' }
  | { kind: 'help' };
