import type { ErrorCode, Inject, MselField, MselMapping, MselProblem } from '@startex/shared';
import { plainHeader } from './columnSynonyms.ts';
import type { Cell, SheetTable } from './readSpreadsheet.ts';
import { placeTimes, readRowTime, type RowTime } from './rowTimes.ts';
import { actionsOf, addresseesOf, channelOf, isAdministrative, isLeftOut, kindOf, markerOf, shorten, slug, subjectFrom } from './rowWords.ts';

/**
 * Step 2 of the MSEL import: the chosen sheets' rows read through a mapping into timeline rows
 * (in words: sender and addressee names, not ids yet), each with every problem found on it.
 */

export interface RowContent {
  id: string;
  number?: number;
  minutes: number;
  /** "T+45" or "Day 2 10:45" */
  at: string;
  from: string;
  /** Addressee names; `all` for every team. */
  to: string[];
  channel: Inject['channel'];
  subject: string;
  body: string;
  expectedActions: string[];
  track?: string;
  kind: Inject['kind'];
}

export interface MappedRow {
  sheet: string;
  row: number;
  outcome: 'inject' | 'skipped' | 'error';
  content?: RowContent;
  problems: MselProblem[];
}

export interface MappedMsel {
  rows: MappedRow[];
  /** Problems of the mapping or the file as a whole. */
  problems: MselProblem[];
  /** Story time at StartEx ("Day 1 09:00"), when the times say one. */
  scenarioStart?: string;
  startex: string;
  /** When an ENDEX row says play ends. */
  endexMinutes?: number;
}

export const DEFAULT_SENDER = 'Exercise control';
const SUBJECT_MAX = 200;
const BODY_MAX = 20_000;
const ACTIONS_MAX = 20;

const FIELD_WORDS: Record<MselField, string> = {
  number: 'Inject number',
  time: 'Time',
  day: 'Day',
  from: 'Sender',
  to: 'Addressees',
  channel: 'Delivery method',
  subject: 'Subject',
  body: 'Description',
  expectedActions: 'Expected action',
  track: 'Storyline',
  status: 'Status',
  type: 'Type',
};

/** A source row's cells by field. */
interface FieldCells {
  sheet: string;
  sheetIndex: number;
  row: number;
  cells: Partial<Record<MselField, Cell>>;
}

export function mapRows(sheets: readonly SheetTable[], mapping: MselMapping): MappedMsel {
  const problems: MselProblem[] = [];
  const sources = sourceRows(sheets, mapping, problems);
  if (mapping.columns.subject === undefined && mapping.columns.body === undefined) {
    problems.push({ severity: 'error', code: 'MSEL_TEXT_COLUMN_MISSING', message: 'Map a column to the subject or the description: an inject needs words.' });
  }
  if (problems.some((p) => p.severity === 'error')) return { rows: [], problems, startex: '' };

  const yearHint = yearOf(sources);
  const knownTeams = lookupTeams(sheets);
  const rows: MappedRow[] = [];
  const candidates: { mapped: MappedRow; source: FieldCells; time: RowTime | undefined }[] = [];
  const markers: { kind: 'startex' | 'endex'; time: RowTime | undefined }[] = [];
  let previousDay: { sheet: string; day: Cell } | undefined;
  for (const source of sources) {
    const text = (field: MselField) => source.cells[field]?.text.trim() ?? '';
    const mapped: MappedRow = { sheet: source.sheet, row: source.row, outcome: 'skipped', problems: [] };
    rows.push(mapped);
    const info = (code: ErrorCode, message: string) => mapped.problems.push({ severity: 'info', code, message, sheet: source.sheet, row: source.row });
    // A day written once for the rows under it holds until the next one.
    if (source.cells.day) previousDay = { sheet: source.sheet, day: source.cells.day };
    else if (previousDay?.sheet === source.sheet) source.cells.day = previousDay.day;

    const marker = markerOf([text('subject'), text('body'), text('number')]);
    if (marker) {
      info('MSEL_ROW_MARKER', `${marker === 'startex' ? 'STARTEX' : 'ENDEX'} row: it marks ${marker === 'startex' ? 'the start' : 'the end'} of play, it is not an inject.`);
      markers.push({ kind: marker, time: readRowTime(source, mapping.time, yearHint, []).time });
      continue;
    }
    if (text('subject') === '' && text('body') === '') {
      info('MSEL_ROW_NOT_INJECT', 'No subject and no description: not an inject.');
      continue;
    }
    if (isLeftOut(text('status'))) {
      info('MSEL_ROW_OMITTED', `Status "${shorten(text('status'), 60)}": the row is not played.`);
      continue;
    }
    if (isAdministrative(text('type'))) {
      info('MSEL_ROW_ADMINISTRATIVE', `Type "${shorten(text('type'), 60)}": a row for exercise staff, not an inject.`);
      continue;
    }
    const timeProblems: MselProblem[] = [];
    const { time } = readRowTime(source, mapping.time, yearHint, timeProblems);
    mapped.problems.push(...timeProblems);
    candidates.push({ mapped, source, time });
  }

  const placed = placeTimes(
    candidates.map((c) => c.time),
    mapping.time,
    markers.find((m) => m.kind === 'startex')?.time,
  );
  const endex = markers.find((m) => m.kind === 'endex')?.time;
  const numbers = new Map<number, string>();
  const ids = new Set<string>();
  candidates.forEach(({ mapped, source, time }, index) => {
    const placement = placed.rows[index];
    const rowProblem = (severity: MselProblem['severity'], code: ErrorCode, field: MselField | undefined, message: string) =>
      mapped.problems.push({ severity, code, message, sheet: source.sheet, row: source.row, ...(field ? { field } : {}) });
    if (time && placement && 'problem' in placement) rowProblem('error', placement.problem.code, 'time', placement.problem.message);
    const content = rowContent(source, mapping.columns.subject !== undefined, knownTeams, rowProblem, numbers, ids);
    if (placement && !('problem' in placement)) Object.assign(content, placement);
    mapped.content = content;
    mapped.outcome = mapped.problems.some((p) => p.severity === 'error') ? 'error' : 'inject';
  });

  const injects = rows.filter((r) => r.outcome !== 'skipped').length;
  if (injects > 1000) problems.push({ severity: 'error', code: 'MSEL_TOO_MANY_ROWS', message: `${injects} rows to import; a scenario's timeline holds at most 1,000.` });
  const endexMinutes = endex ? placed.minutesOf(endex) : undefined;
  return {
    rows,
    problems,
    startex: placed.startex,
    ...(placed.scenarioStart ? { scenarioStart: placed.scenarioStart } : {}),
    ...(endexMinutes !== undefined && endexMinutes > 0 ? { endexMinutes } : {}),
  };
}

/** The rows under each chosen sheet's header, with the mapped columns' cells; a sheet, header or column not found is a problem. */
function sourceRows(sheets: readonly SheetTable[], mapping: MselMapping, problems: MselProblem[]): FieldCells[] {
  return mapping.sheets.flatMap((choice, sheetIndex) => {
    const sheet = sheets.find((s) => s.name === choice.name);
    if (!sheet) {
      problems.push({ severity: 'error', code: 'MSEL_SHEET_NOT_FOUND', message: `The file has no sheet "${choice.name}".`, sheet: choice.name });
      return [];
    }
    const header = sheet.rows.find((r) => r.row === choice.headerRow);
    if (!header) {
      problems.push({ severity: 'error', code: 'MSEL_HEADER_NOT_FOUND', message: `Row ${choice.headerRow} of "${sheet.name}" is empty: it cannot be the header.`, sheet: sheet.name, row: choice.headerRow });
      return [];
    }
    const headers = header.cells.map((cell) => plainHeader(cell?.text ?? ''));
    const columns: [MselField, number][] = [];
    for (const [field, name] of Object.entries(mapping.columns) as [MselField, string][]) {
      const index = headers.findIndex((h) => h !== '' && h === plainHeader(name));
      if (index >= 0) columns.push([field, index]);
      else problems.push({ severity: 'error', code: 'MSEL_COLUMN_NOT_FOUND', message: `"${sheet.name}" has no column "${name}" (for ${FIELD_WORDS[field]}).`, sheet: sheet.name, row: header.row, field });
    }
    return sheet.rows
      .filter((r) => r.row > header.row)
      .map((r) => ({
        sheet: sheet.name,
        sheetIndex,
        row: r.row,
        cells: Object.fromEntries(columns.flatMap(([field, index]) => (r.cells[index] ? [[field, r.cells[index]]] : []))),
      }));
  });
}

type RowProblem = (severity: MselProblem['severity'], code: ErrorCode, field: MselField | undefined, message: string) => void;

/** A row's words, with a warning for everything assumed or shortened and an error for what cannot be imported. */
function rowContent(source: FieldCells, subjectMapped: boolean, knownTeams: readonly string[], problem: RowProblem, numbers: Map<number, string>, ids: Set<string>): RowContent {
  const text = (field: MselField) => source.cells[field]?.text.trim() ?? '';
  for (const [field, cell] of Object.entries(source.cells) as [MselField, Cell][]) {
    if (cell.formula) problem('warning', 'MSEL_FORMULA_VALUE', field, `${FIELD_WORDS[field]} is a formula: the value the spreadsheet saved with it is imported, the formula is not.`);
  }
  const short = (field: MselField, value: string, max: number) => {
    if (value.length > max) problem('warning', 'MSEL_TEXT_SHORTENED', field, `${FIELD_WORDS[field]} has ${value.length} characters; the first ${max} are kept.`);
    return shorten(value, max);
  };

  let body = text('body');
  if (body.length > BODY_MAX) {
    problem('error', 'MSEL_CELL_TOO_LONG', 'body', `The description has ${body.length} characters; an inject holds at most ${BODY_MAX}.`);
    body = '';
  }
  let subject = text('subject');
  if (subject === '') {
    subject = subjectFrom(body);
    // Without a subject column every subject comes from the description, as the mapping says.
    if (subjectMapped) problem('warning', 'MSEL_SUBJECT_MISSING', 'subject', `No subject: "${subject}" is taken from the description.`);
  }
  subject = short('subject', subject, SUBJECT_MAX);

  let from = text('from');
  if (from === '') {
    problem('warning', 'MSEL_SENDER_MISSING', 'from', `No sender: "${DEFAULT_SENDER}" sends it.`);
    from = DEFAULT_SENDER;
  }
  from = short('from', from, SUBJECT_MAX);

  let to = addresseesOf(text('to'), knownTeams).map((name) => short('to', name, SUBJECT_MAX));
  if (to.length === 0) {
    problem('warning', 'MSEL_ADDRESSEE_MISSING', 'to', 'No addressee: it goes to every team.');
    to = ['all'];
  }

  const method = text('channel');
  let channel = channelOf(method);
  if (!channel) {
    problem('warning', 'MSEL_CHANNEL_GUESSED', 'channel', method === '' ? 'No delivery method: sent by e-mail.' : `"${shorten(method, 60)}" is no delivery method StartEx knows: sent by e-mail.`);
    channel = 'email';
  }

  let expectedActions = actionsOf(text('expectedActions')).map((action) => short('expectedActions', action, SUBJECT_MAX));
  if (expectedActions.length > ACTIONS_MAX) {
    problem('warning', 'MSEL_TEXT_SHORTENED', 'expectedActions', `${expectedActions.length} expected actions; the first ${ACTIONS_MAX} are kept.`);
    expectedActions = expectedActions.slice(0, ACTIONS_MAX);
  }

  const reference = text('number');
  let number: number | undefined;
  if (reference !== '') {
    const whole = /^\d{1,9}$/.test(reference) ? Number(reference) : undefined;
    if (whole === undefined || whole < 1) {
      problem('warning', 'MSEL_NUMBER_NOT_WHOLE', 'number', `"${shorten(reference, 40)}" is not a whole number: the row is numbered by its place and keeps "${shorten(reference, 40)}" in its id.`);
    } else if (numbers.has(whole)) {
      problem('warning', 'MSEL_NUMBER_REPEATED', 'number', `Number ${whole} is already ${numbers.get(whole)}'s: this row is numbered by its place.`);
    } else {
      number = whole;
      numbers.set(whole, `row ${source.row}`);
    }
  }
  const track = text('track') === '' ? undefined : short('track', text('track'), SUBJECT_MAX);
  return {
    id: uniqueId(reference !== '' ? `inject-${slug(reference)}` : `row-${source.sheetIndex > 0 ? `${source.sheetIndex + 1}-` : ''}${source.row}`, ids),
    ...(number !== undefined ? { number } : {}),
    minutes: 0,
    at: 'T+0',
    from,
    to,
    channel,
    subject: subject === '' ? '(no subject)' : subject,
    body,
    expectedActions,
    ...(track ? { track } : {}),
    kind: kindOf(text('type')),
  };
}

/** The team names of the Lookups sheet an MSEL exported by StartEx carries: each is one team, commas and all. */
function lookupTeams(sheets: readonly SheetTable[]): string[] {
  const lookups = sheets.find((s) => s.name.toLowerCase() === 'lookups');
  const header = lookups?.rows[0];
  const column = header?.cells.findIndex((c) => c?.text.trim().toLowerCase() === 'teams') ?? -1;
  if (!lookups || !header || column < 0) return [];
  return lookups.rows.slice(1).flatMap((r) => r.cells[column]?.text.trim() || []);
}

/** The year dates without one ("4-Mar") are in: the year of the first full date, else one with no 29 February. */
function yearOf(sources: readonly FieldCells[]): number {
  for (const { cells } of sources) {
    for (const cell of [cells.day, cells.time]) if (cell?.date && cell.date.getUTCFullYear() > 1900) return cell.date.getUTCFullYear();
    const serial = cells.day?.number;
    if (serial !== undefined && serial > 20_000 && serial < 80_000) return new Date((serial - 25_569) * 86_400_000).getUTCFullYear();
  }
  return 2001;
}

function uniqueId(wanted: string, ids: Set<string>): string {
  const base = wanted.replace(/-+$/, '') || 'inject';
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  ids.add(id);
  return id;
}
