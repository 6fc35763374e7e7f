import type { LogEntry } from '@startex/shared';

/** One line of the live feed for a log entry. */
export function describeEntry(entry: LogEntry): string {
  switch (entry.type) {
    case 'exercise.started':
      return `StartEx (speed ×${entry.speed})`;
    case 'exercise.paused':
      return 'Exercise paused';
    case 'exercise.resumed':
      return 'Exercise resumed';
    case 'exercise.ended':
      return 'EndEx';
    case 'state.entered':
      return `Scenario state: ${entry.states.join(', ')}`;
    case 'timer.fired':
      return `Timer ${entry.timer} fired`;
    case 'milestone.reached':
      return `Milestone: ${entry.milestone}`;
    case 'inject.released':
      return `Inject #${entry.inject.number} released to ${entry.inject.to.join(', ')}: ${entry.inject.subject}${
        entry.lateByMs ? ` (late by ${Math.round(entry.lateByMs / 1000)} s)` : ''
      }`;
    case 'inject.delivered':
      return `Inject ${entry.injectId} delivered to ${entry.teamId}`;
    case 'inject.acknowledged':
      return `Inject ${entry.injectId} acknowledged by ${entry.teamId}`;
    case 'action.taken':
      return `Action by ${entry.teamId}: ${entry.actionId} ${formatFields(entry.fields)}`;
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

export function formatFields(fields: Record<string, string | number | boolean>): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 'yes' : 'no') : v}`);
  return parts.length ? `(${parts.join(', ')})` : '';
}
