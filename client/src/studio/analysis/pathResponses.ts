import type { ScriptedResponse } from '@startex/shared';
import { advanceRun, startRun, type RunInput } from '@startex/scenarios/browser';
import type { compileScenario } from '@startex/scenarios/browser';

/**
 * A path of play (what `paths` found) as scripted responses, so the simulator can draw it as a
 * timeline: the path's actions and decisions at the minute they happen when players answer at
 * once. Acknowledgements have no scripted form; a path that turns on one is drawn without it.
 */
export function pathResponses(scenario: ReturnType<typeof compileScenario>, inputs: readonly RunInput[]): ScriptedResponse[] {
  let { state } = startRun(scenario, 0);
  let now = 0;
  const responses: ScriptedResponse[] = [];
  for (const input of inputs) {
    if (input.type === 'timer') now = state.timers[input.timer] ?? now;
    const delayMinutes = now / 60_000;
    if (input.type === 'action') responses.push({ after: { startex: true }, delayMinutes, team: input.teamId, action: input.actionId, fields: input.fields });
    if (input.type === 'decision') responses.push({ after: { startex: true }, delayMinutes, decision: input.decision });
    ({ state } = advanceRun(scenario, state, input, now));
  }
  return responses;
}
