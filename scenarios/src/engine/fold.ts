import type { LogEntry, RatingSubject } from '@startex/shared';
import { advanceRun, startRun, type RunInput, type Step } from '../ScenarioRun.ts';
import { runClock, stopClock } from './ExerciseClock.ts';
import type { ExerciseState } from './ExerciseState.ts';
import { dedupeOf } from './idempotency.ts';
import { nextInjectProgress } from './injectProgress.ts';

/** The state after an entry, and what the scenario machine did on it (for entries that drive it). */
export interface Folded {
  state: ExerciseState;
  step?: Step;
}

/**
 * Applies one entry to a state: the single fold used live, on restart, on replay, in the
 * simulator and in the console. Pure: the state passed in is left as it was.
 */
export function foldStep(s: ExerciseState, entry: LogEntry): Folded {
  const served = dedupeOf(entry);
  const state: ExerciseState = {
    ...s,
    lastSeq: entry.seq,
    injects: nextInjectProgress(s.injects, entry, s.actsUpon),
    // The first use of a key stays: a retry answers the seq that first served it.
    ...(served && !s.served.has(served.key) ? { served: s.served.set(served.key, { seq: entry.seq, request: served.request }) } : {}),
  };
  switch (entry.type) {
    case 'exercise.readied':
      return { state: { ...state, status: 'ready' } };
    case 'exercise.started': {
      const { state: run, step } = startRun(s.scenario, entry.exerciseTimeMs);
      const timing = { speed: entry.speed, scenarioStartMs: entry.scenarioStartMs };
      return { state: { ...state, status: 'live', timing, clock: runClock(entry.exerciseTimeMs, entry.wallTime, entry.speed), run }, step };
    }
    case 'exercise.paused':
      return { state: { ...state, status: 'paused', clock: stopClock(entry.exerciseTimeMs) } };
    case 'exercise.resumed': {
      const { haltReason: _, ...rest } = state;
      return { state: { ...rest, status: 'live', clock: runClock(entry.exerciseTimeMs, entry.wallTime, speedOf(s)) } };
    }
    case 'exercise.halted':
      return { state: { ...state, status: 'halted', haltReason: entry.reason, clock: stopClock(entry.exerciseTimeMs) } };
    case 'exercise.ended': {
      const { haltReason: _, ...rest } = state;
      return { state: { ...rest, status: 'ended', clock: stopClock(entry.exerciseTimeMs) } };
    }
    case 'exercise.closed':
      return { state: { ...state, status: 'closed' } };
    case 'clock.jumped':
      return { state: { ...state, clock: runClock(entry.toExerciseMs, entry.wallTime, speedOf(s)) } };
    case 'timer.fired':
      return drive(state, { type: 'timer', timer: entry.timer }, entry.dueExerciseMs);
    case 'decision.made':
      return drive(state, { type: 'decision', decision: entry.decision }, entry.exerciseTimeMs);
    case 'action.taken':
      return drive(state, { type: 'action', teamId: entry.teamId, actionId: entry.actionId, fields: entry.fields }, entry.exerciseTimeMs);
    case 'inject.released':
      return { state: entry.inject.adHoc ? { ...state, adHocCount: state.adHocCount + 1 } : state };
    case 'message.sent':
      return { state: { ...state, messages: state.messages.set(entry.messageId, entry.to) } };
    case 'commscheck.sent':
      return { state: { ...state, commsCheck: { checkId: entry.checkId, teams: entry.teams, sentAt: entry.wallTime, acknowledged: [] } } };
    case 'commscheck.acknowledged': {
      const check = state.commsCheck;
      if (check?.checkId !== entry.checkId) return { state };
      return { state: { ...state, commsCheck: { ...check, acknowledged: [...check.acknowledged, { teamId: entry.teamId, seq: entry.seq, at: entry.wallTime }] } } };
    }
    case 'commscheck.confirmed': {
      const check = state.commsCheck;
      return { state: check?.checkId === entry.checkId ? { ...state, commsCheck: { ...check, confirmedAt: entry.wallTime } } : state };
    }
    case 'rating.recorded': {
      const evaluator = entry.actor.kind === 'evaluator' ? entry.actor.id : JSON.stringify(entry.actor);
      return { state: { ...state, ratings: state.ratings.update(subjectKey(entry.subject), (current) => ({ ...current, [evaluator]: entry.seq })) } };
    }
    case 'inject.held':
    case 'inject.skipped':
    case 'inject.edited':
    case 'inject.delivered':
    case 'inject.acknowledged':
    case 'state.entered':
    case 'milestone.reached':
    case 'inject.suppressed':
    case 'note.added':
    case 'observation.recorded':
    case 'rating.reconciled':
    case 'feedback.submitted':
      return { state };
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

/** The state after one entry. */
export function fold(state: ExerciseState, entry: LogEntry): ExerciseState {
  return foldStep(state, entry).state;
}

/** The state after a run of entries (in seq order). */
export function foldAll(state: ExerciseState, entries: Iterable<LogEntry>): ExerciseState {
  let folded = state;
  for (const entry of entries) folded = fold(folded, entry);
  return folded;
}

export const subjectKey = (subject: RatingSubject) => `${subject.kind}:${subject.id}`;

/** The scenario machine's answer to an input; entries before StartEx cannot reach it. */
function drive(state: ExerciseState, input: RunInput, atMs: number): Folded {
  if (!state.run) return { state };
  const { state: run, step } = advanceRun(state.scenario, state.run, input, atMs);
  return { state: { ...state, run }, step };
}

/** The speed StartEx logged: resume and jump come only after StartEx (COMMAND_ALLOWED_IN), which always logs one. */
function speedOf(state: ExerciseState): number {
  return state.timing?.speed ?? 1;
}

/**
 * Folds on along a copy of the log kept in seq order (a client's, logSync.ts): the entries that
 * continue the state's seq, up to the first one not received yet. Entries at or before the
 * state's seq are facts it already holds, so the copy may be re-merged freely in between.
 */
export function foldOn(state: ExerciseState, entries: readonly LogEntry[]): ExerciseState {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.seq <= state.lastSeq) lo = mid + 1;
    else hi = mid;
  }
  let folded = state;
  for (let i = lo; i < entries.length && entries[i]!.seq === folded.lastSeq + 1; i++) folded = fold(folded, entries[i]!);
  return folded;
}
