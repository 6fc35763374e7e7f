import {
  StartexError,
  type Actor,
  type ControllerCommand,
  type ExerciseStatus,
  type ExerciseView,
  type LogEntry,
  type LogEvent,
  type ReleasedInject,
  type TakeAction,
  type Viewer,
  parseScenarioClockTime,
} from '@startex/shared';
import { compileScenario, ScenarioRun, validateActionFields, type CompiledScenario, type Step } from '@startex/scenarios';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { ExerciseClock } from './ExerciseClock.ts';
import { canSee } from './visibility.ts';

/** A timer that fires this much (exercise time) after it was due marks its injects late. */
const LATE_AFTER_MS = 1_000;

export type CommitListener = (entries: LogEntry[]) => void;

/**
 * One exercise in play: its scenario run, exercise clock and durable timers, all derived from
 * the event log. Inputs are handled one at a time; each becomes a batch of log entries that is
 * committed before anyone hears of it, then folded into the in-memory state the same way a
 * replay after a restart folds the stored log.
 */
export class ExerciseHost {
  readonly record: ExerciseRecord;
  private readonly store: ExerciseStore;
  private readonly scenario: CompiledScenario;
  private readonly scenarioStartMs: number;
  private state!: HostState;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<CommitListener>();
  private disposed = false;

  private constructor(store: ExerciseStore, record: ExerciseRecord) {
    this.store = store;
    this.record = record;
    this.scenario = compileScenario(record.scenario);
    this.scenarioStartMs = parseScenarioClockTime(record.scenario.scenarioStart) * 60_000;
  }

  /** Rebuilds the exercise from its stored log and re-arms its timers. */
  static async load(store: ExerciseStore, record: ExerciseRecord): Promise<ExerciseHost> {
    const host = new ExerciseHost(store, record);
    await host.reload();
    return host;
  }

  get id(): string {
    return this.record.id;
  }

  get status(): ExerciseStatus {
    return this.state.status;
  }

  get lastSeq(): number {
    return this.state.lastSeq;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(viewer: Viewer): ExerciseView {
    const { document } = this.scenario;
    const wall = Date.now();
    return {
      id: this.id,
      title: this.record.title,
      status: this.state.status,
      viewer,
      teams: document.teams,
      actions:
        viewer.role === 'controller'
          ? document.actions
          : document.actions.filter((a) => viewer.teamId !== undefined && a.teams.includes(viewer.teamId)),
      clock: {
        running: this.state.clock.isRunning,
        speed: this.record.speed,
        exerciseTimeMs: this.state.clock.now(wall),
        scenarioStartMs: this.scenarioStartMs,
        atWallTime: wall,
      },
      lastSeq: this.state.lastSeq,
    };
  }

  /** Committed entries after `afterSeq` that `viewer` may see. */
  async entriesFor(viewer: Viewer, afterSeq: number): Promise<LogEntry[]> {
    const entries = await this.store.readLog(this.id, afterSeq);
    return entries.filter((entry) => canSee(viewer, entry));
  }

  command(command: ControllerCommand, actor: Actor): Promise<number> {
    return this.enqueue(() => {
      const { status } = this.state;
      switch (command.type) {
        case 'start':
          if (status !== 'ready') throw illegal('start', status);
          return this.commit(actor, [{ type: 'exercise.started', speed: this.record.speed, scenarioStartMs: this.scenarioStartMs }]);
        case 'pause':
          if (status !== 'live') throw illegal('pause', status);
          return this.commit(actor, [{ type: 'exercise.paused' }]);
        case 'resume':
          if (status !== 'paused') throw illegal('resume', status);
          return this.commit(actor, [{ type: 'exercise.resumed' }]);
        case 'end':
          if (status !== 'live' && status !== 'paused') throw illegal('end', status);
          return this.commit(actor, [{ type: 'exercise.ended' }]);
        default: {
          const exhaustive: never = command;
          return exhaustive;
        }
      }
    });
  }

  takeAction(teamId: string, input: TakeAction): Promise<number> {
    return this.enqueue(() => {
      const existing = this.state.actionKeys.get(input.idempotencyKey);
      if (existing !== undefined) return existing;
      if (this.state.status !== 'live') throw new StartexError('EXERCISE_NOT_LIVE');
      const action = this.scenario.document.actions.find((a) => a.id === input.actionId);
      if (!action) throw new StartexError('UNKNOWN_ACTION', `The scenario has no action "${input.actionId}".`, 'actionId');
      if (!action.teams.includes(teamId)) throw new StartexError('ACTION_NOT_ALLOWED');
      const problem = validateActionFields(action, input.fields);
      if (problem) throw new StartexError(problem.code, problem.message, problem.path);
      return this.commit({ kind: 'participant', teamId }, [
        { type: 'action.taken', actionId: action.id, teamId, fields: input.fields, idempotencyKey: input.idempotencyKey },
      ]);
    });
  }

  markDelivered(teamId: string, injectId: string): Promise<number> {
    return this.recordReceipt('inject.delivered', this.state.delivered, teamId, injectId);
  }

  acknowledge(teamId: string, injectId: string): Promise<number> {
    return this.recordReceipt('inject.acknowledged', this.state.acknowledged, teamId, injectId);
  }

  /** Stops the timer and drops listeners; the exercise stays as the log says. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private recordReceipt(
    type: 'inject.delivered' | 'inject.acknowledged',
    seen: Map<string, number>,
    teamId: string,
    injectId: string,
  ): Promise<number> {
    return this.enqueue(() => {
      const released = this.state.released.get(injectId);
      if (!released || !released.to.includes(teamId)) throw new StartexError('INJECT_NOT_RELEASED');
      return seen.get(receiptKey(injectId, teamId)) ?? this.commit({ kind: 'participant', teamId }, [{ type, injectId, teamId }]);
    });
  }

  /** Runs inputs one at a time, in arrival order; a failed input does not stop the next. */
  private enqueue<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => {});
    return result;
  }

  /**
   * Turns the events one input caused into log entries, folds them (which drives the scenario
   * machine and may add follow-on events), commits the whole batch atomically, then tells the
   * listeners. Returns the first entry's seq.
   */
  private async commit(actor: Actor, events: LogEvent[]): Promise<number> {
    const wallTime = Date.now();
    const exerciseTimeMs = Math.round(this.state.clock.now(wallTime));
    const batch: LogEntry[] = [];
    try {
      const pending = [...events];
      while (pending.length > 0) {
        const event = pending.shift()!;
        const entry = {
          ...event,
          exerciseId: this.id,
          seq: this.state.lastSeq + 1,
          wallTime,
          exerciseTimeMs,
          scenarioTimeMs: this.scenarioStartMs + exerciseTimeMs,
          actor,
        } as LogEntry;
        const step = this.fold(entry);
        batch.push(entry);
        if (step) pending.push(...this.followOn(step, event, exerciseTimeMs));
      }
      await this.store.append(batch);
    } catch (error) {
      // The in-memory state ran ahead of the log; put it back to what was committed.
      await this.reload();
      throw error;
    }
    this.armTimer();
    for (const listener of this.listeners) listener(batch);
    return batch[0]!.seq;
  }

  /** Log events that a machine step implies, in the order the machine did them. */
  private followOn(step: Step, cause: LogEvent, exerciseTimeMs: number): LogEvent[] {
    const events: LogEvent[] = [];
    if (step.statesChanged) events.push({ type: 'state.entered', states: step.states });
    for (const milestone of step.milestones) events.push({ type: 'milestone.reached', milestone });
    const lateByMs = cause.type === 'timer.fired' ? exerciseTimeMs - cause.dueExerciseMs : 0;
    for (const injectId of step.released) {
      const inject = this.scenario.document.injects.find((i) => i.id === injectId);
      if (!inject) continue; // the analyzer rejects such documents; never release what does not exist
      const released: ReleasedInject = {
        id: inject.id,
        number: inject.number,
        channel: inject.channel,
        from: inject.from,
        to: inject.to,
        subject: inject.subject,
        body: inject.body,
        kind: inject.kind,
      };
      events.push(lateByMs >= LATE_AFTER_MS ? { type: 'inject.released', inject: released, lateByMs } : { type: 'inject.released', inject: released });
    }
    if (step.ended && cause.type !== 'exercise.ended') events.push({ type: 'exercise.ended' });
    return events;
  }

  /**
   * Applies one entry to the in-memory state. The single fold used both live and on replay,
   * so the state after a restart is the state before it. Returns the machine step for entries
   * that drive the scenario.
   */
  private fold(entry: LogEntry): Step | undefined {
    const s = this.state;
    s.lastSeq = entry.seq;
    switch (entry.type) {
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
        s.clock.run(entry.exerciseTimeMs, entry.wallTime);
        return undefined;
      case 'exercise.ended':
        s.status = 'ended';
        s.clock.stop(entry.exerciseTimeMs);
        return undefined;
      case 'timer.fired':
        return s.run.timerFired(entry.timer, entry.dueExerciseMs);
      case 'action.taken':
        s.actionKeys.set(entry.idempotencyKey, entry.seq);
        return s.run.actionTaken(entry.teamId, entry.actionId, entry.fields, entry.exerciseTimeMs);
      case 'inject.released':
        s.released.set(entry.inject.id, entry.inject);
        return undefined;
      case 'inject.delivered':
        s.delivered.set(receiptKey(entry.injectId, entry.teamId), entry.seq);
        return undefined;
      case 'inject.acknowledged':
        s.acknowledged.set(receiptKey(entry.injectId, entry.teamId), entry.seq);
        return undefined;
      case 'state.entered':
      case 'milestone.reached':
        return undefined;
      default: {
        const exhaustive: never = entry;
        return exhaustive;
      }
    }
  }

  private async reload(): Promise<void> {
    this.state = freshState(this.scenario, this.record.speed);
    for (const entry of await this.store.readLog(this.id)) this.fold(entry);
    this.armTimer();
  }

  /** One wall-clock timeout for the earliest scenario timer; due ones fire at once (late). */
  private armTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.state.status !== 'live') return;
    const next = this.state.run.nextTimer();
    if (!next) return;
    const delay = this.state.clock.wallDelayUntil(next.dueMs);
    this.timer = setTimeout(() => {
      this.enqueue(() => this.fireDueTimers()).catch(() => {});
    }, delay);
  }

  private async fireDueTimers(): Promise<void> {
    for (;;) {
      const next = this.state.run.nextTimer();
      if (!next || this.state.status !== 'live' || this.state.clock.wallDelayUntil(next.dueMs) >= 1) break;
      await this.commit({ kind: 'system' }, [{ type: 'timer.fired', timer: next.timer, dueExerciseMs: next.dueMs }]);
    }
    this.armTimer();
  }
}

interface HostState {
  status: ExerciseStatus;
  lastSeq: number;
  clock: ExerciseClock;
  run: ScenarioRun;
  released: Map<string, ReleasedInject>;
  delivered: Map<string, number>;
  acknowledged: Map<string, number>;
  actionKeys: Map<string, number>;
}

function freshState(scenario: CompiledScenario, speed: number): HostState {
  return {
    status: 'ready',
    lastSeq: 0,
    clock: new ExerciseClock(speed),
    run: new ScenarioRun(scenario),
    released: new Map(),
    delivered: new Map(),
    acknowledged: new Map(),
    actionKeys: new Map(),
  };
}

const receiptKey = (injectId: string, teamId: string) => `${injectId}|${teamId}`;

const illegal = (command: string, status: ExerciseStatus) =>
  new StartexError('ILLEGAL_TRANSITION', `Cannot ${command} an exercise that is ${status}.`);
