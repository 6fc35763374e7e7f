import type { DryRun, DryRunEvent } from '@startex/shared';
import { compileScenario, simulate } from '@startex/scenarios';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';
import { exerciseSettings, plannedStartWallTime } from './settings.ts';

/**
 * Plays the exercise's pinned scenario headlessly with its default responses, on a virtual clock
 * (the engine the live host runs): a pure computation, so the exercise's log is never touched.
 */
export function dryRun(record: ExerciseRecord): DryRun {
  const settings = exerciseSettings(record);
  const { scenario } = record;
  const simulation = simulate(compileScenario(scenario), scenario.defaultResponses);
  const start = plannedStartWallTime(settings);
  const decisionLabels = new Map<string, string>();
  collectDecisionLabels(scenario.machine, decisionLabels);
  const timeline: DryRunEvent[] = simulation.timeline.map((event) => {
    const inject = event.kind === 'inject' ? scenario.injects.find((i) => i.id === event.ref) : undefined;
    return {
      kind: event.kind,
      exerciseTimeMs: event.atMs,
      scenarioTimeMs: settings.scenarioStartMs + event.atMs,
      ...(start !== undefined ? { wallTime: start + Math.round(event.atMs / settings.speed) } : {}),
      ref: event.ref,
      ...(event.team ? { team: event.team } : {}),
      ...(inject ? { inject: { number: inject.number, subject: inject.subject, to: inject.to, kind: inject.kind, channel: inject.channel } } : {}),
      ...(event.kind === 'decision' && decisionLabels.has(event.ref) ? { label: decisionLabels.get(event.ref)! } : {}),
    };
  });
  const released = new Set(simulation.released);
  return {
    timeline,
    releasedInjects: simulation.released,
    notReleased: scenario.injects.filter((i) => !released.has(i.id)).map((i) => i.id),
    decisions: simulation.timeline.filter((e) => e.kind === 'decision').map((e) => e.ref),
    ended: simulation.ended,
    durationMs: simulation.durationMs,
    ...(simulation.stoppedBecause ? { stoppedBecause: simulation.stoppedBecause } : {}),
    speed: settings.speed,
    wallDurationMs: Math.round(simulation.durationMs / settings.speed),
  };
}

type MachineState = ExerciseRecord['scenario']['machine'];

function collectDecisionLabels(state: MachineState, into: Map<string, string>): void {
  for (const d of state.decisions ?? []) into.set(d.decision, d.label);
  for (const child of Object.values(state.states ?? {})) collectDecisionLabels(child, into);
}
