import type { ActivityView, ActivityWhen, NeedView, PlanDetail } from '@startex/shared';
import type { CheckNames } from './planChecks.ts';

/** What the plan's PDF and DOCX share: the same sections, words and table, from one place. */
export interface PlanDocument {
  title: string;
  subtitle: string;
  priorities: { title: string; rationale: string; needs: string[] }[];
  years: { year: number; rows: string[][]; activities: ActivityView[] }[];
  checks: string[];
}

export const SCHEDULE_COLUMNS = [
  { header: 'When', width: 1.1 },
  { header: 'Activity', width: 2 },
  { header: 'Kind', width: 0.8 },
  { header: 'Agencies', width: 1.6 },
  { header: 'Capabilities', width: 1.8 },
  { header: 'Lead', width: 1 },
  { header: 'Status', width: 0.7 },
] as const;

export function whenText(when: ActivityWhen): string {
  switch (when.kind) {
    case 'dates':
      return when.start === when.end ? when.start : `${when.start} to ${when.end}`;
    case 'quarter':
      return `Q${when.quarter} ${when.year}`;
    default: {
      const exhaustive: never = when;
      return exhaustive;
    }
  }
}

export function needText(need: NeedView, names: CheckNames): string {
  const subject = need.capabilityId ? names.capability(need.capabilityId) : (need.competence ?? '');
  const current = need.currentLevel === undefined ? 'current level unknown' : `current ${need.currentLevel}`;
  return `${names.agency(need.agencyId)}: ${subject}, ${need.targetGroup} (${need.headcount}); required level ${need.requiredLevel}, ${current}; ${need.priority} priority`;
}

export function planDocument(detail: PlanDetail, needs: readonly NeedView[], names: CheckNames): PlanDocument {
  const byId = new Map(needs.map((n) => [n.id, n]));
  const years: PlanDocument['years'] = [];
  for (let year = detail.plan.fromYear; year <= detail.plan.toYear; year++) {
    const activities = detail.activities.filter((a) => a.start.slice(0, 4) <= String(year) && a.end.slice(0, 4) >= String(year));
    years.push({
      year,
      activities,
      rows: activities.map((a) => [whenText(a.when), a.title, a.kind, a.agencyIds.map(names.agency).join(', '), a.capabilityIds.map(names.capability).join(', '), a.lead, a.status]),
    });
  }
  return {
    title: 'Integrated Preparedness Plan',
    subtitle: `${detail.plan.title}, ${detail.plan.fromYear}-${detail.plan.toYear}`,
    priorities: detail.priorities.map((p) => ({ title: p.title, rationale: p.rationale, needs: p.needIds.flatMap((id) => (byId.has(id) ? [needText(byId.get(id)!, names)] : [])) })),
    years,
    checks: detail.checks.map((c) => c.message),
  };
}
