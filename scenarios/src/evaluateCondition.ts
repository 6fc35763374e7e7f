import type { Condition, FieldValue } from '@startex/shared';

/** The machine's extended state: flags, counters and team sets that conditions read. */
export interface ScenarioContext {
  flags: Record<string, boolean>;
  counters: Record<string, number>;
  /** Team set -> the teams in it, sorted. */
  teamSets?: Record<string, string[]>;
}

/**
 * Events the compiled machine understands. `type` is `timer.<key>`, `action.<actionId>`,
 * `decision.<decisionId>` or `acknowledged.<injectId>`; the runtime builds them, never a participant.
 */
export interface ScenarioEvent {
  type: string;
  teamId?: string;
  fields?: Record<string, FieldValue>;
}

/** A time of day ("14:05") or a number, compared as what it is. */
function compare(value: FieldValue, bound: number | string, holds: (a: number | string, b: number | string) => boolean): boolean {
  if (typeof bound === 'number') return typeof value === 'number' && holds(value, bound);
  return typeof value === 'string' && /^\d\d:\d\d$/.test(value) && holds(value, bound);
}

/** Evaluates a document condition against the machine context and the triggering event. */
export function evaluateCondition(condition: Condition, context: ScenarioContext, event: ScenarioEvent): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context, event));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context, event));
  if ('not' in condition) return !evaluateCondition(condition.not, context, event);
  if ('flag' in condition) return (context.flags[condition.flag] ?? false) === (condition.equals ?? true);
  if ('counter' in condition) return (context.counters[condition.counter] ?? 0) >= condition.atLeast;
  if ('teams' in condition) return (context.teamSets?.[condition.teams]?.length ?? 0) >= condition.atLeast;
  const value = event.fields?.[condition.field];
  if (value === undefined) return false;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  if (condition.atLeast !== undefined && !compare(value, condition.atLeast, (a, b) => a >= b)) return false;
  if (condition.atMost !== undefined && !compare(value, condition.atMost, (a, b) => a <= b)) return false;
  if (condition.includes !== undefined && !(Array.isArray(value) && value.includes(condition.includes))) return false;
  return true;
}
