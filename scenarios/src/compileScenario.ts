import { assign, setup, type AnyStateMachine } from 'xstate';
import type { Condition, Effect, ScenarioDocument, ScenarioState } from '@startex/shared';

/** The machine's extended state: flags and counters that conditions read. */
export interface ScenarioContext {
  flags: Record<string, boolean>;
  counters: Record<string, number>;
}

/**
 * Events the compiled machine understands. `type` is `timer.<key>`, `action.<actionId>` or
 * `decision.<decisionId>`; the runtime builds them, never a participant.
 */
export interface ScenarioEvent {
  type: string;
  teamId?: string;
  fields?: Record<string, string | number | boolean>;
}

export interface TimerDefinition {
  key: string;
  stateId: string;
  minutes: number;
}

export interface CompiledScenario {
  document: ScenarioDocument;
  machine: AnyStateMachine;
  /** Every delay in the document, by timer key. */
  timers: ReadonlyMap<string, TimerDefinition>;
}

/** Parameters of the named actions the runtime provides (see ScenarioRun). */
export interface RuntimeActionParams {
  release: { inject: string };
  milestone: { milestone: string };
  scheduleTimer: { timer: string; minutes: number };
  cancelTimer: { timer: string };
}

const noop = () => {};

/** The closed vocabulary every scenario machine is built from. */
const scenarioSetup = setup({
  types: {
    context: {} as ScenarioContext,
    events: {} as ScenarioEvent,
  },
  actions: {
    // Side effects: the engine reads these from the pure transition's action list (ScenarioRun).
    release: (_: unknown, _params: RuntimeActionParams['release']) => noop(),
    milestone: (_: unknown, _params: RuntimeActionParams['milestone']) => noop(),
    scheduleTimer: (_: unknown, _params: RuntimeActionParams['scheduleTimer']) => noop(),
    cancelTimer: (_: unknown, _params: RuntimeActionParams['cancelTimer']) => noop(),
    // Context updates are assigns, applied inside the pure transition itself.
    setFlag: assign(({ context }, params: { flag: string; value: boolean }) => ({
      flags: { ...context.flags, [params.flag]: params.value },
    })),
    increment: assign(({ context }, params: { counter: string }) => ({
      counters: { ...context.counters, [params.counter]: (context.counters[params.counter] ?? 0) + 1 },
    })),
  },
  guards: {
    matches: ({ context, event }, params: { team?: string | undefined; when?: Condition | undefined }) =>
      (params.team === undefined || event.teamId === params.team) &&
      (params.when === undefined || evaluateCondition(params.when, context, event)),
  },
});

/** Evaluates a document condition against the machine context and the triggering event. */
export function evaluateCondition(condition: Condition, context: ScenarioContext, event: ScenarioEvent): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context, event));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context, event));
  if ('not' in condition) return !evaluateCondition(condition.not, context, event);
  if ('flag' in condition) return (context.flags[condition.flag] ?? false) === (condition.equals ?? true);
  if ('counter' in condition) return (context.counters[condition.counter] ?? 0) >= condition.atLeast;
  const value = event.fields?.[condition.field];
  if (value === undefined) return false;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  if (condition.atLeast !== undefined && !(typeof value === 'number' && value >= condition.atLeast)) return false;
  if (condition.atMost !== undefined && !(typeof value === 'number' && value <= condition.atMost)) return false;
  return true;
}

type ActionRef = { type: string; params: object };

function effectAction(effect: Effect): ActionRef {
  if ('release' in effect) return { type: 'release', params: { inject: effect.release } };
  if ('setFlag' in effect) return { type: 'setFlag', params: { flag: effect.setFlag, value: effect.value } };
  if ('increment' in effect) return { type: 'increment', params: { counter: effect.increment } };
  return { type: 'milestone', params: { milestone: effect.milestone } };
}

export const timerKey = (stateId: string, index: number) => `${stateId}.after.${index}`;

/**
 * Compiles a validated scenario document into an xstate machine. State keys are unique across
 * the document and double as xstate ids, so a transition targets any state as `#key`.
 * Delays are not xstate `after` transitions: the runtime owns durable timers and sends
 * `timer.<key>` events, because xstate does not persist pending delayed events.
 */
export function compileScenario(document: ScenarioDocument): CompiledScenario {
  const timers = new Map<string, TimerDefinition>();

  function transition(target: string | undefined, effects: Effect[], guard?: ActionRef) {
    return {
      ...(target === undefined ? {} : { target: `#${target}` }),
      ...(guard === undefined ? {} : { guard }),
      actions: effects.map(effectAction),
    };
  }

  function compileState(stateId: string, state: ScenarioState): Record<string, unknown> {
    const on: Record<string, unknown[]> = {};
    const add = (event: string, t: unknown) => (on[event] ??= []).push(t);
    const scheduled: ActionRef[] = [];
    const cancelled: ActionRef[] = [];

    (state.after ?? []).forEach((delay, index) => {
      const key = timerKey(stateId, index);
      timers.set(key, { key, stateId, minutes: delay.minutes });
      scheduled.push({ type: 'scheduleTimer', params: { timer: key, minutes: delay.minutes } });
      cancelled.push({ type: 'cancelTimer', params: { timer: key } });
      const guard = delay.when ? { type: 'matches', params: { when: delay.when } } : undefined;
      add(`timer.${key}`, transition(delay.target, delay.effects, guard));
    });
    for (const t of state.on ?? []) {
      const guard = t.team || t.when ? { type: 'matches', params: { team: t.team, when: t.when } } : undefined;
      add(`action.${t.action}`, transition(t.target, t.effects, guard));
    }
    for (const d of state.decisions ?? []) add(`decision.${d.decision}`, transition(d.target, d.effects));

    const children = Object.entries(state.states ?? {});
    return {
      id: stateId,
      ...(state.description ? { description: state.description } : {}),
      ...(state.type === 'final' ? { type: 'final' } : {}),
      ...(state.type === 'parallel' ? { type: 'parallel' } : {}),
      ...(children.length > 0 && state.type !== 'parallel' ? { initial: state.initial ?? children[0]![0] } : {}),
      entry: [...(state.entry ?? []).map(effectAction), ...scheduled],
      exit: cancelled,
      on,
      ...(children.length > 0
        ? { states: Object.fromEntries(children.map(([key, child]) => [key, compileState(key, child)])) }
        : {}),
    };
  }

  const root = compileState(document.id, document.machine);
  const machine = scenarioSetup.createMachine({
    ...(root as object),
    context: { flags: {}, counters: {} },
  } as Parameters<typeof scenarioSetup.createMachine>[0]);
  return { document, machine, timers };
}
