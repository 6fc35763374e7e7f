/**
 * What a browser may import (the studio's analysis worker): the same analyzer, compiler,
 * simulator, paths, diff and merge the server runs, without the library and JSON Schema modules,
 * which read files with Node's fs at load.
 */
export { compileScenario } from './compileScenario.ts';
export { lintDocument, lintScenarioValue, type LintStage } from './analyzer/lintScenario.ts';
export { parseScenarioValue } from './analyzer/parseScenario.ts';
export { readYaml } from './analyzer/readYaml.ts';
export { hasErrors, type Problem } from './analyzer/Problem.ts';
export { simulate, type Simulation, type TimelineEvent } from './simulate.ts';
export { enumeratePaths, type PlayPath } from './explore.ts';
export { advanceRun, nextTimer, startRun, type RunInput } from './ScenarioRun.ts';
export { expandTimeline, MAIN_TRACK } from './timeline/expandTimeline.ts';
export { phaseNamesItsTime, phaseOf, phasePaths } from './timeline/phaseOf.ts';
export { diffScenarios, DOCUMENT_PARTS, type DocumentPart, type FieldChange, type ItemChange, type PartDiff, type ScenarioDiff } from './diff/diffScenarios.ts';
export { mergeScenarios, resolveConflict, type MergeConflict, type MergeResult } from './merge/mergeScenarios.ts';
