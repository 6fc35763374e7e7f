import { inflateRawSync } from 'node:zlib';
import { StartexError, IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type ImportPeopleBody, type ImportProblem } from '@startex/shared';
import { lazyRequire } from '../lazyPackage.ts';

const csvParse = lazyRequire<typeof import('csv-parse/sync')>('csv-parse/sync');
const exceljs = lazyRequire<typeof import('exceljs')>('exceljs');

/** One data row of a participant list, by column name; `row` is the spreadsheet's row number. */
export type FileRow = ColumnsRow<(typeof IMPORT_COLUMNS)[number]>;

const MAX_ROWS = 2000;
/** What an XLSX may unpack to: a 2,000-row list is a few MB; a zip bomb is refused before exceljs inflates it. */
export const MAX_XLSX_INFLATED_BYTES = 32 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 1000;

/**
 * Reads a CSV or XLSX participant list: the first row names the columns (any order, any case;
 * unknown columns are ignored), empty rows are skipped. Missing required columns are problems of row 1.
 */
export async function readParticipantFile(body: ImportPeopleBody): Promise<{ rows: FileRow[]; problems: ImportProblem[]; columns: string[] }> {
  return readColumnsFile(body, IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS);
}

/** One data row of any list read by readColumnsFile, by column name. */
export interface ColumnsRow<C extends string> {
  row: number;
  values: Partial<Record<C, string>>;
}

/**
 * Reads any CSV or XLSX list the same way (the participant list, the programme's needs and
 * attendance): the header row names the columns, hostile files are refused before they are parsed.
 */
export async function readColumnsFile<C extends string>(
  body: { format: 'csv' | 'xlsx'; content: string },
  columns: readonly C[],
  required: readonly C[],
): Promise<{ rows: ColumnsRow<C>[]; problems: ImportProblem[]; columns: C[] }> {
  const table = body.format === 'csv' ? readCsv(body.content) : await readXlsx(body.content);
  const header = table[0];
  if (!header) throw new StartexError('IMPORT_UNREADABLE', 'The file is empty.');
  if (table.length - 1 > MAX_ROWS) throw new StartexError('IMPORT_UNREADABLE', `The file has more than ${MAX_ROWS} rows.`);
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const known = (name: string): name is C => (columns as readonly string[]).includes(name);
  const problems: ImportProblem[] = required.filter((column) => !names.includes(column)).map((column) => ({
    row: header.row,
    column,
    code: 'MISSING_COLUMN',
    message: `The file has no "${column}" column (columns: ${columns.join(', ')}).`,
  }));
  const rows = table.slice(1).map(({ row, cells }) => {
    const values: ColumnsRow<C>['values'] = {};
    names.forEach((name, i) => {
      if (known(name)) values[name] = (cells[i] ?? '').trim();
    });
    return { row, values };
  });
  return { rows, problems, columns: names.filter(known) };
}

export interface TableRow {
  row: number;
  cells: string[];
}

export function readCsv(text: string): TableRow[] {
  try {
    const records = csvParse().parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records
      .map(({ record, info }) => ({ row: info.lines, cells: record.map(String) }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
  } catch (error) {
    throw new StartexError('IMPORT_UNREADABLE', `The CSV cannot be read: ${(error as Error).message}`);
  }
}

async function readXlsx(base64: string): Promise<TableRow[]> {
  const workbook = await loadXlsx(Buffer.from(base64, 'base64'));
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

/** Any XLSX StartEx reads (participant lists, MSELs): exceljs loads it only once the zip guard below let it through. */
export async function loadXlsx(bytes: Buffer): Promise<import('exceljs').Workbook> {
  checkInflatedSize(bytes);
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  return workbook;
}

const unreadable = () => new StartexError('IMPORT_UNREADABLE', 'The XLSX file cannot be read.');

/**
 * Inflates every entry of the zip once, with a budget on the total output, before exceljs loads
 * it: the sizes a zip declares can lie, so only inflating with a limit tells what it unpacks to.
 */
function checkInflatedSize(zip: Buffer): void {
  const end = endOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (entries > MAX_XLSX_ENTRIES) throw unreadable();
  let budget = MAX_XLSX_INFLATED_BYTES;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressedSize > zip.length) throw unreadable();
    const data = zip.subarray(start, start + compressedSize);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) size = inflatedLength(data, budget);
    else throw unreadable();
    budget -= size;
    if (budget < 0) throw tooLarge();
  }
}

const tooLarge = () => new StartexError('IMPORT_UNREADABLE', `The XLSX file unpacks to more than ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB.`);

function inflatedLength(data: Buffer, budget: number): number {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge() : unreadable();
  }
}

/** Where the zip's end-of-central-directory record starts (it ends the file, before a comment of up to 64 KiB). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw unreadable();
}
