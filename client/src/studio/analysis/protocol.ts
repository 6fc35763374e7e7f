import type { ScenarioDocument, ScriptedResponse } from '@startex/shared';
import type { LintStage, PlayPath, Problem, RunInput, Simulation } from '@startex/scenarios/browser';

/** What the studio asks its analysis worker; `seq` pairs each answer with its question. */
export type AnalysisRequest =
  /**
   * Lint the document: `rules` (no play explored; also expands it for the statechart) as the author
   * types, `full` as the server would on publish.
   */
  | { type: 'analyse'; seq: number; document: unknown; stage: LintStage }
  /** Read the Source view's YAML text: the value it holds, or what is wrong with it. */
  | { type: 'readYaml'; seq: number; text: string }
  /** Play the document with these responses (the default ones when none are given), or along a path `paths` found. */
  | { type: 'simulate'; seq: number; document: unknown; responses?: ScriptedResponse[]; path?: RunInput[] }
  /** Every distinct outcome of play. */
  | { type: 'paths'; seq: number; document: unknown };

export type AnalysisAnswer =
  /** `complete`: nothing is left to explore (the full analysis would say the same). */
  | { type: 'analysed'; seq: number; stage: LintStage; complete: boolean; problems: Problem[]; expanded?: ScenarioDocument; document?: ScenarioDocument }
  | { type: 'yamlRead'; seq: number; ok: true; value: unknown }
  | { type: 'yamlRead'; seq: number; ok: false; problems: Problem[] }
  | { type: 'simulated'; seq: number; ok: true; simulation: Simulation }
  | { type: 'pathsFound'; seq: number; ok: true; paths: PlayPath[]; truncated: boolean }
  /** The document does not parse, so it cannot be played: its problems instead. */
  | { type: 'simulated'; seq: number; ok: false; problems: Problem[] }
  | { type: 'pathsFound'; seq: number; ok: false; problems: Problem[] }
  | { type: 'failed'; seq: number; message: string };
