import type { ActivityView, ActivityWhen, NeedView, PlanDetail } from '@startex/shared';
import { bullets, heading, paragraph, textTable, type Block, type StartexDocument } from '../documents/model.ts';
import { localTime } from '../documents/words.ts';
import type { CheckNames } from './planChecks.ts';

const SCHEDULE_COLUMNS = [
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

/** Each year of the plan with the activities that fall in it (an activity over New Year in both). */
export function planYears(detail: PlanDetail): { year: number; activities: ActivityView[] }[] {
  const years: { year: number; activities: ActivityView[] }[] = [];
  for (let year = detail.plan.fromYear; year <= detail.plan.toYear; year++) {
    years.push({ year, activities: detail.activities.filter((a) => a.start.slice(0, 4) <= String(year) && a.end.slice(0, 4) >= String(year)) });
  }
  return years;
}

export interface PlanDocumentInput {
  detail: PlanDetail;
  needs: readonly NeedView[];
  names: CheckNames;
  /** Each year's Gantt chart (PNG), for the years with activities. */
  gantts: ReadonlyMap<number, Buffer>;
  /** When the document is made, printed in the centre's time zone. */
  at: number;
  timeZone: string;
}

/**
 * The Integrated Preparedness Plan as a document, for the annual submission in PDF and Word alike:
 * the priorities with the needs behind them, each year's schedule (its Gantt chart and table, on
 * landscape pages), and the plan's checks.
 */
export function planDocument({ detail, needs, names, gantts, at, timeZone }: PlanDocumentInput): StartexDocument {
  const byId = new Map(needs.map((n) => [n.id, n]));
  const years = planYears(detail);
  const priorities: Block[] = [
    heading(1, '1. Priorities'),
    ...(detail.priorities.length === 0 ? [paragraph('No priorities yet.', 'muted')] : []),
    ...detail.priorities.flatMap((priority, i): Block[] => {
      const behind = priority.needIds.flatMap((id) => (byId.has(id) ? [needText(byId.get(id)!, names)] : []));
      return [
        heading(2, `1.${i + 1} ${priority.title}`),
        paragraph(priority.rationale || '—'),
        { type: 'paragraph', runs: [{ text: 'Needs behind it', bold: true }] },
        behind.length === 0 ? paragraph('None named.', 'muted') : bullets(behind),
      ];
    }),
  ];
  const schedule = years.flatMap(({ year, activities }, i): Block[] => {
    const gantt = gantts.get(year);
    return [
      heading(1, `${i + 2}. Schedule ${year}`),
      ...(activities.length === 0 ? [paragraph('Nothing planned this year.', 'muted')] : []),
      ...(gantt && activities.length > 0 ? [{ type: 'image', png: gantt, title: `Schedule ${year}` } satisfies Block] : []),
      ...(activities.length > 0
        ? [
            textTable(
              SCHEDULE_COLUMNS.map((c) => c.header),
              activities.map((a) => [whenText(a.when), a.title, a.kind, a.agencyIds.map(names.agency).join(', '), a.capabilityIds.map(names.capability).join(', '), a.lead, a.status]),
              { widths: SCHEDULE_COLUMNS.map((c) => c.width), size: 'small' },
            ),
          ]
        : []),
    ];
  });
  const checks: Block[] = [
    heading(1, `${years.length + 2}. Checks`),
    detail.checks.length === 0
      ? paragraph('No warnings: no agency is booked twice, every full-scale exercise builds on lighter ones, and every high-priority need has something planned.', 'muted')
      : bullets(detail.checks.map((c) => c.message)),
  ];
  const subtitle = `${detail.plan.title}, ${detail.plan.fromYear}-${detail.plan.toYear}`;
  return {
    title: 'Integrated Preparedness Plan',
    subtitle,
    label: `As of ${localTime(at, timeZone)}`,
    runningHeader: `Integrated Preparedness Plan: ${subtitle}`,
    contents: true,
    parts: [{ blocks: priorities }, { landscape: true, blocks: schedule }, { blocks: checks }],
  };
}
