import { assign, setup, type AnyStateMachine } from 'xstate';
import type { Condition, Effect, Reaction, ScenarioDocument, ScenarioState } from '@startex/shared';
import { evaluateCondition, type ScenarioContext, type ScenarioEvent } from './evaluateCondition.ts';
import { WRAPPER } from './machineWrapper.ts';

export interface TimerDefinition {
  key: string;
  stateId: string;
  minutes: number;
}

export interface CompiledScenario {
  /** The document in statechart form (see compileScenario for a timeline). */
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
    addTeam: assign(({ context, event }, params: { set: string }) => {
      const members = context.teamSets?.[params.set] ?? [];
      if (event.teamId === undefined || members.includes(event.teamId)) return {};
      return { teamSets: { ...context.teamSets, [params.set]: [...members, event.teamId].sort() } };
    }),
  },
  guards: {
    matches: ({ context, event }, params: { team?: string | undefined; when?: Condition | undefined }) =>
      (params.team === undefined || event.teamId === params.team) &&
      (params.when === undefined || evaluateCondition(params.when, context, event)),
  },
});

type ActionRef = { type: string; params: object };

function effectAction(effect: Effect): ActionRef {
  if ('release' in effect) return { type: 'release', params: { inject: effect.release } };
  if ('setFlag' in effect) return { type: 'setFlag', params: { flag: effect.setFlag, value: effect.value } };
  if ('increment' in effect) return { type: 'increment', params: { counter: effect.increment } };
  if ('addTeam' in effect) return { type: 'addTeam', params: { set: effect.addTeam } };
  return { type: 'milestone', params: { milestone: effect.milestone } };
}

export const timerKey = (stateId: string, index: number) => `${stateId}.after.${index}`;

/**
 * Compiles a validated document in statechart form (a timeline already expanded) into an xstate
 * machine. State keys are unique across the document and double as xstate ids, so a transition
 * targets any state as `#key`. Delays are not xstate `after` transitions: the runtime owns durable
 * timers and sends `timer.<key>` events, because xstate does not persist pending delayed events.
 */
export function compileStatechart(document: ScenarioDocument): CompiledScenario {
  const timers = new Map<string, TimerDefinition>();

  function transition(target: string | undefined, effects: Effect[], guard?: ActionRef) {
    return {
      ...(target === undefined ? {} : { target: `#${target}` }),
      ...(guard === undefined ? {} : { guard }),
      actions: effects.map(effectAction),
    };
  }
  const guardOf = (team: string | undefined, when: Condition | undefined) =>
    team || when ? { type: 'matches', params: { team, when } } : undefined;

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
      add(`timer.${key}`, transition(delay.target, delay.effects, guardOf(undefined, delay.when)));
    });
    for (const t of state.on ?? []) add(`action.${t.action}`, transition(t.target, t.effects, guardOf(t.team, t.when)));
    for (const d of state.decisions ?? []) add(`decision.${d.decision}`, transition(d.target, d.effects));
    const always = (state.always ?? []).map((t) => transition(t.target, t.effects, guardOf(undefined, t.when)));

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
      ...(always.length > 0 ? { always } : {}),
      ...(children.length > 0
        ? { states: Object.fromEntries(children.map(([key, child]) => [key, compileState(key, child)])) }
        : {}),
    };
  }

  const reactionState = (reaction: Reaction): Record<string, unknown> => {
    const event = 'action' in reaction ? `action.${reaction.action}` : `acknowledged.${reaction.acknowledged}`;
    return { on: { [event]: [transition(undefined, reaction.effects, guardOf(reaction.team, reaction.when))] } };
  };

  let root = compileState(document.id, document.machine);
  if (document.reactions.length > 0) root = withReactions(document, root, document.reactions.map(reactionState));
  const context: ScenarioContext = {
    flags: Object.fromEntries(document.flags.map((flag) => [flag.id, flag.initial])),
    counters: {},
    teamSets: {},
  };
  const machine = scenarioSetup.createMachine({ ...(root as object), context } as Parameters<typeof scenarioSetup.createMachine>[0]);
  return { document, machine, timers };
}

/**
 * The machine's own root content (entry, timers, transitions, non-final states) moves into a
 * region beside the reactions; its top-level final states stay at the top, so entering one is
 * still EndEx.
 */
function withReactions(document: ScenarioDocument, root: Record<string, unknown>, reactions: Record<string, unknown>[]): Record<string, unknown> {
  const states = (root.states ?? {}) as Record<string, Record<string, unknown>>;
  const finals = Object.entries(states).filter(([, s]) => s.type === 'final');
  const playing = Object.fromEntries(Object.entries(states).filter(([, s]) => s.type !== 'final'));
  const initial = document.machine.initial ?? Object.keys(document.machine.states ?? {})[0];
  const main = {
    ...root,
    ...(root.type === 'parallel' ? {} : { initial: initial !== undefined && initial in playing ? initial : Object.keys(playing)[0] }),
    states: playing,
  };
  if (Object.keys(playing).length === 0) delete (main as { initial?: unknown; states?: unknown }).states;
  if (Object.keys(playing).length === 0) delete (main as { initial?: unknown }).initial;
  return {
    id: `${document.id}${WRAPPER.play}`,
    initial: finals.some(([key]) => key === initial) ? initial : WRAPPER.play,
    states: {
      [WRAPPER.play]: {
        type: 'parallel',
        states: {
          [WRAPPER.main]: main,
          ...Object.fromEntries(reactions.map((reaction, i) => [`${WRAPPER.reaction}${i}`, reaction])),
        },
      },
      ...Object.fromEntries(finals),
    },
  };
}
