import { compileScenario, exerciseView, foldOn, initialState, type ExerciseState } from '@startex/scenarios/engine';
import type { ExerciseView, LogEntry } from '@startex/shared';

/** The console's fold of its copy of the log, carried from one render to the next. */
export interface ControlFold {
  exerciseId: string;
  state: ExerciseState;
}

/**
 * The console's view of the exercise, projected by the exercise engine from the log the console
 * holds: control staff see every entry, so folding them gives the server's own state, and the
 * view (states, open decisions, the next timer, status and clock) follows each entry as it
 * arrives. The server's view supplies only what the log does not: names, the plan and the
 * scenario document. Without the document (a viewer who is not control staff) there is nothing
 * to fold, and the server's view is all there is.
 */
export function controlView(
  previous: ControlFold | undefined,
  view: ExerciseView,
  entries: readonly LogEntry[],
  atWallTime: number,
): { fold: ControlFold | undefined; view: ExerciseView } {
  const document = view.control?.scenario;
  if (!document) return { fold: undefined, view };
  // The exercise's scenario is pinned: compiled once per exercise, the fold carried on as entries come.
  const from = previous?.exerciseId === view.id ? previous.state : initialState(compileScenario(document));
  const fold = { exerciseId: view.id, state: foldOn(from, entries) };
  const base = { id: view.id, title: view.title, plan: { speed: view.clock.speed, scenarioStartMs: view.clock.scenarioStartMs } };
  return { fold, view: exerciseView(fold.state, base, view.viewer, atWallTime) };
}
