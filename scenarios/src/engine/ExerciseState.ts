import { actsUponRule, type ActsUpon, type ExerciseStatus, type Recipients } from '@startex/shared';
import type { CompiledScenario } from '../compileScenario.ts';
import type { RunState } from '../ScenarioRun.ts';
import { AppendOnlyMap } from './AppendOnlyMap.ts';
import { STOPPED_AT_START, type ExerciseClock } from './ExerciseClock.ts';
import type { KeyUse } from './idempotency.ts';
import { InjectProgressMap } from './injectProgress.ts';
import { PersistentMap } from './PersistentMap.ts';

/** A communications check: who it went to, and which teams acknowledged it, in order. */
export interface CommsCheck {
  readonly checkId: string;
  readonly teams: readonly string[];
  /** Wall time it was sent. */
  readonly sentAt: number;
  readonly acknowledged: readonly { readonly teamId: string; readonly seq: number; readonly at: number }[];
  readonly confirmedAt?: number;
}

/**
 * Everything the log says about one exercise at one seq. Immutable: folding an entry returns a
 * new state that shares what did not change, so any state can be kept as a snapshot as it is.
 */
export interface ExerciseState {
  readonly scenario: CompiledScenario;
  /** The scenario's rule for "acted upon", for inject progress. */
  readonly actsUpon: ActsUpon;
  readonly lastSeq: number;
  readonly status: ExerciseStatus;
  /** Story start as StartEx logged it, and the speed it logged or control set since; before StartEx they are the plan's (the exercise record). */
  readonly timing?: { readonly speed: number; readonly scenarioStartMs: number };
  readonly clock: ExerciseClock;
  /** The scenario machine, from StartEx on. */
  readonly run?: RunState;
  readonly haltReason?: string;
  readonly injects: InjectProgressMap;
  readonly adHocCount: number;
  /** Requests already served, by their dedupe key (idempotency.ts): a retry answers the first seq. */
  readonly served: AppendOnlyMap<KeyUse>;
  /** Who each message went to (a reply must answer one addressed to the replier). */
  readonly messages: PersistentMap<Recipients>;
  /** Rating subject -> evaluator -> seq of their current rating. */
  readonly ratings: PersistentMap<Readonly<Record<string, number>>>;
  readonly commsCheck?: CommsCheck;
}

export function initialState(scenario: CompiledScenario): ExerciseState {
  return {
    scenario,
    actsUpon: actsUponRule(scenario.document),
    lastSeq: 0,
    status: 'draft',
    clock: STOPPED_AT_START,
    injects: InjectProgressMap.EMPTY,
    adHocCount: 0,
    served: AppendOnlyMap.empty(),
    messages: PersistentMap.empty(),
    ratings: PersistentMap.empty(),
  };
}
