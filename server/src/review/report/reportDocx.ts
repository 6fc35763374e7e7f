import type { HeadingLevel, Paragraph as DocxParagraph } from 'docx';
import { imageSize } from './pngSize.ts';
import { CHART_TITLES, PLAN_COLUMNS, plainText, ratingText } from './reportLayout.ts';
import type { ReportChart } from './reportCharts.ts';
import type { ReportSource } from './ReportService.ts';
import { lazyRequire } from '../../lazyPackage.ts';

const docxPackage = lazyRequire<typeof import('docx')>('docx');

/** Paragraph builders over the docx package, loaded on first use. */
function builders(docx: typeof import('docx')) {
  const { Paragraph, TextRun } = docx;
  const text = (value: string) => plainText(value || '—').split('\n').map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
  return {
    text,
    para: (value: string) => new Paragraph({ children: text(value), spacing: { after: 120 } }),
    labelled: (label: string, value: string) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...text(value)] }),
    bullet: (value: string): DocxParagraph => new Paragraph({ children: text(value), bullet: { level: 0 } }),
    heading: (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = docx.HeadingLevel.HEADING_1) => new Paragraph({ text: value, heading: level }),
  };
}

/** The AAR/IP as a Word document (docx): the same sections as the PDF, charts as images. */
export async function renderReportDocx(source: ReportSource, charts: ReportChart[]): Promise<Buffer> {
  const docx = docxPackage();
  const { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, ShadingType } = docx;
  const { para, labelled, bullet, heading } = builders(docx);
  const { content, improvementPlan } = source;
  const body = [
    new Paragraph({ text: 'After-Action Report / Improvement Plan', heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: content.overview.exerciseName, size: 28 })] }),
    new Paragraph({ children: [new TextRun({ text: source.label, italics: true, color: '555555' })] }),
    heading('1. Exercise overview'),
    labelled('Exercise name', content.overview.exerciseName),
    labelled('Type', content.overview.exerciseType),
    labelled('Dates', content.overview.dates),
    labelled('Scope', content.overview.scope),
    new Paragraph({ children: [new TextRun({ text: 'Objectives', bold: true })] }),
    ...content.overview.objectives.map(bullet),
    new Paragraph({ children: [new TextRun({ text: 'Participating agencies and teams', bold: true })] }),
    ...content.overview.participants.map(bullet),
    heading('2. Executive summary'),
    para(content.executiveSummary),
    heading('3. Analysis of capabilities'),
    ...content.capabilities.flatMap((capability) => [
      heading(capability.title, HeadingLevel.HEADING_2),
      labelled('Rating', ratingText(capability.rating)),
      ...capability.targets.map((target) => bullet(`${target.title}: ${ratingText(target.rating)}`)),
      heading('Strengths', HeadingLevel.HEADING_3),
      ...(capability.strengths.length === 0 ? [para('None recorded.')] : capability.strengths.map((s) => bullet(s.text))),
      heading('Areas for improvement', HeadingLevel.HEADING_3),
      ...(capability.areasForImprovement.length === 0
        ? [para('None recorded.')]
        : capability.areasForImprovement.flatMap((area) => [bullet(area.text), labelled('Analysis', area.analysis), labelled('Root cause', area.rootCause)])),
    ]),
    ...(charts.length > 0
      ? [
          heading('4. Charts'),
          ...charts.flatMap((chart) => {
            const size = imageSize(chart.png);
            const width = Math.min(600, size.width);
            return [
              heading(CHART_TITLES[chart.name], HeadingLevel.HEADING_3),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width, height: Math.round((size.height * width) / size.width) }, altText: { name: chart.name, title: CHART_TITLES[chart.name], description: CHART_TITLES[chart.name] } })],
              }),
            ];
          }),
        ]
      : []),
  ];
  const plan = [
    heading(`${charts.length > 0 ? 5 : 4}. Improvement plan`),
    improvementPlan.length === 0
      ? para('No improvement plan rows yet.')
      : new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: PLAN_COLUMNS.map((c) => new TableCell({ shading: { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' }, children: [new Paragraph({ children: [new TextRun({ text: c.header, bold: true, size: 16 })] })] })),
            }),
            ...improvementPlan.map(
              (item) => new TableRow({ children: PLAN_COLUMNS.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c.value(item), size: 16 })] })] })) }),
            ),
          ],
        }),
  ];
  const document = new Document({
    title: `After-action report: ${source.title}`,
    creator: 'StartEx',
    sections: [{ children: body }, { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: plan }],
  });
  return Packer.toBuffer(document);
}
