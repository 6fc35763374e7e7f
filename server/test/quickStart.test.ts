import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(root + path, 'utf8');

/** The commands of the README's `## Quick start` sh blocks, comments and blank lines left out. */
function quickStartBlocks(): string[][] {
  const section = read('README.md').split(/^## /m).find((s) => s.startsWith('Quick start'));
  if (!section) return [];
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#')));
}

describe('the README quick start', () => {
  it('has exactly two sh blocks: start on the embedded database honouring PORT, then install and test', () => {
    const blocks = quickStartBlocks();
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.join(' ')).toMatch(/PORT=.*pnpm@10\.\d+\.\d+ start/);
    expect(blocks[1]!.join(' ')).toMatch(/pnpm@10\.\d+\.\d+ install && .*pnpm@10\.\d+\.\d+ test$/);
  });

  it('is what CI runs, literally', () => {
    const testCommand = quickStartBlocks()[1]!.at(-1)!;
    const ciCommands = read('.ci/run').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(ciCommands).toContain(testCommand);
  });
});
