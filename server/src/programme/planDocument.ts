import type { ActivityView, NeedView, PlanCheck, PlanDetail } from '@startex/shared';
import { bullets, heading, paragraph, textTable, type Block, type StartexDocument } from '../documents/model.ts';
import { localTime } from '../documents/words.ts';
import type { CheckNames } from './planChecks.ts';
import type { ProgrammeWords } from './programmeWords.ts';

/** The schedule table's columns and their relative widths. */
const SCHEDULE_WIDTHS = { when: 1.1, activity: 2, kind: 1.1, agencies: 1.6, capabilities: 1.8, lead: 1, status: 0.8 } as const;
const SCHEDULE_COLUMNS = Object.keys(SCHEDULE_WIDTHS) as (keyof typeof SCHEDULE_WIDTHS)[];

function needText(need: NeedView, names: CheckNames, words: ProgrammeWords): string {
  return words.plan.need({
    agency: names.agency(need.agencyId),
    subject: need.capabilityId ? names.capability(need.capabilityId) : (need.competence ?? ''),
    targetGroup: need.targetGroup,
    headcount: need.headcount,
    requiredLevel: need.requiredLevel,
    currentLevel: need.currentLevel,
    priority: need.priority,
  });
}

/** A check of the plan in the document's language, from its own fields (the server's message is English). */
function checkText(check: PlanCheck, detail: PlanDetail, needs: ReadonlyMap<string, NeedView>, names: CheckNames, words: ProgrammeWords): string {
  const need = check.needId ? needs.get(check.needId) : undefined;
  const text = words.plan.check[check.code].text({
    agency: check.agencyId ? names.agency(check.agencyId) : '',
    capability: check.capabilityId ? names.capability(check.capabilityId) : '',
    need: need ? `${need.capabilityId ? names.capability(need.capabilityId) : (need.competence ?? '')} (${need.targetGroup})` : '',
    activities: check.activityIds.map((id) => {
      const activity = detail.activities.find((a) => a.id === id);
      return activity ? `${words.quote(activity.title)} (${words.when(activity.when)})` : id;
    }),
  });
  return `${words.plan.check[check.code].label}: ${text}`;
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
  words: ProgrammeWords;
}

/**
 * The Integrated Preparedness Plan as a document, for the annual submission in PDF and Word alike:
 * the priorities with the needs behind them, each year's schedule (its Gantt chart and table, on
 * landscape pages), and the plan's checks, in the words' language (what people wrote as written).
 */
export function planDocument({ detail, needs, names, gantts, at, timeZone, words }: PlanDocumentInput): StartexDocument {
  const byId = new Map(needs.map((n) => [n.id, n]));
  const years = planYears(detail);
  const priorities: Block[] = [
    heading(1, `1. ${words.plan.priorities}`),
    ...(detail.priorities.length === 0 ? [paragraph(words.plan.noPriorities, 'muted')] : []),
    ...detail.priorities.flatMap((priority, i): Block[] => {
      const behind = priority.needIds.flatMap((id) => (byId.has(id) ? [needText(byId.get(id)!, names, words)] : []));
      return [
        heading(2, `1.${i + 1} ${priority.title}`),
        paragraph(priority.rationale || '—'),
        { type: 'paragraph', runs: [{ text: words.plan.needsBehind, bold: true }] },
        behind.length === 0 ? paragraph(words.plan.noneNamed, 'muted') : bullets(behind),
      ];
    }),
  ];
  const schedule = years.flatMap(({ year, activities }, i): Block[] => {
    const gantt = gantts.get(year);
    return [
      heading(1, `${i + 2}. ${words.plan.schedule(year)}`),
      ...(activities.length === 0 ? [paragraph(words.plan.nothingPlanned, 'muted')] : []),
      ...(gantt && activities.length > 0 ? [{ type: 'image', png: gantt, title: words.plan.schedule(year) } satisfies Block] : []),
      ...(activities.length > 0
        ? [
            textTable(
              SCHEDULE_COLUMNS.map((c) => words.plan.columns[c]),
              activities.map((a) => [
                words.when(a.when),
                a.title,
                words.kind[a.kind],
                a.agencyIds.map(names.agency).join(', '),
                a.capabilityIds.map(names.capability).join(', '),
                a.lead,
                words.activityStatus[a.status],
              ]),
              { widths: SCHEDULE_COLUMNS.map((c) => SCHEDULE_WIDTHS[c]), size: 'small' },
            ),
          ]
        : []),
    ];
  });
  const checks: Block[] = [
    heading(1, `${years.length + 2}. ${words.plan.checks}`),
    detail.checks.length === 0 ? paragraph(words.plan.noChecks, 'muted') : bullets(detail.checks.map((c) => checkText(c, detail, byId, names, words))),
  ];
  const subtitle = words.plan.subtitle(detail.plan.title, detail.plan.fromYear, detail.plan.toYear);
  return {
    title: words.plan.title,
    subtitle,
    label: words.plan.asOf(localTime(at, timeZone)),
    runningHeader: `${words.plan.title}: ${subtitle}`,
    contents: true,
    parts: [{ blocks: priorities }, { landscape: true, blocks: schedule }, { blocks: checks }],
    language: words.documentLanguage,
  };
}
