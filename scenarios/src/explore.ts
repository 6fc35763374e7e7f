import { fromTransition, type ActorSystem, type EventObject, type Snapshot } from 'xstate';
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
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
/** The flags and counters some condition reads; the others can never change what happens next. */
function conditionReads(document: ScenarioDocument): { flags: Set<string>; counters: Set<string> } {
  const reads = { flags: new Set<string>(), counters: new Set<string>() };
  const visit = (c: Condition | undefined): void => {
    if (!c) return;
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if ('flag' in c) reads.flags.add(c.flag);
    else if ('counter' in c) reads.counters.add(c.counter);
  };
  for (const state of statesByKey(document).values()) {
    for (const t of [...(state.after ?? []), ...(state.on ?? [])]) visit(t.when);
  }
  return reads;
}

const readsCache = new WeakMap<ScenarioDocument, ReturnType<typeof conditionReads>>();

/**
 * Identity of a point for exploration: where the machine is, the flags and counters that matter,
 * and which timers are pending, relative to now. Two points with the same key play on alike.
 */
const keyCache = new WeakMap<PlayPoint, string>();

export function pointKey(point: PlayPoint, document: ScenarioDocument): string {
  const cached = keyCache.get(point);
  if (cached !== undefined) return cached;
  let reads = readsCache.get(document);
  if (!reads) readsCache.set(document, (reads = conditionReads(document)));
  const context = point.run.machine.context as { flags: Record<string, boolean>; counters: Record<string, number> };
  const flags = Object.entries(context.flags).filter(([k, v]) => reads.flags.has(k) && v).map(([k]) => k).sort();
  const counters = Object.entries(context.counters).filter(([k]) => reads.counters.has(k)).sort();
  const timers = Object.entries(point.run.timers)
    .map(([k, due]) => `${k}@${due - point.nowMs}`)
    .sort();
  const key = JSON.stringify([point.run.machine.value, flags, counters, timers, point.run.machine.status]);
  keyCache.set(point, key);
  return key;
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

type PlayEvent = RunInput & { type: 'timer' | 'action' | 'decision' };

/** The engine as an xstate logic of play points, for xstate/graph's traversals. */
function playLogic(scenario: CompiledScenario) {
  return fromTransition<PlayPoint, PlayEvent, ActorSystem<any>, undefined, EventObject>(
    (point, input) => applyInput(scenario, point, input),
    initialPoint(scenario),
  );
}

/**
 * Every point of play the inputs allow, through xstate/graph's adjacency map over the engine
 * itself, up to `limit` traversal steps. Past the bound nothing is claimed (`truncated`).
 */
export function exploreScenario(scenario: CompiledScenario, limit = 200_000): Exploration {
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
  const key = (point: PlayPoint) => pointKey(point, scenario.document);
  let map: AdjacencyMap<Snapshot<unknown> & { context: PlayPoint }, PlayEvent>;
  try {
    map = getAdjacencyMap(playLogic(scenario), {
      events: (snapshot) => candidateInputs(scenario, snapshot.context, byKey) as PlayEvent[],
      serializeState: (snapshot) => key(snapshot.context),
      serializeEvent: (event) => JSON.stringify(event),
      limit,
    }) as typeof map;
  } catch (error) {
    if (error instanceof Error && /limit/i.test(error.message)) return { ...result, truncated: true };
    throw error;
  }
  const note = (point: PlayPoint) => {
    for (const path of point.run.states) for (const k of path.split('.')) result.visitedStates.add(k);
    for (const inject of point.step.released) result.released.add(inject);
    for (const milestone of point.step.milestones) result.milestones.add(milestone);
  };
  const edges = new Map<string, Set<string>>();
  const ended = new Set<string>();
  for (const [from, value] of Object.entries(map)) {
    note(value.state.context);
    if (value.state.context.run.machine.status === 'done') ended.add(from);
    const out = new Set<string>();
    edges.set(from, out);
    for (const { event, state } of Object.values(value.transitions) as { event: PlayEvent; state: { context: PlayPoint } }[]) {
      note(state.context);
      out.add(key(state.context));
      if (state.context.step.statesChanged || state.context.step.released.length > 0) {
        result.firedEvents.add(event.type === 'timer' ? `timer.${event.timer}` : event.type === 'action' ? `action.${event.actionId}` : `decision.${event.decision}`);
      }
    }
  }
  result.points = edges.size;
  // Backwards from the points that ended: whatever cannot get there is stuck.
  const canFinish = new Set(ended);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, out] of edges) {
      if (!canFinish.has(from) && [...out].some((to) => canFinish.has(to))) {
        canFinish.add(from);
        changed = true;
      }
    }
  }
  for (const [from, value] of Object.entries(map)) if (!canFinish.has(from)) result.stuck.push([...value.state.context.run.states]);
  return result;
}

export interface PlayPath {
  /** The expected actions and controller decisions this path takes; everything else is never done. */
  responses: string[];
  inputs: RunInput[];
  released: string[];
  /** Scenario minutes from StartEx to EndEx with players answering at once, and as late as the timers allow. */
  minMinutes: number;
  maxMinutes: number | null;
  ended: boolean;
}

type Response = { label: string; input: RunInput };

/** Every action (with fields meeting its guard) and decision the scenario reacts to, once each. */
function responsesOf(scenario: CompiledScenario): Response[] {
  const { document } = scenario;
  const seen = new Map<string, Response>();
  for (const state of statesByKey(document).values()) {
    for (const t of state.on ?? []) {
      const action = document.actions.find((a) => a.id === t.action);
      const teamId = t.team ?? action?.teams[0];
      if (!action || !teamId) continue;
      const base = Object.fromEntries(
        action.fields.map((f) => [f.name, f.type === 'number' ? (f.min ?? 0) : f.type === 'boolean' ? false : (f.options?.[0] ?? 'x')]),
      );
      for (const fields of satisfying(t.when).map((extra) => ({ ...base, ...extra }))) {
        const input: RunInput = { type: 'action', teamId, actionId: action.id, fields };
        const label = `${teamId}: ${action.id}${Object.keys(satisfying(t.when)[0] ?? {}).length ? ` ${JSON.stringify(fields)}` : ''}`;
        seen.set(JSON.stringify(input), { label, input });
      }
    }
    for (const d of state.decisions ?? []) {
      seen.set(`decision.${d.decision}`, { label: `decision ${d.decision}`, input: { type: 'decision', decision: d.decision } });
    }
  }
  return [...seen.values()];
}

/**
 * Enumerates play paths by response strategy: for every subset of the expected actions and
 * controller decisions the scenario reacts to, play it with the engine, players doing the chosen
 * ones as soon as the scenario would react and never doing the others. Paths that release the
 * same injects in the same order are one path. Bounded: at most `maxStrategies` subsets are
 * played (smallest first), and the result says when some were left out.
 */
export function enumeratePaths(scenario: CompiledScenario, options: { maxPaths?: number; maxStrategies?: number } = {}): { paths: PlayPath[]; truncated: boolean } {
  const maxPaths = options.maxPaths ?? 200;
  const maxStrategies = options.maxStrategies ?? 4096;
  const responses = responsesOf(scenario);
  const strategies = subsetsBySize(responses.length, maxStrategies);
  const bySequence = new Map<string, PlayPath>();
  for (const chosen of strategies.subsets) {
    const { inputs, taken } = playStrategy(scenario, chosen.map((i) => responses[i]!));
    const path = { ...timePath(scenario, inputs), responses: taken };
    const key = path.released.join(' ');
    const known = bySequence.get(key);
    if (!known || path.responses.length < known.responses.length) bySequence.set(key, path);
  }
  const paths = [...bySequence.values()].sort((a, b) => a.responses.length - b.responses.length);
  return { paths: paths.slice(0, maxPaths), truncated: strategies.truncated || paths.length > maxPaths };
}

/** Index subsets of 0..n-1, smallest first, at most `max` of them. */
function subsetsBySize(n: number, max: number): { subsets: number[][]; truncated: boolean } {
  const subsets: number[][] = [];
  const grow = (size: number, from: number, current: number[]): boolean => {
    if (current.length === size) {
      subsets.push([...current]);
      return subsets.length < max;
    }
    for (let i = from; i < n; i++) {
      current.push(i);
      const more = grow(size, i + 1, current);
      current.pop();
      if (!more) return false;
    }
    return true;
  };
  for (let size = 0; size <= n; size++) if (!grow(size, 0, [])) return { subsets, truncated: size < n || subsets.length < 2 ** n };
  return { subsets, truncated: false };
}

/** Plays one strategy: chosen responses whenever they change something, else the next timer. */
function playStrategy(scenario: CompiledScenario, chosen: Response[]): { inputs: RunInput[]; taken: string[] } {
  let point = initialPoint(scenario);
  const inputs: RunInput[] = [];
  const taken: string[] = [];
  const uses = new Map<Response, number>();
  for (let steps = 0; steps < 10_000 && point.run.machine.status !== 'done'; steps++) {
    let next: { input: RunInput; point: PlayPoint; response?: Response } | undefined;
    for (const response of chosen) {
      if ((uses.get(response) ?? 0) >= 3) continue;
      const candidate = applyInput(scenario, point, response.input);
      if (pointKey(candidate, scenario.document) !== pointKey(point, scenario.document) || candidate.step.released.length > 0) {
        next = { input: response.input, point: candidate, response };
        break;
      }
    }
    if (!next) {
      const timer = nextTimer(point.run);
      if (!timer) break;
      const input: RunInput = { type: 'timer', timer: timer.timer };
      next = { input, point: applyInput(scenario, point, input) };
    }
    if (next.response) {
      uses.set(next.response, (uses.get(next.response) ?? 0) + 1);
      if (!taken.includes(next.response.label)) taken.push(next.response.label);
    }
    inputs.push(next.input);
    point = next.point;
  }
  return { inputs, taken };
}

/** Replays a path's inputs twice: players answering at once, then as late as the next timer allows. */
function timePath(scenario: CompiledScenario, inputs: RunInput[]): Omit<PlayPath, 'responses'> {
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
