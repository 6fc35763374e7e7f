import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTimeline, LIBRARY, parseScenarioValue } from '@startex/scenarios';
import type { DraftView, MselFile, MselInspection, MselMapping, MselPreview, ScenarioDocument } from '@startex/shared';
import { startServer, type Harness } from '../harness.ts';

/**
 * The MSEL import wizard over the REST API of a real server on a real SQLite file: the public
 * sample workbooks (server/test/fixtures/msel, from the Cadence project) each import as a
 * timeline that lints, with the injects, times and senders of the file; a workbook with deliberate
 * errors is refused with every problem by row and field and nothing saved; and an exported MSEL
 * (XLSX and CSV) imports back to the same timeline.
 */

let h: Harness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(async () => h.close());

const SAMPLES = new URL('../fixtures/msel/', import.meta.url);
const workbook = (name: string): MselFile => ({ name, format: 'xlsx', content: readFileSync(new URL(name, SAMPLES)).toString('base64') });

const inspect = async (file: MselFile): Promise<MselInspection> => {
  const response = await h.request('POST', '/api/studio/msel/inspect', h.admin, { file });
  expect(response.statusCode, JSON.stringify(response.json())).toBe(200);
  return response.json();
};
const preview = async (file: MselFile, mapping: MselMapping): Promise<MselPreview> => {
  const response = await h.request('POST', '/api/studio/msel/preview', h.admin, { file, mapping });
  expect(response.statusCode, JSON.stringify(response.json())).toBe(200);
  return response.json();
};
const importAs = (id: string, file: MselFile, mapping: MselMapping, extra: Record<string, unknown> = {}) =>
  h.request('POST', '/api/studio/msel/import', h.admin, { file, mapping, scenario: { id, title: `Imported ${id}` }, ...extra });
const draftOf = async (id: string): Promise<DraftView & { document: ScenarioDocument }> => (await h.request('GET', `/api/studio/scenarios/${id}/draft`, h.admin)).json();
const studioIds = async () => ((await h.request('GET', '/api/studio/scenarios?origin=centre', h.admin)).json() as { id: string }[]).map((s) => s.id).sort();

/** The first injects of a preview as [sheet, row, number, at, from, to, subject]. */
const firstInjects = (p: MselPreview, count: number) =>
  p.rows.filter((r) => r.inject).slice(0, count).map((r) => [r.sheet, r.row, r.inject!.number, r.inject!.at, r.inject!.from, r.inject!.to, r.inject!.subject]);

/** A row of the imported timeline in words, as the preview shows it. */
function landed(document: ScenarioDocument, index: number) {
  const name = new Map<string, string>([...document.teams.map((t) => [t.id, t.name] as const), ...document.simulatedOrganisations.map((o) => [o.id, o.name] as const), ['all', 'all']]);
  const row = document.timeline[index]!;
  return { at: row.at, from: name.get(row.from) ?? row.from, to: row.to.map((t) => name.get(t) ?? t), subject: row.subject };
}

/** What each sample workbook holds, read from the files by eye: its layout, and its first injects. */
const SAMPLE_CASES = [
  {
    file: 'winter-exercise.xlsx',
    // No time column: rows in their order, five minutes apart. Administrative and STARTEX rows are left out.
    time: { kind: 'sequence', minutesApart: 5 },
    counts: { rows: 83, injects: 75, skipped: 8, errors: 0 },
    startex: 'T+0',
    first: [
      ['Sheet1', 5, 4, 'T+0', 'Controller', ['JFHQ-AL JOC'], 'STARTEX Situation Brief'],
      ['Sheet1', 6, 5, 'T+5', 'AEMA EOC (EMITS)', ['JFHQ-AL JOC'], 'ALNG JOC Activation request'],
    ],
    skippedCodes: ['MSEL_ROW_ADMINISTRATIVE', 'MSEL_ROW_MARKER', 'MSEL_ROW_NOT_INJECT'],
  },
  {
    file: 'imt-trailer.xlsx',
    // Cadence's own layout: clock times of one day, phases as storylines; the Metadata sheet is not chosen.
    time: { kind: 'story', days: 'none' },
    counts: { rows: 49, injects: 49, skipped: 0, errors: 0 },
    startex: 'Day 1 09:00',
    first: [
      ['MSEL', 2, 1, 'Day 1 09:00', 'SimCell', ['all'], 'CPKC briefs participants'],
      ['MSEL', 3, 2, 'Day 1 09:10', 'SimCell', ['IMT Staff'], expect.stringMatching(/^Job Briefing held/)],
    ],
    skippedCodes: [],
  },
  {
    file: 'al-hurricane-draft.xlsx',
    // Date-time groups; Omitted rows left out; the print and backup sheets are not chosen.
    time: { kind: 'dtg' },
    counts: { rows: 244, injects: 193, skipped: 51, errors: 0 },
    startex: '2010-05-01 04:00',
    first: [
      ['Excercise - Al ', 3, 2, 'Day 1 04:00', 'Simcell - National Hurricane Center', ['all'], 'INFO'],
      ['Excercise - Al ', 6, 5, 'Day 1 10:00', 'Simcell - National Hurricane Center', ['all'], 'INFO'],
    ],
    skippedCodes: ['MSEL_ROW_OMITTED', 'MSEL_ROW_NOT_INJECT'],
  },
  {
    file: 'pats19.xlsx',
    // One sheet per exercise day (Key Events is a summary, not chosen), "0700" times, the day from the date column.
    time: { kind: 'story', days: 'column' },
    counts: { rows: 302, injects: 301, skipped: 1, errors: 0 },
    startex: 'Day 1 06:00',
    first: [
      ['4MAR-A', 2, 5004, 'Day 1 06:00', 'Joint Incident Site Communications Capability (JISCC Block 3)', ['All Sites', 'Comm POCs'], 'Radio Bridge Conference Call.'],
      ['4MAR-A', 3, 2667, 'Day 1 06:00', 'IC', ['SAR'], expect.stringMatching(/^Local fire department is overwhelmed/)],
    ],
    skippedCodes: ['MSEL_ROW_NOT_INJECT'],
  },
] as const;

describe('the sample MSEL workbooks', () => {
  it.each(SAMPLE_CASES)('$file: inspected, previewed row by row, and imported as a timeline that lints', { timeout: 120_000 }, async (sample) => {
    const file = workbook(sample.file);
    const { proposal } = await inspect(file);
    expect(proposal.time).toEqual(sample.time);
    const shown = await preview(file, proposal);
    expect(shown.counts).toMatchObject(sample.counts);
    expect(shown.startex).toBe(sample.startex);
    expect(firstInjects(shown, 2)).toEqual(sample.first);
    expect([...new Set(shown.rows.filter((r) => r.outcome === 'skipped').flatMap((r) => r.problems.map((p) => p.code)))].sort()).toEqual([...sample.skippedCodes].sort());

    const id = sample.file.replace('.xlsx', '');
    const imported = await importAs(id, file, proposal, { remember: 'none' });
    expect(imported.statusCode, JSON.stringify(imported.json()).slice(0, 2000)).toBe(201);
    const { document } = await draftOf(id);
    expect(document.timeline).toHaveLength(sample.counts.injects);
    // Each row lands where the preview said, with its sender and addressees by name.
    const injects = shown.rows.flatMap((r) => (r.inject ? [r.inject] : []));
    for (const index of [0, 1, injects.length - 1]) {
      const expected = injects[index]!;
      expect(landed(document, index), `row ${index}`).toEqual({ at: expected.at, from: expected.from, to: expected.to, subject: expected.subject });
    }
    expect(document.teams.map((t) => t.name).sort()).toEqual(shown.teams.map((t) => t.name).sort());
  });

  it('pats19: each day sheet lands on its day, and addressees beyond 50 teams share one team, said once', async () => {
    const file = workbook('pats19.xlsx');
    const shown = await preview(file, (await inspect(file)).proposal);
    const daysOf = (sheet: string) => [...new Set(shown.rows.filter((r) => r.sheet === sheet && r.inject).map((r) => r.inject!.at.split(' ').slice(0, 2).join(' ')))];
    // The 5 March sheet's first row is dated 6 March (a date serial among "5-Mar" texts): the date column wins.
    expect([daysOf('4MAR-A'), daysOf('05MAR-A'), daysOf('06MAR-A'), daysOf('07MAR-A')]).toEqual([['Day 1'], ['Day 3', 'Day 2'], ['Day 3'], ['Day 4']]);
    expect(shown.teams).toHaveLength(50);
    expect(shown.teams.at(-1)!.name).toBe('Other addressees');
    expect(shown.problems.filter((p) => p.code === 'MSEL_TOO_MANY_TEAMS')).toEqual([expect.objectContaining({ severity: 'warning', field: 'to', message: expect.stringContaining('7 others') })]);
  });

  it('al-hurricane: an Omitted row is listed with why and left out', async () => {
    const file = workbook('al-hurricane-draft.xlsx');
    const shown = await preview(file, (await inspect(file)).proposal);
    const omitted = shown.rows.filter((r) => r.problems.some((p) => p.code === 'MSEL_ROW_OMITTED'));
    expect(omitted.length).toBeGreaterThan(0);
    expect(omitted.every((r) => r.outcome === 'skipped' && r.inject === undefined)).toBe(true);
  });

  it('remembers a mapping for the next file with the same headers', async () => {
    const file = workbook('winter-exercise.xlsx');
    const first = await inspect(file);
    expect(first.remembered).toBeUndefined();
    const mapping: MselMapping = { ...first.proposal, time: { kind: 'sequence', minutesApart: 10 } };
    expect((await importAs('winter-remembered', file, mapping, { remember: 'user' })).statusCode).toBe(201);
    const again = await inspect(file);
    expect(again.remembered).toMatchObject({ scope: 'user', savedBy: { username: 'admin' } });
    expect(again.proposal).toEqual(mapping);
    expect(landed((await draftOf('winter-remembered')).document, 1).at).toBe('T+10');
  });
});

describe('an MSEL with deliberate errors', () => {
  it('lists every problem by row and field with its code, and saves nothing', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('MSEL');
    sheet.addRow(['Inj No', 'Scheduled Time', 'From/Source', 'To/Target', 'Delivery method', 'Subject', 'Description', 'Expected action']);
    sheet.addRow([1, 'T+5', 'Regulator', 'Customs', 'Phone', 'Portal alarm on lane 3', 'The portal alarms on a lorry.', 'Hold the lorry']);
    sheet.addRow([2, 'half past nine', 'Regulator', 'Customs', 'Phone', 'Driver asks to leave', 'He says he is late.', '']);
    sheet.addRow([3, '', 'Regulator', 'Police', 'Radio', 'Patrol on its way', '', '']);
    sheet.addRow([4, 'T+30000', 'Regulator', 'Police', 'Radio', 'Far too late', '', '']);
    sheet.addRow([5, 'T+20', 'Regulator', 'Police', 'Radio', 'A very long description', 'x'.repeat(20_001), '']);
    // A formula (its saved value is imported, the formula is not) and a script as plain text.
    sheet.addRow([6, 'T+25', 'Regulator', 'Customs', 'E-mail', { formula: 'CONCATENATE("Seal ","mismatch")', result: 'Seal mismatch' }, '<script>alert(1)</script>', '=HYPERLINK("http://x")']);
    const file: MselFile = { name: 'with-errors.xlsx', format: 'xlsx', content: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };

    const { proposal } = await inspect(file);
    expect(proposal.columns).toEqual({ number: 'Inj No', time: 'Scheduled Time', from: 'From/Source', to: 'To/Target', channel: 'Delivery method', subject: 'Subject', body: 'Description', expectedActions: 'Expected action' });
    const shown = await preview(file, proposal);
    const problemsOf = (row: number) => shown.rows.find((r) => r.row === row)!.problems.map((p) => [p.severity, p.code, p.field]);
    expect([2, 3, 4, 5, 6, 7].map(problemsOf)).toEqual([
      [],
      [['error', 'MSEL_TIME_UNREADABLE', 'time']],
      [['error', 'MSEL_TIME_MISSING', 'time']],
      [['error', 'MSEL_TIME_TOO_LATE', 'time']],
      [['error', 'MSEL_CELL_TOO_LONG', 'body']],
      [['warning', 'MSEL_FORMULA_VALUE', 'subject']],
    ]);
    expect(shown.counts).toMatchObject({ rows: 6, errors: 4 });
    // Hostile text stays text: the formula's saved value, the script and the formula-like action as written.
    const hostile = shown.rows.find((r) => r.row === 7)!.inject!;
    expect([hostile.subject, hostile.body, hostile.expectedActions]).toEqual(['Seal mismatch', '<script>alert(1)</script>', ['=HYPERLINK("http://x")']]);

    const before = await studioIds();
    const refused = await importAs('with-errors', file, proposal);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'MSEL_IMPORT_INVALID', message: '4 problem(s): nothing was saved.' });
    expect(refused.json().problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [3, 'MSEL_TIME_UNREADABLE'],
      [4, 'MSEL_TIME_MISSING'],
      [5, 'MSEL_TIME_TOO_LATE'],
      [6, 'MSEL_CELL_TOO_LONG'],
    ]);
    expect(await studioIds()).toEqual(before);
    expect((await h.request('GET', '/api/studio/scenarios/with-errors/draft', h.admin)).json()).toMatchObject({ code: 'SCENARIO_NOT_FOUND' });
    // Nor is the mapping remembered from an import that saved nothing.
    expect((await inspect(file)).remembered).toBeUndefined();

    // Leaving the rows with errors out imports the other two.
    const partial = await importAs('with-errors', file, proposal, { skipRowsWithErrors: true, remember: 'none' });
    expect(partial.statusCode, JSON.stringify(partial.json())).toBe(201);
    expect((await draftOf('with-errors')).document.timeline.map((r) => r.subject)).toEqual(['Portal alarm on lane 3', 'Seal mismatch']);
  });
});

describe('export, then import: the same timeline', () => {
  /** The timeline in words, as a spreadsheet carries it; a row numbered by its place has that number when played. */
  const inWords = (document: ScenarioDocument) => {
    const parsed = parseScenarioValue(document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const played = new Map(expandTimeline(parsed.document).injects.map((i) => [i.id, i.number]));
    return document.timeline.map((row, i) => {
      const track = document.tracks.find((t) => t.id === row.track)?.title;
      return { ...landed(document, i), number: played.get(row.id), channel: row.channel, body: row.body, expectedActions: row.expectedActions, track, kind: row.kind };
    });
  };

  it.each(['xlsx', 'csv'] as const)('%s: the IMT trailer MSEL, imported, exported and imported again', { timeout: 120_000 }, async (format) => {
    const source = workbook('imt-trailer.xlsx');
    const first = `trailer-${format}`;
    expect((await importAs(first, source, (await inspect(source)).proposal, { remember: 'none' })).statusCode).toBe(201);
    const exported = await fetch(`${h.url}/api/studio/scenarios/${first}/msel.${format}?ref=draft`, { headers: { cookie: h.admin.cookie } });
    expect(exported.status).toBe(200);
    const bytes = Buffer.from(await exported.arrayBuffer());
    const file: MselFile = { name: `${first}.${format}`, format, content: format === 'xlsx' ? bytes.toString('base64') : bytes.toString('utf8') };

    const { proposal } = await inspect(file);
    const shown = await preview(file, proposal);
    // The STARTEX and ENDEX lines the export frames the rows with are recognised and left out.
    expect(shown.counts).toMatchObject({ injects: 49, skipped: 2, errors: 0 });
    const again = `${first}-again`;
    expect((await importAs(again, file, proposal, { remember: 'none' })).statusCode).toBe(201);
    const [before, after] = [(await draftOf(first)).document, (await draftOf(again)).document];
    expect(inWords(after)).toEqual(inWords(before));
    // Row ids follow inject numbers: the same wherever the first file had a whole number. Rows numbered
    // "2-1" there are numbered by their place (16, ...) when played, and the export writes that number.
    const ids = (d: ScenarioDocument) => d.timeline.flatMap((r, i) => (before.timeline[i]!.number === undefined ? [] : [r.id]));
    expect(ids(after)).toEqual(ids(before));
    expect(ids(before)).toHaveLength(15);
  });

  it('a library scenario´s MSEL imports back with its rows, times, senders and addressees', { timeout: 120_000 }, async () => {
    const exported = await fetch(`${h.url}/api/studio/scenarios/prevention-insider/msel.xlsx`, { headers: { cookie: h.admin.cookie } });
    const file: MselFile = { name: 'insider.xlsx', format: 'xlsx', content: Buffer.from(await exported.arrayBuffer()).toString('base64') };
    const { proposal } = await inspect(file);
    expect((await importAs('insider-again', file, proposal, { remember: 'none' })).statusCode).toBe(201);
    const words = (d: ScenarioDocument) => inWords(d).map(({ subject, body, from, to, channel }) => ({ subject, body, from, to, channel }));
    expect(words((await draftOf('insider-again')).document)).toEqual(words(LIBRARY['prevention-insider']!));
  });
});
