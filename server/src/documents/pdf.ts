import { existsSync } from 'node:fs';
import { withoutBidiControls } from '@startex/shared';
import { lazyRequire } from '../lazyPackage.ts';
import { imageSize } from './pngSize.ts';
import { contentsEntries, runsText, type Block, type Run, type StartexDocument } from './model.ts';
import { DOCUMENT_WORDS, pageOf, type DocumentLanguage } from './words.ts';

const pdfkit = lazyRequire<typeof import('pdfkit')>('pdfkit');

/** DejaVu (Debian fonts-dejavu-core) covers Lithuanian letters; pdfkit's built-in fonts do not. */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONTS = {
  body: ['DejaVuSans.ttf', 'Helvetica'],
  bold: ['DejaVuSans-Bold.ttf', 'Helvetica-Bold'],
  italic: ['DejaVuSans-Oblique.ttf', 'Helvetica-Oblique'],
  bolditalic: ['DejaVuSans-BoldOblique.ttf', 'Helvetica-BoldOblique'],
  mono: ['DejaVuSansMono.ttf', 'Courier'],
} as const;
type FontName = keyof typeof FONTS;

/** Room at the top and bottom of each page for the running header and the page number. */
const MARGINS = { top: 64, bottom: 60, left: 56, right: 56 };
const LANDSCAPE_MARGINS = { top: 56, bottom: 52, left: 40, right: 40 };
const BODY = 10.5;
const HEADING_SIZE = { 1: 15, 2: 12.5, 3: 11 } as const;
const MUTED = '#555555';

export type Pdf = PDFKit.PDFDocument;

/** An A4 document in `language` (readers and screen readers take it from the file) with the fonts registered as 'body', 'bold', 'italic', 'bolditalic' and 'mono'. */
export function newPdf(title: string, language: DocumentLanguage = 'en'): Pdf {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: 'A4', margins: MARGINS, info: { Title: title, Creator: 'StartEx' }, lang: DOCUMENT_WORDS[language].locale, bufferPages: true });
  for (const [name, [file, builtIn]] of Object.entries(FONTS)) doc.registerFont(name, existsSync(`${FONT_DIR}/${file}`) ? `${FONT_DIR}/${file}` : builtIn);
  doc.font('body');
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Writes the running header and "Page n of N" (in `language`) on every page (the document buffers its pages). */
export function decoratePages(doc: Pdf, header: string, language: DocumentLanguage = 'en'): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const { page } = doc;
    const { margins } = page;
    // Writing into the margins: without this, pdfkit would start a new page for text below maxY.
    const bottom = margins.bottom;
    margins.bottom = 0;
    const width = page.width - margins.left - margins.right;
    doc.font('body').fontSize(8).fillColor(MUTED);
    doc.text(header, margins.left, margins.top / 2 - 4, { width, height: 10, ellipsis: true });
    doc.moveTo(margins.left, margins.top / 2 + 8).lineTo(page.width - margins.right, margins.top / 2 + 8).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
    doc.text(pageOf(index - start + 1, count, language), margins.left, page.height - bottom / 2 - 4, { width, align: 'center', lineBreak: false });
    margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/**
 * A document as PDF: title, optional table of contents, the parts, then header and page numbers on
 * every page. Its text without text-direction controls, as every view shows it (shared/src/text.ts).
 */
export async function renderPdf(given: StartexDocument): Promise<Buffer> {
  const document = withoutBidiControls(given);
  const doc = newPdf(document.title, document.language);
  new PdfLayout(doc).render(document);
  decoratePages(doc, document.runningHeader, document.language);
  return pdfBytes(doc);
}

/** How much smaller than its full size a picture may be printed to fit the rest of a page. */
const MIN_IMAGE_SCALE = 0.7;

/** The size a picture is printed at: the column's width at most, and 320 pt high at most. */
function imageBox(png: Buffer, width: number): { width: number; height: number } {
  const image = imageSize(png);
  const scale = Math.min(1, width / image.width, 320 / image.height);
  return { width: image.width * scale, height: image.height * scale };
}

const fontOf = (run: Run): FontName => (run.code ? 'mono' : run.bold && run.italic ? 'bolditalic' : run.bold ? 'bold' : run.italic ? 'italic' : 'body');
const BULLETS = ['•', '◦', '▪'];

class PdfLayout {
  /** Where each table-of-contents entry was written (page, y), to add its page number at the end. */
  private readonly entrySlots: { page: number; y: number }[] = [];
  private readonly entryPages: number[] = [];
  private landscape = false;

  constructor(private readonly doc: Pdf) {}

  render(document: StartexDocument): void {
    const { doc } = this;
    doc.font('bold').fontSize(20).text(document.title);
    if (document.subtitle) doc.font('body').fontSize(13).text(document.subtitle);
    if (document.label) doc.font('bold').fontSize(10).fillColor(MUTED).text(document.label).fillColor('black');
    doc.moveDown(0.8);
    if (document.contents) this.contents(document);
    document.parts.forEach((part, index) => {
      const landscape = part.landscape ?? false;
      if (landscape !== this.landscape || (index === 0 && document.contents)) this.newPage(landscape);
      part.blocks.forEach((block, i) => this.block(block, this.left(), this.width(), 0, part.blocks[i + 1]));
    });
    this.pageNumbersInContents();
  }

  private left() {
    return this.doc.page.margins.left;
  }

  private width() {
    const { page } = this.doc;
    return page.width - page.margins.left - page.margins.right;
  }

  private room() {
    return this.doc.page.maxY() - this.doc.y;
  }

  private currentPage() {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count - 1;
  }

  private newPage(landscape = this.landscape) {
    this.landscape = landscape;
    this.doc.addPage(landscape ? { size: 'A4', layout: 'landscape', margins: LANDSCAPE_MARGINS } : { size: 'A4', layout: 'portrait', margins: MARGINS });
  }

  /** Starts a new page unless `height` still fits on this one. */
  private keep(height: number) {
    if (this.room() < height) this.newPage();
  }

  private contents(document: StartexDocument) {
    const { doc } = this;
    doc.font('bold').fontSize(HEADING_SIZE[1]).text(DOCUMENT_WORDS[document.language ?? 'en'].contents).moveDown(0.4);
    for (const entry of contentsEntries(document)) {
      const indent = entry.level === 1 ? 0 : 16;
      doc.font(entry.level === 1 ? 'bold' : 'body').fontSize(entry.level === 1 ? 10.5 : 10);
      this.keep(doc.currentLineHeight(true) + 2);
      this.entrySlots.push({ page: this.currentPage(), y: doc.y });
      doc.text(entry.text, this.left() + indent, doc.y, { width: this.width() - indent - 40 });
      doc.moveDown(0.15);
    }
  }

  private pageNumbersInContents() {
    const { doc } = this;
    const { start } = doc.bufferedPageRange();
    this.entrySlots.forEach((slot, index) => {
      const page = this.entryPages[index];
      if (page === undefined) return;
      doc.switchToPage(slot.page);
      const right = doc.page.width - doc.page.margins.right;
      doc.font('body').fontSize(10).text(String(page - start + 1), right - 40, slot.y, { width: 40, align: 'right', lineBreak: false });
    });
  }

  /** `next`: the block after this one, which a heading is kept with. */
  private block(block: Block, x: number, width: number, depth: number, next?: Block): void {
    const { doc } = this;
    switch (block.type) {
      case 'heading': {
        const size = HEADING_SIZE[block.level];
        // A heading never ends a page: keep it with its picture, or with about three lines of text.
        this.keep(size * 1.6 + (next?.type === 'image' ? imageBox(next.png, width).height * MIN_IMAGE_SCALE : BODY * 4));
        doc.moveDown(block.level === 1 ? 0.6 : 0.4);
        if (block.level <= 2) this.entryPages.push(this.currentPage());
        doc.font('bold').fontSize(size).fillColor('black').text(block.text, x, doc.y, { width });
        doc.moveDown(0.3);
        return;
      }
      case 'paragraph':
        this.runs(block.runs, x, width, block.tone === 'muted' ? MUTED : 'black');
        doc.moveDown(0.35);
        return;
      case 'list': {
        const markerWidth = block.ordered ? 20 : 14;
        block.items.forEach((item, index) => {
          doc.font('body').fontSize(BODY);
          this.keep(doc.currentLineHeight(true) * 1.2);
          const y = doc.y;
          doc.text(block.ordered ? `${block.start + index}.` : BULLETS[depth % BULLETS.length]!, x, y, { width: markerWidth, lineBreak: false });
          doc.y = y;
          item.forEach((child, childIndex) => {
            this.block(child, x + markerWidth, width - markerWidth, depth + 1);
            // Lines of one item sit close together.
            if (child.type === 'paragraph' && childIndex === item.length - 1) doc.moveUp(0.2);
          });
        });
        doc.moveDown(0.3);
        return;
      }
      case 'table':
        this.table(block, x, width);
        return;
      case 'quote': {
        const top = doc.y;
        for (const child of block.blocks) this.block(child, x + 14, width - 14, depth);
        doc.moveTo(x + 4, top).lineTo(x + 4, doc.y - 4).lineWidth(2).strokeColor('#cccccc').stroke();
        return;
      }
      case 'code':
        doc.font('mono').fontSize(9).fillColor('black').text(block.text, x + 8, doc.y, { width: width - 8 });
        doc.moveDown(0.35);
        return;
      case 'image': {
        // A picture that nearly fits is printed a little smaller rather than leave the page nearly empty.
        const full = imageBox(block.png, width);
        const room = this.room() - BODY;
        const scale = full.height > room && room >= full.height * MIN_IMAGE_SCALE ? room / full.height : 1;
        const box = { width: full.width * scale, height: full.height * scale };
        this.keep(box.height + BODY);
        doc.image(block.png, x, doc.y, box);
        const { height } = box;
        doc.y += height + 4;
        doc.moveDown(0.4);
        return;
      }
      case 'rule':
        doc.moveTo(x, doc.y + 4).lineTo(x + width, doc.y + 4).lineWidth(0.5).strokeColor('#999999').stroke();
        doc.moveDown(0.8);
        return;
      default: {
        const exhaustive: never = block;
        return exhaustive;
      }
    }
  }

  /** Runs of one paragraph, wrapped within `width`; emphasis by font. */
  private runs(runs: Run[], x: number, width: number, color: string) {
    const { doc } = this;
    const parts = runs.filter((run) => run.text !== '');
    if (parts.length === 0) return;
    doc.fillColor(color);
    parts.forEach((run, index) => {
      doc.font(fontOf(run)).fontSize(run.code ? BODY - 1 : BODY);
      const options = { width, continued: index < parts.length - 1, lineGap: 1.5 };
      if (index === 0) doc.text(run.text, x, doc.y, options);
      else doc.text(run.text, options);
    });
    doc.fillColor('black');
    doc.x = x;
  }

  private table(block: Extract<Block, { type: 'table' }>, x: number, width: number) {
    const { doc } = this;
    const columns = block.header.length;
    const weights = block.widths ?? block.header.map(() => 1);
    const total = weights.reduce((sum, w) => sum + w, 0);
    const size = block.size === 'small' ? 8 : 9.5;
    const cell = (runs: Run[], header: boolean) => ({
      text: runsText(runs),
      font: { src: header || (runs.length > 0 && runs.every((r) => r.bold)) ? 'bold' : 'body' },
      ...(header ? { backgroundColor: '#e8eef5', type: 'TH' as const } : {}),
    });
    this.keep(size * 6);
    doc.fontSize(size).fillColor('black');
    doc.table({
      position: { x, y: doc.y },
      columnStyles: weights.map((w) => ({ width: (width * w) / total })),
      data: [block.header.map((h) => cell(h, true)), ...block.rows.map((row) => Array.from({ length: columns }, (_, i) => cell(row[i] ?? [], false)))],
    });
    doc.x = x;
    doc.fontSize(BODY).moveDown(0.5);
  }
}
