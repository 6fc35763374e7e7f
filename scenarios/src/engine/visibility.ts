import type { LogEntry, Viewer } from '@startex/shared';

/**
 * The teams a log entry concerns: 'all' for exercise-wide entries, [] for staff-only ones.
 * The one place that decides what reaches a participant's tablet (socket.io rooms, the feed, sync).
 */
export function audienceOf(entry: LogEntry): 'all' | string[] {
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
    case 'commscheck.confirmed':
      return 'all';
    case 'commscheck.sent':
      return entry.teams;
    case 'commscheck.acknowledged':
      return [entry.teamId];
    case 'inject.released':
      return entry.inject.to;
    case 'inject.delivered':
    case 'inject.acknowledged':
    case 'action.taken':
    case 'feedback.submitted':
      return [entry.teamId];
    case 'message.sent': {
      if (entry.to.all) return 'all';
      const teams = new Set(entry.to.teams);
      if (entry.from.kind === 'team') teams.add(entry.from.teamId);
      return [...teams];
    }
    case 'state.entered':
    case 'timer.fired':
    case 'decision.made':
    case 'milestone.reached':
    case 'inject.held':
    case 'inject.skipped':
    case 'inject.edited':
    case 'inject.suppressed':
    case 'note.added':
    case 'observation.recorded':
    case 'rating.recorded':
    case 'rating.reconciled':
      return [];
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

/**
 * Control staff see everything; evaluators all but control's own notes; observers also not the
 * evaluators' observations and ratings (people's performance records); a team only what concerns it.
 */
export function canSee(viewer: Viewer, entry: LogEntry): boolean {
  switch (viewer.role) {
    case 'director':
    case 'controller':
      return true;
    case 'evaluator':
      return entry.type !== 'note.added';
    case 'observer':
      return entry.type !== 'note.added' && entry.type !== 'observation.recorded' && entry.type !== 'rating.recorded' && entry.type !== 'rating.reconciled';
    case 'participant': {
      const audience = audienceOf(entry);
      return audience === 'all' || audience.includes(viewer.teamId);
    }
    default: {
      const exhaustive: never = viewer;
      return exhaustive;
    }
  }
}
