import { ScenarioRun, type CompiledScenario, type RunState } from '@startex/scenarios';
import type { ExerciseStatus, LogEntry, ReleasedInject } from '@startex/shared';
import { ExerciseClock } from '@startex/server/src/runtime/ExerciseClock.ts';

/**
 * Replay to a moment of an exercise: the state ExerciseHost folds from the log, as it was after
 * the last entry at or before an exercise time, found without folding the log from its start.
 *
 * The state splits in two. What only grows, each key written once with the seq that wrote it
 * (deliveries, acknowledgements, action, message and observation keys), is folded once for the
 * whole log: the state at seq S is "the entries with seq <= S", so it is shared by every seek.
 * The rest is small (status, clock, inject statuses) or immutable (the scenario engine's
 * RunState) and is kept as a snapshot every `every` entries; a seek copies the nearest snapshot
 * before the moment and folds at most `every - 1` entries on top of it.
 *
 * The fold below follows ExerciseHost.fold entry type by entry type; `describe` gives the same
 * shape as ExerciseHost.describe, so the two can be compared (the review benchmark does).
 */

interface Moment {
  status: ExerciseStatus;
  lastSeq: number;
  clock: { running: boolean; exerciseMs: number; wallMs: number };
  run: RunState | undefined;
  haltReason: string | undefined;
  released: Map<string, ReleasedInject>;
  held: Map<string, string>;
  skipped: Map<string, string>;
  edits: Map<string, { subject: string | undefined; body: string | undefined }>;
  adHocCount: number;
}

/** Key -> the seq of the entry that first wrote it; the state at seq S holds the keys with seq <= S. */
type Grown = Map<string, number>;

export interface ReplayView {
  moment: Moment;
  /** Was `key` (e.g. `inject|team`) in this set at this moment? */
  has(set: 'delivered' | 'acknowledged' | 'actions' | 'messages' | 'observations', key: string): boolean;
}

const fresh = (): Moment => ({
  status: 'draft',
  lastSeq: 0,
  clock: { running: false, exerciseMs: 0, wallMs: 0 },
  run: undefined,
  haltReason: undefined,
  released: new Map(),
  held: new Map(),
  skipped: new Map(),
  edits: new Map(),
  adHocCount: 0,
});

const copy = (m: Moment): Moment => ({
  ...m,
  clock: { ...m.clock },
  released: new Map(m.released),
  held: new Map(m.held),
  skipped: new Map(m.skipped),
  edits: new Map(m.edits),
});

const receiptKey = (injectId: string, teamId: string) => `${injectId}|${teamId}`;

export class ReplayIndex {
  private readonly snapshots: Moment[] = [];
  private readonly times: Float64Array;
  private readonly grown = { delivered: new Map(), acknowledged: new Map(), actions: new Map(), messages: new Map(), observations: new Map() } satisfies Record<string, Grown>;

  /** Folds the whole log once, keeping a snapshot every `every` entries. */
  constructor(
    private readonly scenario: CompiledScenario,
    private readonly speed: number,
    private readonly entries: readonly LogEntry[],
    readonly every: number,
  ) {
    this.times = Float64Array.from(entries, (e) => e.exerciseTimeMs);
    const moment = fresh();
    const run = new ScenarioRun(scenario);
    this.snapshots.push(copy(moment));
    entries.forEach((entry, i) => {
      this.foldGrown(entry);
      this.fold(moment, run, entry);
      if ((i + 1) % every === 0) this.snapshots.push(copy(moment));
    });
  }

  /** The state after the last entry at or before `exerciseTimeMs` (the fresh state before any). */
  seek(exerciseTimeMs: number): ReplayView {
    // Exercise time never goes back along the log: binary search for the last entry at or before it.
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= exerciseTimeMs) lo = mid + 1;
      else hi = mid;
    }
    const count = lo; // entries to apply
    const base = Math.floor(count / this.every);
    const moment = copy(this.snapshots[base]!);
    const run = new ScenarioRun(this.scenario, moment.run);
    for (let i = base * this.every; i < count; i++) this.fold(moment, run, this.entries[i]!);
    const lastSeq = moment.lastSeq;
    return { moment, has: (set, key) => (this.grown[set].get(key) ?? Infinity) <= lastSeq };
  }

  /** The shape of ExerciseHost.describe(atWallTime) for a seek's result. */
  describe(view: ReplayView, atWallTime: number) {
    const m = view.moment;
    const run = new ScenarioRun(this.scenario, m.run);
    const clock = new ExerciseClock(this.speed);
    if (m.clock.running) clock.run(m.clock.exerciseMs, m.clock.wallMs);
    else clock.stop(m.clock.exerciseMs);
    const upTo = (set: Grown) => [...set].filter(([, seq]) => seq <= m.lastSeq).map(([key]) => key).sort();
    return {
      status: m.status,
      lastSeq: m.lastSeq,
      exerciseTimeMs: clock.now(atWallTime),
      clockRunning: clock.isRunning,
      haltReason: m.haltReason,
      states: [...run.states],
      context: run.context,
      timers: Object.fromEntries(run.pendingTimers),
      released: [...m.released.keys()].sort(),
      held: Object.fromEntries(m.held),
      skipped: Object.fromEntries(m.skipped),
      delivered: upTo(this.grown.delivered),
      acknowledged: upTo(this.grown.acknowledged),
      actions: upTo(this.grown.actions),
    };
  }

  get snapshotCount(): number {
    return this.snapshots.length;
  }

  private foldGrown(entry: LogEntry): void {
    const once = (set: Grown, key: string) => {
      if (!set.has(key)) set.set(key, entry.seq);
    };
    if (entry.type === 'inject.delivered') once(this.grown.delivered, receiptKey(entry.injectId, entry.teamId));
    if (entry.type === 'inject.acknowledged') once(this.grown.acknowledged, receiptKey(entry.injectId, entry.teamId));
    if (entry.type === 'action.taken') once(this.grown.actions, entry.idempotencyKey);
    if (entry.type === 'message.sent') once(this.grown.messages, entry.messageId);
    if (entry.type === 'observation.recorded') once(this.grown.observations, entry.idempotencyKey);
  }

  /** ExerciseHost.fold, less what grows (see foldGrown). */
  private fold(m: Moment, run: ScenarioRun, entry: LogEntry): void {
    m.lastSeq = entry.seq;
    const runClock = (exerciseMs: number, wallMs: number) => (m.clock = { running: true, exerciseMs, wallMs });
    const stopClock = (exerciseMs: number) => (m.clock = { ...m.clock, running: false, exerciseMs });
    switch (entry.type) {
      case 'exercise.readied':
        m.status = 'ready';
        break;
      case 'exercise.started':
        m.status = 'live';
        runClock(entry.exerciseTimeMs, entry.wallTime);
        run.start(entry.exerciseTimeMs);
        break;
      case 'exercise.paused':
        m.status = 'paused';
        stopClock(entry.exerciseTimeMs);
        break;
      case 'exercise.resumed':
        m.status = 'live';
        m.haltReason = undefined;
        runClock(entry.exerciseTimeMs, entry.wallTime);
        break;
      case 'exercise.halted':
        m.status = 'halted';
        m.haltReason = entry.reason;
        stopClock(entry.exerciseTimeMs);
        break;
      case 'exercise.ended':
        m.status = 'ended';
        m.haltReason = undefined;
        stopClock(entry.exerciseTimeMs);
        break;
      case 'exercise.closed':
        m.status = 'closed';
        break;
      case 'clock.jumped':
        runClock(entry.toExerciseMs, entry.wallTime);
        break;
      case 'timer.fired':
        run.timerFired(entry.timer, entry.dueExerciseMs);
        break;
      case 'decision.made':
        run.decisionMade(entry.decision, entry.exerciseTimeMs);
        break;
      case 'action.taken':
        run.actionTaken(entry.teamId, entry.actionId, entry.fields, entry.exerciseTimeMs);
        break;
      case 'inject.released':
        m.released.set(entry.inject.id, entry.inject);
        m.held.delete(entry.inject.id);
        m.skipped.delete(entry.inject.id);
        if (entry.inject.adHoc) m.adHocCount++;
        break;
      case 'inject.held':
        m.held.set(entry.injectId, entry.reason);
        break;
      case 'inject.skipped':
        m.skipped.set(entry.injectId, entry.reason);
        break;
      case 'inject.edited':
        m.edits.set(entry.injectId, {
          subject: entry.subject ?? m.edits.get(entry.injectId)?.subject,
          body: entry.body ?? m.edits.get(entry.injectId)?.body,
        });
        break;
      case 'inject.delivered':
      case 'inject.acknowledged':
      case 'message.sent':
      case 'observation.recorded':
      case 'state.entered':
      case 'milestone.reached':
      case 'inject.suppressed':
      case 'note.added':
        break;
      default: {
        const exhaustive: never = entry;
        return exhaustive;
      }
    }
    m.run = run.snapshot;
  }
}
