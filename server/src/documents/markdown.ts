import { lexer, type Token, type Tokens } from 'marked';
import type { Block, Run } from './model.ts';

/**
 * Markdown (inject bodies, report text) as document blocks, parsed by marked's lexer (GitHub
 * flavoured: tables, emphasis, lists). Soft line breaks join into one line; links print as their
 * text with the address after it; a heading inside the text sits below the document's own
 * (`headingLevel`), so it never enters the table of contents.
 */
export function markdownBlocks(markdown: string, headingLevel: 1 | 2 | 3 = 3): Block[] {
  return blocks(lexer(markdown), headingLevel);
}

/** One paragraph of markdown as runs (a line of a list or a table cell). */
export function markdownRuns(markdown: string): Run[] {
  const found = markdownBlocks(markdown);
  return found.flatMap((block, index) => {
    const runs = block.type === 'paragraph' ? block.runs : block.type === 'heading' ? [{ text: block.text, bold: true }] : [];
    return index > 0 && runs.length > 0 ? [{ text: ' ' }, ...runs] : runs;
  });
}

function blocks(tokens: Token[], headingLevel: 1 | 2 | 3): Block[] {
  return tokens.flatMap((token): Block[] => {
    const t = token as Tokens.Generic;
    switch (token.type) {
      case 'heading':
        return [{ type: 'heading', level: headingLevel, text: runsOf(t.tokens ?? []).map((r) => r.text).join('') }];
      case 'paragraph':
      case 'text':
        return [{ type: 'paragraph', runs: t.tokens ? runsOf(t.tokens) : [{ text: soft(t.text) }] }];
      case 'list': {
        const list = token as Tokens.List;
        return [{ type: 'list', ordered: list.ordered, start: typeof list.start === 'number' ? list.start : 1, items: list.items.map((item) => blocks(item.tokens, headingLevel)) }];
      }
      case 'table': {
        const table = token as Tokens.Table;
        return [{ type: 'table', header: table.header.map((cell) => runsOf(cell.tokens)), rows: table.rows.map((row) => row.map((cell) => runsOf(cell.tokens))) }];
      }
      case 'blockquote':
        return [{ type: 'quote', blocks: blocks((token as Tokens.Blockquote).tokens, headingLevel) }];
      case 'code':
        return [{ type: 'code', text: (token as Tokens.Code).text }];
      case 'hr':
        return [{ type: 'rule' }];
      case 'html': {
        const text = stripTags((token as Tokens.HTML).text).trim();
        return text ? [{ type: 'paragraph', runs: [{ text: soft(text) }] }] : [];
      }
      default:
        // space, def (link definitions) and unknown extensions print nothing.
        return [];
    }
  });
}

type Emphasis = Omit<Run, 'text'>;

function runsOf(tokens: Token[], emphasis: Emphasis = {}): Run[] {
  return merge(
    tokens.flatMap((token): Run[] => {
      const t = token as Tokens.Generic;
      switch (token.type) {
        case 'strong':
          return runsOf(t.tokens ?? [], { ...emphasis, bold: true });
        case 'em':
          return runsOf(t.tokens ?? [], { ...emphasis, italic: true });
        case 'del':
          return runsOf(t.tokens ?? [], emphasis);
        case 'codespan':
          return [{ ...emphasis, code: true, text: t.text }];
        case 'br':
          return [{ ...emphasis, text: '\n' }];
        case 'link': {
          const link = token as Tokens.Link;
          const text = runsOf(link.tokens, emphasis);
          const shown = text.map((r) => r.text).join('');
          const address = link.href.replace(/^mailto:/, '');
          return shown === address || shown === link.href ? text : [...text, { ...emphasis, text: ` (${address})` }];
        }
        case 'image':
          return [{ ...emphasis, text: (token as Tokens.Image).text }];
        case 'html':
          return [{ ...emphasis, text: stripTags(t.text) }];
        case 'escape':
          return [{ ...emphasis, text: t.text }];
        default:
          // text, and anything else that carries text
          return t.tokens ? runsOf(t.tokens, emphasis) : [{ ...emphasis, text: soft(t.text ?? '') }];
      }
    }),
  );
}

/** A soft line break is a space; a hard one (two spaces or a backslash at the end) comes as a 'br' token. */
const soft = (text: string) => text.replace(/[ \t]*\n[ \t]*/g, ' ');

const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');

/** Neighbouring runs with the same emphasis as one run. */
function merge(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = merged.at(-1);
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && !!last.code === !!run.code) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}
