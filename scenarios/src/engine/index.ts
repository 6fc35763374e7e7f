/*
 * The exercise engine: decide, fold and project, once, for the server, replay, the simulator and
 * every client view (STYLE.md principle 12). Pure: no I/O, no wall clock of its own (callers pass
 * wall time in); zod and xstate only. `@startex/scenarios/engine` loads this without the
 * analyzer, CLI, library or yaml, so the browser bundles it.
 */
export { applyInput, repeatOf, type Applied, type Envelope } from './applyInput.ts';
export { compileScenario, type CompiledScenario } from '../compileScenario.ts';
export { describeState } from './describeState.ts';
export { clockNow, wallDelayUntil, type ExerciseClock } from './ExerciseClock.ts';
export { initialState, type CommsCheck, type ExerciseState } from './ExerciseState.ts';
export { fold, foldAll, foldOn, foldStep, type Folded } from './fold.ts';
export { foldInjectProgress, InjectProgressMap, type InjectProgress, type RecipientProgress, type RecipientStatus } from './injectProgress.ts';
export { INPUTS, type DecideContext, type ExerciseInput, type InputKind, type Plan } from './inputs.ts';
export { connected, emptyLogSync, liveEntry, mergeEntries, syncAnswered, type LogSync } from './logSync.ts';
export { PersistentMap } from './PersistentMap.ts';
export {
  AGENCY_POLICY,
  allows,
  allowsAgency,
  allowsCommand,
  allowsGlobal,
  commandVerb,
  EXERCISE_POLICY,
  GLOBAL_POLICY,
  standingAllows,
  type AgencyVerb,
  type ExerciseVerb,
  type GlobalVerb,
  type Standing,
} from './policy.ts';
export { currentStates, decisionsOffered, exerciseView, nextTimer, openDecisions, staticView, viewChange, withViewChange, type ExerciseBase, type OpenDecision } from './projections.ts';
export { audienceOf, canSee } from './visibility.ts';
