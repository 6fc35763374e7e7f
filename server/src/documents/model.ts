/**
 * A printed document as data: what the briefings and the AAR/IP say, laid out by one PDF renderer
 * (pdfkit) and one Word renderer (docx), so both formats show the same headings, emphasis, lists
 * and tables, with page numbers, a running header and, for long documents, a table of contents.
 */

import type { DocumentLanguage } from './words.ts';

/** A stretch of text with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export type Block =
  /** Levels 1 and 2 go into the table of contents. */
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[]; tone?: 'muted' }
  /** Each item is a list of blocks (a paragraph, and perhaps a nested list). */
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  /** `widths`: relative column widths; cells are runs. */
  | { type: 'table'; header: Run[][]; rows: Run[][][]; widths?: number[]; size?: 'small' }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string }
  | { type: 'image'; png: Buffer; title: string }
  | { type: 'rule' };

/** A run of pages in one orientation (the improvement plan is printed landscape). */
export interface DocumentPart {
  landscape?: boolean;
  blocks: Block[];
}

export interface StartexDocument {
  title: string;
  subtitle?: string | undefined;
  /** "Draft", "Version 2, finalised ...": under the title. */
  label?: string | undefined;
  /** On every page, above the text (one line: keep it short). */
  runningHeader: string;
  /** A table of contents after the title (long documents: handbook, AAR/IP). */
  contents: boolean;
  parts: DocumentPart[];
  /** The language of the page numbers and the contents' heading (English unless given). */
  language?: DocumentLanguage;
}

export const plain = (text: string): Run[] => [{ text }];

export const paragraph = (text: string, tone?: 'muted'): Block => ({ type: 'paragraph', runs: plain(text), ...(tone ? { tone } : {}) });

export const heading = (level: 1 | 2 | 3, text: string): Block => ({ type: 'heading', level, text });

/** "Label: value" lines, the label bold; rows without a value are left out. */
export function facts(rows: [string, string | undefined][]): Block[] {
  return rows.flatMap(([label, value]) => (value ? [{ type: 'paragraph', runs: [{ text: `${label}: `, bold: true }, { text: value }] } satisfies Block] : []));
}

export function bullets(items: (string | Run[])[]): Block {
  return { type: 'list', ordered: false, start: 1, items: items.map((item) => [{ type: 'paragraph', runs: typeof item === 'string' ? plain(item) : item }]) };
}

/** A table of plain text cells. */
export function textTable(header: string[], rows: string[][], options: { widths?: number[]; size?: 'small' } = {}): Block {
  return { type: 'table', header: header.map(plain), rows: rows.map((row) => row.map(plain)), ...options };
}

/** The headings a table of contents lists, in order. */
export function contentsEntries(document: StartexDocument): { level: 1 | 2; text: string }[] {
  return document.parts.flatMap((part) => part.blocks.flatMap((block) => (block.type === 'heading' && block.level <= 2 ? [{ level: block.level as 1 | 2, text: block.text }] : [])));
}

/** The text of runs without emphasis (table cells, alt texts). */
export const runsText = (runs: Run[]) => runs.map((run) => run.text).join('');
