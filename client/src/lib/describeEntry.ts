import type { LogEntry, Party, Recipients } from '@startex/shared';

const party = (p: Party) => (p.kind === 'team' ? p.teamId : p.kind === 'simcell' ? `${p.organisationId} (SimCell)` : 'Exercise control');
const recipients = (r: Recipients) => (r.all ? 'everyone' : [...r.teams, ...r.organisations].join(', '));

/** One line of the live feed for a log entry. */
export function describeEntry(entry: LogEntry): string {
  switch (entry.type) {
    case 'exercise.readied':
      return 'Exercise ready for StartEx';
    case 'exercise.started':
      return `StartEx (speed ×${entry.speed})`;
    case 'exercise.paused':
      return 'Exercise paused';
    case 'exercise.resumed':
      return 'Exercise resumed';
    case 'exercise.halted':
      return `REAL-WORLD EMERGENCY: play halted (${entry.reason})`;
    case 'exercise.ended':
      return 'EndEx';
    case 'exercise.closed':
      return 'Exercise closed';
    case 'clock.jumped':
      return 'Clock jumped to the next scheduled event';
    case 'state.entered':
      return `Scenario state: ${entry.states.join(', ')}`;
    case 'timer.fired':
      return `Timer ${entry.timer} fired`;
    case 'decision.made':
      return `Decision: ${entry.decision}`;
    case 'milestone.reached':
      return `Milestone: ${entry.milestone}`;
    case 'inject.released':
      return `Inject #${entry.inject.number} released to ${entry.inject.to.join(', ')}: ${entry.inject.subject}${
        entry.lateByMs ? ` (late by ${Math.round(entry.lateByMs / 1000)} s)` : ''
      }`;
    case 'inject.held':
      return `Inject ${entry.injectId} held: ${entry.reason}`;
    case 'inject.skipped':
      return `Inject ${entry.injectId} skipped: ${entry.reason}`;
    case 'inject.edited':
      return `Inject ${entry.injectId} edited`;
    case 'inject.suppressed':
      return `Inject ${entry.injectId} due but not sent (${entry.because})`;
    case 'inject.delivered':
      return `Inject ${entry.injectId} delivered to ${entry.teamId}`;
    case 'inject.acknowledged':
      return `Inject ${entry.injectId} acknowledged by ${entry.teamId}`;
    case 'action.taken':
      return `Action by ${entry.teamId}: ${entry.actionId} ${formatFields(entry.fields)}`;
    case 'message.sent':
      return `Message from ${party(entry.from)} to ${recipients(entry.to)}: ${entry.text}`;
    case 'note.added':
      return `Note: ${entry.text}`;
    case 'observation.recorded':
      return `Observation (${entry.kind}${entry.rating ? `, ${entry.rating}` : ''})${entry.teamId ? ` on ${entry.teamId}` : ''}: ${entry.text}`;
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
