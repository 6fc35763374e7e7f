import type { LogEntry, Viewer } from '@startex/shared';

/**
 * What a team may see, stated here rather than taken from the server's visibility module: the
 * leakage tests (one node, and several on PostgreSQL) compare what each socket got with it.
 */
export function concernsTeam(teamId: string, entry: LogEntry): boolean {
  switch (entry.type) {
    case 'exercise.readied':
    case 'exercise.started':
    case 'exercise.paused':
    case 'exercise.resumed':
    case 'exercise.halted':
    case 'exercise.ended':
    case 'exercise.closed':
    case 'clock.jumped':
    case 'clock.speed.changed':
      return true;
    case 'inject.released':
      return entry.inject.to.includes(teamId);
    case 'inject.delivered':
    case 'inject.acknowledged':
    case 'action.taken':
      return entry.teamId === teamId;
    case 'message.sent':
      return entry.to.all === true || entry.to.teams.includes(teamId) || (entry.from.kind === 'team' && entry.from.teamId === teamId);
    default:
      return false;
  }
}

/** What a viewer may see, by SECURITY.md's rules: control staff everything, evaluators no control notes, observers neither notes nor evaluators' observations. */
export function concernsViewer(viewer: Viewer, entry: LogEntry): boolean {
  switch (viewer.role) {
    case 'director':
    case 'controller':
      return true;
    case 'evaluator':
      return entry.type !== 'note.added';
    case 'observer':
      return entry.type !== 'note.added' && entry.type !== 'observation.recorded';
    case 'participant':
      return concernsTeam(viewer.teamId, entry);
    default: {
      const exhaustive: never = viewer;
      return exhaustive;
    }
  }
}
