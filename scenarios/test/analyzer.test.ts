import { describe, expect, it } from 'vitest';
import { ScenarioDocument } from '@startex/shared';
import { lintDocument, lintScenarioText } from '../src/analyzer/lintScenario.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { enumeratePaths } from '../src/explore.ts';
import { LIBRARY } from '../src/library/index.ts';
import { ScenarioRun } from '../src/ScenarioRun.ts';
import { simulate } from '../src/simulate.ts';
import { BROKEN_SCENARIOS } from './brokenScenarios.ts';

describe('analyzer on the broken corpus', () => {
  it.each(BROKEN_SCENARIOS)('$name: reports $expect.rule at $expect.path', ({ text, format, expect: wanted }) => {
    const { problems } = lintScenarioText(text, format);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.rule} ${p.path}`)).toContain(`${wanted.rule} ${wanted.path}`);
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(20);
  });

  it('covers every analyzer rule with at least one broken document', () => {
    const covered = new Set(BROKEN_SCENARIOS.map((b) => b.expect.rule));
    for (const rule of [
      'malformed', 'schema', 'schema-version', 'too-large', 'too-deep', 'duplicate-id', 'unknown-reference', 'action-team',
      'unreachable-state', 'no-way-out', 'never-ends', 'inject-never-released', 'contingency-never-triggered',
      'task-not-exercised', 'objective-not-exercised', 'metric-impossible', 'no-endex', 'final-has-exits',
    ]) {
      expect(covered, rule).toContain(rule);
    }
  });

  it('says how to fix a misspelt reference', () => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === 'unknown team')!;
    const { problems } = lintScenarioText(broken.text, broken.format);
    expect(problems).toContainEqual({ severity: 'error', rule: 'unknown-reference', path: '$.injects[0].to[0]', message: 'Unknown team "custom". Did you mean "customs"?' });
  });

  it('warns about a condition on a flag nothing sets', () => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === 'contingency inject whose trigger never occurs')!;
    const { problems } = lintScenarioText(broken.text, broken.format);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'flag-never-set', path: '$.machine.states.alarm.after[2].when' }));
  });
});

describe('parallel regions', () => {
  it('counts an atomic region of a parallel state as entered, and as left with its siblings (bug: reported unreachable)', () => {
    const document = ScenarioDocument.parse({
      ...LIBRARY.demo!,
      id: 'regions',
      machine: {
        initial: 'play',
        states: {
          play: {
            type: 'parallel',
            states: {
              ops: {
                entry: [{ release: 'portal_alarm' }],
                after: [{ minutes: 20, target: 'endex', effects: [{ release: 'supervisor_chaser' }] }],
                on: [{ action: 'report_alarm', target: 'endex', effects: [{ release: 'supervisor_reply' }] }],
              },
              watch: {},
            },
          },
          endex: { type: 'final' },
        },
      },
    });
    const run = new ScenarioRun(compileScenario(document));
    expect(run.start(0).states).toEqual(['play.ops', 'play.watch']);
    expect(lintDocument(document)).toEqual([]);
  });
});

describe('the built-in library', () => {
  it.each(Object.keys(LIBRARY))('%s lints without errors or warnings', (id) => {
    expect(lintDocument(LIBRARY[id]!)).toEqual([]);
  });

  it.each(Object.keys(LIBRARY))('%s: every play path, replayed in the engine, ends in EndEx', (id) => {
    const scenario = compileScenario(LIBRARY[id]!);
    const { paths, truncated } = enumeratePaths(scenario);
    expect(truncated).toBe(false);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const run = new ScenarioRun(scenario);
      const released = [...run.start(0).released];
      let now = 0;
      for (const input of path.inputs) {
        if (input.type === 'timer') now = run.pendingTimers.get(input.timer) ?? now;
        released.push(...run.advance(input, now).released);
      }
      expect(run.ended).toBe(true);
      expect(released).toEqual(path.released);
    }
  });

  it.each(Object.keys(LIBRARY))('%s: its default responses play through to EndEx', (id) => {
    const document = LIBRARY[id]!;
    const result = simulate(compileScenario(document), document.defaultResponses);
    expect(result.ended).toBe(true);
  });
});
