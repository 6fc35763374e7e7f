import { describe, expect, it } from 'vitest';
import { markdownBlocks, markdownRuns } from './markdown.ts';

describe('markdown as document blocks', () => {
  it('joins soft line breaks, keeps emphasis as runs and prints links as their text and address', () => {
    expect(markdownBlocks('Hold the **truck**\nand *wait* for [reachback](https://nssc.example.lt).')).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'Hold the ' },
          { text: 'truck', bold: true },
          { text: ' and ' },
          { text: 'wait', italic: true },
          { text: ' for reachback (https://nssc.example.lt).' },
        ],
      },
    ]);
    expect(markdownRuns('Line one  \nline two, `SPC_0420.n42`')).toEqual([{ text: 'Line one\nline two, ' }, { text: 'SPC_0420.n42', code: true }]);
  });

  it('makes tables, nested lists and headings below the document\'s own, never marks', () => {
    const blocks = markdownBlocks(['# Result', '', '| Nuclide | Confidence |', '|---|:-:|', '| **Cs-137** | medium |', '', '1. Hold', '   - re-scan', '2. Report'].join('\n'), 3);
    expect(blocks).toEqual([
      { type: 'heading', level: 3, text: 'Result' },
      { type: 'table', header: [[{ text: 'Nuclide' }], [{ text: 'Confidence' }]], rows: [[[{ text: 'Cs-137', bold: true }], [{ text: 'medium' }]]] },
      {
        type: 'list',
        ordered: true,
        start: 1,
        items: [
          [{ type: 'paragraph', runs: [{ text: 'Hold' }] }, { type: 'list', ordered: false, start: 1, items: [[{ type: 'paragraph', runs: [{ text: 're-scan' }] }]] }],
          [{ type: 'paragraph', runs: [{ text: 'Report' }] }],
        ],
      },
    ]);
    expect(JSON.stringify(blocks)).not.toMatch(/\||\*\*|^- /);
  });

  it('prints the text of HTML, not its tags', () => {
    expect(markdownBlocks('<b>Alarm</b> on lane <i>3</i>')).toEqual([{ type: 'paragraph', runs: [{ text: 'Alarm on lane 3' }] }]);
  });
});
