import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyDashboard, CertificateAlert, NeedView, PersonRecord } from '@startex/shared';
import { docxParts, docxText, pdfPages } from '../documents/documentText.ts';
import { startServer, type Harness } from '../harness.ts';
import { download, pdfText } from '../planning/planningHelpers.ts';
import { account, need, nextYear, ok, thisYear, twoAgencies, type Person } from './programmeHelpers.ts';

/**
 * The plan as the centre submits it (PDF, DOCX), needs and activities as a workbook, the schedule as
 * iCalendar read back with a parser, and training: derived certificates, a person's record, and
 * alerts for certificates that expire before a planned exercise that needs them.
 */
let h: Harness;
let manager: Person;
let customs: string;
let police: string;
let plan: { id: string };
let alarm: NeedView;
let activities: { course: string; tabletop: string; drill: string; cancelled: string };
let work: string;

beforeAll(async () => {
  h = await startServer();
  work = mkdtempSync(join(tmpdir(), 'startex-programme-'));
  manager = await account(h, ['programme-manager', 'planner'], 'documents-manager');
  ({ customs, police } = await twoAgencies(h, manager));
  alarm = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs));
  plan = await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Preparedness 2027-2028', fromYear: nextYear, toYear: nextYear + 1 });
  await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/priorities`, manager, { title: 'Alarm assessment at the borders', rationale: 'Portal alarms at road crossings doubled.', needIds: [alarm.id] });
  const course = await ok(h, 201, 'POST', '/api/programme/courses', manager, {
    title: 'Radiation detection instrument operator',
    capabilityIds: ['instrument-alarm-assessment'],
    certificate: { name: 'Instrument operator certificate', validityMonths: 12 },
  });
  const add = async (body: Record<string, unknown>) => (await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/activities`, manager, { lead: 'NSSC', ...body })).activity.id as string;
  activities = {
    course: await add({ kind: 'course', title: 'Instrument operator course', agencyIds: [customs], needIds: [alarm.id], courseId: course.id, when: { kind: 'dates', start: `${nextYear}-03-02`, end: `${nextYear}-03-06` } }),
    tabletop: await add({ kind: 'tabletop', title: 'Border alarm tabletop', agencyIds: [customs, police], needIds: [alarm.id], requiredCourseIds: [course.id], when: { kind: 'dates', start: `${nextYear + 1}-05-12`, end: `${nextYear + 1}-05-12` } }),
    drill: await add({ kind: 'drill', title: 'Lane drill', agencyIds: [police], capabilityIds: ['protection-responders-public'], when: { kind: 'quarter', year: nextYear + 1, quarter: 3 } }),
    cancelled: await add({ kind: 'seminar', title: 'Cancelled seminar', agencyIds: [police], status: 'cancelled', when: { kind: 'dates', start: `${nextYear}-10-01`, end: `${nextYear}-10-01` } }),
  };
  // Two officers completed the course: one certificate runs out before the tabletop, one is renewed in time.
  const session = await ok(h, 201, 'POST', `/api/programme/courses/${course.id}/sessions`, manager, { start: `${thisYear}-02-01`, end: `${thisYear}-02-03`, activityId: activities.course });
  const rasa = await ok(h, 201, 'POST', '/api/programme/people', manager, { agencyId: customs, name: 'Rasa Petraitienė', email: 'rasa@customs.example.lt', position: 'Lane officer' });
  const jonas = await ok(h, 201, 'POST', '/api/programme/people', manager, { agencyId: customs, name: 'Jonas Jonaitis', position: 'Lane officer' });
  await ok(h, 200, 'PUT', `/api/programme/sessions/${session.id}/attendance`, manager, {
    rows: [
      { personId: rasa.id, attended: true, completed: true, completedOn: `${thisYear}-02-03` },
      { personId: jonas.id, attended: true, completed: false },
    ],
  });
  const renewal = await ok(h, 201, 'POST', `/api/programme/courses/${course.id}/sessions`, manager, { start: `${thisYear}-02-01`, end: `${thisYear}-02-01` });
  await ok(h, 200, 'PUT', `/api/programme/sessions/${renewal.id}/attendance`, manager, { rows: [{ personId: jonas.id, attended: true, completed: true }] });
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await h?.close();
});

describe('the plan as documents', () => {
  it('PDF: priorities with their needs, each year\'s schedule with its Gantt chart, and the checks; header, page numbers, contents and the local time on the one document model', async () => {
    const pdf = await download(h, `/api/programme/plans/${plan.id}/exports/plan.pdf`, manager);
    expect([pdf.statusCode, pdf.contentType]).toEqual([200, 'application/pdf']);
    const text = pdfText(pdf.bytes).replace(/\s+/g, ' ');
    for (const expected of [
      'Integrated Preparedness Plan',
      `Preparedness 2027-2028, ${nextYear}-${nextYear + 1}`,
      '1.1 Alarm assessment at the borders',
      'Portal alarms at road crossings doubled.',
      'Customs Department: Instrument alarm assessment, Lane officers at road crossings (40); required level 4, current 2; high priority',
      `2. Schedule ${nextYear}`,
      `3. Schedule ${nextYear + 1}`,
      'Instrument operator course',
      'Border alarm tabletop',
      'Lane drill',
      `Q3 ${nextYear + 1}`,
      '4. Checks',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/As of \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe\/Vilnius\)/);
    const pages = pdfPages(pdf.bytes);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page, `page ${index + 1}`).toContain(`Integrated Preparedness Plan: Preparedness 2027-2028, ${nextYear}-${nextYear + 1}`);
    });
    // The contents name each chapter's page; the schedule is a table in columns, under each year's chart.
    const checksPage = pages.findIndex((page, i) => i > 0 && page.includes('4. Checks')) + 1;
    expect(pages[0]).toContain('Contents');
    expect(pages[0]).toMatch(new RegExp(`4\\. Checks\\s+${checksPage}\\n`));
    expect(pages.join('\n')).toMatch(/\n\s*When\s{2,}Activity\s{2,}Kind\s{2,}Agencies\s{2,}Capabilities\s{2,}Lead\s{2,}Status\n/);
    expect(pages.join('\n')).toMatch(new RegExp(`\\n\\s*${nextYear + 1}-05-12\\s{2,}Border alarm tabletop\\s{2,}Tabletop exercise\\s{2,}Customs Department, Police\\s{2,}Instrument alarm assessment\\s{2,}NSSC\\s{2,}planned\\n`));
    writeFileSync(join(work, 'plan.pdf'), pdf.bytes);
    const images = execFileSync('pdfimages', ['-list', join(work, 'plan.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
    // Two charts (each with its transparency mask), one for each year with activities.
    expect(images.filter((columns) => columns[2] === 'image')).toHaveLength(2);
  });

  it('DOCX: a Word package with the same sections, the schedule as Word tables, the charts, header, page numbers and contents', async () => {
    const docx = await download(h, `/api/programme/plans/${plan.id}/exports/plan.docx`, manager);
    expect([docx.statusCode, docx.contentType]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    writeFileSync(join(work, 'plan.docx'), docx.bytes);
    execFileSync('unzip', ['-q', '-o', join(work, 'plan.docx'), '-d', join(work, 'docx')]);
    const { document: xml, headers, footers } = docxParts(docx.bytes);
    const text = docxText(xml);
    for (const expected of ['Integrated Preparedness Plan', 'Alarm assessment at the borders', 'Border alarm tabletop', `Schedule ${nextYear + 1}`, 'Lane drill', '4. Checks']) expect(text).toContain(expected);
    expect(text).toContain(`Q3 ${nextYear + 1} | Lane drill | Drill | Police Department | Protection of responders and the public | NSSC | planned | `);
    expect(text).toMatch(/As of \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe\/Vilnius\)/);
    expect(docxText(headers)).toContain(`Integrated Preparedness Plan: Preparedness 2027-2028, ${nextYear}-${nextYear + 1}`);
    expect(footers).toContain('PAGE');
    expect(footers).toContain('NUMPAGES');
    expect(xml).toContain('TOC \\h \\o &quot;1-2&quot;');
    const media = readdirSync(join(work, 'docx/word/media'));
    expect(media).toHaveLength(2);
    for (const file of media) expect(readFileSync(join(work, 'docx/word/media', file)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('XLSX: needs (in the import\'s columns, so the sheet can be imported again) and activities', async () => {
    const xlsx = await download(h, '/api/programme/exports/programme.xlsx', manager);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: string[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return out;
    };
    expect(rows('Needs')).toEqual([
      ['agency', 'function', 'capability', 'competence', 'target group', 'headcount', 'required level', 'current level', 'priority', 'evidence', 'evidence note', 'intervention', 'review date', 'status', 'gap'],
      ['Customs Department', 'detection', 'Instrument alarm assessment', '', 'Lane officers at road crossings', '40', '4', '2', 'high', 'threat-assessment', 'National threat assessment 2026', 'course', '', 'open', '2'],
    ]);
    expect(rows('Activities').map((r) => [r[1], r[4], r[5], r[6], r[10]])).toEqual([
      ['When', 'Activity', 'Kind', 'Agencies', 'Status'],
      [`${nextYear}-03-02 to ${nextYear}-03-06`, 'Instrument operator course', 'Course', 'Customs Department', 'planned'],
      [`${nextYear}-10-01`, 'Cancelled seminar', 'Seminar', 'Police Department', 'cancelled'],
      [`${nextYear + 1}-05-12`, 'Border alarm tabletop', 'Tabletop exercise', 'Customs Department, Police Department', 'planned'],
      [`Q3 ${nextYear + 1}`, 'Lane drill', 'Drill', 'Police Department', 'planned'],
    ]);
    // The needs sheet goes back in as it came out.
    const again = await ok(h, 200, 'POST', '/api/programme/needs/import', manager, { format: 'xlsx', content: xlsx.bytes.toString('base64'), dryRun: true });
    expect(again).toEqual({ ok: true, rows: 1, problems: [] });
  });

  it('iCalendar: every activity as an all-day event, read back with ical.js; an agency\'s feed holds its own', async () => {
    const events = async (query: string, who = manager) => {
      const ics = await download(h, `/api/programme/plans/${plan.id}/exports/calendar.ics${query}`, who);
      expect([ics.statusCode, ics.contentType]).toEqual([200, 'text/calendar; charset=utf-8']);
      const calendar = new ICAL.Component(ICAL.parse(ics.bytes.toString('utf8')));
      return calendar.getAllSubcomponents('vevent').map((vevent) => {
        const event = new ICAL.Event(vevent);
        return [event.summary, event.startDate.toString(), event.endDate.toString(), vevent.getFirstPropertyValue('status')];
      });
    };
    expect(await events('')).toEqual([
      ['Course: Instrument operator course', `${nextYear}-03-02`, `${nextYear}-03-07`, 'TENTATIVE'],
      ['Seminar: Cancelled seminar', `${nextYear}-10-01`, `${nextYear}-10-02`, 'CANCELLED'],
      ['Tabletop exercise: Border alarm tabletop', `${nextYear + 1}-05-12`, `${nextYear + 1}-05-13`, 'TENTATIVE'],
      ['Drill: Lane drill', `${nextYear + 1}-07-01`, `${nextYear + 1}-10-01`, 'TENTATIVE'],
    ]);
    expect((await events(`?agency=${customs}`)).map((e) => e[0])).toEqual(['Course: Instrument operator course', 'Tabletop exercise: Border alarm tabletop']);
  });

  it('iCalendar subscription: a secret URL a calendar program fetches without a session, until it is revoked', async () => {
    const made = await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/calendar-feeds`, manager, { agencyId: police });
    expect(made.url).toMatch(/^\/api\/programme\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const fetched = await fetch(`${h.url}${made.url}`);
    expect([fetched.status, fetched.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    const summaries = new ICAL.Component(ICAL.parse(await fetched.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(summaries).toEqual(['Seminar: Cancelled seminar', 'Tabletop exercise: Border alarm tabletop', 'Drill: Lane drill']);
    // The list never shows the secret again.
    expect(await ok(h, 200, 'GET', `/api/programme/plans/${plan.id}/calendar-feeds`, manager)).toEqual([{ id: made.feed.id, planId: plan.id, agencyId: police, createdAt: expect.any(Number), createdBy: 'documents-manager' }]);
    await ok(h, 200, 'DELETE', `/api/programme/plans/${plan.id}/calendar-feeds/${made.feed.id}`, manager);
    const revoked = await fetch(`${h.url}${made.url}`);
    expect([revoked.status, (await revoked.json()).code]).toEqual([404, 'CALENDAR_FEED_INVALID']);
    const guessed = await fetch(`${h.url}/api/programme/calendar/${'x'.repeat(43)}.ics`);
    expect([guessed.status, (await guessed.json()).code]).toEqual([404, 'CALENDAR_FEED_INVALID']);
  });
});

describe('training', () => {
  it('derives certificates from completions, keeps a person\'s record, and warns of a certificate that expires before a planned exercise needing it', async () => {
    const people = await ok(h, 200, 'GET', `/api/programme/people?agency=${customs}`, manager);
    const rasa = people.find((p: { name: string }) => p.name === 'Rasa Petraitienė');
    const record: PersonRecord = await ok(h, 200, 'GET', `/api/programme/people/${rasa.id}`, manager);
    expect(record.courses.map((c) => [c.title, c.completed, c.completedOn])).toEqual([['Radiation detection instrument operator', true, `${thisYear}-02-03`]]);
    expect(record.certificates.map((c) => [c.name, c.issuedOn, c.expiresOn])).toEqual([['Instrument operator certificate', `${thisYear}-02-03`, `${thisYear + 1}-02-03`]]);
    const alerts: CertificateAlert[] = await ok(h, 200, 'GET', '/api/programme/alerts', manager);
    expect(alerts.map((a) => [a.certificate.personName, a.certificate.expiresOn, a.activity.title])).toEqual([
      ['Jonas Jonaitis', `${thisYear + 1}-02-01`, 'Border alarm tabletop'],
      ['Rasa Petraitienė', `${thisYear + 1}-02-03`, 'Border alarm tabletop'],
    ]);
    expect(record.alerts.map((a) => a.activity.title)).toEqual(['Border alarm tabletop']);

    const dashboard: AgencyDashboard = await ok(h, 200, 'GET', `/api/programme/agencies/${customs}/dashboard`, manager);
    expect(dashboard.training).toEqual([{ capabilityId: 'instrument-alarm-assessment', target: 40, trained: 2 }]);
    expect(dashboard.upcoming.map((a) => a.title)).toEqual(['Instrument operator course', 'Border alarm tabletop']);
    expect(dashboard.alerts).toHaveLength(2);
    for (const chart of ['heatmap', 'training']) {
      const svg = await download(h, `/api/programme/agencies/${customs}/charts/${chart}.svg`, manager);
      expect([svg.statusCode, svg.contentType, svg.bytes.toString('utf8').startsWith('<svg')]).toEqual([200, 'image/svg+xml', true]);
    }
    const gantt = await download(h, `/api/programme/plans/${plan.id}/gantt.svg?year=${nextYear + 1}`, manager);
    expect(gantt.bytes.toString('utf8')).toContain('Lane drill');
    const centre = await ok(h, 200, 'GET', `/api/programme/dashboard?plan=${plan.id}`, manager);
    expect(centre.coverage).toEqual([{ priorityId: expect.any(String), title: 'Alarm assessment at the borders', needs: 1, planned: 1 }]);
  });
});

/** The words a chart draws: its <text> elements, entities decoded. */
const svgWords = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));

describe('in the viewer\'s language (lang=lt): the fixed words in Lithuanian, what people wrote as written', () => {
  it('charts: titles, axes, legends, kinds and months in Lithuanian, none of the English words; without lang in English', async () => {
    const chart = async (url: string) => {
      const svg = await download(h, url, manager);
      expect([svg.statusCode, svg.contentType]).toEqual([200, 'image/svg+xml']);
      return svgWords(svg.bytes.toString('utf8'));
    };
    const gantt = await chart(`/api/programme/plans/${plan.id}/gantt.svg?year=${nextYear + 1}&lang=lt`);
    expect(gantt).toEqual(expect.arrayContaining([`Preparedness 2027-2028: ${nextYear + 1} m.`, 'rūšis', 'Stalo pratybos', 'Treniruotė', 'Border alarm tabletop', 'Lane drill', 'saus.', 'geg.', 'gruod.']));
    for (const english of ['kind', 'Tabletop exercise', 'Drill', 'Jan', 'May', 'Dec']) expect(gantt).not.toContain(english);
    expect(await chart(`/api/programme/plans/${plan.id}/gantt.svg?year=${nextYear + 1}`)).toEqual(expect.arrayContaining(['kind', 'Tabletop exercise', 'Drill', 'Jan', 'May']));

    const training = await chart(`/api/programme/agencies/${customs}/charts/training.svg?lang=lt`);
    expect(training).toEqual(expect.arrayContaining(['Customs Department: apmokyti žmonės palyginti su reikiamu skaičiumi', 'žmonės', 'reikia apmokyti', 'apmokyta', 'Instrument alarm assessment']));
    for (const english of ['people', 'headcount needed', 'trained']) expect(training).not.toContain(english);
    expect(training.join(' ')).not.toMatch(/trained people/);

    const heatmap = await chart(`/api/programme/agencies/${customs}/charts/heatmap.svg?lang=lt`);
    expect(heatmap).toContain('Customs Department: gebėjimų įvertinimai laike');
    expect(heatmap.join(' ')).not.toMatch(/capability ratings/);

    const coverage = await chart(`/api/programme/dashboard/coverage.svg?plan=${plan.id}&lang=lt`);
    expect(coverage).toEqual(expect.arrayContaining(['Kaip planas apima prioritetus: Preparedness 2027-2028', 'poreikiai', 'atviri poreikiai', 'su suplanuota veikla', 'Alarm assessment at the borders']));
    for (const english of ['needs', 'open needs', 'with an activity']) expect(coverage).not.toContain(english);
    expect(coverage.join(' ')).not.toMatch(/Coverage/);
  });

  it('the plan as PDF and Word: headings, table headers, kinds, statuses, quarters, the checks, contents and page numbers in Lithuanian', async () => {
    // A high-priority need nothing serves, so that the checks have something to say.
    await ok(h, 201, 'POST', '/api/programme/needs', manager, need(police, { targetGroup: 'Patrol officers', capabilityId: 'protection-responders-public', function: 'response' }));
    const pdf = await download(h, `/api/programme/plans/${plan.id}/exports/plan.pdf?lang=lt`, manager);
    expect([pdf.statusCode, pdf.contentType]).toEqual([200, 'application/pdf']);
    const text = pdfText(pdf.bytes).replace(/\s+/g, ' ');
    for (const expected of [
      'Integruotas pasirengimo planas',
      `Preparedness 2027-2028, ${nextYear}–${nextYear + 1} m.`,
      'Turinys',
      '1. Prioritetai',
      '1.1 Alarm assessment at the borders',
      'Pagrindžiantys poreikiai',
      'Customs Department: Instrument alarm assessment, Lane officers at road crossings (40); reikalingas lygis 4, dabartinis 2; aukštas prioritetas',
      `2. ${nextYear} m. tvarkaraštis`,
      `3. ${nextYear + 1} m. tvarkaraštis`,
      'Kada Veikla Rūšis Institucijos Gebėjimai Atsakingas Būsena',
      `${nextYear + 1} m. III ketv.`,
      'Stalo pratybos',
      'Treniruotė',
      'suplanuota',
      'atšaukta',
      '4. Patikros',
      'Aukštas prioritetas, nieko nesuplanuota: Police Department: aukšto prioriteto poreikiui „Protection of responders and the public (Patrol officers)“ nieko nesuplanuota.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Parengta \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe\/Vilnius\)/);
    for (const english of ['Integrated Preparedness Plan', 'Contents', 'Priorities', 'Needs behind it', 'Schedule', 'Checks', 'As of', 'Page ', 'When', 'Tabletop exercise', 'planned', 'required level', 'High priority', `Q3 ${nextYear + 1}`]) {
      expect(text).not.toContain(english);
    }
    const pages = pdfPages(pdf.bytes);
    pages.forEach((page, index) => expect(page, `page ${index + 1}`).toContain(`Puslapis ${index + 1} iš ${pages.length}`));

    const docx = await download(h, `/api/programme/plans/${plan.id}/exports/plan.docx?lang=lt`, manager);
    expect(docx.statusCode).toBe(200);
    const { document: xml, headers, footers } = docxParts(docx.bytes);
    const words = docxText(xml);
    // The contents' heading is the name of Word's contents field, shown once Word fills the field.
    expect(xml).toContain('Turinys');
    for (const expected of ['Integruotas pasirengimo planas', '1. Prioritetai', `3. ${nextYear + 1} m. tvarkaraštis`, '4. Patikros', 'Kada | Veikla | Rūšis | Institucijos | Gebėjimai | Atsakingas | Būsena | ']) {
      expect(words).toContain(expected);
    }
    expect(words).toContain(`${nextYear + 1} m. III ketv. | Lane drill | Treniruotė | Police Department | Protection of responders and the public | NSSC | suplanuota | `);
    for (const english of ['Integrated Preparedness Plan', 'Contents', 'Priorities', 'Schedule', 'Checks', 'Drill', 'planned']) expect(words).not.toContain(english);
    expect(docxText(headers)).toContain(`Integruotas pasirengimo planas: Preparedness 2027-2028, ${nextYear}–${nextYear + 1} m.`);
    expect(docxText(footers)).toMatch(/Puslapis .*PAGE.* iš .*NUMPAGES/s);
  });

  it('the workbook: sheets, headings, coded values, kinds and statuses in Lithuanian', async () => {
    const xlsx = await download(h, '/api/programme/exports/programme.xlsx?lang=lt', manager);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Poreikiai', 'Veiklos']);
    const rows = (name: string) => {
      const out: string[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return out;
    };
    expect(rows('Poreikiai').slice(0, 2)).toEqual([
      ['Institucija', 'Funkcija', 'Gebėjimas', 'Kompetencija', 'Tikslinė grupė', 'Žmonių skaičius', 'Reikalingas lygis', 'Dabartinis lygis', 'Prioritetas', 'Pagrindimas', 'Pagrindimo šaltinis', 'Siūloma priemonė', 'Peržiūros data', 'Būsena', 'Atotrūkis'],
      ['Customs Department', 'aptikimas', 'Instrument alarm assessment', '', 'Lane officers at road crossings', '40', '4', '2', 'aukštas', 'grėsmių vertinimas', 'National threat assessment 2026', 'Kursai', '', 'atviras', '2'],
    ]);
    expect(rows('Veiklos').map((r) => [r[1], r[4], r[5], r[6], r[10]])).toEqual([
      ['Kada', 'Veikla', 'Rūšis', 'Institucijos', 'Būsena'],
      [`${nextYear}-03-02–${nextYear}-03-06`, 'Instrument operator course', 'Kursai', 'Customs Department', 'suplanuota'],
      [`${nextYear}-10-01`, 'Cancelled seminar', 'Seminaras', 'Police Department', 'atšaukta'],
      [`${nextYear + 1}-05-12`, 'Border alarm tabletop', 'Stalo pratybos', 'Customs Department, Police Department', 'suplanuota'],
      [`${nextYear + 1} m. III ketv.`, 'Lane drill', 'Treniruotė', 'Police Department', 'suplanuota'],
    ]);
  });

  it('iCalendar: kinds and the fixed words in Lithuanian when asked, also in a subscription\'s address; a calendar program asking nothing gets English', async () => {
    const read = (ics: string) =>
      new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => {
        const event = new ICAL.Event(v);
        return [event.summary, event.description];
      });
    const ics = await download(h, `/api/programme/plans/${plan.id}/exports/calendar.ics?agency=${police}&lang=lt`, manager);
    expect(ics.bytes.toString('utf8')).toContain('PRODID:-//StartEx//Pasirengimo programa//LT');
    expect(read(ics.bytes.toString('utf8'))).toEqual([
      ['Seminaras: Cancelled seminar', 'Institucijos: Police Department\nAtsakingas: NSSC'],
      ['Stalo pratybos: Border alarm tabletop', 'Institucijos: Customs Department, Police Department\nGebėjimai: Instrument alarm assessment\nAtsakingas: NSSC'],
      ['Treniruotė: Lane drill', `Datos dar nenustatytos: ${nextYear + 1} m. III ketv.\nInstitucijos: Police Department\nGebėjimai: Protection of responders and the public\nAtsakingas: NSSC`],
    ]);
    const made = await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/calendar-feeds`, manager, { agencyId: police });
    const lithuanian = await fetch(`${h.url}${made.url}?lang=lt`);
    expect(read(await lithuanian.text()).map(([summary]) => summary)).toEqual(['Seminaras: Cancelled seminar', 'Stalo pratybos: Border alarm tabletop', 'Treniruotė: Lane drill']);
    const asked = await fetch(`${h.url}${made.url}`);
    expect(read(await asked.text())[2]).toEqual(['Drill: Lane drill', `Dates not fixed yet: Q3 ${nextYear + 1}.\nAgencies: Police Department\nCapabilities: Protection of responders and the public\nLead: NSSC`]);
    const french = await fetch(`${h.url}${made.url}?lang=fr`);
    expect([french.status, (await french.json()).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses a language other than English and Lithuanian on every chart and document, naming the field', async () => {
    for (const url of [
      `/api/programme/agencies/${customs}/charts/heatmap.svg?lang=fr`,
      `/api/programme/dashboard/coverage.svg?lang=fr`,
      `/api/programme/plans/${plan.id}/gantt.svg?lang=fr`,
      `/api/programme/plans/${plan.id}/exports/plan.pdf?lang=fr`,
      `/api/programme/plans/${plan.id}/exports/plan.docx?lang=fr`,
      `/api/programme/plans/${plan.id}/exports/calendar.ics?lang=fr`,
      '/api/programme/exports/programme.xlsx?lang=fr',
    ]) {
      const refused = await download(h, url, manager);
      expect([url, refused.statusCode, refused.json().code]).toEqual([url, 400, 'VALIDATION_FAILED']);
      expect(refused.json().message).toMatch(/^query\.lang: /);
    }
  });
});
