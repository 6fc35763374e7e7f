import { createHash } from 'node:crypto';
import type { MselColumn, MselField, MselMapping, MselSheet, MselTime } from '@startex/shared';
import { plainHeader, proposeColumns, recogniseHeader, recognisedCount } from './columnSynonyms.ts';
import type { Cell, SheetRow, SheetTable } from './readSpreadsheet.ts';
import { readClock, readDateTime, readElapsed, readStoryTime } from './readTimes.ts';

/**
 * Step 1 of the MSEL import: what is in the file (sheets, the row that looks like the header,
 * columns with sample values) and a mapping to start from: the sheets that look like the MSEL,
 * each column's field recognised by its header, and how the time column reads.
 */

/** The header is looked for among a sheet's first rows. */
const HEADER_SEARCH_ROWS = 30;
const SAMPLES = 3;
/** A scenario holds at most this many tracks. */
const MAX_TRACKS = 50;

export function inspectSheets(sheets: readonly SheetTable[]): { sheets: MselSheet[]; proposal: MselMapping } {
  const described = sheets.filter((s) => s.rows.length > 0).map(describeSheet);
  return { sheets: described, proposal: propose(sheets, described) };
}

function describeSheet(sheet: SheetTable): MselSheet {
  const header = headerRowOf(sheet);
  const below = sheet.rows.filter((r) => r.row > header.row);
  const width = Math.max(header.cells.length, ...below.slice(0, 50).map((r) => r.cells.length));
  const columns: MselColumn[] = [];
  const fields = proposeColumns(header.cells.map((c) => c?.text ?? ''));
  const chosen = new Set(Object.values(fields));
  for (let index = 0; index < width; index++) {
    const text = header.cells[index]?.text.trim() ?? '';
    const samples = below.flatMap((r) => r.cells[index] ?? []).slice(0, SAMPLES).map(sample);
    if (text === '' && samples.length === 0) continue;
    const field = text !== '' && chosen.has(text) ? recogniseHeader(text)?.field : undefined;
    columns.push({ letter: columnLetter(index), header: text, samples, ...(field ? { field } : {}) });
  }
  return { name: sheet.name, rows: sheet.rows.length, headerRow: header.row, columns };
}

/** The row among the first ones whose cells name the most fields; without any, the first row with three or more cells. */
function headerRowOf(sheet: SheetTable): SheetRow {
  const first = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
  let best: { row: SheetRow; count: number } | undefined;
  for (const row of first) {
    const count = recognisedCount(row.cells.map((c) => c?.text ?? ''));
    if (count >= 2 && (!best || count > best.count)) best = { row, count };
  }
  return best?.row ?? first.find((r) => r.cells.filter(Boolean).length >= 3) ?? sheet.rows[0]!;
}

const sample = (cell: Cell) => (cell.text.length > 60 ? `${cell.text.slice(0, 59)}…` : cell.text);

export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/**
 * The sheets that look most like an MSEL: those whose headers name the most fields, counting a
 * group of sheets laid out alike (one sheet per exercise day) as stronger than one sheet.
 */
function propose(tables: readonly SheetTable[], sheets: readonly MselSheet[]): MselMapping {
  const groups = new Map<string, MselSheet[]>();
  for (const sheet of sheets) {
    const key = fieldsOf(sheet).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), sheet]);
  }
  let best: MselSheet[] = [sheets[0]!];
  let bestScore = -1;
  for (const [key, group] of groups) {
    const score = (key === '' ? 0 : key.split(',').length) + group.length - 1;
    if (score > bestScore) [best, bestScore] = [group, score];
  }
  const lead = best[0]!;
  const columns = Object.fromEntries(lead.columns.flatMap((c) => (c.field ? [[c.field, c.header]] : []))) as MselMapping['columns'];
  // A "storyline" column with a different value on nearly every row is a title, not storylines.
  if (columns.track !== undefined && new Set(cellsUnder(tables, best, columns.track).map((c) => c.text.trim())).size > MAX_TRACKS) delete columns.track;
  const timeHeader = columns.time;
  const timeCells = timeHeader === undefined ? [] : cellsUnder(tables, best, timeHeader);
  return {
    sheets: best.map((s) => ({ name: s.name, headerRow: s.headerRow })),
    columns,
    time: proposeTime(timeHeader, timeCells, columns.day !== undefined, best.length > 1),
  };
}

const fieldsOf = (sheet: MselSheet): MselField[] => sheet.columns.flatMap((c) => (c.field ? [c.field] : []));

function cellsUnder(tables: readonly SheetTable[], sheets: readonly MselSheet[], header: string): Cell[] {
  return sheets.flatMap((sheet) => {
    const table = tables.find((t) => t.name === sheet.name)!;
    const headerRow = table.rows.find((r) => r.row === sheet.headerRow)!;
    const index = headerRow.cells.findIndex((c) => c?.text.trim() === header);
    return table.rows.filter((r) => r.row > sheet.headerRow).flatMap((r) => (r.cells[index] ? [r.cells[index]] : []));
  });
}

/** How the time column most likely reads, from its header and what most of its cells hold. */
function proposeTime(header: string | undefined, cells: readonly Cell[], hasDay: boolean, severalSheets: boolean): MselTime {
  if (header === undefined || cells.length === 0) return { kind: 'sequence', minutesApart: 5 };
  const share = (read: (cell: Cell) => boolean) => cells.filter(read).length / cells.length;
  const plain = plainHeader(header);
  const fullDate = (cell: Cell) => readDateTime(cell) !== undefined && !(cell.date && cell.date.getUTCFullYear() < 1900);
  if (/dtg|date time|datetime/.test(plain) || share(fullDate) >= 0.6) return { kind: 'dtg' };
  if (share((c) => /^\s*[TH]\s*\+/i.test(c.text)) >= 0.6) return { kind: 'elapsed' };
  if (share((c) => readStoryTime(c) !== undefined || readClock(c) !== undefined) >= 0.6) {
    return { kind: 'story', days: hasDay ? 'column' : severalSheets ? 'sheet' : 'none' };
  }
  if (share((c) => readElapsed(c) !== undefined) >= 0.6) return { kind: 'elapsed' };
  return { kind: 'story', days: hasDay ? 'column' : 'none' };
}

/** What a remembered mapping is found by: the first chosen sheet's headers, in their order, as compared. */
export function headerSignature(tables: readonly SheetTable[], mapping: MselMapping): string | undefined {
  const choice = mapping.sheets[0];
  const header = tables.find((t) => t.name === choice?.name)?.rows.find((r) => r.row === choice?.headerRow);
  if (!header) return undefined;
  const headers = header.cells.map((c) => plainHeader(c?.text ?? '')).filter((h) => h !== '');
  return createHash('sha256').update(headers.join('|')).digest('hex').slice(0, 32);
}
