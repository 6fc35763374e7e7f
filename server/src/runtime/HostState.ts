import type { ExerciseStatus, LogEntry, RatingSubject, ReleasedInject } from '@startex/shared';
import { ScenarioRun, type CompiledScenario, type Step } from '@startex/scenarios';
import { ExerciseClock } from './ExerciseClock.ts';
import { keyUseOf, type KeyLedger, type KeyUse } from './idempotency.ts';

/** A communications check: who it went to, and which teams acknowledged it (seq and wall time). */
export interface CommsCheckState {
  checkId: string;
  teams: string[];
  sentAt: number;
  acknowledged: Map<string, { seq: number; at: number }>;
  confirmedAt?: number;
}

export interface HostState {
  commsCheck?: CommsCheckState | undefined;
  status: ExerciseStatus;
  lastSeq: number;
  clock: ExerciseClock;
  run: ScenarioRun;
  haltReason: string | undefined;
  released: Map<string, ReleasedInject>;
  held: Map<string, string>;
  skipped: Map<string, string>;
  edits: Map<string, { subject: string | undefined; body: string | undefined }>;
  delivered: Map<string, number>;
  acknowledged: Map<string, number>;
  /** Idempotency keys, each scoped to its sender (idempotency.ts), per kind of input. */
  actionKeys: KeyLedger;
  messageKeys: KeyLedger;
  observationKeys: KeyLedger;
  /** Ratings, reconciliations and feedback. */
  reviewKeys: KeyLedger;
  /** Rating subject -> evaluator -> seq of their current rating (replaced, never changed in place). */
  ratings: Map<string, ReadonlyMap<string, number>>;
  /** Who each message went to (a reply must answer one addressed to the replier), and its seq. */
  messages: Map<string, { all?: boolean | undefined; teams: string[]; organisations: string[]; seq: number }>;
  adHocCount: number;
}

export function freshState(scenario: CompiledScenario, speed: number): HostState {
  return {
    status: 'draft',
    lastSeq: 0,
    clock: new ExerciseClock(speed),
    run: new ScenarioRun(scenario),
    haltReason: undefined,
    released: new Map(),
    held: new Map(),
    skipped: new Map(),
    edits: new Map(),
    delivered: new Map(),
    acknowledged: new Map(),
    actionKeys: new Map(),
    messageKeys: new Map(),
    observationKeys: new Map(),
    reviewKeys: new Map(),
    ratings: new Map(),
    messages: new Map(),
    adHocCount: 0,
  };
}

/**
 * Applies one entry to a host state. The single fold used live, on restart and on replay.
 * Returns the machine step for entries that drive the scenario.
 */
export function foldEntry(s: HostState, entry: LogEntry): Step | undefined {
  s.lastSeq = entry.seq;
  switch (entry.type) {
    case 'exercise.readied':
      s.status = 'ready';
      return undefined;
    case 'exercise.started':
      s.status = 'live';
      s.clock.run(entry.exerciseTimeMs, entry.wallTime);
      return s.run.start(entry.exerciseTimeMs);
    case 'exercise.paused':
      s.status = 'paused';
      s.clock.stop(entry.exerciseTimeMs);
      return undefined;
    case 'exercise.resumed':
      s.status = 'live';
      s.haltReason = undefined;
      s.clock.run(entry.exerciseTimeMs, entry.wallTime);
      return undefined;
    case 'exercise.halted':
      s.status = 'halted';
      s.haltReason = entry.reason;
      s.clock.stop(entry.exerciseTimeMs);
      return undefined;
    case 'exercise.ended':
      s.status = 'ended';
      s.haltReason = undefined;
      s.clock.stop(entry.exerciseTimeMs);
      return undefined;
    case 'exercise.closed':
      s.status = 'closed';
      return undefined;
    case 'clock.jumped':
      s.clock.run(entry.toExerciseMs, entry.wallTime);
      return undefined;
    case 'clock.speed.changed':
      s.clock.setSpeed(entry.speed, entry.exerciseTimeMs, entry.wallTime);
      return undefined;
    case 'timer.fired':
      return s.run.timerFired(entry.timer, entry.dueExerciseMs);
    case 'decision.made':
      return s.run.decisionMade(entry.decision, entry.exerciseTimeMs);
    case 'action.taken':
      recordKey(s.actionKeys, entry);
      return s.run.actionTaken(entry.teamId, entry.actionId, entry.fields, entry.exerciseTimeMs);
    case 'inject.released':
      s.released.set(entry.inject.id, entry.inject);
      s.held.delete(entry.inject.id);
      s.skipped.delete(entry.inject.id);
      if (entry.inject.adHoc) s.adHocCount++;
      return undefined;
    case 'inject.held':
      s.held.set(entry.injectId, entry.reason);
      return undefined;
    case 'inject.skipped':
      s.skipped.set(entry.injectId, entry.reason);
      return undefined;
    case 'inject.edited':
      s.edits.set(entry.injectId, {
        subject: entry.subject ?? s.edits.get(entry.injectId)?.subject,
        body: entry.body ?? s.edits.get(entry.injectId)?.body,
      });
      return undefined;
    case 'inject.delivered':
      s.delivered.set(receiptKey(entry.injectId, entry.teamId), entry.seq);
      return undefined;
    case 'inject.acknowledged':
      s.acknowledged.set(receiptKey(entry.injectId, entry.teamId), entry.seq);
      return s.status === 'live' || s.status === 'paused' ? s.run.acknowledged(entry.teamId, entry.injectId, entry.exerciseTimeMs) : undefined;
    case 'message.sent':
      recordKey(s.messageKeys, entry);
      s.messages.set(entry.messageId, { ...entry.to, seq: entry.seq });
      return undefined;
    case 'state.entered':
    case 'milestone.reached':
    case 'inject.suppressed':
    case 'note.added':
      return undefined;
    case 'commscheck.sent':
      s.commsCheck = { checkId: entry.checkId, teams: entry.teams, sentAt: entry.wallTime, acknowledged: new Map() };
      return undefined;
    case 'commscheck.acknowledged':
      if (s.commsCheck?.checkId === entry.checkId) s.commsCheck.acknowledged.set(entry.teamId, { seq: entry.seq, at: entry.wallTime });
      return undefined;
    case 'commscheck.confirmed':
      if (s.commsCheck?.checkId === entry.checkId) s.commsCheck.confirmedAt = entry.wallTime;
      return undefined;
    case 'observation.recorded':
      recordKey(s.observationKeys, entry);
      return undefined;
    case 'rating.recorded': {
      recordKey(s.reviewKeys, entry);
      const key = subjectKey(entry.subject);
      const byEvaluator = new Map(s.ratings.get(key));
      byEvaluator.set(entry.actor.kind === 'evaluator' ? entry.actor.id : JSON.stringify(entry.actor), entry.seq);
      s.ratings.set(key, byEvaluator);
      return undefined;
    }
    case 'rating.reconciled':
    case 'feedback.submitted':
      recordKey(s.reviewKeys, entry);
      return undefined;
    default: {
      const exhaustive: never = entry;
      return exhaustive;
    }
  }
}

/** The state a replay of the log must reproduce exactly, for tests, diagnostics and the review's replay. */
export function describeState(s: HostState, atWallTime: number) {
  // Maps that only grow may be shared by the review's replay snapshots: each is cut at the state's own seq.
  const upTo = <V>(map: ReadonlyMap<string, V>, seqOf: (value: V) => number) => [...map].filter(([, value]) => seqOf(value) <= s.lastSeq);
  const keysUpTo = (map: ReadonlyMap<string, number>) => upTo(map, (seq) => seq).map(([key]) => key).sort();
  const usesUpTo = (ledger: ReadonlyMap<string, KeyUse>) => Object.fromEntries(upTo(ledger, (use) => use.seq));
  return {
    status: s.status,
    lastSeq: s.lastSeq,
    exerciseTimeMs: s.clock.now(atWallTime),
    clockRunning: s.clock.isRunning,
    haltReason: s.haltReason,
    states: [...s.run.states],
    context: s.run.context,
    timers: Object.fromEntries(s.run.pendingTimers),
    released: [...s.released.keys()].sort(),
    // The copies teams were sent, with control's edits in them.
    releasedInjects: Object.fromEntries(s.released),
    held: Object.fromEntries(s.held),
    skipped: Object.fromEntries(s.skipped),
    edits: Object.fromEntries(s.edits),
    adHocCount: s.adHocCount,
    delivered: keysUpTo(s.delivered),
    acknowledged: keysUpTo(s.acknowledged),
    actions: upTo(s.actionKeys, (use) => use.seq).map(([key]) => key).sort(),
    // Who each message went to (replies are checked against it), and the keys that make retries idempotent.
    messages: Object.fromEntries(upTo(s.messages, (message) => message.seq)),
    messageKeys: usesUpTo(s.messageKeys),
    observationKeys: usesUpTo(s.observationKeys),
    reviewKeys: usesUpTo(s.reviewKeys),
    ratings: Object.fromEntries([...s.ratings].map(([subject, byEvaluator]) => [subject, Object.fromEntries(byEvaluator)])),
  };
}

function recordKey(ledger: KeyLedger, entry: LogEntry): void {
  const keyed = keyUseOf(entry);
  if (keyed) ledger.set(keyed.scopedKey, keyed.use);
}

export const receiptKey = (injectId: string, teamId: string) => `${injectId}|${teamId}`;
export const subjectKey = (subject: RatingSubject) => `${subject.kind}:${subject.id}`;
