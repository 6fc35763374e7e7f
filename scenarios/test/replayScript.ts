import type { ScenarioDocument } from '@startex/shared';
import { compileScenario } from '../src/compileScenario.ts';
import { ScenarioRun, type Step } from '../src/ScenarioRun.ts';

/** One scripted input at a scenario minute: before the timers due then, or after them. */
export type ScriptedInput = { atMinutes: number; order: 'before-timers' | 'after-timers' } & (
  | { team: string; action: string; fields: Record<string, string | number | boolean> }
  | { decision: string }
);

export interface ReplayOutcome {
  /** "minutes inject" in release order. */
  released: string[];
  milestones: string[];
  endedAtMinutes: number | null;
}

const minutes = (ms: number) => Math.round((ms / 60_000) * 1000) / 1000;

/**
 * Plays a document with inputs at fixed scenario minutes, timers firing at their due time in
 * between: the way the library's plays are compared across the move from TypeScript to YAML.
 */
export function replayScript(document: ScenarioDocument, script: readonly ScriptedInput[]): ReplayOutcome {
  const run = new ScenarioRun(compileScenario(document));
  const outcome: ReplayOutcome = { released: [], milestones: [], endedAtMinutes: null };
  let now = 0;
  const record = (step: Step) => {
    outcome.released.push(...step.released.map((r) => `${minutes(now)} ${r}`));
    outcome.milestones.push(...step.milestones.map((m) => `${minutes(now)} ${m}`));
    if (step.ended && outcome.endedAtMinutes === null) outcome.endedAtMinutes = minutes(now);
  };
  const fireUntil = (limitMs: number, inclusive: boolean) => {
    for (let next = run.nextTimer(); next && !run.ended && (inclusive ? next.dueMs <= limitMs : next.dueMs < limitMs); next = run.nextTimer()) {
      now = next.dueMs;
      record(run.timerFired(next.timer, now));
    }
  };
  record(run.start(0));
  for (const input of script) {
    const atMs = Math.round(input.atMinutes * 60_000);
    fireUntil(atMs, input.order === 'after-timers');
    if (run.ended) break;
    now = atMs;
    record('decision' in input ? run.decisionMade(input.decision, now) : run.actionTaken(input.team, input.action, input.fields, now));
  }
  fireUntil(Number.POSITIVE_INFINITY, true);
  return outcome;
}
