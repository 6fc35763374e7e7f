import type ExcelJS from 'exceljs';
import type { ScenarioDocument } from '@startex/shared';
import { lazyRequire } from '../../lazyPackage.ts';
import { inertInCsv } from '../../review/report/spreadsheets.ts';
import { CHANNELS, KINDS, MSEL_HEADERS, mselLines } from './mselLines.ts';

const exceljs = lazyRequire<typeof import('exceljs')>('exceljs');

const WIDTHS = [9, 14, 28, 28, 16, 40, 60, 40, 20, 13, 30];
/** Header, STARTEX, at most 1,000 rows and ENDEX: validation covers this far. */
const LAST_ROW = 1003;

/**
 * The MSEL as a workbook: the rows, and a Lookups sheet whose lists the team, sender, delivery
 * method, storyline and type columns offer (data validation: a delivery method or type must be
 * one of the list; teams and senders are offered, another name is allowed after a warning, since
 * a row goes to several teams).
 */
export async function mselXlsx(document: ScenarioDocument): Promise<Buffer> {
  const content = mselLines(document);
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'StartEx';
  const sheet = workbook.addWorksheet('MSEL', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...MSEL_HEADERS]).font = { bold: true };
  sheet.addRows(content.lines);
  sheet.columns.forEach((column, i) => {
    column.width = WIDTHS[i] ?? 16;
    column.alignment = { vertical: 'top', wrapText: i >= 5 && i <= 7 };
  });

  const lookups = workbook.addWorksheet('Lookups');
  const lists: [string, string[]][] = [
    ['Teams', content.teams],
    ['Delivery methods', [...CHANNELS]],
    ['Senders', content.senders],
    ['Storylines', content.storylines],
    ['Types', [...KINDS]],
  ];
  lists.forEach(([title, values], column) => {
    lookups.getCell(1, column + 1).value = title;
    values.forEach((value, row) => (lookups.getCell(row + 2, column + 1).value = value));
    lookups.getColumn(column + 1).width = 30;
  });
  lookups.getRow(1).font = { bold: true };
  const range = (column: number) => {
    const letter = String.fromCharCode(65 + column);
    return `Lookups!$${letter}$2:$${letter}$${Math.max(2, lists[column]![1].length + 1)}`;
  };

  const validations: [number, number, ExcelJS.DataValidation][] = [
    [3, 0, list(range(0), 'warning', 'Teams', 'A team of the scenario (several: separate them with commas), or All teams.')],
    [2, 2, list(range(2), 'warning', 'Senders', 'A simulated organisation or a team; another sender is written as text.')],
    [4, 1, list(range(1), 'stop', 'Delivery method', `One of: ${CHANNELS.join(', ')}.`)],
    [8, 3, list(range(3), 'warning', 'Storylines', 'A storyline of the scenario, or empty for the main one.')],
    [9, 4, list(range(4), 'stop', 'Type', `One of: ${KINDS.join(', ')}.`)],
  ];
  for (let row = 2; row <= LAST_ROW; row++) {
    for (const [column, , validation] of validations) sheet.getCell(row, column + 1).dataValidation = validation;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function list(formula: string, errorStyle: 'stop' | 'warning', title: string, message: string): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorStyle, errorTitle: title, error: message, showInputMessage: true, promptTitle: title, prompt: message };
}

/** The MSEL as CSV: text a spreadsheet would run as a formula is made inert, as the review's CSV exports do. */
export async function mselCsv(document: ScenarioDocument): Promise<Buffer> {
  const content = mselLines(document);
  const workbook = new (exceljs().Workbook)();
  const sheet = workbook.addWorksheet('MSEL');
  sheet.addRow([...MSEL_HEADERS]);
  sheet.addRows(content.lines.map((line) => line.map(inertInCsv)));
  return Buffer.from(await workbook.csv.writeBuffer());
}
