import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import type { CompiledScenario, RuntimeActionParams, ScenarioEvent } from './compileScenario.ts';

/** What one input did to the scenario, in the order the machine did it. */
export interface Step {
  released: string[];
  milestones: string[];
  /** Active leaf state paths after the step, e.g. `demo.play.awaiting_report`. */
  states: string[];
  statesChanged: boolean;
  /** The machine reached its top-level final state: EndEx. */
  ended: boolean;
}

/**
 * One play of a compiled scenario on an abstract clock: the engine shared by the live server,
 * replay and the headless simulator. It does no I/O and reads no real time; the caller says
 * what exercise time each input happens at, and owns when timers fire.
 */
export class ScenarioRun {
  readonly scenario: CompiledScenario;
  private readonly actor: Actor<AnyStateMachine>;
  private readonly timers = new Map<string, number>();
  private now = 0;
  private step: Step | undefined;
  private lastStates: string[] = [];

  constructor(scenario: CompiledScenario) {
    this.scenario = scenario;
    const machine = scenario.machine.provide({
      actions: {
        release: (_: unknown, p: RuntimeActionParams['release']) => this.step?.released.push(p.inject),
        milestone: (_: unknown, p: RuntimeActionParams['milestone']) => this.step?.milestones.push(p.milestone),
        scheduleTimer: (_: unknown, p: RuntimeActionParams['scheduleTimer']) =>
          this.timers.set(p.timer, this.now + p.minutes * 60_000),
        cancelTimer: (_: unknown, p: RuntimeActionParams['cancelTimer']) => this.timers.delete(p.timer),
      },
    });
    this.actor = createActor(machine);
  }

  /** StartEx: enter the initial states at exercise time `atMs`. */
  start(atMs: number): Step {
    return this.run(atMs, () => this.actor.start());
  }

  timerFired(timer: string, atMs: number): Step {
    if (!this.timers.has(timer)) return this.run(atMs, () => {});
    this.timers.delete(timer);
    return this.run(atMs, () => this.actor.send({ type: `timer.${timer}` }));
  }

  actionTaken(teamId: string, actionId: string, fields: ScenarioEvent['fields'], atMs: number): Step {
    return this.run(atMs, () => this.actor.send({ type: `action.${actionId}`, teamId, fields: fields ?? {} }));
  }

  decisionMade(decisionId: string, atMs: number): Step {
    return this.run(atMs, () => this.actor.send({ type: `decision.${decisionId}` }));
  }

  /** Pending timers: key -> exercise time (ms) they are due at. */
  get pendingTimers(): ReadonlyMap<string, number> {
    return this.timers;
  }

  /** The earliest pending timer, if any. */
  nextTimer(): { timer: string; dueMs: number } | undefined {
    let next: { timer: string; dueMs: number } | undefined;
    for (const [timer, dueMs] of this.timers) if (!next || dueMs < next.dueMs) next = { timer, dueMs };
    return next;
  }

  get states(): string[] {
    return this.lastStates;
  }

  get ended(): boolean {
    return this.actor.getSnapshot().status === 'done';
  }

  get context(): { flags: Record<string, boolean>; counters: Record<string, number> } {
    return this.actor.getSnapshot().context;
  }

  private run(atMs: number, input: () => void): Step {
    this.now = atMs;
    const step: Step = { released: [], milestones: [], states: [], statesChanged: false, ended: false };
    this.step = step;
    try {
      input();
    } finally {
      this.step = undefined;
    }
    const snapshot = this.actor.getSnapshot();
    step.states = leafPaths(snapshot.value);
    step.statesChanged = step.states.join('|') !== this.lastStates.join('|');
    this.lastStates = step.states;
    step.ended = snapshot.status === 'done';
    if (step.ended) this.timers.clear();
    return step;
  }
}

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, `${prefix}${key}.`));
  }
  return [];
}
