import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { StartexError, IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type ImportPeopleBody, type ImportProblem } from '@startex/shared';

/** One data row of a participant list, by column name; `row` is the spreadsheet's row number. */
export interface FileRow {
  row: number;
  values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
}

const MAX_ROWS = 2000;

/**
 * Reads a CSV or XLSX participant list: the first row names the columns (any order, any case;
 * unknown columns are ignored), empty rows are skipped. Missing required columns are problems of row 1.
 */
export async function readParticipantFile(body: ImportPeopleBody): Promise<{ rows: FileRow[]; problems: ImportProblem[]; columns: string[] }> {
  const table = body.format === 'csv' ? readCsv(body.content) : await readXlsx(body.content);
  const header = table[0];
  if (!header) throw new StartexError('IMPORT_UNREADABLE', 'The file is empty.');
  if (table.length - 1 > MAX_ROWS) throw new StartexError('IMPORT_UNREADABLE', `The file has more than ${MAX_ROWS} rows.`);
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const problems: ImportProblem[] = REQUIRED_IMPORT_COLUMNS.filter((column) => !names.includes(column)).map((column) => ({
    row: header.row,
    column,
    code: 'MISSING_COLUMN',
    message: `The file has no "${column}" column (columns: ${IMPORT_COLUMNS.join(', ')}).`,
  }));
  const rows = table.slice(1).map(({ row, cells }) => {
    const values: FileRow['values'] = {};
    names.forEach((name, i) => {
      if ((IMPORT_COLUMNS as readonly string[]).includes(name)) values[name as keyof FileRow['values']] = (cells[i] ?? '').trim();
    });
    return { row, values };
  });
  return { rows, problems, columns: names.filter((n) => (IMPORT_COLUMNS as readonly string[]).includes(n)) };
}

interface TableRow {
  row: number;
  cells: string[];
}

function readCsv(text: string): TableRow[] {
  try {
    const records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records
      .map(({ record, info }) => ({ row: info.lines, cells: record.map(String) }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
  } catch (error) {
    throw new StartexError('IMPORT_UNREADABLE', `The CSV cannot be read: ${(error as Error).message}`);
  }
}

async function readXlsx(base64: string): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new StartexError('IMPORT_UNREADABLE', 'The XLSX file cannot be read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new StartexError('IMPORT_UNREADABLE', 'The XLSX file has no worksheet.');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text ?? '');
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: number, cells });
  });
  return rows;
}
