import { keyAsWords, stateTitles, type DryRun, type DryRunEvent, type ScenarioDocument } from '@startex/shared';
import { compileScenario, phaseOf, simulate, type TimelineEvent } from '@startex/scenarios';
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
  const label = eventLabels(scenario);
  const timeline: DryRunEvent[] = phaseChanges(simulation.timeline, label).map((event) => {
    const inject = event.kind === 'inject' ? scenario.injects.find((i) => i.id === event.ref) : undefined;
    return {
      kind: event.kind,
      exerciseTimeMs: event.atMs,
      scenarioTimeMs: settings.scenarioStartMs + event.atMs,
      ...(start !== undefined ? { wallTime: start + Math.round(event.atMs / settings.speed) } : {}),
      ref: event.ref,
      ...(event.team ? { team: event.team } : {}),
      ...(inject ? { inject: { number: inject.number, subject: inject.subject, to: inject.to, kind: inject.kind, channel: inject.channel } } : {}),
      ...(label(event) !== undefined ? { label: label(event)! } : {}),
    };
  });
  const released = new Set(simulation.released);
  return {
    timeline,
    releasedInjects: simulation.released,
    notReleased: scenario.injects.filter((i) => !released.has(i.id)).map((i) => ({ id: i.id, number: i.number, subject: i.subject })),
    decisions: simulation.timeline.filter((e) => e.kind === 'decision').map((e) => e.ref),
    ended: simulation.ended,
    durationMs: simulation.durationMs,
    ...(simulation.stoppedBecause ? { stoppedBecause: simulation.stoppedBecause } : {}),
    speed: settings.speed,
    wallDurationMs: Math.round(simulation.durationMs / settings.speed),
  };
}

/**
 * The timeline without the steps that leave the phase as it was (a timeline's decision or moment
 * region moved): where play waits is where the phase people follow changes, as on the wall display.
 */
function phaseChanges(timeline: readonly TimelineEvent[], label: (event: TimelineEvent) => string | undefined): TimelineEvent[] {
  let phase: string | undefined;
  return timeline.filter((event) => {
    if (event.kind !== 'states') return true;
    const now = label(event);
    const changed = now !== phase;
    phase = now;
    return changed;
  });
}

/** The words for an event's ref, so that the dry run shows no key: phases as people follow them (phaseOf), actions by label, injects by number and subject. */
function eventLabels(scenario: ScenarioDocument): (event: TimelineEvent) => string | undefined {
  const decisions = new Map<string, string>();
  collectDecisionLabels(scenario.machine, decisions);
  const titles = stateTitles(scenario);
  const actions = new Map(scenario.actions.map((a) => [a.id, a.label]));
  const injects = new Map(scenario.injects.map((i) => [i.id, `#${i.number} ${i.subject}`]));
  return (event) => {
    switch (event.kind) {
      case 'decision':
        return decisions.get(event.ref);
      case 'states':
        return phaseOf(event.ref.split(', '), titles);
      case 'action':
        return actions.get(event.ref) ?? keyAsWords(event.ref);
      case 'acknowledgement':
        return injects.get(event.ref) ?? keyAsWords(event.ref);
      case 'milestone':
        return keyAsWords(event.ref);
      case 'startex':
      case 'inject':
      case 'endex':
        return undefined;
      default: {
        const exhaustive: never = event.kind;
        return exhaustive;
      }
    }
  };
}

type MachineState = ExerciseRecord['scenario']['machine'];

function collectDecisionLabels(state: MachineState, into: Map<string, string>): void {
  for (const d of state.decisions ?? []) into.set(d.decision, d.label);
  for (const child of Object.values(state.states ?? {})) collectDecisionLabels(child, into);
}
