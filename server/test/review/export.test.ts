import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '@startex/shared';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { LIBRARY } from '@startex/scenarios';
import { docxParts, docxText, pdfPages, scenarioKeys } from '../documents/documentText.ts';
import { CORDON_ROW, playedExercise, storeOf } from './reportFixture.ts';

let h: Harness;
let id: string;
let evaluator: StaffCredential;
const work = mkdtempSync(join(tmpdir(), 'startex-export-'));

/** A download through the real HTTP server: status, headers and bytes. */
async function download(path: string, who: StaffCredential = evaluator) {
  const response = await fetch(`${h.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Markdown as an evaluator writes it: emphasis, a soft line break, a table and a list. */
const SUMMARY = [
  'Customs held the truck **at once**; no cordon was set.',
  'The regulator was told in time.',
  '',
  '| Team | Held after |',
  '|---|---|',
  '| Customs post | 1 min |',
  '| Police | not involved |',
  '',
  '- Hold and re-scan: *done*',
  '- Cordon: missing',
].join('\n');
const B = LIBRARY['detection-portal-alarm']!;
const KEYS = scenarioKeys(B);

beforeAll(async () => {
  h = await startServer();
  ({ id, evaluator } = await playedExercise(h, 'exports'));
  // The plan maps customs to a real agency before the draft is first assembled.
  await storeOf(h).planning.saveAgency({ id: 'agency-lt-customs', name: 'Lietuvos muitinė', type: 'customs', functions: ['detection'], contacts: [], createdAt: 0, updatedAt: 0 });
  await storeOf(h).planning.setTeamAgencies(id, { customs: 'agency-lt-customs' });
  const draft = ((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).draft;
  await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, {
    ...draft,
    executiveSummary: SUMMARY,
    capabilities: draft.capabilities.map((c) => (c.id === 'protect_officers' ? { ...c, areasForImprovement: c.areasForImprovement.map((a) => ({ ...a, rootCause: 'Cordon missing from the **lane procedure**' })) } : c)),
  });
  await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, CORDON_ROW);
  await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, { ...CORDON_ROW, responsibleAgency: 'Radiation Safety Inspectorate', correctiveAction: 'Write a reachback checklist', capabilityElement: 'planning', dueDate: '2026-12-15' });
  expect((await h.request('POST', `/api/exercises/${id}/report/finalise`, evaluator)).statusCode).toBe(201);
});
afterAll(async () => h.close());

/** pdftotext -layout lines of a page without its running header and page number. */
const bodyLines = (page: string) => page.split('\n').filter((line) => line.trim() && !/^\s*(After-action report: |Page \d+ of \d+)/.test(line));

describe('AAR/IP exports', () => {
  it('PDF: title, findings and plan; markdown laid out (table in columns, bullets, joined lines); page numbers and header on every page; contents; metrics against targets; local times; no scenario keys', async () => {
    const pdf = await download(`/api/exercises/${id}/exports/report.pdf?version=1`);
    expect([pdf.status, pdf.type, pdf.disposition]).toEqual([200, 'application/pdf', 'attachment; filename="border-alarm-drill-exports-aar-ip-v1.pdf"']);
    writeFileSync(join(work, 'report.pdf'), pdf.bytes);
    const pages = pdfPages(pdf.bytes);
    const text = pages.join('\n');
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'After-Action Report / Improvement Plan',
      'Border alarm drill exports',
      'Customs held the truck at once; no cordon was set. The regulator was told in time.',
      'Verify the alarm',
      'Rating: S: performed with some challenges',
      'Rating: M: performed with major challenges',
      'Held the truck and re-scanned within a minute',
      'No cordon was set around the truck',
      'Root cause: Cordon missing from the lane procedure',
      'Customs post Vilkupiai: officers on lane 3: Lietuvos muitinė',
      'Response times per team',
      'Improvement plan',
    ]) expect(flat).toContain(expected);
    // Markdown is laid out, never printed as marks.
    for (const mark of ['**', '|---', '| Team', '- Hold', '*done*']) expect(text, mark).not.toContain(mark);
    expect(text).toMatch(/\n\s*Customs post\s{2,}1 min\s*\n/);
    expect(text).toMatch(/\n\s*Police\s{2,}not involved\s*\n/);
    expect(text).toMatch(/•\s+Hold and re-scan: done/);
    // Every page: the running header and "Page n of N"; none nearly empty.
    const images = execFileSync('pdfimages', ['-list', join(work, 'report.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    const pagesWithImages = new Set(images.map((line) => Number(line.trim().split(/\s+/)[0])));
    expect(images.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page, `page ${index + 1}`).toContain('After-action report: Border alarm drill exports · Version 1');
      if (!pagesWithImages.has(index + 1)) expect(bodyLines(page).length, `page ${index + 1} is nearly empty`).toBeGreaterThanOrEqual(6);
    });
    // The contents list the chapters with their page numbers.
    expect(pages[0]).toContain('Contents');
    const metricsPage = pages.findIndex((page, i) => i > 0 && page.includes('4. Metrics against targets')) + 1;
    expect(pages[0]).toMatch(new RegExp(`4\\. Metrics against targets\\s+${metricsPage}\\n`));
    // Metrics against targets, in words.
    expect(text).toMatch(/\n\s*Time from the alarm to holding\s+Customs post Vilkupiai:\s+[\d.]+ minutes\s+≤ 3 minutes\s+Met\n/);
    expect(text).toMatch(/\n\s*Time from the alarm to the\s+Customs post Vilkupiai:\s+—\s+≤ 35 minutes\s+(No data|Not met)\n/);
    // Times in the exercise's zone, the zone named.
    expect(flat).toMatch(/Dates: \d{4}-\d{2}-\d{2} \d{2}:\d{2} – \d{2}:\d{2} \(Europe\/Vilnius\)/);
    expect(flat).toMatch(/Version 1, finalised \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe\/Vilnius\) by exports-evaluator/);
    expect(flat).not.toContain('UTC');
    for (const key of KEYS) expect(flat, key).not.toContain(key);
    // The plan's values on its landscape pages (cells wrap, so word by word).
    const plan = flat.slice(flat.lastIndexOf('Improvement plan'));
    for (const word of ['Customs', 'Vilkupiai', 'Radiation', 'Inspectorate', 'reachback', 'checklist', 'Training', 'Planning', '2027-03-31', '2026-12-15', 'Open']) expect(plan).toContain(word);
  });

  it('DOCX: bold as run properties, markdown tables as Word tables, lists as Word lists, page numbers and header, contents, metrics against targets, local times, chart images, no scenario keys', async () => {
    const docx = await download(`/api/exercises/${id}/exports/report.docx`);
    expect([docx.status, docx.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    const folder = join(work, 'docx');
    writeFileSync(join(work, 'report.docx'), docx.bytes);
    execFileSync('unzip', ['-q', '-o', join(work, 'report.docx'), '-d', folder]);
    const { document: xml, headers, footers } = docxParts(docx.bytes);
    const text = docxText(xml);
    for (const expected of ['After-Action Report / Improvement Plan', 'Border alarm drill exports', 'Draft', 'Verify the alarm', 'S: performed with some challenges', 'No cordon was set around the truck', CORDON_ROW.correctiveAction, 'Write a reachback checklist', 'Radiation Safety Inspectorate', 'Customs post Vilkupiai: officers on lane 3: Lietuvos muitinė']) {
      expect(text).toContain(expected);
    }
    // "**at once**" is a bold run, "*done*" an italic one.
    expect(xml).toMatch(/<w:r><w:rPr><w:b\/>(<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">at once<\/w:t><\/w:r>/);
    expect(xml).toMatch(/<w:rPr><w:i\/>(<w:iCs\/>)?<\/w:rPr><w:t xml:space="preserve">done<\/w:t>/);
    expect(text).toContain('Customs post | 1 min | ');
    expect(text).toContain('Police | not involved | ');
    for (const mark of ['**', '|---', '- Hold']) expect(text, mark).not.toContain(mark);
    const listItem = /<w:p>(?:(?!<\/w:p>).)*<w:numPr>(?:(?!<\/w:p>).)*Hold and re-scan: (?:(?!<\/w:p>).)*<\/w:p>/;
    expect(xml).toMatch(listItem);
    expect(docxText(headers)).toContain('After-action report: Border alarm drill exports');
    expect(footers).toContain('PAGE');
    expect(footers).toContain('NUMPAGES');
    expect(xml).toContain('TOC \\h \\o &quot;1-2&quot;');
    expect(text).toMatch(/Time from the alarm to holding the vehicle \| Customs post Vilkupiai: officers on lane 3 \| [\d.]+ minutes \| ≤ 3 minutes \| Met \|/);
    expect(text).toMatch(/\(Europe\/Vilnius\)/);
    for (const key of KEYS) expect(text, key).not.toContain(key);
    const media = readdirSync(join(folder, 'word/media'));
    expect(media).toHaveLength(3);
    for (const file of media) expect(readFileSync(join(folder, 'word/media', file)).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(folder, '[Content_Types].xml'), 'utf8')).toContain('wordprocessingml.document.main+xml');
  });

  it('XLSX: exceljs reads back the improvement plan rows and the metrics', async () => {
    const xlsx = await download(`/api/exercises/${id}/exports/improvement-plan.xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Improvement plan', 'Metrics', 'Response times', 'Injects']);
    const rows = (name: string) => {
      const values: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };
    const plan = rows('Improvement plan');
    expect(plan[0]).toEqual(['Capability', 'Issue / area for improvement', 'Recommendation', 'Corrective action', 'Element', 'Responsible agency', 'Point of contact', 'Start', 'Due', 'Status', 'Overdue', 'Last status change (Europe/Vilnius)']);
    expect(plan.slice(1).map((r) => r.slice(0, 11))).toEqual([
      [CORDON_ROW.capability, CORDON_ROW.issue, CORDON_ROW.recommendation, CORDON_ROW.correctiveAction, 'Training', 'Customs post Vilkupiai', CORDON_ROW.pointOfContact, '2026-12-01', '2027-03-31', 'Open', 'no'],
      [CORDON_ROW.capability, CORDON_ROW.issue, CORDON_ROW.recommendation, 'Write a reachback checklist', 'Planning', 'Radiation Safety Inspectorate', CORDON_ROW.pointOfContact, '2026-12-01', '2026-12-15', 'Open', 'no'],
    ]);
    const metrics = rows('Metrics');
    expect(metrics[0]).toEqual(['Metric', 'Title', 'Team', 'Value', 'Target', 'Unit', 'Status', 'From log seq', 'To log seq']);
    // The hold came at exercise time ~0 after the alarm (speed 1, both at StartEx): met against 3 minutes.
    const hold = metrics.find((r) => r[0] === 'time_to_hold' && r[2] === 'Customs post Vilkupiai: officers on lane 3')!;
    expect(hold.slice(4, 7)).toEqual([3, 'minutes', 'Met']);
    expect(typeof hold[3]).toBe('number');
    expect(metrics.some((r) => r[0] === 'time_to_cordon' && r[6] === 'No data')).toBe(true);
    const teams = rows('Response times');
    expect(teams.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['Customs post Vilkupiai: officers on lane 3', 1, 0, 1],
      ['Police: border district duty unit', 0, 0, 0],
      ['Radiation Safety Inspectorate: duty inspector', 0, 0, 0],
    ]);
  });

  it('CSV: the improvement plan and the metrics, quoted where needed', async () => {
    const plan = await download(`/api/exercises/${id}/exports/improvement-plan.csv`);
    expect([plan.status, plan.type]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = plan.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Capability,Issue / area for improvement,Recommendation,Corrective action,Element,Responsible agency,Point of contact,Start,Due,Status,Overdue,Last status change (Europe/Vilnius)');
    expect(lines[2]).toContain(',Write a reachback checklist,Planning,Radiation Safety Inspectorate,');
    const metrics = (await download(`/api/exercises/${id}/exports/metrics.csv`)).bytes.toString('utf8').trim().split(/\r?\n/);
    expect(metrics[0]).toBe('Metric,Title,Team,Value,Target,Unit,Status,From log seq,To log seq');
    expect(metrics.find((l) => l.startsWith('time_to_hold,') && l.includes('Customs post'))).toMatch(/,3,minutes,Met,\d+,\d+$/);
  });

  it('refuses a version that does not exist, and the archive to evaluators (it holds control notes)', async () => {
    expect((await download(`/api/exercises/${id}/exports/report.pdf?version=9`)).status).toBe(404);
    expect(JSON.parse((await download(`/api/exercises/${id}/exports/archive.json`)).bytes.toString()).code).toBe('FORBIDDEN');
  });
});

describe('AAR/IP exports in the reader\'s language', () => {
  /** The English documents' own headings, labels and words: none may stay in a Lithuanian one (the report's text and the scenario's names stay as written). */
  const ENGLISH = [
    'After-Action Report',
    'After-action report',
    'Contents',
    'Exercise overview',
    'Exercise name',
    'Executive summary',
    'Analysis of capabilities',
    'Metrics against targets',
    'Improvement plan',
    'Participating agencies',
    'Strengths',
    'Areas for improvement',
    'Root cause',
    'Rating:',
    'performed with',
    'not rated',
    'None recorded',
    'Whole exercise',
    'Response times per team',
    'Rating distribution',
    'Scenario phases',
    'Point of contact',
    'Responsible agency',
    'Recommendation',
    'Page ',
    'Version 1',
    'finalised',
    'Draft',
  ];
  const noEnglish = (text: string) => {
    for (const word of ENGLISH) expect(text, word).not.toContain(word);
  };

  it('PDF in Lithuanian: headings, labels, ratings, statuses, units, page numbers and the version\'s time in the exercise\'s zone, named', async () => {
    const pdf = await download(`/api/exercises/${id}/exports/report.pdf?version=1&lang=lt`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    writeFileSync(join(work, 'report-lt.pdf'), pdf.bytes);
    const pages = pdfPages(pdf.bytes);
    const text = pages.join('\n');
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Ataskaita po pratybų ir tobulinimo planas',
      'Turinys',
      '1. Pratybų apžvalga',
      '2. Santrauka',
      '3. Gebėjimų analizė',
      '4. Rodikliai ir jų tikslai',
      '5. Diagramos',
      '6. Tobulinimo planas',
      'Pratybų pavadinimas: Border alarm drill exports',
      'Dalyvaujančios institucijos ir komandos',
      'Įvertinimas: S: atlikta su tam tikrais sunkumais',
      'Įvertinimas: M: atlikta su dideliais sunkumais',
      'Stiprybės',
      'Tobulintinos sritys',
      'Pagrindinė priežastis: Cordon missing from the lane procedure',
      'Komandų reagavimo laikas',
      'Scenarijaus etapai pratybų laike',
      'Įvertinimų pasiskirstymas',
      // The report's text and the scenario's names stay as written.
      'Customs held the truck at once; no cordon was set.',
      'No cordon was set around the truck',
    ]) expect(flat, expected).toContain(expected);
    expect(flat).toMatch(/1 versija, užbaigta \d{4}-\d\d-\d\d \d\d:\d\d \(laiko juosta Europe\/Vilnius\), užbaigė exports-\s?evaluator/);
    expect(text).toMatch(/\n\s*Time from the alarm to holding\s+Customs post Vilkupiai:\s+[\d,]+ min\s+≤ 3 min\s+Pasiektas\n/);
    const metricsPage = pages.findIndex((page, i) => i > 0 && page.includes('4. Rodikliai ir jų tikslai')) + 1;
    expect(pages[0]).toMatch(new RegExp(`4\\. Rodikliai ir jų tikslai\\s+${metricsPage}\\n`));
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain(`Puslapis ${index + 1} iš ${pages.length}`);
      expect(page, `page ${index + 1}`).toContain('Ataskaita po pratybų: Border alarm drill exports · 1 versija');
    });
    const plan = flat.slice(flat.lastIndexOf('Tobulinimo planas'));
    for (const word of ['Gebėjimas', 'Rekomendacija', 'Korekcinis', 'Atsakinga', 'Kontaktinis', 'Terminas', 'Būsena', 'Mokymas', 'Planavimas', 'Atviras']) expect(plan, word).toContain(word);
    noEnglish(flat);
    for (const key of KEYS) expect(flat, key).not.toContain(key);
  });

  it('DOCX in Lithuanian: headings, contents, header and "Puslapis n iš N" in the footer', async () => {
    const docx = await download(`/api/exercises/${id}/exports/report.docx?lang=lt`);
    expect(docx.status).toBe(200);
    const { document: xml, headers, footers } = docxParts(docx.bytes);
    const text = docxText(xml);
    for (const expected of ['Ataskaita po pratybų ir tobulinimo planas', 'Juodraštis', '1. Pratybų apžvalga', '3. Gebėjimų analizė', 'Stiprybės', 'Tobulintinos sritys', 'Įvertinimas: ', 'S: atlikta su tam tikrais sunkumais', 'Korekcinis veiksmas', 'Mokymas']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/Time from the alarm to holding the vehicle \| Customs post Vilkupiai: officers on lane 3 \| [\d,]+ min \| ≤ 3 min \| Pasiektas \|/);
    expect(xml).toContain('Turinys');
    expect(docxText(headers)).toContain('Ataskaita po pratybų: Border alarm drill exports · Juodraštis');
    expect(docxText(footers)).toMatch(/Puslapis .*PAGE.* iš .*NUMPAGES/s);
    noEnglish(text);
    noEnglish(docxText(headers));
    noEnglish(docxText(footers));
  });

  it('XLSX and CSV in Lithuanian: sheet names, headers, statuses, units and the zone named', async () => {
    const xlsx = await download(`/api/exercises/${id}/exports/improvement-plan.xlsx?lang=lt`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tobulinimo planas', 'Rodikliai', 'Reagavimo laikas', 'Įvadai']);
    const rows = (name: string) => {
      const values: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };
    const planHeader = ['Gebėjimas', 'Problema / tobulintina sritis', 'Rekomendacija', 'Korekcinis veiksmas', 'Gebėjimo elementas', 'Atsakinga institucija', 'Kontaktinis asmuo', 'Pradžia', 'Terminas', 'Būsena', 'Vėluoja', 'Paskutinis būsenos pakeitimas (laiko juosta Europe/Vilnius)'];
    const plan = rows('Tobulinimo planas');
    expect(plan[0]).toEqual(planHeader);
    expect(plan.slice(1).map((r) => [r[4], r[9], r[10]])).toEqual([
      ['Mokymas', 'Atviras', 'ne'],
      ['Planavimas', 'Atviras', 'ne'],
    ]);
    // A row's first status change is StartEx's own words: in the workbook's language, at a local time.
    expect(plan[1]![11]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d exports-evaluator: Įtraukta į tobulinimo planą\.$/);
    const metrics = rows('Rodikliai');
    expect(metrics[0]).toEqual(['Rodiklio ID', 'Pavadinimas', 'Komanda', 'Reikšmė', 'Tikslas', 'Matavimo vienetas', 'Būsena', 'Nuo žurnalo įrašo Nr.', 'Iki žurnalo įrašo Nr.']);
    const hold = metrics.find((r) => r[0] === 'time_to_hold' && r[2] === 'Customs post Vilkupiai: officers on lane 3')!;
    expect(hold.slice(4, 7)).toEqual([3, 'min', 'Pasiektas']);
    expect(metrics.some((r) => r[0] === 'time_to_cordon' && r[6] === 'Nėra duomenų')).toBe(true);
    expect(rows('Reagavimo laikas')[0]![0]).toBe('Komanda');
    const injects = rows('Įvadai');
    expect(injects[0]).toEqual(['Nr.', 'Įvado ID', 'Tema', 'Rūšis', 'Išsiųsta (min)', 'Laikas', 'Nuokrypis (min)']);
    expect(new Set(injects.slice(1).map((r) => r[3]))).toContain('Įprastas');

    const csv = (await download(`/api/exercises/${id}/exports/improvement-plan.csv?lang=lt`)).bytes.toString('utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe(planHeader.join(','));
    expect(csv[2]).toContain(',Write a reachback checklist,Planavimas,Radiation Safety Inspectorate,');
    const metricsCsv = (await download(`/api/exercises/${id}/exports/metrics.csv?lang=lt`)).bytes.toString('utf8').trim().split(/\r?\n/);
    expect(metricsCsv[0]).toBe('Rodiklio ID,Pavadinimas,Komanda,Reikšmė,Tikslas,Matavimo vienetas,Būsena,Nuo žurnalo įrašo Nr.,Iki žurnalo įrašo Nr.');
    expect(metricsCsv.find((l) => l.startsWith('time_to_hold,') && l.includes('Customs post'))).toMatch(/,3,min,Pasiektas,\d+,\d+$/);
  });

  it('refuses a language it does not print in, naming the field', async () => {
    for (const path of ['report.pdf', 'report.docx', 'improvement-plan.xlsx', 'improvement-plan.csv', 'metrics.csv']) {
      const refused = await download(`/api/exercises/${id}/exports/${path}?lang=fr`);
      expect(refused.status, path).toBe(400);
      expect(JSON.parse(refused.bytes.toString()), path).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('query.lang') });
    }
  });

  it('without lang, prints in the exercise\'s language; its draft is assembled in that language too', async () => {
    const played = await playedExercise(h, 'exports-lt', 'lt');
    const pdf = await download(`/api/exercises/${played.id}/exports/report.pdf`, played.evaluator);
    expect(pdf.status).toBe(200);
    const flat = pdfPages(pdf.bytes).join('\n').replace(/\s+/g, ' ');
    for (const expected of ['Ataskaita po pratybų ir tobulinimo planas', '1. Pratybų apžvalga', 'Tipas: Funkcinės pratybos', 'Saugumo funkcijos: aptikimas', 'Dalyvavo komandų: 3.', 'Police: border district duty unit: Policija', 'Puslapis 1 iš']) {
      expect(flat, expected).toContain(expected);
    }
    expect(flat).toMatch(/Datos: \d{4}-\d\d-\d\d \d\d:\d\d – \d\d:\d\d \(laiko juosta Europe\/Vilnius\)/);
    noEnglish(flat);
    // The viewer's language wins over the exercise's.
    const english = pdfPages((await download(`/api/exercises/${played.id}/exports/report.pdf?lang=en`, played.evaluator)).bytes).join('\n');
    expect(english).toContain('After-Action Report / Improvement Plan');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(`/api/exercises/${played.id}/exports/improvement-plan.xlsx`, played.evaluator)).bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)[0]).toBe('Tobulinimo planas');
  });
});
