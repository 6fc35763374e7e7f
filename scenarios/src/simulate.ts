import type { ScriptedResponse } from '@startex/shared';
import { checkResponse } from './analyzer/checkResponses.ts';
import type { Problem } from './analyzer/Problem.ts';
import type { CompiledScenario } from './compileStatechart.ts';
import { openDecisions } from './explore.ts';
import { advanceRun, nextTimer, startRun, type RunInput, type RunState, type Step } from './ScenarioRun.ts';

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

/**
 * Plays a scenario headlessly, as fast as the CPU allows, with scripted responses: the same
 * engine the live server runs, on a virtual clock. At equal times a scripted response comes
 * before a timer, so "done by the deadline" counts as done.
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

  const trigger = (atMs: number, matches: (r: ScriptedResponse) => boolean) => {
    for (const response of responses) {
      if (matches(response) && !refused.has(response)) pending.push({ dueMs: atMs + response.delayMinutes * 60_000, order: order++, response });
    }
  };
  const record = (atMs: number, step: Step) => {
    if (step.statesChanged) timeline.push({ atMs, kind: 'states', ref: step.states.join(', ') });
    for (const milestone of step.milestones) timeline.push({ atMs, kind: 'milestone', ref: milestone });
    for (const inject of step.released) {
      released.push(inject);
      timeline.push({ atMs, kind: 'inject', ref: inject });
      trigger(atMs, (r) => 'inject' in r.after && r.after.inject === inject);
    }
    if (step.ended) timeline.push({ atMs, kind: 'endex', ref: 'EndEx' });
  };

  timeline.push({ atMs: 0, kind: 'startex', ref: 'StartEx' });
  let { state, step } = startRun(scenario, 0);
  trigger(0, (r) => 'startex' in r.after);
  record(0, step);
  let now = 0;
  let stoppedBecause: Simulation['stoppedBecause'];

  for (let steps = 0; !step.ended; steps++) {
    if (steps >= maxSteps) {
      stoppedBecause = 'step-limit';
      break;
    }
    pending.sort((a, b) => a.dueMs - b.dueMs || a.order - b.order);
    const timer = nextTimer(state);
    const scripted = pending[0];
    let input: RunInput;
    if (scripted && (!timer || scripted.dueMs <= timer.dueMs)) {
      pending.shift();
      now = scripted.dueMs;
      const r = scripted.response;
      if ('acknowledge' in r) {
        // The server refuses an acknowledgement of an inject not released yet.
        if (!released.includes(r.acknowledge)) continue;
        input = { type: 'acknowledgement', teamId: r.team, injectId: r.acknowledge };
        timeline.push({ atMs: now, kind: 'acknowledgement', ref: r.acknowledge, team: r.team });
      } else if ('decision' in r) {
        // The console only offers the decisions of the active states; the server refuses others.
        if (!openDecisions(document, state.states).some((d) => d.decision === r.decision)) continue;
        input = { type: 'decision', decision: r.decision };
        timeline.push({ atMs: now, kind: 'decision', ref: r.decision });
      } else {
        input = { type: 'action', teamId: r.team, actionId: r.action, fields: r.fields };
        timeline.push({ atMs: now, kind: 'action', ref: r.action, team: r.team });
      }
    } else if (timer) {
      now = timer.dueMs;
      input = { type: 'timer', timer: timer.timer };
    } else {
      stoppedBecause = 'no-more-events';
      break;
    }
    if (now > maxMs) {
      stoppedBecause = 'time-limit';
      break;
    }
    ({ state, step } = advanceRun(scenario, state, input, now));
    record(now, step);
  }
  return { timeline, released, ended: step.ended, durationMs: now, stoppedBecause, problems };
}

export type { RunState };
