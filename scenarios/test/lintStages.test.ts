import { describe, expect, it } from 'vitest';
import { lintDocument } from '../src/analyzer/lintScenario.ts';
import { parseScenarioText } from '../src/analyzer/parseScenario.ts';
import { hasErrors, type Problem } from '../src/analyzer/Problem.ts';
import { LIBRARY } from '../src/library/index.ts';
import { BROKEN_SCENARIOS } from './brokenScenarios.ts';

/**
 * The analyzer's two stages (the studio shows the first as the author types, the second after):
 * `rules` explores no play; `full` adds what exploring finds, and nothing else.
 */
const seen = (problems: Problem[]) => problems.map((p) => `${p.severity} ${p.rule} ${p.path}`);

const parsedCorpus = BROKEN_SCENARIOS.flatMap((broken) => {
  const parsed = parseScenarioText(broken.text, broken.format);
  return parsed.ok ? [{ ...broken, document: parsed.document }] : [];
});

describe('the analyzer in two stages', () => {
  it('finds with its rules alone every problem of a broken document that has an error the rules see', () => {
    const ruleErrors = parsedCorpus.filter(({ document }) => hasErrors(lintDocument(document, {}, 'rules')));
    expect(ruleErrors.length).toBeGreaterThan(20);
    for (const { name, document } of ruleErrors) expect(lintDocument(document, {}, 'rules'), name).toEqual(lintDocument(document));
  });

  it.each(['unreachable state', 'parallel regions cycling on timers that never line up', 'timeline row after EndEx', 'condition deadline after EndEx'])(
    '%s: the rules pass it, exploring play finds it',
    (name) => {
      const { document, expect: wanted } = parsedCorpus.find((b) => b.name === name)!;
      const rules = lintDocument(document, {}, 'rules');
      expect(hasErrors(rules)).toBe(false);
      expect(seen(rules)).not.toContain(`error ${wanted.rule} ${wanted.path}`);
      expect(seen(lintDocument(document))).toContain(`error ${wanted.rule} ${wanted.path}`);
    },
  );

  it.each(Object.keys(LIBRARY))('library scenario %s: the rules find nothing the full analysis does not', (id) => {
    const full = lintDocument(LIBRARY[id]!);
    const rules = lintDocument(LIBRARY[id]!, {}, 'rules');
    for (const problem of seen(rules)) expect(seen(full)).toContain(problem);
  });
});
