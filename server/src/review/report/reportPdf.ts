import { newPdf, pdfBytes } from '../../documents/pdf.ts';
import { ratingText, CHART_TITLES, PLAN_COLUMNS, plainText } from './reportLayout.ts';
import type { ReportChart } from './reportCharts.ts';
import type { ReportSource } from './ReportService.ts';

/** The AAR/IP as a PDF (pdfkit): overview, summary, capabilities, charts, improvement plan. */
export function renderReportPdf(source: ReportSource, charts: ReportChart[]): Promise<Buffer> {
  const { content, improvementPlan } = source;
  const doc = newPdf(`After-action report: ${source.title}`);
  const regular = 'body'; // the fonts newPdf registers
  const bold = 'bold';
  const heading = (text: string, size = 15) => doc.moveDown(0.6).font(bold).fontSize(size).text(text).font(regular).fontSize(10).moveDown(0.3);
  const para = (text: string) => doc.font(regular).fontSize(10).text(plainText(text || '—')).moveDown(0.3);
  const subheading = (text: string) => doc.font(bold).fontSize(10).text(text).font(regular);
  const labelled = (label: string, text: string) => doc.font(bold).fontSize(10).text(`${label}: `, { continued: true }).font(regular).text(plainText(text || '—'));

  doc.font(bold).fontSize(20).text('After-Action Report / Improvement Plan');
  doc.font(regular).fontSize(13).text(content.overview.exerciseName).fontSize(9).fillColor('#555').text(source.label).fillColor('black');

  heading('1. Exercise overview');
  labelled('Exercise name', content.overview.exerciseName);
  labelled('Type', content.overview.exerciseType);
  labelled('Dates', content.overview.dates);
  doc.moveDown(0.3);
  subheading('Scope');
  para(content.overview.scope);
  subheading('Objectives');
  for (const objective of content.overview.objectives) doc.text(`• ${objective}`);
  doc.moveDown(0.3);
  subheading('Participating agencies and teams');
  for (const team of content.overview.participants) doc.text(`• ${team}`);

  heading('2. Executive summary');
  para(content.executiveSummary);

  heading('3. Analysis of capabilities');
  for (const capability of content.capabilities) {
    heading(capability.title, 12);
    labelled('Rating', ratingText(capability.rating));
    for (const target of capability.targets) doc.text(`• ${target.title}: ${ratingText(target.rating)}`);
    doc.moveDown(0.3).font(bold).text('Strengths').font(regular);
    if (capability.strengths.length === 0) doc.text('None recorded.');
    for (const strength of capability.strengths) doc.text(`• ${plainText(strength.text)}`);
    doc.moveDown(0.3).font(bold).text('Areas for improvement').font(regular);
    if (capability.areasForImprovement.length === 0) doc.text('None recorded.');
    for (const area of capability.areasForImprovement) {
      doc.text(`• ${plainText(area.text)}`);
      doc.text(`Analysis: ${plainText(area.analysis || '—')}`, { indent: 12 });
      doc.text(`Root cause: ${plainText(area.rootCause || '—')}`, { indent: 12 });
    }
  }

  if (charts.length > 0) {
    heading('4. Charts');
    for (const chart of charts) {
      if (doc.y > doc.page.height - 300) doc.addPage();
      doc.font(bold).fontSize(11).text(CHART_TITLES[chart.name]).font(regular).fontSize(10);
      doc.image(chart.png, { fit: [doc.page.width - 100, 230] });
      doc.moveDown(0.5);
    }
  }

  doc.addPage({ size: 'A4', layout: 'landscape', margin: 40 });
  doc.font(bold).fontSize(15).text(`${charts.length > 0 ? 5 : 4}. Improvement plan`).moveDown(0.4);
  if (improvementPlan.length === 0) {
    doc.font(regular).fontSize(10).text('No improvement plan rows yet.');
  } else {
    const total = PLAN_COLUMNS.reduce((sum, c) => sum + c.width, 0);
    const width = doc.page.width - 80;
    doc.fontSize(8).table({
      columnStyles: PLAN_COLUMNS.map((c) => ({ width: (width * c.width) / total })),
      data: [
        PLAN_COLUMNS.map((c) => ({ text: c.header, font: { src: bold }, backgroundColor: '#e8eef5', type: 'TH' as const })),
        ...improvementPlan.map((item) => PLAN_COLUMNS.map((c) => ({ text: c.value(item), font: { src: regular } }))),
      ],
    });
  }
  return pdfBytes(doc);
}
