import {
  StartexError,
  type Actor,
  type ControllerCommand,
  type ExerciseStatus,
  type ExerciseView,
  type LogEntry,
  type ReconcileRatingBody,
  type RecordObservation,
  type RecordRatingBody,
  type SendMessage,
  type SubmitFeedbackBody,
  type TakeAction,
  type Viewer,
} from '@startex/shared';
import {
  applyInput,
  canSee,
  compileScenario,
  describeState,
  exerciseView,
  foldAll,
  foldOn,
  initialState,
  nextTimer,
  wallDelayUntil,
  type CommsCheck,
  type ExerciseInput,
  type ExerciseState,
  type Plan,
} from '@startex/scenarios/engine';
import { exerciseSettings } from '../planning/settings.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { stderrLog, type CommitListener, type Committed, type HostLog, type Origin } from './hostTypes.ts';
import { systemWallClock, type WallClock } from './wallClock.ts';

export type { CommitListener, Committed, HostLog, Origin } from './hostTypes.ts';
export type { WallClock } from './wallClock.ts';

const SYSTEM: Actor = { kind: 'system' };
const participant = (teamId: string): Actor => ({ kind: 'participant', teamId });

/**
 * One exercise in play: the shell around the exercise engine (@startex/scenarios/engine), which
 * decides every input and folds the log. The shell owns what the engine must not: the input
 * pipeline (each input decided and folded synchronously, so inputs never interleave), durability
 * (the sender and the listeners hear of entries only once the store says they are durable; a
 * failed commit rebuilds the state from the stored log before the next input), the wall-clock
 * timeout for the next scenario timer, and the listeners.
 */
export class ExerciseHost {
  /** The plan (names, speed, story start): the engine reads it at StartEx, which logs what it used. */
  record: ExerciseRecord;
  /** Read by the cluster's follower (server/src/cluster/FollowerHost.ts) to answer repeats itself; changed only here. */
  protected state: ExerciseState;
  private timer: unknown;
  private readonly listeners = new Set<CommitListener>();
  private disposed = false;
  /** Set while the state is being rebuilt after a failed commit; inputs wait for it. */
  private recovering: Promise<void> | undefined;
  /** Commits in flight, oldest first: the last seq each makes durable. */
  private readonly inflight: { lastSeq: number; durable: Promise<void> }[] = [];
  private durableSeq = 0;

  protected constructor(
    private readonly store: ExerciseStore,
    record: ExerciseRecord,
    protected readonly wall: WallClock,
    private readonly log: HostLog = stderrLog,
  ) {
    this.record = record;
    this.state = initialState(compileScenario(record.scenario));
  }

  /** Rebuilds the exercise from its stored log and re-arms its timers. */
  static async load(store: ExerciseStore, record: ExerciseRecord, wall: WallClock = systemWallClock, log: HostLog = stderrLog): Promise<ExerciseHost> {
    const host = new ExerciseHost(store, record, wall, log);
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

  /** No commit in flight and no rebuild under way: the host may be unloaded. */
  get settled(): boolean {
    return this.inflight.length === 0 && !this.recovering;
  }

  /** The latest communications check. */
  get commsCheck(): CommsCheck | undefined {
    return this.state.commsCheck;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(viewer: Viewer): ExerciseView {
    const plan = this.plan();
    return exerciseView(this.state, { id: this.id, title: this.record.title, plan }, viewer, this.wall.now());
  }

  /** Committed entries after `afterSeq` that `viewer` may see. */
  async entriesFor(viewer: Viewer, afterSeq: number): Promise<LogEntry[]> {
    const entries = await this.store.readLog(this.id, afterSeq);
    return entries.filter((entry) => canSee(viewer, entry));
  }

  /** The state a replay of the log must reproduce exactly, for tests and diagnostics. */
  describe(atWallTime: number): ReturnType<typeof describeState> {
    return describeState(this.state, atWallTime);
  }

  /**
   * Every input goes through here (and `commit`): the engine decides and folds it after any rebuild
   * under way. Resolves with its first entry's seq once durable (a retry: the first request's seq);
   * rejects with the catalogue error of a refused input.
   */
  async input(input: ExerciseInput, actor: Actor): Promise<number> {
    return (await this.commit(input, actor)).seq;
  }

  /** As `input`, with the entries it committed (none for a retry, whose entries went out the first time); listeners are told `origin`. */
  async commit(input: ExerciseInput, actor: Actor, origin?: Origin): Promise<Committed> {
    if (this.recovering) await this.recovering;
    return this.submit(input, actor, origin);
  }

  command(command: ControllerCommand, actor: Actor): Promise<number> {
    return this.input({ type: 'command', command }, actor);
  }

  takeAction(teamId: string, action: TakeAction, actor = participant(teamId)): Promise<number> {
    return this.input({ type: 'action', teamId, action }, actor);
  }

  sendMessage(teamId: string, message: SendMessage, actor = participant(teamId)): Promise<number> {
    return this.input({ type: 'message', teamId, message }, actor);
  }

  markDelivered(teamId: string, injectId: string, actor = participant(teamId)): Promise<number> {
    return this.input({ type: 'receipt', receipt: 'inject.delivered', teamId, injectId }, actor);
  }

  acknowledge(teamId: string, injectId: string, actor = participant(teamId)): Promise<number> {
    return this.input({ type: 'receipt', receipt: 'inject.acknowledged', teamId, injectId }, actor);
  }

  /** An evaluator's observation, during play or after it. */
  recordObservation(observation: RecordObservation, actor: Actor): Promise<number> {
    return this.input({ type: 'observation', observation }, actor);
  }

  recordRating(rating: RecordRatingBody, actor: Actor): Promise<number> {
    return this.input({ type: 'rating', rating }, actor);
  }

  reconcileRating(reconciliation: ReconcileRatingBody, actor: Actor): Promise<number> {
    return this.input({ type: 'reconciliation', reconciliation }, actor);
  }

  /** A team's hot-wash feedback, after EndEx only. */
  submitFeedback(teamId: string, feedback: SubmitFeedbackBody, actor = participant(teamId)): Promise<number> {
    return this.input({ type: 'feedback', teamId, feedback }, actor);
  }

  sendCommsCheck(actor: Actor, text: string): Promise<number> {
    return this.input({ type: 'commscheck.send', text }, actor);
  }

  confirmCommsCheck(actor: Actor): Promise<number> {
    return this.input({ type: 'commscheck.confirm' }, actor);
  }

  /** New plan settings before StartEx. Nothing folded changes: StartEx logs the speed and story start it runs with. */
  replan(record: ExerciseRecord): void {
    if (this.state.status !== 'draft' && this.state.status !== 'ready') throw new StartexError('PLAN_LOCKED');
    this.record = record;
  }

  /**
   * Folds entries another writer committed (the owner on another node: server/src/cluster) and tells
   * the listeners; entries it has are skipped. False when they leave a gap, which the caller reads.
   */
  follow(entries: LogEntry[]): boolean {
    const before = this.state.lastSeq;
    const inOrder = [...entries].sort((a, b) => a.seq - b.seq);
    this.state = foldOn(this.state, inOrder);
    this.durableSeq = this.state.lastSeq;
    const fresh = inOrder.filter((entry) => entry.seq > before && entry.seq <= this.state.lastSeq);
    if (fresh.length > 0) this.tell(fresh, undefined);
    return inOrder.every((entry) => entry.seq <= this.state.lastSeq);
  }

  /** Stops the timer and drops listeners; the exercise stays as the log says. */
  dispose(): void {
    this.disposed = true;
    this.wall.clearTimeout(this.timer);
    this.listeners.clear();
  }

  protected plan(): Plan {
    const { speed, scenarioStartMs, requireCommsCheck } = exerciseSettings(this.record);
    return { speed, scenarioStartMs, requireCommsCheck };
  }

  /** Decides and folds an input at once (throwing its refusal), then stores its entries: answered, and listeners told, once durable. */
  private submit(input: ExerciseInput, actor: Actor, origin?: Origin): Promise<Committed> {
    const applied = applyInput(this.state, input, { exerciseId: this.id, actor, wallTime: this.wall.now(), plan: this.plan() });
    if (applied.kind === 'served') return this.whenDurable(applied.seq);
    this.state = applied.state;
    const batch = applied.entries;
    const lastSeq = batch.at(-1)!.seq;
    const durable = this.store.append(batch).then(
      () => {
        this.durableSeq = lastSeq;
        this.inflight.shift();
        this.tell(batch, origin);
      },
      (error: unknown) => {
        // The state is ahead of the stored log: rebuild it from the log before the next input.
        this.inflight.shift();
        this.recovering ??= this.reload()
          // The database is unreachable (PostgreSQL restarting): the next append, refused against the log, starts another recovery.
          .catch((reloadError: unknown) => this.log.error({ err: reloadError, exerciseId: this.id }, 'Could not rebuild the exercise from its log'))
          .finally(() => {
            this.recovering = undefined;
          });
        throw error;
      },
    );
    this.inflight.push({ lastSeq, durable });
    this.armTimer();
    return durable.then(() => ({ seq: batch[0]!.seq, entries: batch }));
  }

  /** A retry, once the entry it asked for is durable (it may be committed already, or in flight). */
  private async whenDurable(seq: number): Promise<Committed> {
    if (seq > this.durableSeq) await this.inflight.find((c) => c.lastSeq >= seq)?.durable;
    return { seq, entries: [] };
  }

  /** In one turn, so that the sender hears of this batch before anyone hears of the next; a listener's failure is its own. */
  private tell(batch: LogEntry[], origin: Origin | undefined): void {
    const heard = (hear: () => void) => {
      try {
        hear();
      } catch (error) {
        this.log.error({ err: error, exerciseId: this.id }, 'A commit listener failed');
      }
    };
    for (const listener of this.listeners) heard(() => listener(batch, origin?.id));
    if (origin) heard(() => origin.durable(batch));
  }

  protected async reload(): Promise<void> {
    this.wall.clearTimeout(this.timer);
    const entries = await this.store.readLog(this.id);
    this.state = foldAll(initialState(this.state.scenario), entries);
    this.durableSeq = this.state.lastSeq;
    this.armTimer();
  }

  /** One wall-clock timeout for the earliest scenario timer; due ones fire at once (late). */
  private armTimer(): void {
    this.wall.clearTimeout(this.timer);
    this.timer = undefined;
    const next = nextTimer(this.state);
    if (this.disposed || this.state.status !== 'live' || !next) return;
    const delay = wallDelayUntil(this.state.clock, next.dueMs, this.wall.now());
    this.timer = this.wall.setTimeout(() => {
      this.fireDueTimers().catch((error: unknown) => this.log.error({ err: error, exerciseId: this.id }, 'Firing the scenario timers failed'));
    }, delay);
  }

  private async fireDueTimers(): Promise<void> {
    if (this.recovering) await this.recovering;
    const commits: Promise<Committed>[] = [];
    for (let next = nextTimer(this.state); next && this.state.status === 'live'; next = nextTimer(this.state)) {
      if (wallDelayUntil(this.state.clock, next.dueMs, this.wall.now()) >= 1) break;
      commits.push(this.submit({ type: 'timer' }, SYSTEM));
    }
    this.armTimer();
    await Promise.all(commits);
  }
}
