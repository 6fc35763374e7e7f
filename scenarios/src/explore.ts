import { fromTransition, type ActorSystem, type EventObject, type Snapshot } from 'xstate';
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import type { Condition, Reaction, ScenarioDocument, ScenarioState } from '@startex/shared';
import { acknowledgementInputs, actionInputs } from './actionInputs.ts';
import type { CompiledScenario } from './compileStatechart.ts';
import { evaluateCondition, type ScenarioContext, type ScenarioEvent } from './evaluateCondition.ts';
import { advanceRun, nextTimer, startRun, type RunInput, type RunState, type Step } from './ScenarioRun.ts';
import { statesByKey } from './statesByKey.ts';

export { statesByKey };

/** A transition on an action or acknowledgement: a state's `on`, or a reaction (which has no target). */
type InputTransition = { team?: string | undefined; when?: Condition | undefined };

/** A point of play for exploration: the run plus the exercise time it is at. */
export interface PlayPoint {
  run: RunState;
  nowMs: number;
  /** What the input that led here did. */
  step: Step;
}

/**
 * The inputs worth trying from a point: the timer that fires next, every decision offered, and for
 * each action (or acknowledgement) handled here one input per distinct choice of enabled
 * transitions (an input that enables none changes nothing, and two that enable the same ones play
 * on alike). Each reaction is a handler of its own: all of them see every input.
 */
export function candidateInputs(scenario: CompiledScenario, point: PlayPoint, byKey: Map<string, ScenarioState>): RunInput[] {
  if (point.run.machine.status === 'done') return [];
  const { document } = scenario;
  const inputs: RunInput[] = [];
  // Timers due at the same moment fire in the order they were set, as the runtime fires them.
  const next = nextTimer(point.run);
  if (next) inputs.push({ type: 'timer', timer: next.timer });
  const active = new Set(point.run.states.flatMap((path) => path.split('.')));
  active.add(document.id);
  const onAction = new Map<string, InputTransition[][]>();
  const decisions = new Set<string>();
  const group = (handlers: Map<string, InputTransition[][]>, key: string, list: InputTransition[]) => handlers.set(key, [...(handlers.get(key) ?? []), list]);
  for (const key of active) {
    const state = byKey.get(key);
    if (!state) continue;
    const byAction = new Map<string, InputTransition[]>();
    for (const t of state.on ?? []) byAction.set(t.action, [...(byAction.get(t.action) ?? []), t]);
    for (const [action, list] of byAction) group(onAction, action, list);
    for (const d of state.decisions ?? []) decisions.add(d.decision);
  }
  const onAcknowledged = new Map<string, InputTransition[][]>();
  for (const reaction of document.reactions) {
    if ('action' in reaction) group(onAction, reaction.action, [reaction]);
    else group(onAcknowledged, reaction.acknowledged, [reaction]);
  }
  for (const decision of decisions) inputs.push({ type: 'decision', decision });
  const context = point.run.machine.context as ScenarioContext;
  const distinct = <I extends RunInput & { teamId: string }>(candidates: I[], perState: InputTransition[][], event: (input: I) => ScenarioEvent) => {
    const seen = new Set<string>();
    for (const input of candidates) {
      const enabled = perState
        .map((list) => list.findIndex((t) => (t.team === undefined || t.team === input.teamId) && (t.when === undefined || evaluateCondition(t.when, context, event(input)))))
        .join(',');
      if (/^(-1,?)*$/.test(enabled) || seen.has(enabled)) continue;
      seen.add(enabled);
      inputs.push(input);
    }
  };
  for (const [action, perState] of onAction) {
    distinct(actionInputs(document, action), perState, (input) => ({ type: `action.${action}`, teamId: input.teamId, fields: input.fields }));
  }
  for (const [inject, perState] of onAcknowledged) {
    distinct(acknowledgementInputs(document, inject), perState, (input) => ({ type: `acknowledged.${inject}`, teamId: input.teamId }));
  }
  return inputs;
}

/**
 * Whether an input could change anything at a point: some active state or reaction has an enabled
 * transition for it (checked on the guards alone, far cheaper than playing the input).
 */
function handledInputs(scenario: CompiledScenario, point: PlayPoint, byKey: Map<string, ScenarioState>): (input: RunInput) => boolean {
  const active = [...new Set(point.run.states.flatMap((path) => path.split('.'))), scenario.document.id].map((key) => byKey.get(key));
  const context = point.run.machine.context as ScenarioContext;
  const enabled = (t: InputTransition, event: ScenarioEvent) => (t.team === undefined || t.team === event.teamId) && (t.when === undefined || evaluateCondition(t.when, context, event));
  return (input) => {
    if (point.run.machine.status === 'done') return false;
    switch (input.type) {
      case 'timer':
        return true;
      case 'decision':
        return active.some((state) => state?.decisions?.some((d) => d.decision === input.decision));
      case 'action': {
        const event = { type: `action.${input.actionId}`, teamId: input.teamId, fields: input.fields };
        return (
          active.some((state) => state?.on?.some((t) => t.action === input.actionId && enabled(t, event))) ||
          scenario.document.reactions.some((r) => 'action' in r && r.action === input.actionId && enabled(r, event))
        );
      }
      case 'acknowledgement': {
        const event = { type: `acknowledged.${input.injectId}`, teamId: input.teamId };
        return scenario.document.reactions.some((r) => 'acknowledged' in r && r.acknowledged === input.injectId && enabled(r, event));
      }
      default: {
        const exhaustive: never = input;
        return exhaustive;
      }
    }
  };
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

type Reads = { flags: Set<string>; counters: Set<string>; teamSets: Set<string> };

function addReads(condition: Condition | undefined, into: Reads): void {
  if (!condition) return;
  if ('all' in condition) condition.all.forEach((c) => addReads(c, into));
  else if ('any' in condition) condition.any.forEach((c) => addReads(c, into));
  else if ('not' in condition) addReads(condition.not, into);
  else if ('flag' in condition) into.flags.add(condition.flag);
  else if ('counter' in condition) into.counters.add(condition.counter);
  else if ('teams' in condition) into.teamSets.add(condition.teams);
}

/**
 * What play can still read, and which regions can still move, from where the machine is: the
 * conditions of the active states, of every state play can enter from them, and of the reactions.
 * A fact nothing can read again, or the state a region stopped in for good, can never change what
 * happens next, so points that differ only in them play on alike (a team that reported after its
 * window passed, and one that never did).
 */
class PlayHorizon {
  private readonly byKey: Map<string, ScenarioState>;
  private readonly parent = new Map<string, string>();
  private readonly reactionReads: Reads = { flags: new Set(), counters: new Set(), teamSets: new Set() };
  private readonly onward = new Map<string, Reads>();
  private readonly atStates = new Map<string, Reads>();
  private readonly stoppedAs = new Map<string, string>();

  constructor(private readonly document: ScenarioDocument) {
    this.byKey = statesByKey(document);
    for (const [key, state] of this.byKey) for (const child of Object.keys(state.states ?? {})) this.parent.set(child, key);
    for (const reaction of document.reactions) addReads(reaction.when, this.reactionReads);
  }

  /** What the conditions of the active states (leaf paths), of the states after them and of the reactions read. */
  reads(states: readonly string[]): Reads {
    const id = states.join('|');
    let reads = this.atStates.get(id);
    if (!reads) {
      reads = { flags: new Set(this.reactionReads.flags), counters: new Set(this.reactionReads.counters), teamSets: new Set(this.reactionReads.teamSets) };
      for (const key of new Set([this.document.id, ...states.flatMap((path) => path.split('.'))])) {
        const onward = this.readsOnward(key);
        onward.flags.forEach((f) => reads!.flags.add(f));
        onward.counters.forEach((c) => reads!.counters.add(c));
        onward.teamSets.forEach((t) => reads!.teamSets.add(t));
      }
      this.atStates.set(id, reads);
    }
    return reads;
  }

  /**
   * A leaf path as far as what follows is concerned: a region that can never move again (no
   * transition from the parallel state it belongs to down to its leaf) only says that it stopped,
   * and whether in a final state.
   */
  stopped(path: string): string {
    let known = this.stoppedAs.get(path);
    if (known === undefined) this.stoppedAs.set(path, (known = this.regionStopped(path)));
    return known;
  }

  private regionStopped(path: string): string {
    const keys = path.split('.');
    for (let i = keys.length - 1; i >= 0; i--) {
      const state = this.byKey.get(keys[i]!);
      if (!state) return path;
      if (state.type === 'parallel') {
        if (i === keys.length - 1) return path;
        const leaf = this.byKey.get(keys.at(-1)!);
        return `${keys.slice(0, i + 2).join('.')}#stopped${leaf?.type === 'final' ? '-final' : ''}`;
      }
      if (moves(state)) return path;
    }
    return path;
  }

  /** What a state's conditions, and those of every state play can enter from it, read. */
  private readsOnward(key: string): Reads {
    const known = this.onward.get(key);
    if (known) return known;
    const reads: Reads = { flags: new Set(), counters: new Set(), teamSets: new Set() };
    const seen = new Set<string>();
    const visit = (from: string) => {
      if (seen.has(from)) return;
      seen.add(from);
      const state = this.byKey.get(from);
      if (!state) return;
      const transitions = [...(state.after ?? []), ...(state.on ?? []), ...(state.always ?? []), ...(state.decisions ?? [])];
      for (const t of transitions) {
        if ('when' in t) addReads(t.when, reads);
        if (t.target !== undefined) this.entered(from, t.target).forEach(visit);
      }
    };
    visit(key);
    this.onward.set(key, reads);
    return reads;
  }

  /** The states a transition from `source` to `target` may enter: the target's side of their common ancestor, all of it. */
  private entered(source: string, target: string): string[] {
    const above = new Set<string>();
    for (let k: string | undefined = source; k !== undefined; k = this.parent.get(k)) above.add(k);
    let top = target;
    for (let k = this.parent.get(target); k !== undefined && !above.has(k); k = this.parent.get(k)) top = k;
    const subtree: string[] = [];
    const walk = (key: string) => {
      subtree.push(key);
      Object.keys(this.byKey.get(key)?.states ?? {}).forEach(walk);
    };
    walk(top);
    return subtree;
  }
}

/** Can a state ever take a transition (and so move its region)? */
const moves = (state: ScenarioState) => Boolean(state.after?.length || state.on?.length || state.always?.length || state.decisions?.length);

const horizons = new WeakMap<ScenarioDocument, PlayHorizon>();

/**
 * Identity of a point for exploration: where the machine is, the flags and counters that play can
 * still read, and which timers are pending, relative to now. Two points with the same key play on
 * alike. A team set counts only by its size (conditions ask how many teams, never which), so the
 * teams are interchangeable: seven teams confirming in any order are eight points, not 128.
 */
const keyCache = new WeakMap<PlayPoint, string>();

export function pointKey(point: PlayPoint, document: ScenarioDocument): string {
  const cached = keyCache.get(point);
  if (cached !== undefined) return cached;
  let horizon = horizons.get(document);
  if (!horizon) horizons.set(document, (horizon = new PlayHorizon(document)));
  const reads = horizon.reads(point.run.states);
  const context = point.run.machine.context as ScenarioContext;
  const flags = Object.entries(context.flags).filter(([k, v]) => reads.flags.has(k) && v).map(([k]) => k).sort();
  const counters = Object.entries(context.counters).filter(([k]) => reads.counters.has(k)).sort();
  const teamSets = Object.entries(context.teamSets ?? {}).filter(([k]) => reads.teamSets.has(k)).map(([k, teams]) => [k, teams.length]).sort();
  const timers = Object.entries(point.run.timers)
    .map(([k, due]) => `${k}@${due - point.nowMs}`)
    .sort();
  // The active leaf states say where the machine is (its value, less the reactions' constant regions).
  const states = point.run.states.map((path) => horizon.stopped(path));
  const key = JSON.stringify([states, flags, counters, teamSets, timers, point.run.machine.status]);
  keyCache.set(point, key);
  return key;
}

export interface Exploration {
  /** State keys active at some point of some play. */
  visitedStates: Set<string>;
  released: Set<string>;
  milestones: Set<string>;
  /** The earliest exercise time (ms) at which each inject is released on some play path. */
  earliestRelease: Map<string, number>;
  /** Transitions taken, as `stateKey -> event type`. */
  firedEvents: Set<string>;
  /** Points from which EndEx cannot be reached, by their active states. */
  stuck: string[][];
  /** The bound was hit: what was not explored may hold more. */
  truncated: boolean;
  points: number;
}

type PlayEvent = RunInput;

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
  // The analyzer asks more than once of the same machine (its rules, then the timeline's checks).
  const key = JSON.stringify(budget);
  const known = explorations.get(scenario)?.get(key);
  if (known) return known;
  const exploration = explore(scenario, budget);
  explorations.set(scenario, (explorations.get(scenario) ?? new Map()).set(key, exploration));
  return exploration;
}

const explorations = new WeakMap<CompiledScenario, Map<string, Exploration>>();

function explore(scenario: CompiledScenario, budget: ExplorationBudget): Exploration {
  const byKey = statesByKey(scenario.document);
  const result: Exploration = {
    visitedStates: new Set(),
    released: new Set(),
    earliestRelease: new Map(),
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
    for (const inject of point.step.released) {
      result.released.add(inject);
      if (!(point.nowMs >= (result.earliestRelease.get(inject) ?? Infinity))) result.earliestRelease.set(inject, point.nowMs);
    }
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
        result.firedEvents.add(eventName(event));
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

function eventName(input: RunInput): string {
  switch (input.type) {
    case 'timer':
      return `timer.${input.timer}`;
    case 'action':
      return `action.${input.actionId}`;
    case 'decision':
      return `decision.${input.decision}`;
    case 'acknowledgement':
      return `acknowledged.${input.injectId}`;
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
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
/**
 * Responses a strategy takes or leaves together: one response, or the teams that fill a team set
 * ("every team confirmed"), of which a strategy takes the first k: which teams does not matter.
 */
type ResponseUnit = Response[];

/**
 * Whether an event can meet a condition in some play: its field values decide the field tests,
 * and a flag, counter or team set may hold either way (`maybe`).
 */
function possibly(condition: Condition, event: ScenarioEvent): 'yes' | 'no' | 'maybe' {
  if ('all' in condition) {
    const parts = condition.all.map((c) => possibly(c, event));
    return parts.includes('no') ? 'no' : parts.every((p) => p === 'yes') ? 'yes' : 'maybe';
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => possibly(c, event));
    return parts.includes('yes') ? 'yes' : parts.every((p) => p === 'no') ? 'no' : 'maybe';
  }
  if ('not' in condition) {
    const inner = possibly(condition.not, event);
    return inner === 'yes' ? 'no' : inner === 'no' ? 'yes' : 'maybe';
  }
  if ('field' in condition) return evaluateCondition(condition, { flags: {}, counters: {} }, event) ? 'yes' : 'no';
  return 'maybe';
}

/** Does a condition read the action's fields (so the values an answer gives are worth showing)? */
function readsFields(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if ('all' in condition) return condition.all.some(readsFields);
  if ('any' in condition) return condition.any.some(readsFields);
  if ('not' in condition) return readsFields(condition.not);
  return 'field' in condition;
}

/**
 * Every action, acknowledgement and decision the scenario reacts to, once per transition: for an
 * action, the first input the server would accept whose team and fields meet the transition's
 * guard. Reactions that only differ in their team are one response, except those that fill a team
 * set, which make one unit of a response per team.
 */
function responsesOf(scenario: CompiledScenario): ResponseUnit[] {
  const { document } = scenario;
  const singles = new Map<string, Response>();
  const teamSets = new Map<string, Map<string, Response>>();
  const meets = (t: InputTransition, event: ScenarioEvent) => (t.team === undefined || event.teamId === t.team) && (t.when === undefined || possibly(t.when, event) !== 'no');
  const actionResponse = (action: string, t: InputTransition): Response | undefined => {
    const input = actionInputs(document, action).find((i) => meets(t, { type: `action.${action}`, teamId: i.teamId, fields: i.fields }));
    return input && { label: `${input.teamId}: ${action}${readsFields(t.when) ? ` ${JSON.stringify(input.fields)}` : ''}`, input };
  };
  const reactionResponse = (reaction: Reaction): Response | undefined => {
    if ('action' in reaction) return actionResponse(reaction.action, reaction);
    const input = acknowledgementInputs(document, reaction.acknowledged).find((i) => reaction.team === undefined || i.teamId === reaction.team);
    return input && { label: `${input.teamId}: acknowledges ${reaction.acknowledged}`, input };
  };
  for (const state of statesByKey(document).values()) {
    for (const t of state.on ?? []) {
      const response = actionResponse(t.action, t);
      if (response) singles.set(JSON.stringify(response.input), response);
    }
    for (const d of state.decisions ?? []) {
      singles.set(`decision.${d.decision}`, { label: `decision ${d.decision}`, input: { type: 'decision', decision: d.decision } });
    }
  }
  for (const reaction of document.reactions) {
    const response = reactionResponse(reaction);
    if (!response) continue;
    const set = reaction.effects.length === 1 && 'addTeam' in reaction.effects[0]! ? reaction.effects[0].addTeam : undefined;
    if (set !== undefined) {
      const members = teamSets.get(set) ?? new Map<string, Response>();
      teamSets.set(set, members.set(JSON.stringify(response.input), response));
      continue;
    }
    const { team: _team, ...alike } = reaction;
    singles.set(`reaction ${JSON.stringify(alike)}`, response);
  }
  const known = new Set<string>();
  const units: ResponseUnit[] = [];
  for (const [key, response] of singles) {
    const input = JSON.stringify(response.input);
    if (known.has(input) && !key.startsWith('decision.')) continue;
    known.add(input);
    units.push([response]);
  }
  for (const members of teamSets.values()) units.push([...members.values()]);
  return units;
}

/**
 * Enumerates play paths by response strategy: for every choice of the expected actions,
 * acknowledgements and controller decisions the scenario reacts to, play it with the engine,
 * players doing the chosen ones and never the others, once promptly (as soon as the scenario would
 * react) and once patiently (only after timers that merely add an inject, such as a contingency
 * chaser, have fired). A path is one outcome: the injects in their order and the fastest EndEx;
 * strategies with the same outcome are one path (its slowest EndEx the latest of theirs).
 * Bounded: at most `maxStrategies` choices are played (fewest responses first), and the result
 * says when some were left out. See scenarios/README.md for why this is not xstate/graph's
 * getSimplePaths.
 */
export function enumeratePaths(scenario: CompiledScenario, options: { maxPaths?: number; maxStrategies?: number } = {}): { paths: PlayPath[]; truncated: boolean } {
  const maxPaths = options.maxPaths ?? 200;
  const maxStrategies = options.maxStrategies ?? 4096;
  const units = responsesOf(scenario);
  const strategies = choicesBySize(units.map((unit) => unit.length), maxStrategies);
  const byOutcome = new Map<string, PlayPath>();
  for (const levels of strategies.choices) {
    const chosen = levels.flatMap((level, i) => units[i]!.slice(0, level));
    for (const patient of [false, true]) {
      const { inputs, taken } = playStrategy(scenario, chosen, patient);
      const path = { ...timePath(scenario, inputs), responses: taken, patient };
      const key = JSON.stringify([path.released, path.ended, path.minMinutes]);
      const known = byOutcome.get(key);
      if (!known) byOutcome.set(key, path);
      else {
        const slowest = known.maxMinutes === null || path.maxMinutes === null ? null : Math.max(known.maxMinutes, path.maxMinutes);
        byOutcome.set(key, { ...(path.responses.length < known.responses.length ? path : known), maxMinutes: slowest });
      }
    }
  }
  const paths = [...byOutcome.values()].sort((a, b) => a.responses.length - b.responses.length);
  return { paths: paths.slice(0, maxPaths), truncated: strategies.truncated || paths.length > maxPaths };
}

/**
 * Choices of how many of each unit's responses to take (0..size), fewest in all first, at most
 * `max` of them.
 */
function choicesBySize(sizes: number[], max: number): { choices: number[][]; truncated: boolean } {
  const total = sizes.reduce((a, b) => a + b, 0);
  const choices: number[][] = [];
  const grow = (remaining: number, from: number, current: number[]): boolean => {
    if (remaining === 0) {
      choices.push([...current]);
      return choices.length < max;
    }
    for (let i = from; i < sizes.length; i++) {
      // A unit's level only rises from its left neighbour on, so each choice comes once.
      if (current[i]! >= sizes[i]!) continue;
      current[i]!++;
      const more = grow(remaining - 1, i, current);
      current[i]!--;
      if (!more) return false;
    }
    return true;
  };
  const count = sizes.reduce((n, size) => n * (size + 1), 1);
  for (let size = 0; size <= total; size++) {
    if (!grow(size, 0, sizes.map(() => 0))) return { choices, truncated: choices.length < count };
  }
  return { choices, truncated: false };
}

/**
 * Plays one strategy: chosen responses whenever they change something, else the next timer.
 * Patiently, a response that could be given is held back over timers that leave play where it
 * is (they only release something, or move to a state that handles nothing) until one of them
 * has released an inject the response would have prevented: the path where the team answers
 * after the contingency.
 */
function playStrategy(scenario: CompiledScenario, chosen: Response[], patient: boolean): { inputs: RunInput[]; taken: string[] } {
  let point = initialPoint(scenario);
  const inputs: RunInput[] = [];
  const taken: string[] = [];
  const uses = new Map<Response, number>();
  const byKey = statesByKey(scenario.document);
  const handlesNothing = (state: ScenarioState | undefined): boolean =>
    state !== undefined &&
    state.type !== 'final' &&
    !state.on?.length &&
    !state.decisions?.length &&
    !state.always?.length &&
    Object.values(state.states ?? {}).every(handlesNothing);
  const staysPut = (timer: string) => {
    const definition = scenario.timers.get(timer);
    if (!definition) return false;
    const target = byKey.get(definition.stateId)?.after?.[Number(timer.split('.').at(-1))]?.target;
    return target === undefined || handlesNothing(byKey.get(target));
  };
  let heldOver = false;
  for (let steps = 0; steps < 10_000 && point.run.machine.status !== 'done'; steps++) {
    let next: { input: RunInput; point: PlayPoint; response?: Response } | undefined;
    const handled = handledInputs(scenario, point, byKey);
    for (const response of chosen) {
      if ((uses.get(response) ?? 0) >= 3 || !handled(response.input)) continue;
      const candidate = applyInput(scenario, point, response.input);
      if (pointKey(candidate, scenario.document) !== pointKey(point, scenario.document) || candidate.step.released.length > 0) {
        next = { input: response.input, point: candidate, response };
        break;
      }
    }
    const waiting = nextTimer(point.run);
    const holdBack = patient && next !== undefined && !heldOver && waiting !== undefined && staysPut(waiting.timer);
    if (!next || holdBack) {
      if (!waiting) break;
      const input: RunInput = { type: 'timer', timer: waiting.timer };
      const fired = applyInput(scenario, point, input);
      // Held over a contingency: the timer released something the response would have prevented.
      if (holdBack && fired.step.released.some((inject) => !applyInput(scenario, next!.point, input).step.released.includes(inject))) heldOver = true;
      next = { input, point: fired };
    }
    if (next.response) {
      uses.set(next.response, (uses.get(next.response) ?? 0) + 1);
      if (!taken.includes(next.response.label)) taken.push(next.response.label);
      heldOver = false;
    }
    inputs.push(next.input);
    point = next.point;
  }
  return { inputs, taken };
}

/**
 * Replays a path's inputs twice: players answering at once, then each answer as late as it can
 * come without changing what goes out: past timers that release nothing and leave the answer
 * handled (a storyline moving on), up to just before the next one that releases or ends play.
 */
function timePath(scenario: CompiledScenario, inputs: RunInput[]): Omit<PlayPath, 'responses' | 'patient'> {
  const byKey = statesByKey(scenario.document);
  const play = (late: boolean) => {
    let point = initialPoint(scenario);
    const released = [...point.step.released];
    let unbounded = false;
    for (const input of inputs) {
      if (late && input.type !== 'timer') {
        for (;;) {
          const next = nextTimer(point.run);
          if (!next) {
            unbounded = true;
            break;
          }
          const fired = applyInput(scenario, point, { type: 'timer', timer: next.timer });
          if (fired.step.released.length > 0 || fired.step.ended || !handledInputs(scenario, fired, byKey)(input)) {
            point = { ...point, nowMs: next.dueMs };
            break;
          }
          point = fired;
        }
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
