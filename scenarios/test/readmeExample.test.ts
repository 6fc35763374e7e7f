import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintScenarioText } from '../src/analyzer/lintScenario.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { simulate } from '../src/simulate.ts';

const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
const example = /## A worked example to copy[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;

describe('the worked example in scenarios/README.md', () => {
  it('lints clean and plays to EndEx with its default responses', () => {
    const { parsed, problems } = lintScenarioText(example, 'yaml');
    expect(problems).toEqual([]);
    if (!parsed.ok) throw new Error('does not parse');
    const result = simulate(compileScenario(parsed.document), parsed.document.defaultResponses);
    expect(result.released).toEqual(['pager_alarm', 'regulator_reply']);
    expect(result).toMatchObject({ ended: true, durationMs: (5 + 6 + 15) * 60_000 });
  });

  it('releases the contingency call when nobody calls the regulator', () => {
    const { parsed } = lintScenarioText(example, 'yaml');
    if (!parsed.ok) throw new Error('does not parse');
    const result = simulate(compileScenario(parsed.document), []);
    expect(result.released).toEqual(['pager_alarm', 'regulator_chaser']);
    expect(result).toMatchObject({ ended: true, durationMs: (5 + 60) * 60_000 });
  });
});
