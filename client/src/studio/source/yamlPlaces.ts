import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import type { DocPath } from '../document/studioDocument.ts';

/**
 * Where a path of the document is in its YAML text (for a problem's link into Source), as the
 * character range of the value there, or of the nearest part of it that exists.
 */
export function rangeOfPath(text: string, path: DocPath): { from: number; to: number } | undefined {
  const document = parseDocument(text, { keepSourceTokens: false });
  let node: unknown = document.contents;
  let found: Node | undefined = document.contents ?? undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      node = pair.value;
      found = (pair.key as Node | null) ?? found;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (!node) break;
      found = node as Node;
    } else break;
  }
  const range = found?.range;
  return range ? { from: range[0], to: range[1] } : undefined;
}

/**
 * The document path at a position of YAML text, read from indentation (the text is often
 * unfinished while someone types, so it is not parsed): list items count as `'*'`.
 */
export function keyPathAt(text: string, offset: number): { path: string[]; atKey: boolean; key?: string | undefined } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  const current = lines.at(-1) ?? '';
  const keyMatch = /^(\s*)(- )?([\w-]*)$/.exec(current);
  const valueMatch = /^(\s*)(- )?([\w-]+):\s*(\S*)$/.exec(current);
  const indentOf = (line: string) => {
    const m = /^(\s*)(- )?/.exec(line)!;
    return m[1]!.length + (m[2] ? 2 : 0);
  };
  let indent = keyMatch ? keyMatch[1]!.length + (keyMatch[2] ? 2 : 0) : valueMatch ? indentOf(current) : indentOf(current);
  const path: string[] = [];
  if ((keyMatch?.[2] ?? valueMatch?.[2]) !== undefined) path.unshift('*');
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const line = lines[i]!;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const lineIndent = indentOf(line);
    const m = /^(\s*)(- )?([\w-]+):\s*$/.exec(line) ?? /^(\s*)(- )?([\w-]+):/.exec(line);
    const dash = /^(\s*)- /.exec(line);
    if (lineIndent < indent && m) {
      path.unshift(m[3]!);
      if (m[2]) path.unshift('*');
      indent = m[1]!.length;
    } else if (dash && dash[1]!.length < indent) {
      path.unshift('*');
      indent = dash[1]!.length;
    }
  }
  if (valueMatch && !keyMatch) return { path: [...path, valueMatch[3]!], atKey: false, key: valueMatch[3] };
  return { path, atKey: true };
}
