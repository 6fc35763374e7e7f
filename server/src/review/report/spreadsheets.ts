import type ExcelJS from 'exceljs';
import type { ExerciseReview, ImprovementItem, ScenarioDocument } from '@startex/shared';
import { calendarDay, isOverdue } from './improvementPlan.ts';
import { PLAN_COLUMNS } from './reportLayout.ts';
import { localTime } from '../../documents/words.ts';
import { lazyRequire } from '../../lazyPackage.ts';

const exceljs = lazyRequire<typeof import('exceljs')>('exceljs');

/**
 * A text cell that a spreadsheet opening the CSV would read as a formula (=, +, -, @, tab, CR:
 * OWASP "CSV injection") gets a leading apostrophe, so it shows as the text it is. XLSX cells are
 * typed strings and need nothing.
 */
export const inertInCsv = (value: string | number | null): string | number | null => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const minutes = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 600) / 100);

function planSheet(workbook: ExcelJS.Workbook, plan: ImprovementItem[], now: number, timeZone: string, cell: typeof inertInCsv = (value) => value): void {
  const today = calendarDay(now);
  const sheet = workbook.addWorksheet('Improvement plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...PLAN_COLUMNS.map((c) => ({ header: c.header, width: Math.round(c.width * 22) })),
    { header: 'Overdue', width: 10 },
    { header: `Last status change (${timeZone})`, width: 44 },
  ];
  for (const item of plan) {
    const last = item.history.at(-1);
    sheet.addRow(
      [
        ...PLAN_COLUMNS.map((c) => c.value(item)),
        isOverdue(item, today) ? 'yes' : 'no',
        last ? `${localTime(last.at, timeZone).replace(` (${timeZone})`, '')} ${last.by}: ${last.comment}` : '',
      ].map(cell),
    );
  }
  sheet.getRow(1).font = { bold: true };
}

/** One row per metric result (per team where the metric is per team). */
function metricRows(review: ExerciseReview, scenario: ScenarioDocument): (string | number | null)[][] {
  const teamName = new Map(scenario.teams.map((t) => [t.id, t.name]));
  return review.metrics.flatMap((metric) =>
    metric.results.map((result) => [
      metric.metricId,
      metric.title,
      result.teamId ? (teamName.get(result.teamId) ?? result.teamId) : 'Exercise',
      result.value ?? null,
      metric.target,
      metric.unit,
      result.status,
      result.fromSeq ?? null,
      result.toSeq ?? null,
    ]),
  );
}
const METRIC_HEADERS = ['Metric', 'Title', 'Team', 'Value', 'Target', 'Unit', 'Status', 'From log seq', 'To log seq'];

function metricsSheet(workbook: ExcelJS.Workbook, review: ExerciseReview, scenario: ScenarioDocument): void {
  const sheet = workbook.addWorksheet('Metrics');
  sheet.addRow(METRIC_HEADERS).font = { bold: true };
  sheet.addRows(metricRows(review, scenario));
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 40 : 16));
  const teams = workbook.addWorksheet('Response times');
  teams.addRow(['Team', 'Injects received', 'Acknowledged', 'Acted upon', 'Median release→acknowledge (min)', 'Median release→first action (min)', 'Max release→first action (min)']).font = { bold: true };
  for (const team of review.teams) {
    teams.addRow([team.name, team.injectsReceived, team.acknowledged, team.actedUpon, minutes(team.releaseToAcknowledge.medianMs), minutes(team.releaseToAction.medianMs), minutes(team.releaseToAction.maxMs)]);
  }
  teams.columns.forEach((column) => (column.width = 24));
  const injects = workbook.addWorksheet('Injects');
  injects.addRow(['#', 'Inject', 'Subject', 'Kind', 'Released at (min)', 'Timeliness', 'Deviation (min)']).font = { bold: true };
  for (const inject of review.injects) {
    injects.addRow([inject.number, inject.injectId, inject.subject, inject.kind, minutes(inject.releasedAtMs), inject.timeliness, minutes(inject.deviationMs)]);
  }
  injects.columns.forEach((column, i) => (column.width = i === 2 ? 40 : 16));
}

/** The improvement plan and the metrics as one workbook (exceljs). */
export async function improvementPlanXlsx(plan: ImprovementItem[], review: ExerciseReview, scenario: ScenarioDocument, now: number, timeZone: string): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'StartEx';
  planSheet(workbook, plan, now, timeZone);
  metricsSheet(workbook, review, scenario);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The improvement plan as CSV (exceljs's CSV writer, RFC 4180 quoting). */
export async function improvementPlanCsv(plan: ImprovementItem[], now: number, timeZone: string): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  planSheet(workbook, plan, now, timeZone, inertInCsv);
  return Buffer.from(await workbook.csv.writeBuffer());
}

/** The scenario's metrics per team as CSV. */
export async function metricsCsv(review: ExerciseReview, scenario: ScenarioDocument): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  const sheet = workbook.addWorksheet('Metrics');
  sheet.addRow(METRIC_HEADERS);
  sheet.addRows(metricRows(review, scenario).map((row) => row.map(inertInCsv)));
  return Buffer.from(await workbook.csv.writeBuffer());
}
