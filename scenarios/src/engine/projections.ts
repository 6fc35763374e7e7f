import { decisionTitles, stateTitles, type ExerciseView, type ExerciseViewChange, type ScenarioDocument, type ScenarioState, type Viewer } from '@startex/shared';
import { nextTimer as nextRunTimer } from '../ScenarioRun.ts';
import { statesByKey } from '../statesByKey.ts';
import { clockNow } from './ExerciseClock.ts';
import type { ExerciseState } from './ExerciseState.ts';

/** What a view needs besides the log: the exercise record's name and plan (the plan's timing until StartEx logs its own). */
export interface ExerciseBase {
  id: string;
  title: string;
  plan: { speed: number; scenarioStartMs: number };
}

export interface OpenDecision {
  decision: string;
  label: string;
}

const byKeyCache = new WeakMap<ScenarioDocument, Map<string, ScenarioState>>();

/** The decisions the scenario offers in these active leaf states (any ancestor's count too, the root's included). */
export function decisionsOffered(document: ScenarioDocument, states: readonly string[]): OpenDecision[] {
  let byKey = byKeyCache.get(document);
  if (!byKey) byKeyCache.set(document, (byKey = statesByKey(document)));
  const active = new Set([document.id, ...states.flatMap((path) => path.split('.'))]);
  return [...active].flatMap((key) => (byKey.get(key)?.decisions ?? []).map((d) => ({ decision: d.decision, label: d.label })));
}

/** The branches control can choose now: only while play runs. */
export function openDecisions(state: ExerciseState): OpenDecision[] {
  return state.status === 'live' && state.run ? decisionsOffered(state.scenario.document, state.run.states) : [];
}

/** The earliest pending scenario timer (any state's, the root's included) while play is under way (live, paused or halted). */
export function nextTimer(state: ExerciseState): { timer: string; dueMs: number } | undefined {
  const underWay = state.status === 'live' || state.status === 'paused' || state.status === 'halted';
  return underWay && state.run ? nextRunTimer(state.run) : undefined;
}

/** The active leaf state paths, e.g. `play.awaiting_report` (none before StartEx). */
export function currentStates(state: ExerciseState): readonly string[] {
  return state.run?.states ?? [];
}

/** Control staff: the director as much as a controller. */
const isControl = (viewer: Viewer) => viewer.role === 'director' || viewer.role === 'controller';

/**
 * The parts of a view that change only with the plan (and so could be sent once per connection):
 * names, teams, the viewer's actions, objectives, state titles, and for control the scenario document.
 */
export function staticView(document: ScenarioDocument, base: ExerciseBase, viewer: Viewer) {
  return {
    id: base.id,
    title: base.title,
    viewer,
    teams: document.teams,
    simulatedOrganisations: document.simulatedOrganisations,
    // A team sees its own catalogue; staff see every team's, to read what teams do.
    actions: viewer.role === 'participant' ? document.actions.filter((a) => a.teams.includes(viewer.teamId)) : document.actions,
    // Evaluators rate against the scenario's objectives, which they cannot read from `control`.
    ...(isControl(viewer) || viewer.role === 'evaluator' ? { evaluation: { objectives: document.objectives } } : {}),
    // Staff and observers see the scenario's phases (the wall display shows the current one), by title.
    ...(viewer.role !== 'participant' ? { stateTitles: Object.fromEntries(stateTitles(document)) } : {}),
    // The same roles read a decision control made by its label (they get every state's title, which names each branch, already).
    ...(viewer.role !== 'participant' ? { decisionTitles: Object.fromEntries(decisionTitles(document)) } : {}),
  };
}

/** What a viewer is shown of an exercise at wall time `atWallTime`: the static part and what the log says now. */
export function exerciseView(state: ExerciseState, base: ExerciseBase, viewer: Viewer, atWallTime: number): ExerciseView {
  const { document } = state.scenario;
  const timing = state.timing ?? base.plan;
  const next = nextTimer(state);
  return {
    ...staticView(document, base, viewer),
    status: state.status,
    clock: {
      running: state.clock.running,
      speed: timing.speed,
      exerciseTimeMs: clockNow(state.clock, atWallTime),
      scenarioStartMs: timing.scenarioStartMs,
      atWallTime,
    },
    lastSeq: state.lastSeq,
    ...(state.haltReason !== undefined ? { halt: { reason: state.haltReason } } : {}),
    ...(viewer.role === 'participant' && state.status === 'ended'
      ? { hotWash: { objectives: document.objectives.map((o) => ({ id: o.id, title: o.title })) } }
      : {}),
    ...(isControl(viewer)
      ? {
          control: {
            scenario: document,
            openDecisions: openDecisions(state),
            states: [...currentStates(state)],
            ...(next ? { nextTimerExerciseMs: next.dueMs } : {}),
          },
        }
      : {}),
  };
}

/** The part of a view that play changes, to send after a status, clock or scenario step (the rest came with the sync). */
export function viewChange(view: ExerciseView): ExerciseViewChange {
  const { status, clock, lastSeq, halt, hotWash, control } = view;
  const change: ExerciseViewChange = { status, clock, lastSeq };
  if (halt) change.halt = halt;
  if (hotWash) change.hotWash = hotWash;
  if (control) {
    const { scenario: _sentWithTheSync, ...changing } = control;
    change.control = changing;
  }
  return change;
}

/** The client's view after a change: what the sync sent, with the changing parts replaced (an absent halt or hot wash is over). */
export function withViewChange(view: ExerciseView, change: ExerciseViewChange): ExerciseView {
  const { halt: _halt, hotWash: _hotWash, ...unchanging } = view;
  return {
    ...unchanging,
    status: change.status,
    clock: change.clock,
    lastSeq: change.lastSeq,
    ...(change.halt ? { halt: change.halt } : {}),
    ...(change.hotWash ? { hotWash: change.hotWash } : {}),
    ...(view.control && change.control ? { control: { ...change.control, scenario: view.control.scenario } } : {}),
  };
}
