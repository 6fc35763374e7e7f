import type { Paragraph, Table, TextRun } from 'docx';
import { withoutBidiControls } from '@startex/shared';
import { lazyRequire } from '../lazyPackage.ts';
import { imageSize } from './pngSize.ts';
import type { Block, Run, StartexDocument } from './model.ts';
import { DOCUMENT_WORDS } from './words.ts';

const docxPackage = lazyRequire<typeof import('docx')>('docx');

const ORDERED = 'startex-ordered';
const BODY_HALF_POINTS = 21;

/**
 * A document as Word (docx): headings as Word headings, a contents field, runs with their emphasis,
 * real lists and tables. Its text without text-direction controls, as every view shows it (shared/src/text.ts).
 */
export async function renderDocx(given: StartexDocument): Promise<Buffer> {
  const document = withoutBidiControls(given);
  const docx = docxPackage();
  const { AlignmentType, Document, Footer, Header, HeadingLevel, LevelFormat, Packer, PageNumber, PageOrientation, Paragraph, TableOfContents, TextRun } = docx;
  let orderedLists = 0;
  const running = document.runningHeader;
  const words = DOCUMENT_WORDS[document.language ?? 'en'];

  const runsOf = (runs: Run[], size?: number): TextRun[] =>
    runs.flatMap((run) =>
      run.text.split('\n').map(
        (line, index) =>
          new TextRun({
            text: line,
            ...(index > 0 ? { break: 1 } : {}),
            ...(run.bold ? { bold: true } : {}),
            ...(run.italic ? { italics: true } : {}),
            ...(run.code ? { font: 'DejaVu Sans Mono' } : {}),
            ...(size ? { size } : {}),
          }),
      ),
    );

  const blocks = (list: Block[], depth = 0): (Paragraph | Table)[] => list.flatMap((block) => blockOf(block, depth));

  function blockOf(block: Block, depth: number): (Paragraph | Table)[] {
    switch (block.type) {
      case 'heading': {
        const level = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 }[block.level];
        return [new Paragraph({ text: block.text, heading: level, keepNext: true })];
      }
      case 'paragraph':
        return [new Paragraph({ children: runsOf(block.tone === 'muted' ? block.runs.map((r) => ({ ...r, italic: true })) : block.runs), spacing: { after: 100 } })];
      case 'list': {
        const instance = ++orderedLists;
        return block.items.flatMap((item) =>
          item.flatMap((child, index) => {
            if (child.type === 'paragraph' && index === 0) {
              return [
                new Paragraph({
                  children: runsOf(child.runs),
                  ...(block.ordered ? { numbering: { reference: ORDERED, level: Math.min(depth, 2), instance } } : { bullet: { level: Math.min(depth, 2) } }),
                }),
              ];
            }
            return blockOf(child, depth + 1);
          }),
        );
      }
      case 'table':
        return [table(block)];
      case 'quote':
        return blocks(block.blocks, depth);
      case 'code':
        return [new Paragraph({ children: runsOf([{ text: block.text, code: true }], 18), indent: { left: 360 } })];
      case 'image': {
        const size = imageSize(block.png);
        const width = Math.min(600, size.width);
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new docx.ImageRun({ type: 'png', data: block.png, transformation: { width, height: Math.round((size.height * width) / size.width) }, altText: { name: block.title, title: block.title, description: block.title } })],
          }),
        ];
      }
      case 'rule':
        return [new Paragraph({ border: { bottom: { style: docx.BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
      default: {
        const exhaustive: never = block;
        return exhaustive;
      }
    }
  }

  function table(block: Extract<Block, { type: 'table' }>): Table {
    const { Table, TableCell, TableRow, WidthType, ShadingType } = docx;
    const size = block.size === 'small' ? 16 : 19;
    const weights = block.widths ?? block.header.map(() => 1);
    const total = weights.reduce((sum, w) => sum + w, 0);
    const cell = (runs: Run[], column: number, header: boolean) =>
      new TableCell({
        width: { size: Math.round((100 * weights[column]!) / total), type: WidthType.PERCENTAGE },
        ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' } } : {}),
        children: [new Paragraph({ children: runsOf(header ? runs.map((r) => ({ ...r, bold: true })) : runs, size) })],
      });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: block.header.map((runs, i) => cell(runs, i, true)) }),
        ...block.rows.map((row) => new TableRow({ children: block.header.map((_, i) => cell(row[i] ?? [], i, false)) })),
      ],
    });
  }

  const title = [
    new Paragraph({ text: document.title, heading: HeadingLevel.TITLE }),
    ...(document.subtitle ? [new Paragraph({ children: [new TextRun({ text: document.subtitle, size: 28 })] })] : []),
    ...(document.label ? [new Paragraph({ children: [new TextRun({ text: document.label, bold: true, color: '555555' })] })] : []),
    ...(document.contents ? [new TableOfContents(words.contents, { hyperlink: true, headingStyleRange: '1-2' })] : []),
  ];
  const header = new Header({ children: [new Paragraph({ children: [new TextRun({ text: running, size: 16, color: '555555' })] })] });
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [words.page.before, PageNumber.CURRENT, words.page.between, PageNumber.TOTAL_PAGES], size: 16, color: '555555' })] })],
  });
  const sections = document.parts.map((part, index) => ({
    properties: part.landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
    headers: { default: header },
    footers: { default: footer },
    children: [...(index === 0 ? title : []), ...blocks(part.blocks)],
  }));
  const word = new Document({
    title: document.title,
    creator: 'StartEx',
    // Word fills the table of contents and the page count when it opens the file.
    features: { updateFields: document.contents },
    // The text's language: Word checks its spelling in it.
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: BODY_HALF_POINTS, language: { value: words.locale } } } } },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    sections,
  });
  return Packer.toBuffer(word);
}
