import type { AnyMachineSnapshot } from 'xstate';
import type { FieldValue } from '@startex/shared';
import type { CompiledScenario, RuntimeActionParams } from './compileStatechart.ts';
import type { ScenarioContext, ScenarioEvent } from './evaluateCondition.ts';
import { WRAPPER } from './machineWrapper.ts';
import { machineStepper } from './machineStepper.ts';

/** What one input did to the scenario, in the order the machine did it. */
export interface Step {
  released: string[];
  milestones: string[];
  /** Active leaf state paths after the step, e.g. `play.awaiting_report`. */
  states: string[];
  statesChanged: boolean;
  /** The machine reached its top-level final state: EndEx. */
  ended: boolean;
}

/** Everything a play of a scenario is at one moment: immutable, so it can be kept as a snapshot. */
export interface RunState {
  readonly machine: AnyMachineSnapshot;
  /** Pending timers: key -> exercise time (ms) they are due at. */
  readonly timers: Readonly<Record<string, number>>;
  readonly states: readonly string[];
}

/** The inputs a scenario reacts to. The runtime decides when each happens. */
export type RunInput =
  | { type: 'timer'; timer: string }
  | { type: 'action'; teamId: string; actionId: string; fields: Record<string, FieldValue> }
  | { type: 'decision'; decision: string }
  /** A team acknowledged a released inject (for conditions such as "has not acknowledged within 10 minutes"). */
  | { type: 'acknowledgement'; teamId: string; injectId: string };

type Executed = { type: string; params?: unknown };

function apply(
  previous: readonly string[],
  machine: AnyMachineSnapshot,
  actions: Executed[],
  timers: Record<string, number>,
  atMs: number,
): { state: RunState; step: Step } {
  const step: Step = { released: [], milestones: [], states: [], statesChanged: false, ended: false };
  for (const action of actions) {
    switch (action.type) {
      case 'release':
        step.released.push((action.params as RuntimeActionParams['release']).inject);
        break;
      case 'milestone':
        step.milestones.push((action.params as RuntimeActionParams['milestone']).milestone);
        break;
      case 'scheduleTimer': {
        const p = action.params as RuntimeActionParams['scheduleTimer'];
        timers[p.timer] = atMs + p.minutes * 60_000;
        break;
      }
      case 'cancelTimer':
        delete timers[(action.params as RuntimeActionParams['cancelTimer']).timer];
        break;
      default:
        break; // assigns are already applied to the snapshot
    }
  }
  step.states = leafPaths(machine.value);
  step.statesChanged = step.states.join('|') !== previous.join('|');
  step.ended = machine.status === 'done';
  return { state: { machine, timers: step.ended ? {} : timers, states: step.states }, step };
}

/** StartEx: the initial states are entered at exercise time `atMs`. */
export function startRun(scenario: CompiledScenario, atMs: number): { state: RunState; step: Step } {
  const [machine, actions] = machineStepper(scenario.machine).initial();
  return apply([], machine, actions, {}, atMs);
}

/** One input at exercise time `atMs`; a timer that is not pending changes nothing. */
export function advanceRun(
  scenario: CompiledScenario,
  state: RunState,
  input: RunInput,
  atMs: number,
): { state: RunState; step: Step } {
  const timers = { ...state.timers };
  let event: ScenarioEvent;
  switch (input.type) {
    case 'timer':
      if (!(input.timer in timers) || state.machine.status === 'done') {
        return { state, step: { released: [], milestones: [], states: [...state.states], statesChanged: false, ended: state.machine.status === 'done' } };
      }
      delete timers[input.timer];
      event = { type: `timer.${input.timer}` };
      break;
    case 'action':
      event = { type: `action.${input.actionId}`, teamId: input.teamId, fields: input.fields };
      break;
    case 'decision':
      event = { type: `decision.${input.decision}` };
      break;
    case 'acknowledgement':
      event = { type: `acknowledged.${input.injectId}`, teamId: input.teamId };
      break;
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
  const [machine, actions] = machineStepper(scenario.machine).transition(state.machine, event);
  return apply(state.states, machine, actions, timers, atMs);
}

/** The earliest pending timer of a run state, if any (ties: the first scheduled). */
export function nextTimer(state: RunState): { timer: string; dueMs: number } | undefined {
  let next: { timer: string; dueMs: number } | undefined;
  for (const [timer, dueMs] of Object.entries(state.timers)) if (!next || dueMs < next.dueMs) next = { timer, dueMs };
  return next;
}

/**
 * The next pending timer whose firing releases an inject, looking ahead on a copy of the run
 * through the timers due before it (as they would fire if nobody acted meanwhile); none when
 * play would end, or stop waiting for players, first.
 */
export function nextInjectTimer(scenario: CompiledScenario, state: RunState): { timer: string; dueMs: number } | undefined {
  let current = state;
  // Each step fires one timer; a scenario re-arming the same timer forever is cut off.
  for (let steps = 0; steps < 1_000; steps++) {
    const next = nextTimer(current);
    if (!next) return undefined;
    const after = advanceRun(scenario, current, { type: 'timer', timer: next.timer }, next.dueMs);
    if (after.step.released.length > 0) return next;
    if (after.step.ended) return undefined;
    current = after.state;
  }
  return undefined;
}

/**
 * One play of a compiled scenario on an abstract clock: the engine shared by the live server,
 * replay and the headless simulator. It does no I/O and reads no real time; the caller says
 * what exercise time each input happens at, and owns when timers fire.
 */
export class ScenarioRun {
  readonly scenario: CompiledScenario;
  private current: RunState | undefined;

  constructor(scenario: CompiledScenario, from?: RunState) {
    this.scenario = scenario;
    this.current = from;
  }

  start(atMs: number): Step {
    const { state, step } = startRun(this.scenario, atMs);
    this.current = state;
    return step;
  }

  timerFired(timer: string, atMs: number): Step {
    return this.advance({ type: 'timer', timer }, atMs);
  }

  actionTaken(teamId: string, actionId: string, fields: Record<string, FieldValue> | undefined, atMs: number): Step {
    return this.advance({ type: 'action', teamId, actionId, fields: fields ?? {} }, atMs);
  }

  acknowledged(teamId: string, injectId: string, atMs: number): Step {
    return this.advance({ type: 'acknowledgement', teamId, injectId }, atMs);
  }

  decisionMade(decision: string, atMs: number): Step {
    return this.advance({ type: 'decision', decision }, atMs);
  }

  advance(input: RunInput, atMs: number): Step {
    if (!this.current) throw new Error('The run has not started: call start() first.');
    const { state, step } = advanceRun(this.scenario, this.current, input, atMs);
    this.current = state;
    return step;
  }

  /** The immutable state now: keep it to come back to this moment without replaying. */
  get snapshot(): RunState | undefined {
    return this.current;
  }

  get pendingTimers(): ReadonlyMap<string, number> {
    return new Map(Object.entries(this.current?.timers ?? {}));
  }

  nextTimer(): { timer: string; dueMs: number } | undefined {
    return this.current && nextTimer(this.current);
  }

  nextInjectTimer(): { timer: string; dueMs: number } | undefined {
    return this.current && nextInjectTimer(this.scenario, this.current);
  }

  get states(): readonly string[] {
    return this.current?.states ?? [];
  }

  get ended(): boolean {
    return this.current?.machine.status === 'done';
  }

  get context(): ScenarioContext {
    return (this.current?.machine.context as ScenarioContext | undefined) ?? { flags: {}, counters: {}, teamSets: {} };
  }
}

/** The active leaf state paths of a machine value, as the document names them (never the reaction wrapper). */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    // An atomic region of a parallel state has the value {}: the region itself is the leaf.
    if (entries.length === 0) return prefix ? [prefix.slice(0, -1)] : [];
    const paths: string[] = [];
    for (const [key, child] of entries) {
      if (key.startsWith(WRAPPER.reaction)) continue;
      const wrapper = key === WRAPPER.play || key === WRAPPER.main;
      // The wrapper's own region with no states of the document in it is no leaf either.
      if (wrapper && typeof child === 'object' && child !== null && Object.keys(child).length === 0) continue;
      paths.push(...leafPaths(child, wrapper ? prefix : `${prefix}${key}.`));
    }
    return paths;
  }
  return [];
}
