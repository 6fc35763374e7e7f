import { StartexError, type LogEntry, type ScriptedResponse } from '@startex/shared';
import { checkResponse } from './analyzer/checkResponses.ts';
import type { Problem } from './analyzer/Problem.ts';
import type { CompiledScenario } from './compileScenario.ts';
import { applyInput, type Applied } from './engine/applyInput.ts';
import { initialState } from './engine/ExerciseState.ts';
import type { ExerciseInput } from './engine/inputs.ts';
import { nextTimer } from './engine/projections.ts';

export interface TimelineEvent {
  atMs: number;
  kind: 'startex' | 'inject' | 'action' | 'decision' | 'states' | 'milestone' | 'endex' | 'acknowledgement';
  /** Inject (also the one acknowledged), action, decision or milestone id; the state list for `states`. */
  ref: string;
  team?: string | undefined;
}

export interface Simulation {
  timeline: TimelineEvent[];
  released: string[];
  ended: boolean;
  /** Exercise time of the last event. */
  durationMs: number;
  /** Why the simulation stopped without EndEx, if it did. */
  stoppedBecause?: 'no-more-events' | 'step-limit' | 'time-limit' | undefined;
  /** Responses the live server would refuse (unknown action, team not allowed, bad fields): not played. */
  problems: Problem[];
}

export interface SimulateOptions {
  /** Stop after this much scenario time (default: 14 days). */
  maxMinutes?: number;
  maxSteps?: number;
  /** Where the responses sit, for problem paths (default `$.responses`, as in a --responses file). */
  responsesPath?: (string | number)[];
}

interface Pending {
  dueMs: number;
  order: number;
  response: ScriptedResponse;
}

/** The simulator's exercise: StartEx at wall time 0 at speed 1, so wall time is exercise time. */
const PLAN = { speed: 1, scenarioStartMs: 0, requireCommsCheck: false };
const SYSTEM = { kind: 'system' } as const;

/**
 * Plays a scenario headlessly, as fast as the CPU allows, with scripted responses: the exercise
 * engine the live server runs (its deciders and fold), on a virtual clock. At equal times a
 * scripted response comes before a timer, so "done by the deadline" counts as done.
 */
export function simulate(
  scenario: CompiledScenario,
  responses: readonly ScriptedResponse[],
  options: SimulateOptions = {},
): Simulation {
  const maxMs = (options.maxMinutes ?? 14 * 24 * 60) * 60_000;
  const maxSteps = options.maxSteps ?? 10_000;
  const { document } = scenario;
  const base = options.responsesPath ?? ['responses'];
  const checked = responses.map((response, i) => checkResponse(document, response, [...base, i]));
  const problems = checked.flatMap((c) => c.problems);
  // The server refuses such an action and logs nothing, so it is not played.
  const refused = new Set(responses.filter((_, i) => checked[i]!.refused));
  const timeline: TimelineEvent[] = [];
  const released: string[] = [];
  const pending: Pending[] = [];
  let order = 0;
  let state = initialState(scenario);

  const trigger = (atMs: number, matches: (r: ScriptedResponse) => boolean) => {
    for (const response of responses) {
      if (matches(response) && !refused.has(response)) pending.push({ dueMs: atMs + response.delayMinutes * 60_000, order: order++, response });
    }
  };
  /** Plays an input at `atMs`; false when the engine refuses it (as the console would not offer it). */
  const play = (input: ExerciseInput, atMs: number): boolean => {
    let applied: Applied;
    try {
      applied = applyInput(state, input, { exerciseId: 'simulation', actor: SYSTEM, wallTime: atMs, plan: PLAN });
    } catch (error) {
      if (error instanceof StartexError) return false;
      throw error;
    }
    if (applied.kind !== 'commit') return false;
    state = applied.state;
    for (const entry of applied.entries) record(entry);
    return true;
  };
  const record = (entry: LogEntry) => {
    const atMs = entry.exerciseTimeMs;
    switch (entry.type) {
      case 'exercise.started':
        timeline.push({ atMs, kind: 'startex', ref: 'StartEx' });
        trigger(atMs, (r) => 'startex' in r.after);
        return;
      case 'state.entered':
        timeline.push({ atMs, kind: 'states', ref: entry.states.join(', ') });
        return;
      case 'milestone.reached':
        timeline.push({ atMs, kind: 'milestone', ref: entry.milestone });
        return;
      case 'inject.released':
        released.push(entry.inject.id);
        timeline.push({ atMs, kind: 'inject', ref: entry.inject.id });
        trigger(atMs, (r) => 'inject' in r.after && r.after.inject === entry.inject.id);
        return;
      case 'decision.made':
        timeline.push({ atMs, kind: 'decision', ref: entry.decision });
        return;
      case 'action.taken':
        timeline.push({ atMs, kind: 'action', ref: entry.actionId, team: entry.teamId });
        return;
      case 'inject.acknowledged':
        timeline.push({ atMs, kind: 'acknowledgement', ref: entry.injectId, team: entry.teamId });
        return;
      case 'exercise.ended':
        timeline.push({ atMs, kind: 'endex', ref: 'EndEx' });
        return;
      default:
        return;
    }
  };

  play({ type: 'command', command: { type: 'ready' } }, 0);
  play({ type: 'command', command: { type: 'start' } }, 0);
  let now = 0;
  let stoppedBecause: Simulation['stoppedBecause'];

  for (let steps = 0; state.status === 'live'; steps++) {
    if (steps >= maxSteps) {
      stoppedBecause = 'step-limit';
      break;
    }
    pending.sort((a, b) => a.dueMs - b.dueMs || a.order - b.order);
    const timer = nextTimer(state);
    const scripted = pending[0];
    let input: ExerciseInput;
    if (scripted && (!timer || scripted.dueMs <= timer.dueMs)) {
      pending.shift();
      now = scripted.dueMs;
      const r = scripted.response;
      // The console only offers the decisions of the active states, and a tablet acknowledges only what it was sent: the
      // server refuses others, and so does the engine here.
      if ('acknowledge' in r) input = { type: 'receipt', receipt: 'inject.acknowledged', teamId: r.team, injectId: r.acknowledge };
      else if ('decision' in r) input = { type: 'command', command: { type: 'decide', decision: r.decision } };
      else input = { type: 'action', teamId: r.team, action: { actionId: r.action, fields: r.fields, idempotencyKey: `simulated-${scripted.order}` } };
    } else if (timer) {
      now = timer.dueMs;
      input = { type: 'timer' };
    } else {
      stoppedBecause = 'no-more-events';
      break;
    }
    if (now > maxMs) {
      stoppedBecause = 'time-limit';
      break;
    }
    play(input, now);
  }
  return { timeline, released, ended: state.status === 'ended', durationMs: now, stoppedBecause, problems };
}
