import type { LogEntry, Viewer } from '@startex/shared';

/**
 * The teams a log entry concerns: 'all' for exercise-wide entries, [] for controller-only ones.
 * The one place that decides what reaches a participant's tablet.
 */
export function audienceOf(entry: LogEntry): 'all' | string[] {
  switch (entry.type) {
    case 'exercise.started':
    case 'exercise.paused':
    case 'exercise.resumed':
    case 'exercise.ended':
      return 'all';
    case 'inject.released':
      return entry.inject.to;
    case 'inject.delivered':
    case 'inject.acknowledged':
    case 'action.taken':
      return [entry.teamId];
    case 'state.entered':
    case 'timer.fired':
    case 'milestone.reached':
      return [];
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

export function canSee(viewer: Viewer, entry: LogEntry): boolean {
  if (viewer.role === 'controller') return true;
  const audience = audienceOf(entry);
  return audience === 'all' || (viewer.teamId !== undefined && audience.includes(viewer.teamId));
}
