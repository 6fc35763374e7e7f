import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintScenarioText } from '../src/analyzer/lintScenario.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { enumeratePaths } from '../src/explore.ts';
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

  it('is written in the timeline form, and its MSEL planned times come from the compiled machine', () => {
    const { parsed } = lintScenarioText(example, 'yaml');
    if (!parsed.ok) throw new Error('does not parse');
    expect(parsed.document.machine).toEqual({});
    expect(parsed.document.timeline.map((row) => row.id)).toEqual(['pager_alarm', 'regulator_chaser', 'regulator_reply']);
    const planned = compileScenario(parsed.document).document.injects.map((i) => `${i.number} ${i.id} ${i.scenarioTime} ${i.from}`);
    expect(planned).toEqual([
      "1 pager_alarm Day 1 14:05 Guard's personal radiation pager",
      '2 regulator_chaser Day 1 14:15 Regulator duty officer',
      '3 regulator_reply Day 1 14:11 Regulator duty officer',
    ]);
  });

  it('has three play paths, each with its fastest and slowest time to EndEx', () => {
    const { parsed } = lintScenarioText(example, 'yaml');
    if (!parsed.ok) throw new Error('does not parse');
    const { paths, truncated } = enumeratePaths(compileScenario(parsed.document));
    expect(truncated).toBe(false);
    expect(paths.map(({ released, responses, patient, minMinutes, maxMinutes, ended }) => ({ released, responses, patient, minMinutes, maxMinutes, ended }))).toEqual([
      // Nobody calls: the chaser at 5 + 10, EndEx at 5 + 60.
      { released: ['pager_alarm', 'regulator_chaser'], responses: [], patient: false, minMinutes: 65, maxMinutes: 65, ended: true },
      // A call at once (5) or just before the chaser (15), then 15 minutes to EndEx.
      { released: ['pager_alarm', 'regulator_reply'], responses: ['depot: call_regulator'], patient: false, minMinutes: 20, maxMinutes: 30, ended: true },
      // A call after the chaser (15) or just before the 60-minute EndEx (65), then 15 minutes.
      { released: ['pager_alarm', 'regulator_chaser', 'regulator_reply'], responses: ['depot: call_regulator'], patient: true, minMinutes: 30, maxMinutes: 80, ended: true },
    ]);
  });
});
