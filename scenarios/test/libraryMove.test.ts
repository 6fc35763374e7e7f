import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioDocument } from '@startex/shared';
import { compileScenario } from '../src/compileScenario.ts';
import { LIBRARY } from '../src/library/index.ts';
import { simulate } from '../src/simulate.ts';
import { replayScript, type ReplayOutcome, type ScriptedInput } from './replayScript.ts';

/**
 * Recorded from the TypeScript library before it moved to YAML files in the timeline form
 * (commit ccf5b32): for each scenario, the releases of its default responses, and of every play
 * path's responses given at once and as late as the timers allow.
 */
const baseline = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/libraryBaseline.json'), 'utf8')) as Record<
  string,
  { defaults: ReplayOutcome; plays: (ReplayOutcome & { script: ScriptedInput[] })[] }
>;
const minutes = (ms: number) => Math.round((ms / 60_000) * 1000) / 1000;

describe('the library in YAML plays as the TypeScript library did', () => {
  it('has the same scenarios', () => {
    expect(Object.keys(LIBRARY).sort()).toEqual(Object.keys(baseline).sort());
  });

  it.each(Object.keys(baseline))('%s: its default responses release the same injects at the same minutes, and end at the same time', (id) => {
    const document = LIBRARY[id]!;
    const simulation = simulate(compileScenario(document), document.defaultResponses);
    expect(simulation.timeline.filter((e) => e.kind === 'inject').map((e) => `${minutes(e.atMs)} ${e.ref}`)).toEqual(baseline[id]!.defaults.released);
    expect(simulation.ended ? minutes(simulation.durationMs) : null).toBe(baseline[id]!.defaults.endedAtMinutes);
  });

  it.each(Object.keys(baseline))('%s: every recorded play releases the same injects at the same minutes and ends at the same time', (id) => {
    const { plays } = baseline[id]!;
    expect(plays.length).toBeGreaterThan(3);
    for (const play of plays) {
      const outcome = replayScript(LIBRARY[id]!, play.script);
      expect({ script: play.script, released: outcome.released, endedAtMinutes: outcome.endedAtMinutes }).toEqual({
        script: play.script,
        released: play.released,
        endedAtMinutes: play.endedAtMinutes,
      });
    }
  });
});

describe('an exercise pinned with a v2 document', () => {
  // The TypeScript outline A as v2 stored it (flags set in the root entry), read the way the
  // store reads a pinned scenario: migrated to v3 on the way in.
  const v2 = JSON.parse(readFileSync(join(import.meta.dirname, '../../shared/test/fixtures/insider.v2.json'), 'utf8'));
  const migrated = ScenarioDocument.parse(v2);

  it('keeps its states and timer keys, so the timer entries of its old log still name them', () => {
    expect(compileScenario(migrated).document.machine.states).toEqual(ScenarioDocument.parse({ ...v2, machine: { ...v2.machine, entry: [] } }).machine.states);
    expect([...compileScenario(migrated).timers.keys()]).toContain('seal_discrepancy.after.1');
  });

  it('plays every recorded play of outline A exactly as before', () => {
    for (const play of baseline['prevention-insider']!.plays) {
      const outcome = replayScript(migrated, play.script);
      expect({ released: outcome.released, milestones: outcome.milestones, endedAtMinutes: outcome.endedAtMinutes }).toEqual({
        released: play.released,
        milestones: play.milestones,
        endedAtMinutes: play.endedAtMinutes,
      });
    }
  });
});

