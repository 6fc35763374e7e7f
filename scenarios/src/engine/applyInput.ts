import type { Actor, LogEntry, LogEvent } from '@startex/shared';
import type { Step } from '../ScenarioRun.ts';
import { releasedCopy } from './commands.ts';
import { clockNow } from './ExerciseClock.ts';
import type { ExerciseState } from './ExerciseState.ts';
import { foldStep } from './fold.ts';
import { dedupeOf, servedSeq } from './idempotency.ts';
import { INPUTS, type DecideContext, type ExerciseInput, type InputKind, type Plan } from './inputs.ts';

/** A timer that fires this much wall-clock time after it was due marks its injects late. */
const LATE_AFTER_WALL_MS = 1_000;

/** Who sent an input, and when (wall time), to which exercise under which plan. */
export interface Envelope {
  exerciseId: string;
  actor: Actor;
  wallTime: number;
  plan: Plan;
}

/** An input's outcome: a retry of a request already served, or the entries to commit and the state after them. */
export type Applied = { kind: 'served'; seq: number } | { kind: 'commit'; entries: LogEntry[]; state: ExerciseState };

/**
 * One input, decided and folded: the input's dedupe key answers a retry with its first seq; else
 * its decider gives the events, each becomes a log entry and is folded at once, which drives the
 * scenario machine and may add follow-on events (states entered, milestones, releases, EndEx).
 * Throws the catalogue error of a refused input; the state passed in never changes.
 */
export function applyInput(state: ExerciseState, input: ExerciseInput, envelope: Envelope): Applied {
  const { kind, context, dedupe } = prepare(state, input, envelope);
  const seq = dedupe && servedSeq(state.served, dedupe);
  if (seq !== undefined) return { kind: 'served', seq };
  const { exerciseTimeMs } = context;

  const scenarioStartMs = state.timing?.scenarioStartMs ?? envelope.plan.scenarioStartMs;
  const entries: LogEntry[] = [];
  const pending = kind.decide(state, input, context);
  let current = state;
  while (pending.length > 0) {
    const event = pending.shift()!;
    // A jump moves the clock: its entry carries the new time.
    const atMs = event.type === 'clock.jumped' ? event.toExerciseMs : exerciseTimeMs;
    const entry = {
      ...event,
      exerciseId: envelope.exerciseId,
      seq: current.lastSeq + 1,
      wallTime: envelope.wallTime,
      exerciseTimeMs: atMs,
      // StartEx logs the story start the entries from then on are timed by.
      scenarioTimeMs: (event.type === 'exercise.started' ? event.scenarioStartMs : scenarioStartMs) + atMs,
      actor: envelope.actor,
    } as LogEntry;
    // The input's own entry serves the request its dedupe key names (the fold would derive the same from the entry).
    const folded = foldStep(current, entry, entries.length === 0 && dedupe ? dedupe : dedupeOf(entry));
    current = folded.state;
    entries.push(entry);
    if (folded.step) pending.push(...followOn(current, folded.step, event, atMs));
  }
  return { kind: 'commit', entries, state: current };
}

/**
 * What an input repeats, when it has a dedupe key: the key with what it asks (equal for a retry,
 * or the same receipt from another tablet of the team), and the first seq this state served it
 * under (throws IDEMPOTENCY_KEY_REUSED as `applyInput` does). A state that lags the log only
 * answers no seq more often: a served key stays served.
 */
export function repeatOf(state: ExerciseState, input: ExerciseInput, envelope: Envelope): { request: string; seq: number | undefined } | undefined {
  const { dedupe } = prepare(state, input, envelope);
  return dedupe && { request: JSON.stringify([dedupe.key, dedupe.request]), seq: servedSeq(state.served, dedupe) };
}

function prepare(state: ExerciseState, input: ExerciseInput, envelope: Envelope) {
  // The table pairs each input type with its own kind; TypeScript cannot follow that through `input.type`.
  const kind = INPUTS[input.type] as InputKind<ExerciseInput>;
  const context: DecideContext = { actor: envelope.actor, exerciseTimeMs: Math.round(clockNow(state.clock, envelope.wallTime)), plan: envelope.plan };
  return { kind, context, dedupe: kind.dedupeKey?.(input, context) };
}

/** Log events a machine step implies, in the order the machine did them. */
function followOn(s: ExerciseState, step: Step, cause: LogEvent, exerciseTimeMs: number): LogEvent[] {
  const events: LogEvent[] = [];
  if (step.statesChanged) events.push({ type: 'state.entered', states: step.states });
  for (const milestone of step.milestones) events.push({ type: 'milestone.reached', milestone });
  // The clock ran at its present speed since the timer was due (a paused clock has no due timers; control may have changed the speed).
  const lateByWallMs = cause.type === 'timer.fired' ? Math.round((exerciseTimeMs - cause.dueExerciseMs) / (s.timing?.speed ?? 1)) : 0;
  const releasing = new Set<string>();
  for (const injectId of step.released) {
    const inject = releasedCopy(s, injectId);
    if (!inject) continue; // the analyzer refuses such documents
    const progress = s.injects.get(injectId);
    const because = progress?.skipped ? 'skipped' : progress?.held ? 'held' : progress?.inject || releasing.has(injectId) ? 'already-released' : undefined;
    if (because) {
      events.push({ type: 'inject.suppressed', injectId, because });
      continue;
    }
    releasing.add(injectId);
    events.push(lateByWallMs >= LATE_AFTER_WALL_MS ? { type: 'inject.released', inject, lateByWallMs } : { type: 'inject.released', inject });
  }
  if (step.ended && cause.type !== 'exercise.ended') events.push({ type: 'exercise.ended' });
  return events;
}
