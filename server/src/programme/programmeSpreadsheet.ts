import { NEED_IMPORT_COLUMNS, type ActivityView, type NeedView, type PlanView } from '@startex/shared';
import { lazyRequire } from '../lazyPackage.ts';
import type { CheckNames } from './planChecks.ts';
import { whenText } from './planDocument.ts';

const exceljs = lazyRequire<typeof import('exceljs')>('exceljs');

/** The needs sheet's columns are the needs import's, so an exported sheet can be imported again. */
export function needRow(need: NeedView, names: CheckNames): Record<(typeof NEED_IMPORT_COLUMNS)[number], string | number> {
  return {
    agency: names.agency(need.agencyId),
    function: need.function,
    capability: need.capabilityId ? names.capability(need.capabilityId) : '',
    competence: need.competence ?? '',
    'target group': need.targetGroup,
    headcount: need.headcount,
    'required level': need.requiredLevel,
    'current level': need.currentLevel ?? '',
    priority: need.priority,
    evidence: need.evidence.map((e) => e.kind).join('; '),
    'evidence note': need.evidence.map((e) => e.note).filter(Boolean).join(' | '),
    intervention: need.intervention ?? '',
    'review date': need.reviewDate ?? '',
  };
}

/** Needs and planned activities as one workbook (exceljs; text stays typed string cells). */
export async function programmeXlsx(needs: readonly NeedView[], plans: readonly PlanView[], activities: readonly ActivityView[], names: CheckNames): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'StartEx';
  const needSheet = workbook.addWorksheet('Needs', { views: [{ state: 'frozen', ySplit: 1 }] });
  needSheet.columns = [...NEED_IMPORT_COLUMNS.map((header) => ({ header, width: header === 'evidence note' ? 50 : 18 })), { header: 'status', width: 12 }, { header: 'gap', width: 8 }];
  for (const need of needs) needSheet.addRow([...NEED_IMPORT_COLUMNS.map((c) => needRow(need, names)[c]), need.status, need.gap ?? '']);
  needSheet.getRow(1).font = { bold: true };

  const planTitle = new Map(plans.map((p) => [p.id, p.title]));
  const activitySheet = workbook.addWorksheet('Activities', { views: [{ state: 'frozen', ySplit: 1 }] });
  activitySheet.columns = ['Plan', 'When', 'Start', 'End', 'Activity', 'Kind', 'Agencies', 'Capabilities', 'Needs served', 'Lead', 'Status', 'Exercise'].map((header) => ({ header, width: header === 'Activity' ? 40 : 18 }));
  for (const a of activities) {
    activitySheet.addRow([planTitle.get(a.planId) ?? a.planId, whenText(a.when), a.start, a.end, a.title, a.kind, a.agencyIds.map(names.agency).join(', '), a.capabilityIds.map(names.capability).join(', '), a.needIds.length, a.lead, a.status, a.exerciseId ?? '']);
  }
  activitySheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
