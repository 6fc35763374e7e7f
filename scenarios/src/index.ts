export { compileScenario, evaluateCondition, timerKey } from './compileScenario.ts';
export type { CompiledScenario, ScenarioContext, ScenarioEvent, TimerDefinition } from './compileScenario.ts';
export { ScenarioRun, type Step } from './ScenarioRun.ts';
export { LIBRARY } from './library/index.ts';
export { validateActionFields } from './validateAction.ts';
