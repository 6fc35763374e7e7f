import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '@startex/shared';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { CORDON_ROW, playedExercise } from './reportFixture.ts';

let h: Harness;
let id: string;
let evaluator: StaffCredential;
const work = mkdtempSync(join(tmpdir(), 'startex-export-'));

/** A download through the real HTTP server: status, headers and bytes. */
async function download(path: string, who: StaffCredential = evaluator) {
  const response = await fetch(`${h.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  h = await startServer();
  ({ id, evaluator } = await playedExercise(h, 'exports'));
  const draft = ((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).draft;
  await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, {
    ...draft,
    executiveSummary: 'Customs held the truck at once; no cordon was set.',
    capabilities: draft.capabilities.map((c) => (c.id === 'protect_officers' ? { ...c, areasForImprovement: c.areasForImprovement.map((a) => ({ ...a, rootCause: 'Cordon missing from the lane procedure' })) } : c)),
  });
  await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, CORDON_ROW);
  await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, { ...CORDON_ROW, responsibleAgency: 'Radiation Safety Inspectorate', correctiveAction: 'Write a reachback checklist', capabilityElement: 'planning', dueDate: '2026-12-15' });
  expect((await h.request('POST', `/api/exercises/${id}/report/finalise`, evaluator)).statusCode).toBe(201);
});
afterAll(async () => h.close());

describe('AAR/IP exports', () => {
  it('PDF: pdftotext reads back the title, capabilities, ratings, findings and the improvement plan rows', async () => {
    const pdf = await download(`/api/exercises/${id}/exports/report.pdf?version=1`);
    expect([pdf.status, pdf.type, pdf.disposition]).toEqual([200, 'application/pdf', 'attachment; filename="border-alarm-drill-exports-aar-ip-v1.pdf"']);
    writeFileSync(join(work, 'report.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', join(work, 'report.pdf'), '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'After-Action Report / Improvement Plan',
      'Border alarm drill exports',
      'Version 1, finalised',
      'Customs held the truck at once; no cordon was set.',
      'Verify the alarm',
      'Rating: S: performed with some challenges',
      'Rating: M: performed with major challenges',
      'Held the truck and re-scanned within a minute',
      'No cordon was set around the truck',
      'Root cause: Cordon missing from the lane procedure',
      'Response times per team',
      'Improvement plan',
    ]) expect(flat).toContain(expected);
    // Table cells wrap, so the plan's values are checked word by word in the landscape page.
    const plan = flat.slice(flat.lastIndexOf('Improvement plan'));
    for (const word of ['Customs', 'Vilkupiai', 'Radiation', 'Inspectorate', 'reachback', 'checklist', 'training', 'planning', '2027-03-31', '2026-12-15', 'open']) expect(plan).toContain(word);
    const pages = execFileSync('pdfinfo', [join(work, 'report.pdf')], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(pages)![1])).toBeGreaterThanOrEqual(3);
    const images = execFileSync('pdfimages', ['-list', join(work, 'report.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(3);
  });

  it('DOCX: a valid Word package whose document.xml has the report text and whose media holds the chart images', async () => {
    const docx = await download(`/api/exercises/${id}/exports/report.docx`);
    expect([docx.status, docx.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    const folder = join(work, 'docx');
    writeFileSync(join(work, 'report.docx'), docx.bytes);
    execFileSync('unzip', ['-q', '-o', join(work, 'report.docx'), '-d', folder]);
    const xml = readFileSync(join(folder, 'word/document.xml'), 'utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of ['After-Action Report / Improvement Plan', 'Border alarm drill exports', 'Draft', 'Verify the alarm', 'S: performed with some challenges', 'No cordon was set around the truck', CORDON_ROW.correctiveAction, 'Write a reachback checklist', 'Radiation Safety Inspectorate']) {
      expect(text).toContain(expected);
    }
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
    expect(plan[0]).toEqual(['Capability', 'Issue / area for improvement', 'Recommendation', 'Corrective action', 'Element', 'Responsible agency', 'Point of contact', 'Start', 'Due', 'Status', 'Overdue', 'Last status change']);
    expect(plan.slice(1).map((r) => r.slice(0, 11))).toEqual([
      [CORDON_ROW.capability, CORDON_ROW.issue, CORDON_ROW.recommendation, CORDON_ROW.correctiveAction, 'training', 'Customs post Vilkupiai', CORDON_ROW.pointOfContact, '2026-12-01', '2027-03-31', 'open', 'no'],
      [CORDON_ROW.capability, CORDON_ROW.issue, CORDON_ROW.recommendation, 'Write a reachback checklist', 'planning', 'Radiation Safety Inspectorate', CORDON_ROW.pointOfContact, '2026-12-01', '2026-12-15', 'open', 'no'],
    ]);
    const metrics = rows('Metrics');
    expect(metrics[0]).toEqual(['Metric', 'Title', 'Team', 'Value', 'Target', 'Unit', 'Status', 'From log seq', 'To log seq']);
    // The hold came at exercise time ~0 after the alarm (speed 1, both at StartEx): met against 3 minutes.
    const hold = metrics.find((r) => r[0] === 'time_to_hold' && r[2] === 'Customs post Vilkupiai: officers on lane 3')!;
    expect(hold.slice(4, 7)).toEqual([3, 'minutes', 'met']);
    expect(typeof hold[3]).toBe('number');
    expect(metrics.some((r) => r[0] === 'time_to_cordon' && r[6] === 'no-data')).toBe(true);
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
    expect(lines[0]).toBe('Capability,Issue / area for improvement,Recommendation,Corrective action,Element,Responsible agency,Point of contact,Start,Due,Status,Overdue,Last status change');
    expect(lines[2]).toContain(',Write a reachback checklist,planning,Radiation Safety Inspectorate,');
    const metrics = (await download(`/api/exercises/${id}/exports/metrics.csv`)).bytes.toString('utf8').trim().split(/\r?\n/);
    expect(metrics[0]).toBe('Metric,Title,Team,Value,Target,Unit,Status,From log seq,To log seq');
    expect(metrics.find((l) => l.startsWith('time_to_hold,') && l.includes('Customs post'))).toMatch(/,3,minutes,met,\d+,\d+$/);
  });

  it('refuses a version that does not exist, and the archive to evaluators (it holds control notes)', async () => {
    expect((await download(`/api/exercises/${id}/exports/report.pdf?version=9`)).status).toBe(404);
    expect(JSON.parse((await download(`/api/exercises/${id}/exports/archive.json`)).bytes.toString()).code).toBe('FORBIDDEN');
  });
});
