import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLibrary } from './loadLibrary.ts';

const folder = mkdtempSync(join(tmpdir(), 'startex-library-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('loadLibrary', () => {
  it('lists every scenario at once but parses each only when first used, once, and names a broken file when it is', () => {
    copyFileSync(fileURLToPath(new URL('demo.yaml', import.meta.url)), join(folder, 'demo.yaml'));
    writeFileSync(join(folder, 'broken.yaml'), 'schemaVersion: 2\nid: broken\n');
    const library = loadLibrary(folder);
    expect(Object.keys(library)).toEqual(['broken', 'demo']);
    expect('broken' in library).toBe(true);
    const demo = library.demo!;
    expect(demo.id).toBe('demo');
    expect(library.demo).toBe(demo);
    expect(() => library.broken).toThrow(/^Library scenario broken\.yaml does not parse/);
  });
});
