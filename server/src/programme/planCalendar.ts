import type { ActivityView, PlanView } from '@startex/shared';
import { lazyRequire } from '../lazyPackage.ts';
import { nextDay } from './calendarDates.ts';
import type { CheckNames } from './planChecks.ts';
import type { ProgrammeWords } from './programmeWords.ts';

const icalGenerator = lazyRequire<typeof import('ical-generator')>('ical-generator');

/**
 * The plan's schedule as iCalendar (RFC 5545, written by ical-generator) for agencies' calendars:
 * each activity an all-day event over its dates (a quarter-only one over its quarter, marked
 * tentative), cancelled ones marked cancelled so that subscribers see them go. The fixed words
 * (kinds, "Agencies: ...") are the words' language; titles, names and notes as people wrote them.
 */
export function planCalendar(plan: PlanView, activities: readonly ActivityView[], names: CheckNames, host: string, words: ProgrammeWords, agencyName?: string): string {
  const { default: ical, ICalEventStatus } = icalGenerator();
  const calendar = ical({ name: `${plan.title}${agencyName ? ` (${agencyName})` : ''}`, prodId: { company: 'StartEx', product: words.calendar.product, language: words.calendar.language } });
  for (const activity of activities) {
    const tentative = activity.when.kind === 'quarter';
    calendar.createEvent({
      id: `${activity.id}@${host}`,
      allDay: true,
      start: new Date(`${activity.start}T00:00:00Z`),
      end: new Date(`${nextDay(activity.end)}T00:00:00Z`),
      stamp: new Date(activity.updatedAt),
      summary: `${words.kind[activity.kind]}: ${activity.title}`,
      description: [
        tentative ? words.calendar.datesNotFixed(words.when(activity.when)) : undefined,
        `${words.calendar.agencies}: ${activity.agencyIds.map(names.agency).join(', ')}`,
        activity.capabilityIds.length > 0 ? `${words.calendar.capabilities}: ${activity.capabilityIds.map(names.capability).join(', ')}` : undefined,
        `${words.calendar.lead}: ${activity.lead}`,
        activity.notes || undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      status: activity.status === 'cancelled' ? ICalEventStatus.CANCELLED : tentative || activity.status === 'planned' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
