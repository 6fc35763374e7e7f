import type { LogEntry } from '@startex/shared';

export type MessageEntry = LogEntry & { type: 'message.sent' };

/** A message from a team to one or more simulated organisations, with the SimCell's replies. */
export interface InboxItem {
  message: MessageEntry;
  teamId: string;
  organisations: string[];
  replies: MessageEntry[];
}

/**
 * Team-to-organisation messages, unanswered first (oldest first, as a queue), then answered
 * ones (newest first). A reply is a SimCell message naming the message in `replyTo`, or any later
 * SimCell message from one of the addressed organisations to that team.
 */
export function simCellInbox(entries: readonly LogEntry[]): InboxItem[] {
  const messages = entries.filter((e): e is MessageEntry => e.type === 'message.sent');
  const items: InboxItem[] = [];
  for (const message of messages) {
    if (message.from.kind !== 'team' || message.to.organisations.length === 0) continue;
    const teamId = message.from.teamId;
    const organisations = message.to.organisations;
    const replies = messages.filter(
      (m) =>
        m.from.kind === 'simcell' &&
        (m.replyTo === message.messageId ||
          (m.replyTo === undefined && m.seq > message.seq && organisations.includes(m.from.organisationId) && m.to.teams.includes(teamId))),
    );
    items.push({ message, teamId, organisations, replies });
  }
  const open = items.filter((i) => i.replies.length === 0);
  const answered = items.filter((i) => i.replies.length > 0).reverse();
  return [...open, ...answered];
}

/** The teams a log entry concerns, for the feed's team filter. */
export function entryTeams(entry: LogEntry, allTeams: readonly string[]): string[] {
  const teams = new Set<string>();
  if (entry.actor.kind === 'participant') teams.add(entry.actor.teamId);
  switch (entry.type) {
    case 'inject.released':
      entry.inject.to.forEach((t) => teams.add(t));
      break;
    case 'inject.delivered':
    case 'inject.acknowledged':
    case 'action.taken':
      teams.add(entry.teamId);
      break;
    case 'observation.recorded':
      if (entry.teamId) teams.add(entry.teamId);
      break;
    case 'message.sent':
      if (entry.from.kind === 'team') teams.add(entry.from.teamId);
      (entry.to.all ? allTeams : entry.to.teams).forEach((t) => teams.add(t));
      break;
    default:
      break;
  }
  return [...teams];
}

/** Groups of log entry types the feed filters by. */
export const FEED_GROUPS = ['lifecycle', 'scenario', 'injects', 'actions', 'messages', 'notes', 'observations'] as const;
export type FeedGroup = (typeof FEED_GROUPS)[number];

export function feedGroup(entry: LogEntry): FeedGroup {
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
    case 'commscheck.sent':
    case 'commscheck.acknowledged':
    case 'commscheck.confirmed':
      return 'lifecycle';
    case 'state.entered':
    case 'timer.fired':
    case 'decision.made':
    case 'milestone.reached':
      return 'scenario';
    case 'inject.released':
    case 'inject.held':
    case 'inject.skipped':
    case 'inject.edited':
    case 'inject.suppressed':
    case 'inject.delivered':
    case 'inject.acknowledged':
      return 'injects';
    case 'action.taken':
      return 'actions';
    case 'message.sent':
      return 'messages';
    case 'note.added':
      return 'notes';
    case 'observation.recorded':
    case 'rating.recorded':
    case 'rating.reconciled':
    case 'feedback.submitted':
      return 'observations';
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}
