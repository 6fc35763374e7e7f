import { imageSize } from '../review/report/pngSize.ts';
import { lazyRequire } from '../lazyPackage.ts';
import { SCHEDULE_COLUMNS, type PlanDocument } from './planLayout.ts';

const docxPackage = lazyRequire<typeof import('docx')>('docx');

/** The Integrated Preparedness Plan as a Word document (docx): the same sections as the PDF. */
export async function renderPlanDocx(plan: PlanDocument, gantts: ReadonlyMap<number, Buffer>): Promise<Buffer> {
  const { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } = docxPackage();
  const para = (text: string) => new Paragraph({ children: [new TextRun(text || '—')], spacing: { after: 120 } });
  const bullet = (text: string) => new Paragraph({ children: [new TextRun(text)], bullet: { level: 0 } });
  const cell = (text: string, header = false) =>
    new TableCell({
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' } } : {}),
      children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 16 })] })],
    });

  const priorities = [
    new Paragraph({ text: plan.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: plan.subtitle, size: 28 })] }),
    new Paragraph({ text: '1. Priorities', heading: HeadingLevel.HEADING_1 }),
    ...(plan.priorities.length === 0 ? [para('No priorities yet.')] : []),
    ...plan.priorities.flatMap((priority, i) => [
      new Paragraph({ text: `1.${i + 1} ${priority.title}`, heading: HeadingLevel.HEADING_2 }),
      para(priority.rationale),
      new Paragraph({ children: [new TextRun({ text: 'Needs behind it', bold: true })] }),
      ...(priority.needs.length === 0 ? [para('None named.')] : priority.needs.map(bullet)),
    ]),
  ];
  const schedule = plan.years.flatMap((year, i) => {
    const gantt = gantts.get(year.year);
    const size = gantt ? imageSize(gantt) : undefined;
    const width = size ? Math.min(880, size.width) : 0;
    return [
      new Paragraph({ text: `${i + 2}. Schedule ${year.year}`, heading: HeadingLevel.HEADING_1 }),
      ...(year.rows.length === 0 ? [para('Nothing planned this year.')] : []),
      ...(gantt && size && year.rows.length > 0
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new ImageRun({ type: 'png', data: gantt, transformation: { width, height: Math.round((size.height * width) / size.width) }, altText: { name: `gantt-${year.year}`, title: `Schedule ${year.year}`, description: `Gantt chart of ${year.year}` } })],
            }),
          ]
        : []),
      ...(year.rows.length > 0
        ? [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [new TableRow({ tableHeader: true, children: SCHEDULE_COLUMNS.map((c) => cell(c.header, true)) }), ...year.rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) }))],
            }),
          ]
        : []),
    ];
  });
  const checks = [
    new Paragraph({ text: `${plan.years.length + 2}. Checks`, heading: HeadingLevel.HEADING_1 }),
    ...(plan.checks.length === 0 ? [para('No warnings.')] : plan.checks.map(bullet)),
  ];
  const document = new Document({
    title: `${plan.title}: ${plan.subtitle}`,
    creator: 'StartEx',
    sections: [{ children: priorities }, { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: [...schedule, ...checks] }],
  });
  return Packer.toBuffer(document);
}
