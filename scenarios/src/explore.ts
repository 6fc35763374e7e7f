import { fromTransition, type ActorSystem, type EventObject, type Snapshot } from 'xstate';
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import type { Condition, ScenarioDocument, ScenarioState } from '@startex/shared';
import { actionInputs } from './actionInputs.ts';
import { evaluateCondition, type CompiledScenario, type ScenarioContext } from './compileScenario.ts';
import { advanceRun, nextTimer, startRun, type RunInput, type RunState, type Step } from './ScenarioRun.ts';
import { statesByKey } from './statesByKey.ts';

export { statesByKey };

type ActionTransition = NonNullable<ScenarioState['on']>[number];

/** A point of play for exploration: the run plus the exercise time it is at. */
export interface PlayPoint {
  run: RunState;
  nowMs: number;
  /** What the input that led here did. */
  step: Step;
}

/**
 * The inputs worth trying from a point: the earliest timer(s), every decision offered, and for
 * each action handled here one input per distinct choice of enabled transitions (an input that
 * enables none changes nothing, and two that enable the same ones play on alike).
 */
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
  const handlers = new Map<string, ActionTransition[][]>();
  const decisions = new Set<string>();
  for (const key of active) {
    const state = byKey.get(key);
    if (!state) continue;
    const byAction = new Map<string, ActionTransition[]>();
    for (const t of state.on ?? []) byAction.set(t.action, [...(byAction.get(t.action) ?? []), t]);
    for (const [action, list] of byAction) handlers.set(action, [...(handlers.get(action) ?? []), list]);
    for (const d of state.decisions ?? []) decisions.add(d.decision);
  }
  for (const decision of decisions) inputs.push({ type: 'decision', decision });
  const context = point.run.machine.context as ScenarioContext;
  for (const [action, perState] of handlers) {
    const seen = new Set<string>();
    for (const input of actionInputs(document, action)) {
      const event = { type: `action.${action}`, teamId: input.teamId, fields: input.fields };
      const enabled = perState
        .map((list) => list.findIndex((t) => (t.team === undefined || t.team === input.teamId) && (t.when === undefined || evaluateCondition(t.when, context, event))))
        .join(',');
      if (/^(-1,?)*$/.test(enabled) || seen.has(enabled)) continue;
      seen.add(enabled);
      inputs.push(input);
    }
  }
  return inputs;
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
 * How much exploring a document may cost. The server lints uploads in its request handler, so
 * play that grows without bound (parallel regions cycling on unrelated timers) must stop early.
 */
export interface ExplorationBudget {
  /** Distinct points of play; the library's largest scenario has about 4,200. */
  maxPoints?: number;
  /** Wall-clock milliseconds: a backstop for the server, left out where results must not depend on load. */
  maxMs?: number;
}

export const DEFAULT_MAX_POINTS = 8_000;

class BudgetSpent extends Error {}

/**
 * Every point of play the inputs allow, through xstate/graph's adjacency map over the engine
 * itself, within the budget. Past the budget nothing is claimed (`truncated`).
 */
export function exploreScenario(scenario: CompiledScenario, budget: ExplorationBudget = {}): Exploration {
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
  const maxPoints = budget.maxPoints ?? DEFAULT_MAX_POINTS;
  const deadline = budget.maxMs === undefined ? Infinity : Date.now() + budget.maxMs;
  const key = (point: PlayPoint) => pointKey(point, scenario.document);
  let map: AdjacencyMap<Snapshot<unknown> & { context: PlayPoint }, PlayEvent>;
  let explored = 0;
  try {
    map = getAdjacencyMap(playLogic(scenario), {
      // Called once for each new point of play.
      events: (snapshot) => {
        if (++explored > maxPoints || (explored % 64 === 0 && Date.now() > deadline)) throw new BudgetSpent();
        return candidateInputs(scenario, snapshot.context, byKey) as PlayEvent[];
      },
      serializeState: (snapshot) => key(snapshot.context),
      serializeEvent: (event) => JSON.stringify(event),
      limit: Number.MAX_SAFE_INTEGER,
    }) as typeof map;
  } catch (error) {
    if (error instanceof BudgetSpent) return { ...result, truncated: true, points: explored - 1 };
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
  /** Responses wait until timers that only add an inject (contingency chasers) have fired. */
  patient: boolean;
  inputs: RunInput[];
  released: string[];
  /** Scenario minutes from StartEx to EndEx with players answering at once, and as late as the timers allow. */
  minMinutes: number;
  maxMinutes: number | null;
  ended: boolean;
}

type Response = { label: string; input: RunInput };

/** Every flag and counter a condition reads, set: with the empty context, the two extremes a guard sees. */
function everythingSet(condition: Condition | undefined, context: ScenarioContext = { flags: {}, counters: {} }): ScenarioContext {
  if (!condition) return context;
  if ('all' in condition) condition.all.forEach((c) => everythingSet(c, context));
  else if ('any' in condition) condition.any.forEach((c) => everythingSet(c, context));
  else if ('not' in condition) everythingSet(condition.not, context);
  else if ('flag' in condition) context.flags[condition.flag] = true;
  else if ('counter' in condition) context.counters[condition.counter] = Number.MAX_SAFE_INTEGER;
  return context;
}

/**
 * Every action and decision the scenario reacts to, once per transition: for an action, the
 * first input the server would accept whose team and fields meet the transition's guard.
 */
function responsesOf(scenario: CompiledScenario): Response[] {
  const { document } = scenario;
  const seen = new Map<string, Response>();
  for (const state of statesByKey(document).values()) {
    for (const t of state.on ?? []) {
      const contexts = [{ flags: {}, counters: {} }, everythingSet(t.when)];
      const input = actionInputs(document, t.action).find(
        (i) =>
          (t.team === undefined || i.teamId === t.team) &&
          (t.when === undefined || contexts.some((c) => evaluateCondition(t.when!, c, { type: `action.${t.action}`, fields: i.fields }))),
      );
      if (!input) continue;
      const label = `${input.teamId}: ${t.action}${t.when ? ` ${JSON.stringify(input.fields)}` : ''}`;
      seen.set(JSON.stringify(input), { label, input });
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
 * ones and never the others, once promptly (as soon as the scenario would react) and once
 * patiently (only after timers that merely add an inject, such as a contingency chaser, have
 * fired). Paths that release the same injects in the same order are one path. Bounded: at most
 * `maxStrategies` subsets are played (smallest first), and the result says when some were left
 * out. See scenarios/README.md for why this is not xstate/graph's getSimplePaths.
 */
export function enumeratePaths(scenario: CompiledScenario, options: { maxPaths?: number; maxStrategies?: number } = {}): { paths: PlayPath[]; truncated: boolean } {
  const maxPaths = options.maxPaths ?? 200;
  const maxStrategies = options.maxStrategies ?? 4096;
  const responses = responsesOf(scenario);
  const strategies = subsetsBySize(responses.length, maxStrategies);
  const bySequence = new Map<string, PlayPath>();
  for (const chosen of strategies.subsets) {
    for (const patient of [false, true]) {
      const { inputs, taken } = playStrategy(scenario, chosen.map((i) => responses[i]!), patient);
      const path = { ...timePath(scenario, inputs), responses: taken, patient };
      const key = path.released.join(' ');
      const known = bySequence.get(key);
      if (!known || path.responses.length < known.responses.length) bySequence.set(key, path);
    }
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
function playStrategy(scenario: CompiledScenario, chosen: Response[], patient: boolean): { inputs: RunInput[]; taken: string[] } {
  let point = initialPoint(scenario);
  const inputs: RunInput[] = [];
  const taken: string[] = [];
  const uses = new Map<Response, number>();
  const byKey = statesByKey(scenario.document);
  // A timer with no target only adds something (typically a contingency inject) and leaves play where it is.
  const staysPut = (timer: string) => {
    const definition = scenario.timers.get(timer);
    const index = Number(timer.split('.').at(-1));
    return definition !== undefined && byKey.get(definition.stateId)?.after?.[index]?.target === undefined;
  };
  for (let steps = 0; steps < 10_000 && point.run.machine.status !== 'done'; steps++) {
    let next: { input: RunInput; point: PlayPoint; response?: Response } | undefined;
    const waiting = nextTimer(point.run);
    const waitFirst = patient && waiting !== undefined && staysPut(waiting.timer);
    for (const response of waitFirst ? [] : chosen) {
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
function timePath(scenario: CompiledScenario, inputs: RunInput[]): Omit<PlayPath, 'responses' | 'patient'> {
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
