import type ExcelJS from 'exceljs';
import type { ExerciseReview, ImprovementItem, ScenarioDocument } from '@startex/shared';
import { calendarDay, isOverdue } from './improvementPlan.ts';
import { PLAN_COLUMNS } from './reportLayout.ts';
import { REPORT_WORDS } from './reportWords.ts';
import { DOCUMENT_WORDS, localClock, teamName, type DocumentLanguage } from '../../documents/words.ts';
import { lazyRequire } from '../../lazyPackage.ts';

const exceljs = lazyRequire<typeof import('exceljs')>('exceljs');

/**
 * A text cell that a spreadsheet opening the CSV would read as a formula (=, +, -, @, tab, CR:
 * OWASP "CSV injection") gets a leading apostrophe, so it shows as the text it is. XLSX cells are
 * typed strings and need nothing.
 */
export const inertInCsv = (value: string | number | null): string | number | null => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const minutes = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 600) / 100);

function planSheet(workbook: ExcelJS.Workbook, plan: ImprovementItem[], now: number, timeZone: string, language: DocumentLanguage, cell: typeof inertInCsv = (value) => value): void {
  const words = REPORT_WORDS[language];
  const { yes, no, zone } = DOCUMENT_WORDS[language];
  const today = calendarDay(now);
  const sheet = workbook.addWorksheet(words.sheet.plan, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...PLAN_COLUMNS.map((c) => ({ header: words.plan[c.column], width: Math.round(c.width * 22) })),
    { header: words.sheet.overdue, width: 10 },
    { header: `${words.sheet.lastChange} ${zone(timeZone)}`, width: 44 },
  ];
  for (const item of plan) {
    const last = item.history.at(-1);
    sheet.addRow(
      [
        ...PLAN_COLUMNS.map((c) => c.value(item, words)),
        isOverdue(item, today) ? yes : no,
        last ? `${localClock(last.at, timeZone)} ${last.by}: ${last.from === null ? words.sheet.added : last.comment}` : '',
      ].map(cell),
    );
  }
  sheet.getRow(1).font = { bold: true };
}

/** One row per metric result (per team where the metric is per team); the metric's id stays, for joining with other exports. */
function metricRows(review: ExerciseReview, scenario: ScenarioDocument, language: DocumentLanguage): (string | number | null)[][] {
  const words = REPORT_WORDS[language];
  return review.metrics.flatMap((metric) =>
    metric.results.map((result) => [
      metric.metricId,
      metric.title,
      result.teamId ? teamName(scenario, result.teamId, language) : words.wholeExercise,
      result.value ?? null,
      metric.target,
      DOCUMENT_WORDS[language].unit[metric.unit],
      words.metricStatus[result.status],
      result.fromSeq ?? null,
      result.toSeq ?? null,
    ]),
  );
}

function metricsSheet(workbook: ExcelJS.Workbook, review: ExerciseReview, scenario: ScenarioDocument, language: DocumentLanguage): void {
  const words = REPORT_WORDS[language];
  const sheet = workbook.addWorksheet(words.sheet.metrics);
  sheet.addRow(words.sheet.metricHeaders).font = { bold: true };
  sheet.addRows(metricRows(review, scenario, language));
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 40 : 16));
  const teams = workbook.addWorksheet(words.sheet.responseTimes);
  teams.addRow(words.sheet.teamHeaders).font = { bold: true };
  for (const team of review.teams) {
    teams.addRow([team.name, team.injectsReceived, team.acknowledged, team.actedUpon, minutes(team.releaseToAcknowledge.medianMs), minutes(team.releaseToAction.medianMs), minutes(team.releaseToAction.maxMs)]);
  }
  teams.columns.forEach((column) => (column.width = 24));
  const injects = workbook.addWorksheet(words.sheet.injects);
  injects.addRow(words.sheet.injectHeaders).font = { bold: true };
  for (const inject of review.injects) {
    injects.addRow([inject.number, inject.injectId, inject.subject, words.injectKind[inject.kind], minutes(inject.releasedAtMs), words.timeliness[inject.timeliness], minutes(inject.deviationMs)]);
  }
  injects.columns.forEach((column, i) => (column.width = i === 2 ? 40 : 16));
}

/** The improvement plan and the metrics as one workbook (exceljs), in `language`; figures stay numbers. */
export async function improvementPlanXlsx(plan: ImprovementItem[], review: ExerciseReview, scenario: ScenarioDocument, now: number, timeZone: string, language: DocumentLanguage): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'StartEx';
  planSheet(workbook, plan, now, timeZone, language);
  metricsSheet(workbook, review, scenario, language);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The improvement plan as CSV (exceljs's CSV writer, RFC 4180 quoting), in `language`. */
export async function improvementPlanCsv(plan: ImprovementItem[], now: number, timeZone: string, language: DocumentLanguage): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  planSheet(workbook, plan, now, timeZone, language, inertInCsv);
  return Buffer.from(await workbook.csv.writeBuffer());
}

/** The scenario's metrics per team as CSV, in `language` (figures with a decimal point, as CSV readers parse them). */
export async function metricsCsv(review: ExerciseReview, scenario: ScenarioDocument, language: DocumentLanguage): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  const sheet = workbook.addWorksheet(REPORT_WORDS[language].sheet.metrics);
  sheet.addRow(REPORT_WORDS[language].sheet.metricHeaders);
  sheet.addRows(metricRows(review, scenario, language).map((row) => row.map(inertInCsv)));
  return Buffer.from(await workbook.csv.writeBuffer());
}
