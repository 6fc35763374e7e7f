import { bullets, heading, newPdf, paragraph, pdfBytes } from '../documents/pdf.ts';
import { SCHEDULE_COLUMNS, type PlanDocument } from './planLayout.ts';

/** The Integrated Preparedness Plan as a PDF (pdfkit), for the annual submission: priorities, the schedule per year with its Gantt chart, the checks. */
export function renderPlanPdf(plan: PlanDocument, gantts: ReadonlyMap<number, Buffer>): Promise<Buffer> {
  const doc = newPdf(`${plan.title}: ${plan.subtitle}`);
  doc.font('bold').fontSize(20).text(plan.title);
  doc.font('body').fontSize(13).text(plan.subtitle);

  heading(doc, '1. Priorities');
  if (plan.priorities.length === 0) paragraph(doc, 'No priorities yet.');
  plan.priorities.forEach((priority, i) => {
    heading(doc, `1.${i + 1} ${priority.title}`, 12);
    paragraph(doc, priority.rationale || '—');
    doc.font('bold').fontSize(10.5).text('Needs behind it');
    if (priority.needs.length === 0) paragraph(doc, 'None named.');
    else bullets(doc, priority.needs);
  });

  plan.years.forEach((year, i) => {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 40 });
    doc.font('bold').fontSize(15).text(`${i + 2}. Schedule ${year.year}`).moveDown(0.4);
    if (year.rows.length === 0) {
      doc.font('body').fontSize(10).text('Nothing planned this year.');
      return;
    }
    const gantt = gantts.get(year.year);
    if (gantt) doc.image(gantt, { fit: [doc.page.width - 80, 220] }).moveDown(0.5);
    const total = SCHEDULE_COLUMNS.reduce((sum, c) => sum + c.width, 0);
    const width = doc.page.width - 80;
    doc.fontSize(8).table({
      columnStyles: SCHEDULE_COLUMNS.map((c) => ({ width: (width * c.width) / total })),
      data: [
        SCHEDULE_COLUMNS.map((c) => ({ text: c.header, font: { src: 'bold' }, backgroundColor: '#e8eef5', type: 'TH' as const })),
        ...year.rows.map((row) => row.map((text) => ({ text, font: { src: 'body' } }))),
      ],
    });
  });

  doc.addPage();
  heading(doc, `${plan.years.length + 2}. Checks`);
  if (plan.checks.length === 0) paragraph(doc, 'No warnings: no agency is booked twice, every full-scale exercise builds on lighter ones, and every high-priority need has something planned.');
  else bullets(doc, plan.checks);
  return pdfBytes(doc);
}
