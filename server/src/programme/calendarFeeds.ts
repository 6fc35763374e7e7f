import { randomUUID } from 'node:crypto';
import { StartexError, type CalendarFeedMade, type CalendarFeedView } from '@startex/shared';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { Store } from '../store/ExerciseStore.ts';
import type { CalendarFeedRecord } from '../store/ProgrammeStore.ts';

/**
 * Calendar subscriptions: a calendar program fetches the plan's .ics on its own, without a session,
 * so the feed's URL carries a secret (as calendar subscriptions do). It is shown once, only its
 * hash is kept, it gives the schedule and nothing else, and revoking it ends it.
 */
export const feedView = ({ tokenHash: _secret, ...view }: CalendarFeedRecord): CalendarFeedView => view;

export const feedPath = (token: string) => `/api/programme/calendar/${token}.ics`;

export async function makeCalendarFeed(store: Store, planId: string, agencyId: string | undefined, by: string, now: number): Promise<CalendarFeedMade> {
  if (agencyId !== undefined && !(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND', undefined, 'body.agencyId');
  const token = randomToken();
  const feed: CalendarFeedRecord = { id: randomUUID(), tokenHash: sha256(token), planId, ...(agencyId ? { agencyId } : {}), createdAt: now, createdBy: by };
  await store.programme.createCalendarFeed(feed);
  await store.appendAudit({ at: now, actor: by, action: 'programme.calendar-feed.created', target: planId, details: { feedId: feed.id, agencyId } });
  return { feed: feedView(feed), url: feedPath(token) };
}

/** The feed a URL's secret opens: CALENDAR_FEED_INVALID when it opens none (unknown or revoked alike). */
export async function openFeed(store: Store, token: string): Promise<CalendarFeedRecord> {
  const feed = token.length <= 200 ? await store.programme.findCalendarFeed(sha256(token)) : undefined;
  if (!feed || feed.revokedAt !== undefined) throw new StartexError('CALENDAR_FEED_INVALID');
  return feed;
}
