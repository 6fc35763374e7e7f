import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioDocument } from '@startex/shared';

const REFERENCE_PROPERTIES = new Set(['id', 'action', 'decision', 'target', 'initial', 'release', 'flag', 'team', 'inject', 'objective', 'state']);

/**
 * The keys of a scenario a person must never read in a document: ids of teams, injects, actions and
 * their fields, objectives, targets, tasks, metrics and states. Only keys that cannot be ordinary
 * words (they hold "_", "." or "-"): "customs" is a key and a word.
 */
export function scenarioKeys(scenario: ScenarioDocument): string[] {
  const keys = new Set<string>();
  const walk = (value: unknown, property?: string) => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, property));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (property === 'states') keys.add(key);
        walk(child, key);
      }
    } else if (typeof value === 'string' && property && REFERENCE_PROPERTIES.has(property)) keys.add(value);
  };
  walk(scenario);
  return [...keys].filter((key) => /[_.-]/.test(key) && !/\s/.test(key));
}

/** A PDF's pages as pdftotext -layout reads them (columns kept as columns). */
export function pdfPages(bytes: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'startex-pdf-'));
  try {
    writeFileSync(join(dir, 'document.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'document.pdf'), '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** word/document.xml (and the header and footer parts) of a DOCX. */
export function docxParts(bytes: Buffer): { document: string; headers: string; footers: string } {
  const dir = mkdtempSync(join(tmpdir(), 'startex-docx-'));
  try {
    writeFileSync(join(dir, 'document.docx'), bytes);
    execFileSync('unzip', ['-q', '-o', join(dir, 'document.docx'), '-d', join(dir, 'x')]);
    const list = execFileSync('unzip', ['-Z1', join(dir, 'document.docx')], { encoding: 'utf8' }).split('\n');
    const read = (pattern: RegExp) => list.filter((f) => pattern.test(f)).map((f) => readFileSync(join(dir, 'x', f), 'utf8')).join('\n');
    return { document: read(/^word\/document\.xml$/), headers: read(/^word\/header\d*\.xml$/), footers: read(/^word\/footer\d*\.xml$/) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of WordprocessingML: paragraphs on lines, table cells separated by " | ". */
export const docxText = (xml: string) =>
  xml
    .replace(/<\/w:p><\/w:tc>/g, ' | ')
    .replace(/<\/w:p>|<\/w:tr>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

/** A PDF's text without the running header and page number lines, pages joined: words of a paragraph that crosses a page stay together. */
export const pdfBody = (bytes: Buffer, runningHeader: string) =>
  pdfPages(bytes)
    .map((page) => page.split('\n').filter((line) => !line.includes(runningHeader) && !/^\s*Page \d+ of \d+\s*$/.test(line)).join('\n'))
    .join('\n');
