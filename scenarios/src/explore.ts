import { fromTransition, type ActorSystem, type EventObject } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import type { Condition, ScenarioDocument, ScenarioState } from '@startex/shared';
import type { CompiledScenario } from './compileScenario.ts';
import { advanceRun, nextTimer, startRun, type RunInput, type RunState, type Step } from './ScenarioRun.ts';

type FieldValues = Record<string, string | number | boolean>;

/** A point of play for exploration: the run plus the exercise time it is at. */
export interface PlayPoint {
  run: RunState;
  nowMs: number;
  /** What the input that led here did. */
  step: Step;
}

/** Every document state by key (keys are unique across a valid document). */
export function statesByKey(document: ScenarioDocument): Map<string, ScenarioState> {
  const byKey = new Map<string, ScenarioState>();
  const walk = (state: ScenarioState) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      byKey.set(key, child);
      walk(child);
    }
  };
  byKey.set(document.id, document.machine);
  walk(document.machine);
  return byKey;
}

/** Field values that satisfy the field conditions of a guard (best effort; flags are the run's). */
function satisfying(condition: Condition | undefined): FieldValues[] {
  if (!condition) return [{}];
  if ('all' in condition) {
    return condition.all.reduce<FieldValues[]>(
      (acc, c) => acc.flatMap((a) => satisfying(c).map((b) => ({ ...a, ...b }))),
      [{}],
    );
  }
  if ('any' in condition) return condition.any.flatMap(satisfying);
  if ('field' in condition) {
    const value = condition.equals ?? condition.atLeast ?? condition.atMost;
    return value === undefined ? [{}] : [{ [condition.field]: value }];
  }
  return [{}];
}

/** The inputs worth trying from a point: the earliest timer(s), and every handled action and decision. */
export function candidateInputs(scenario: CompiledScenario, point: PlayPoint, byKey: Map<string, ScenarioState>): RunInput[] {
  if (point.run.machine.status === 'done') return [];
  const { document } = scenario;
  const inputs: RunInput[] = [];
  const next = nextTimer(point.run);
  if (next) {
    for (const [timer, due] of Object.entries(point.run.timers)) if (due === next.dueMs) inputs.push({ type: 'timer', timer });
  }
  const active = new Set(point.run.states.flatMap((path) => path.split('.')));
  active.add(document.id);
  for (const key of active) {
    const state = byKey.get(key);
    if (!state) continue;
    for (const t of state.on ?? []) {
      const action = document.actions.find((a) => a.id === t.action);
      if (!action) continue;
      const teams = t.team ? [t.team] : action.teams.slice(0, 1);
      const base: FieldValues = Object.fromEntries(
        action.fields.map((f) => [f.name, f.type === 'number' ? (f.min ?? 0) : f.type === 'boolean' ? false : (f.options?.[0] ?? 'x')]),
      );
      for (const teamId of teams) {
        for (const fields of [base, ...satisfying(t.when).map((s) => ({ ...base, ...s }))]) {
          inputs.push({ type: 'action', teamId, actionId: t.action, fields });
        }
      }
    }
    for (const d of state.decisions ?? []) inputs.push({ type: 'decision', decision: d.decision });
  }
  const seen = new Set<string>();
  return inputs.filter((i) => {
    const key = JSON.stringify(i);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** Input time: a timer fires when due; anything else happens at once. */
function applyInput(scenario: CompiledScenario, point: PlayPoint, input: RunInput): PlayPoint {
  const at = input.type === 'timer' ? (point.run.timers[input.timer] ?? point.nowMs) : point.nowMs;
  const { state, step } = advanceRun(scenario, point.run, input, at);
  return { run: state, nowMs: at, step };
}

export function initialPoint(scenario: CompiledScenario): PlayPoint {
  const { state, step } = startRun(scenario, 0);
  return { run: state, nowMs: 0, step };
}

/** Identity of a point for exploration: where the machine is and which timers are pending, relative to now. */
export function pointKey(point: PlayPoint): string {
  const timers = Object.entries(point.run.timers)
    .map(([k, due]) => `${k}@${due - point.nowMs}`)
    .sort();
  return JSON.stringify([point.run.machine.value, point.run.machine.context, timers, point.run.machine.status]);
}

export interface Exploration {
  /** State keys active at some point of some play. */
  visitedStates: Set<string>;
  released: Set<string>;
  milestones: Set<string>;
  /** Transitions taken, as `stateKey -> event type`. */
  firedEvents: Set<string>;
  /** Points from which EndEx cannot be reached, by their active states. */
  stuck: string[][];
  /** The bound was hit: what was not explored may hold more. */
  truncated: boolean;
  points: number;
}

/** Breadth-first exploration of every play the inputs allow, up to `limit` distinct points. */
export function exploreScenario(scenario: CompiledScenario, limit = 20_000): Exploration {
  const byKey = statesByKey(scenario.document);
  const result: Exploration = {
    visitedStates: new Set(),
    released: new Set(),
    milestones: new Set(),
    firedEvents: new Set(),
    stuck: [],
    truncated: false,
    points: 0,
  };
  const start = initialPoint(scenario);
  const keys = new Map<string, PlayPoint>([[pointKey(start), start]]);
  const edges = new Map<string, Set<string>>();
  const queue = [start];
  const note = (point: PlayPoint) => {
    for (const path of point.run.states) for (const key of path.split('.')) result.visitedStates.add(key);
    for (const inject of point.step.released) result.released.add(inject);
    for (const milestone of point.step.milestones) result.milestones.add(milestone);
  };
  note(start);
  while (queue.length > 0) {
    const point = queue.shift()!;
    const from = pointKey(point);
    const out = new Set<string>();
    edges.set(from, out);
    for (const input of candidateInputs(scenario, point, byKey)) {
      const next = applyInput(scenario, point, input);
      const to = pointKey(next);
      if (to === from && next.step.released.length === 0) continue;
      if (next.step.statesChanged || next.step.released.length > 0) {
        result.firedEvents.add(input.type === 'timer' ? `timer.${input.timer}` : input.type === 'action' ? `action.${input.actionId}` : `decision.${input.decision}`);
      }
      note(next);
      out.add(to);
      if (!keys.has(to)) {
        if (keys.size >= limit) {
          result.truncated = true;
          continue;
        }
        keys.set(to, next);
        queue.push(next);
      }
    }
  }
  result.points = keys.size;
  // Backwards from the points that ended: whatever cannot get there is stuck.
  const canFinish = new Set([...keys].filter(([, p]) => p.run.machine.status === 'done').map(([k]) => k));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, out] of edges) {
      if (!canFinish.has(from) && [...out].some((to) => canFinish.has(to))) {
        canFinish.add(from);
        changed = true;
      }
    }
  }
  if (!result.truncated) {
    for (const [key, point] of keys) if (!canFinish.has(key)) result.stuck.push([...point.run.states]);
  }
  return result;
}

export interface PlayPath {
  inputs: RunInput[];
  released: string[];
  /** Scenario minutes from StartEx to EndEx with players answering at once, and as late as the timers allow. */
  minMinutes: number;
  maxMinutes: number | null;
  ended: boolean;
}

/**
 * Enumerates play paths from StartEx to EndEx with xstate/graph's simple-path traversal over
 * the engine itself (a `fromTransition` logic around ScenarioRun), bounded by `maxPaths`.
 */
export function enumeratePaths(scenario: CompiledScenario, maxPaths = 200): { paths: PlayPath[]; truncated: boolean } {
  const byKey = statesByKey(scenario.document);
  type Event = RunInput & { type: 'timer' | 'action' | 'decision' };
  const logic = fromTransition<PlayPoint, Event, ActorSystem<any>, undefined, EventObject>(
    (point, input) => applyInput(scenario, point, input),
    initialPoint(scenario),
  );
  const found = getSimplePaths(logic, {
    events: (snapshot) => candidateInputs(scenario, snapshot.context, byKey) as Event[],
    serializeState: (snapshot) => pointKey(snapshot.context),
    serializeEvent: (event) => JSON.stringify(event),
    toState: (snapshot) => snapshot.context.run.machine.status === 'done',
    limit: 50_000,
  });
  const isInput = (e: { type: string }): e is RunInput => e.type === 'timer' || e.type === 'action' || e.type === 'decision';
  const paths = found
    .slice(0, maxPaths)
    .map((p) => timePath(scenario, p.steps.map((s) => s.event as { type: string }).filter(isInput)));
  return { paths, truncated: found.length > maxPaths };
}

/** Replays a path's inputs twice: players answering at once, then as late as the next timer allows. */
function timePath(scenario: CompiledScenario, inputs: RunInput[]): PlayPath {
  const play = (late: boolean) => {
    let point = initialPoint(scenario);
    const released = [...point.step.released];
    let unbounded = false;
    for (const input of inputs) {
      if (late && input.type !== 'timer') {
        const next = nextTimer(point.run);
        if (next) point = { ...point, nowMs: next.dueMs };
        else unbounded = true;
      }
      point = applyInput(scenario, point, input);
      released.push(...point.step.released);
    }
    return { point, released, unbounded };
  };
  const fast = play(false);
  const slow = play(true);
  return {
    inputs,
    released: fast.released,
    minMinutes: fast.point.nowMs / 60_000,
    maxMinutes: slow.unbounded ? null : slow.point.nowMs / 60_000,
    ended: fast.point.run.machine.status === 'done',
  };
}

/** The controller decisions the scenario offers in the given active states. */
export function openDecisions(document: ScenarioDocument, states: readonly string[]): { decision: string; label: string }[] {
  const byKey = statesByKey(document);
  const active = new Set(states.flatMap((path) => path.split('.')));
  active.add(document.id);
  return [...active].flatMap((key) => (byKey.get(key)?.decisions ?? []).map((d) => ({ decision: d.decision, label: d.label })));
}
