import { NEED_IMPORT_COLUMNS, type ActivityView, type NeedView, type PlanView } from '@startex/shared';
import { lazyRequire } from '../lazyPackage.ts';
import type { CheckNames } from './planChecks.ts';
import type { ProgrammeWords } from './programmeWords.ts';

const exceljs = lazyRequire<typeof import('exceljs')>('exceljs');

/** A need's cells in the needs import's columns: in English the import's own values, so an exported sheet can be imported again. */
export function needRow(need: NeedView, names: CheckNames, words: ProgrammeWords): Record<(typeof NEED_IMPORT_COLUMNS)[number], string | number> {
  const value = words.workbook.needValue;
  return {
    agency: names.agency(need.agencyId),
    function: value.function(need.function),
    capability: need.capabilityId ? names.capability(need.capabilityId) : '',
    competence: need.competence ?? '',
    'target group': need.targetGroup,
    headcount: need.headcount,
    'required level': need.requiredLevel,
    'current level': need.currentLevel ?? '',
    priority: value.priority(need.priority),
    evidence: need.evidence.map((e) => value.evidence(e.kind)).join('; '),
    'evidence note': need.evidence.map((e) => e.note).filter(Boolean).join(' | '),
    intervention: need.intervention ? value.intervention(need.intervention) : '',
    'review date': need.reviewDate ?? '',
  };
}

/** Needs and planned activities as one workbook (exceljs; text stays typed string cells), in the words' language. */
export async function programmeXlsx(needs: readonly NeedView[], plans: readonly PlanView[], activities: readonly ActivityView[], names: CheckNames, words: ProgrammeWords): Promise<Buffer> {
  const { needColumns, activityColumns } = words.workbook;
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'StartEx';
  const needSheet = workbook.addWorksheet(words.workbook.needsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  needSheet.columns = [...NEED_IMPORT_COLUMNS, 'status' as const, 'gap' as const].map((column) => ({ header: needColumns[column], width: column === 'evidence note' ? 50 : column === 'gap' ? 10 : 18 }));
  for (const need of needs) {
    const row = needRow(need, names, words);
    needSheet.addRow([...NEED_IMPORT_COLUMNS.map((c) => row[c]), words.needStatus[need.status], need.gap ?? '']);
  }
  needSheet.getRow(1).font = { bold: true };

  const planTitle = new Map(plans.map((p) => [p.id, p.title]));
  const activitySheet = workbook.addWorksheet(words.workbook.activitiesSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  activitySheet.columns = (Object.keys(activityColumns) as (keyof typeof activityColumns)[]).map((key) => ({ header: activityColumns[key], key, width: key === 'activity' ? 40 : 18 }));
  for (const a of activities) {
    const row: Record<keyof typeof activityColumns, string | number> = {
      plan: planTitle.get(a.planId) ?? a.planId,
      when: words.when(a.when),
      start: a.start,
      end: a.end,
      activity: a.title,
      kind: words.kind[a.kind],
      agencies: a.agencyIds.map(names.agency).join(', '),
      capabilities: a.capabilityIds.map(names.capability).join(', '),
      needsServed: a.needIds.length,
      lead: a.lead,
      status: words.activityStatus[a.status],
      exercise: a.exerciseId ?? '',
    };
    activitySheet.addRow(row);
  }
  activitySheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
