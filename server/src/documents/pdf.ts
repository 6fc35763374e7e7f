import { existsSync } from 'node:fs';
import { lazyRequire } from '../lazyPackage.ts';

const pdfkit = lazyRequire<typeof import('pdfkit')>('pdfkit');

/** DejaVu (Debian fonts-dejavu-core) covers Lithuanian letters; pdfkit's built-in Helvetica does not. */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;

export type Pdf = PDFKit.PDFDocument;

/** An A4 document with the body and heading fonts registered as 'body' and 'bold'. */
export function newPdf(title: string): Pdf {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Creator: 'StartEx' }, bufferPages: true });
  const embedded = existsSync(REGULAR) && existsSync(BOLD);
  doc.registerFont('body', embedded ? REGULAR : 'Helvetica');
  doc.registerFont('bold', embedded ? BOLD : 'Helvetica-Bold');
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

export function heading(doc: Pdf, text: string, size = 16): void {
  doc.moveDown(0.6).font('bold').fontSize(size).text(text).font('body').fontSize(10.5).moveDown(0.3);
}

export function paragraph(doc: Pdf, text: string): void {
  doc.font('body').fontSize(10.5).text(text).moveDown(0.3);
}

/** "Label: value" lines, skipping empty values. */
export function facts(doc: Pdf, rows: [string, string | undefined][]): void {
  for (const [label, value] of rows) {
    if (!value) continue;
    doc.font('bold').fontSize(10.5).text(`${label}: `, { continued: true }).font('body').text(value);
  }
  doc.moveDown(0.3);
}

export function bullets(doc: Pdf, items: string[], indent = 12): void {
  for (const item of items) doc.font('body').fontSize(10.5).text(`•  ${item}`, { indent });
  doc.moveDown(0.3);
}
