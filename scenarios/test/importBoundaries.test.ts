import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of eslint.config.js, as `pnpm lint` applies them: code placed in each
 * folder, linted with the workspace's own configuration, is refused where it imports across the
 * layout (the engine from the server, the client or I/O; the protocol from anything of ours).
 */
const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  it('keeps the engine pure: nothing from the server, the client, the file system or the scenario library', async () => {
    for (const source of ["'../../../server/src/runtime/ExerciseHost.ts'", "'@startex/server'", "'../../../client/src/lib/api.ts'", "'node:fs'", "'yaml'", "'../library/index.ts'"]) {
      expect(await refusals('scenarios/src/engine/probe.ts', `import * as x from ${source};\nexport const y = x;\n`), source).toEqual([
        expect.stringMatching(/^no-restricted-imports: /),
      ]);
    }
    expect(await refusals('scenarios/src/engine/probe.ts', "import { z } from 'zod';\nimport type { LogEntry } from '@startex/shared';\nimport { advanceRun } from '../ScenarioRun.ts';\nexport const y: [typeof z, LogEntry | undefined, typeof advanceRun] = [z, undefined, advanceRun];\n")).toEqual([]);
  });

  it('keeps the protocol free of our other packages and of Node, the client free of the server, the server free of the client', async () => {
    expect(await refusals('shared/src/probe.ts', "import { LIBRARY } from '@startex/scenarios';\nexport const y = LIBRARY;\n")).toHaveLength(1);
    expect(await refusals('shared/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
    expect(await refusals('client/src/probe.ts', "import { buildApp } from '../../server/src/app.ts';\nexport const y = buildApp;\n")).toHaveLength(1);
    expect(await refusals('server/src/probe.ts', "import { api } from '../../client/src/lib/api.ts';\nexport const y = api;\n")).toHaveLength(1);
    expect(await refusals('client/src/probe.ts', "import { allows } from '@startex/scenarios/engine';\nexport const y = allows;\n")).toEqual([]);
  });

  it('refuses a catch that drops its error, and a disable comment that disables nothing', async () => {
    expect(await refusals('server/src/probe.ts', 'export const y = Promise.resolve().catch(() => {});\n')).toEqual([expect.stringMatching(/^no-restricted-syntax: A \.catch that drops the error/)]);
    expect(await refusals('server/src/probe.ts', 'export const y = Promise.resolve().catch(() => undefined);\n')).toHaveLength(1);
    expect(await refusals('server/src/probe.ts', '// eslint-disable-next-line no-console\nexport const y = 1;\n')).toEqual([expect.stringMatching(/Unused eslint-disable directive/)]);
  });
});
