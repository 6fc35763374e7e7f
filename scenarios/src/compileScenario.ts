import type { ScenarioDocument } from '@startex/shared';
import { compileStatechart, type CompiledScenario } from './compileStatechart.ts';
import { expandTimeline } from './timeline/expandTimeline.ts';

export { compileStatechart, timerKey, type CompiledScenario, type RuntimeActionParams, type TimerDefinition } from './compileStatechart.ts';
export { evaluateCondition, type ScenarioContext, type ScenarioEvent } from './evaluateCondition.ts';

const compiled = new WeakMap<ScenarioDocument, CompiledScenario>();

/**
 * Compiles a validated scenario document into one xstate machine: a timeline is first expanded
 * into the statechart form (scenarios/src/timeline/), so the runtime, replay, the simulator and
 * the review play the same machine whichever form the document was written in.
 */
export function compileScenario(document: ScenarioDocument): CompiledScenario {
  let scenario = compiled.get(document);
  if (!scenario) compiled.set(document, (scenario = compileStatechart(expandTimeline(document))));
  return scenario;
}
