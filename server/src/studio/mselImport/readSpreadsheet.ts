import type ExcelJS from 'exceljs';
import { StartexError, type MselFile } from '@startex/shared';
import { loadXlsx, readCsv } from '../../planning/participantFile.ts';

/**
 * A spreadsheet as the MSEL import reads it: every sheet's non-empty rows, each cell as its text
 * and, where the spreadsheet typed it, its date or number. Formulas are never evaluated: a formula
 * cell reads as the value the spreadsheet saved with it, and says it was one.
 */

export interface Cell {
  text: string;
  /** A date or time the spreadsheet typed (its face value, read in UTC). */
  date?: Date;
  number?: number;
  formula?: true;
}

export interface SheetRow {
  /** The spreadsheet's row number. */
  row: number;
  /** By column, from column A; undefined where empty. */
  cells: (Cell | undefined)[];
}

export interface SheetTable {
  name: string;
  rows: SheetRow[];
}

/** More rows than any MSEL (the timeline holds 1,000), fewer than a hostile file would need to hurt. */
export const MAX_SPREADSHEET_ROWS = 5000;
/** Columns past this are not read: an MSEL has a dozen or two. */
export const MAX_COLUMNS = 60;
/** A cell longer than this is read as this much (the longest field, a body, holds 20,000). */
export const MAX_CELL_CHARS = 100_000;

export async function readSpreadsheet(file: MselFile): Promise<SheetTable[]> {
  const sheets = file.format === 'csv' ? [csvSheet(file)] : await xlsxSheets(file.content);
  const rows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  if (rows > MAX_SPREADSHEET_ROWS) throw new StartexError('IMPORT_UNREADABLE', `The file has ${rows} rows; an MSEL import reads at most ${MAX_SPREADSHEET_ROWS}.`);
  if (sheets.every((sheet) => sheet.rows.length === 0)) throw new StartexError('IMPORT_UNREADABLE', 'The file is empty.');
  return sheets;
}

function csvSheet(file: MselFile): SheetTable {
  const name = file.name.replace(/\.csv$/i, '') || 'CSV';
  return {
    name,
    rows: readCsv(file.content).map(({ row, cells }) => ({
      row,
      cells: cells.slice(0, MAX_COLUMNS).map((text) => (text.trim() === '' ? undefined : { text: stripCsvGuard(text).slice(0, MAX_CELL_CHARS) })),
    })),
  };
}

/**
 * StartEx's CSV export puts an apostrophe before text a spreadsheet would take for a formula
 * (inertInCsv, server/src/review/report/spreadsheets.ts); reading the file back drops it.
 */
const stripCsvGuard = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

async function xlsxSheets(base64: string): Promise<SheetTable[]> {
  const workbook = await loadXlsx(Buffer.from(base64, 'base64'));
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: (Cell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column <= MAX_COLUMNS) cells[column - 1] = readCell(cell.value);
      });
      if (cells.some((cell) => cell !== undefined)) rows.push({ row: number, cells: Array.from(cells) });
    });
    return { name: sheet.name, rows };
  });
}

function readCell(value: ExcelJS.CellValue): Cell | undefined {
  const cell = valueCell(value);
  return cell && cell.text.trim() !== '' ? { ...cell, text: cell.text.slice(0, MAX_CELL_CHARS) } : undefined;
}

function valueCell(value: ExcelJS.CellValue | undefined): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : { text: dateText(value), date: value };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if ('formula' in value || 'sharedFormula' in value) {
    const saved = valueCell(value.result as ExcelJS.CellValue | undefined);
    return saved ? { ...saved, formula: true } : { text: '', formula: true };
  }
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('hyperlink' in value) return { text: String(value.text ?? '') };
  // An error value (#N/A, #REF!) holds nothing to import.
  return undefined;
}

/** How a typed date reads to a person: a time alone, a day alone, or both. */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  if (iso.startsWith('1899-12-30') || iso.startsWith('1899-12-31')) return iso.slice(11, 16);
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
