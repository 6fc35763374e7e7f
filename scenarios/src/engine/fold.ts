import type { LogEntry, RatingSubject } from '@startex/shared';
import { advanceRun, startRun, type RunInput, type Step } from '../ScenarioRun.ts';
import { changeSpeed, runClock, stopClock } from './ExerciseClock.ts';
import type { ExerciseState } from './ExerciseState.ts';
import { dedupeOf, type Dedupe } from './idempotency.ts';

/** The state after an entry, and what the scenario machine did on it (for entries that drive it). */
export interface Folded {
  state: ExerciseState;
  step?: Step;
}

/**
 * Applies one entry to a state: the single fold used live, on restart, on replay, in the
 * simulator and in the console. Pure: the state passed in is left as it was. `served` is the
 * request the entry serves (idempotency.ts `dedupeOf`); applyInput passes the one it has just
 * computed for the input, which is the same by construction, to spare a second serialisation.
 */
export function foldStep(s: ExerciseState, entry: LogEntry, served: Dedupe | undefined = dedupeOf(entry)): Folded {
  const { step, ...change } = changeOf(s, entry);
  const state: ExerciseState = {
    ...s,
    lastSeq: entry.seq,
    injects: s.injects.after(entry, s.actsUpon),
    // The first use of a key stays: a retry answers the seq that first served it.
    ...(served && !s.served.has(served.key) ? { served: s.served.add(served.key, { seq: entry.seq, request: served.request }) } : {}),
    ...change,
  };
  return step ? { state, step } : { state };
}

/** What an entry changes besides its seq, inject progress and the requests served; and the machine's step, for entries that drive it. */
type Change = Partial<Pick<ExerciseState, 'status' | 'timing' | 'clock' | 'run' | 'haltReason' | 'adHocCount' | 'messages' | 'ratings' | 'commsCheck'>> & { step?: Step };

function changeOf(s: ExerciseState, entry: LogEntry): Change {
  switch (entry.type) {
    case 'exercise.readied':
      return { status: 'ready' };
    case 'exercise.started': {
      const { state: run, step } = startRun(s.scenario, entry.exerciseTimeMs);
      const timing = { speed: entry.speed, scenarioStartMs: entry.scenarioStartMs };
      return { status: 'live', timing, clock: runClock(entry.exerciseTimeMs, entry.wallTime, entry.speed), run, step };
    }
    case 'exercise.paused':
      return { status: 'paused', clock: stopClock(entry.exerciseTimeMs) };
    case 'exercise.resumed':
      return { status: 'live', haltReason: undefined, clock: runClock(entry.exerciseTimeMs, entry.wallTime, speedOf(s)) };
    case 'exercise.halted':
      return { status: 'halted', haltReason: entry.reason, clock: stopClock(entry.exerciseTimeMs) };
    case 'exercise.ended':
      return { status: 'ended', haltReason: undefined, clock: stopClock(entry.exerciseTimeMs) };
    case 'exercise.closed':
      return { status: 'closed' };
    case 'clock.jumped':
      return { clock: runClock(entry.toExerciseMs, entry.wallTime, speedOf(s)) };
    case 'clock.speed.changed':
      // Only after StartEx (COMMAND_ALLOWED_IN), which logs the timing this changes.
      return { ...(s.timing ? { timing: { ...s.timing, speed: entry.speed } } : {}), clock: changeSpeed(s.clock, entry.speed, entry.exerciseTimeMs, entry.wallTime) };
    case 'timer.fired':
      return drive(s, { type: 'timer', timer: entry.timer }, entry.dueExerciseMs);
    case 'decision.made':
      return drive(s, { type: 'decision', decision: entry.decision }, entry.exerciseTimeMs);
    case 'action.taken':
      return drive(s, { type: 'action', teamId: entry.teamId, actionId: entry.actionId, fields: entry.fields }, entry.exerciseTimeMs);
    case 'inject.released':
      return entry.inject.adHoc ? { adHocCount: s.adHocCount + 1 } : {};
    case 'message.sent':
      return { messages: s.messages.set(entry.messageId, entry.to) };
    case 'commscheck.sent':
      return { commsCheck: { checkId: entry.checkId, teams: entry.teams, sentAt: entry.wallTime, acknowledged: [] } };
    case 'commscheck.acknowledged': {
      const check = s.commsCheck;
      if (check?.checkId !== entry.checkId) return {};
      return { commsCheck: { ...check, acknowledged: [...check.acknowledged, { teamId: entry.teamId, seq: entry.seq, at: entry.wallTime }] } };
    }
    case 'commscheck.confirmed': {
      const check = s.commsCheck;
      return check?.checkId === entry.checkId ? { commsCheck: { ...check, confirmedAt: entry.wallTime } } : {};
    }
    case 'rating.recorded': {
      const evaluator = entry.actor.kind === 'evaluator' ? entry.actor.id : JSON.stringify(entry.actor);
      return { ratings: s.ratings.update(subjectKey(entry.subject), (current) => ({ ...current, [evaluator]: entry.seq })) };
    }
    case 'inject.acknowledged':
      // Conditions may wait on an acknowledgement ("has not acknowledged within 10 minutes") while play runs.
      return s.status === 'live' || s.status === 'paused' ? drive(s, { type: 'acknowledgement', teamId: entry.teamId, injectId: entry.injectId }, entry.exerciseTimeMs) : {};
    case 'inject.held':
    case 'inject.skipped':
    case 'inject.edited':
    case 'inject.delivered':
    case 'state.entered':
    case 'milestone.reached':
    case 'inject.suppressed':
    case 'note.added':
    case 'observation.recorded':
    case 'rating.reconciled':
    case 'feedback.submitted':
      return {};
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
function drive(state: ExerciseState, input: RunInput, atMs: number): Change {
  if (!state.run) return {};
  const { state: run, step } = advanceRun(state.scenario, state.run, input, atMs);
  return { run, step };
}

/** The speed StartEx logged or control set since: resume and jump come only after StartEx (COMMAND_ALLOWED_IN), which always logs one. */
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
