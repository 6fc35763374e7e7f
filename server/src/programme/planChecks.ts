import { ACTIVITY_KINDS, type ActivityWhen, type PlanCheck } from '@startex/shared';
import type { ActivityRecord, NeedRecord } from '../store/ProgrammeStore.ts';

/** The dates an activity spans: its own, or its quarter's. */
export function activitySpan(when: ActivityWhen): { start: string; end: string } {
  switch (when.kind) {
    case 'dates':
      return { start: when.start, end: when.end };
    case 'quarter': {
      const first = (when.quarter - 1) * 3;
      const end = new Date(Date.UTC(when.year, first + 3, 0)).toISOString().slice(0, 10);
      return { start: `${when.year}-${String(first + 1).padStart(2, '0')}-01`, end };
    }
    default: {
      const exhaustive: never = when;
      return exhaustive;
    }
  }
}

/** Names for the messages: people read agencies and capabilities, not ids. */
export interface CheckNames {
  agency(id: string): string;
  capability(id: string): string;
}

export interface CheckInput {
  activities: readonly ActivityRecord[];
  needs: readonly NeedRecord[];
  /** Agency and capability pairs an earlier exercise already rated (that counts as a step before a full-scale one). */
  rated: readonly { agencyId: string; capabilityId: string }[];
  today: string;
  names: CheckNames;
}

const weight = (kind: ActivityRecord['kind']) => ACTIVITY_KINDS.indexOf(kind);

/**
 * The plan's checks: an agency booked for two activities at once (fixed dates only: a quarter is
 * not yet a booking), a full-scale exercise on a capability that no lighter activity for the same
 * agency came before (HSEEP's progressive approach), a high-priority open need nothing serves, and
 * a planned activity whose start has passed. Cancelled activities count for nothing.
 */
export function checkPlan({ activities, needs, rated, today, names }: CheckInput): PlanCheck[] {
  const live = activities.filter((a) => a.status !== 'cancelled');
  const checks: PlanCheck[] = [];

  const dated = live.filter((a) => a.when.kind === 'dates');
  dated.forEach((a, i) => {
    for (const b of dated.slice(i + 1)) {
      if (a.start > b.end || b.start > a.end) continue;
      for (const agencyId of a.agencyIds.filter((id) => b.agencyIds.includes(id))) {
        checks.push({
          code: 'AGENCY_DOUBLE_BOOKED',
          message: `${names.agency(agencyId)} is booked for "${a.title}" (${a.start} to ${a.end}) and "${b.title}" (${b.start} to ${b.end}) at the same time.`,
          activityIds: [a.id, b.id],
          agencyId,
        });
      }
    }
  });

  for (const full of live.filter((a) => a.kind === 'full-scale')) {
    for (const agencyId of full.agencyIds) {
      for (const capabilityId of full.capabilityIds) {
        const before = live.some((b) => b.id !== full.id && weight(b.kind) < weight(full.kind) && b.end < full.start && b.agencyIds.includes(agencyId) && b.capabilityIds.includes(capabilityId));
        if (before || rated.some((r) => r.agencyId === agencyId && r.capabilityId === capabilityId)) continue;
        checks.push({
          code: 'PROGRESSION_SKIPPED',
          message: `"${full.title}" is a full-scale exercise on ${names.capability(capabilityId)}, but no lighter activity (course to functional) comes before it for ${names.agency(agencyId)}.`,
          activityIds: [full.id],
          agencyId,
          capabilityId,
        });
      }
    }
  }

  for (const need of needs.filter((n) => n.status === 'open' && n.priority === 'high')) {
    if (live.some((a) => a.needIds.includes(need.id))) continue;
    const subject = need.capabilityId ? names.capability(need.capabilityId) : (need.competence ?? '');
    checks.push({
      code: 'HIGH_PRIORITY_UNPLANNED',
      message: `The high-priority need of ${names.agency(need.agencyId)} for ${subject} (${need.targetGroup}) has nothing planned.`,
      activityIds: [],
      agencyId: need.agencyId,
      needId: need.id,
    });
  }

  for (const activity of live.filter((a) => (a.status === 'planned' || a.status === 'confirmed') && a.start < today)) {
    checks.push({
      code: 'DATE_IN_PAST',
      message: `"${activity.title}" is ${activity.status} but starts on ${activity.start}, which has passed: record it as done, move it or cancel it.`,
      activityIds: [activity.id],
    });
  }
  return checks;
}
