import {
  COMMAND_ALLOWED_IN,
  StartexError,
  parseScenarioClockTime,
  stateTitles,
  decisionTitles,
  type Actor,
  type ControllerCommand,
  type ExerciseStatus,
  type ExerciseView,
  type LogEntry,
  type LogEvent,
  type Party,
  type RecordObservation,
  type ReconcileRatingBody,
  type RecordRatingBody,
  type ReleasedInject,
  type SendMessage,
  type SubmitFeedbackBody,
  type TakeAction,
  type Viewer,
} from '@startex/shared';
import { compileScenario, openDecisions, validateActionFields, type CompiledScenario, type Step } from '@startex/scenarios';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import { commsCheckAcknowledgement, commsCheckConfirmedEvents, commsCheckSentEvents } from './commsCheckInputs.ts';
import { ExerciseClock } from './ExerciseClock.ts';
import { feedbackEvent, observationEvent, ratingEvent, reconciliationEvent } from './evaluationInputs.ts';
import { actorScope, earlierUse, teamScope } from './idempotency.ts';
import { describeState, foldEntry, freshState, receiptKey, type CommsCheckState, type HostState } from './HostState.ts';
import { checkRecipients } from './scenarioRefs.ts';
import { canSee } from './visibility.ts';

/** A timer that fires this much wall-clock time after it was due marks its injects late. */
const LATE_AFTER_WALL_MS = 1_000;

export type CommitListener = (entries: LogEntry[]) => void;

/** Wall time and timeouts, so tests can drive the host on a clock of their own. */
export interface WallClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemWallClock: WallClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};


/**
 * One exercise in play: its scenario run, exercise clock and durable timers, all folded from
 * the event log. An input is checked and folded at once (synchronously, so inputs never
 * interleave), its log entries go to the store, and the sender and the listeners hear of it only
 * once the store says they are durable. A replay after a restart folds the stored log with the
 * same `fold`, so the state after a restart is the state before it.
 */
export class ExerciseHost {
  /** Replaced only by replan(), before StartEx. */
  record: ExerciseRecord;
  private readonly store: ExerciseStore;
  private readonly wall: WallClock;
  private readonly scenario: CompiledScenario;
  private scenarioStartMs: number;
  private state!: HostState;
  private timer: unknown;
  private readonly listeners = new Set<CommitListener>();
  private disposed = false;
  /** Set while the state is being rebuilt after a failed commit; inputs wait for it. */
  private recovering: Promise<void> | undefined;
  /** Commits in flight, oldest first: the last seq each makes durable. */
  private readonly inflight: { lastSeq: number; durable: Promise<void> }[] = [];
  private durableSeq = 0;

  protected constructor(store: ExerciseStore, record: ExerciseRecord, wall: WallClock) {
    this.store = store;
    this.record = record;
    this.wall = wall;
    this.scenario = compileScenario(record.scenario);
    this.scenarioStartMs = record.settings?.scenarioStartMs ?? parseScenarioClockTime(record.scenario.scenarioStart) * 60_000;
  }

  /** Rebuilds the exercise from its stored log and re-arms its timers. */
  static async load(store: ExerciseStore, record: ExerciseRecord, wall: WallClock = systemWallClock): Promise<ExerciseHost> {
    const host = new ExerciseHost(store, record, wall);
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
    const s = this.state;
    const wall = this.wall.now();
    // Control staff: the director as much as a controller (as in visibility.ts).
    const isController = viewer.role === 'director' || viewer.role === 'controller';
    return {
      id: this.id,
      title: this.record.title,
      status: s.status,
      viewer,
      teams: document.teams,
      simulatedOrganisations: document.simulatedOrganisations,
      // A team sees its own catalogue; staff see every team's, to read what teams do.
      actions:
        viewer.role === 'participant'
          ? document.actions.filter((a) => viewer.teamId !== undefined && a.teams.includes(viewer.teamId))
          : document.actions,
      clock: {
        running: s.clock.isRunning,
        speed: s.clock.speed,
        exerciseTimeMs: s.clock.now(wall),
        scenarioStartMs: this.scenarioStartMs,
        atWallTime: wall,
      },
      lastSeq: s.lastSeq,
      ...(s.haltReason !== undefined ? { halt: { reason: s.haltReason } } : {}),
      // Evaluators rate against the scenario's objectives, which they cannot read from `control`.
      ...(isController || viewer.role === 'evaluator' ? { evaluation: { objectives: document.objectives } } : {}),
      // Staff and observers see the scenario's phases (the wall display shows the current one), by title.
      ...(viewer.role !== 'participant' ? { stateTitles: Object.fromEntries(stateTitles(document)) } : {}),
      // The same roles read a decision control made by its label (they get every state's title, which names each branch, already).
      ...(viewer.role !== 'participant' ? { decisionTitles: Object.fromEntries(decisionTitles(document)) } : {}),
      ...(viewer.role === 'participant' && s.status === 'ended'
        ? { hotWash: { objectives: document.objectives.map((o) => ({ id: o.id, title: o.title })) } }
        : {}),
      ...(isController
        ? {
            control: {
              scenario: document,
              openDecisions: s.status === 'live' ? openDecisions(document, s.run.states) : [],
              states: [...s.run.states],
              ...(s.run.nextTimer() ? { nextTimerExerciseMs: s.run.nextTimer()!.dueMs } : {}),
            },
          }
        : {}),
    };
  }

  /** Committed entries after `afterSeq` that `viewer` may see. */
  async entriesFor(viewer: Viewer, afterSeq: number): Promise<LogEntry[]> {
    const entries = await this.store.readLog(this.id, afterSeq);
    return entries.filter((entry) => canSee(viewer, entry));
  }

  async command(command: ControllerCommand, actor: Actor): Promise<number> {
    if (this.recovering) await this.recovering;
    const s = this.state;
    if (!COMMAND_ALLOWED_IN[command.type].includes(s.status)) {
      throw new StartexError('ILLEGAL_TRANSITION', `Cannot ${command.type} an exercise that is ${s.status}.`);
    }
    // A planned exercise is readied by confirming its communications check; the system (seed, tests) may ready directly.
    if (command.type === 'ready' && actor.kind !== 'system' && this.record.settings?.requireCommsCheck) throw new StartexError('COMMS_CHECK_REQUIRED');
    return this.submit(actor, this.commandEvents(command));
  }

  async takeAction(teamId: string, input: TakeAction, actor: Actor = { kind: 'participant', teamId }): Promise<number> {
    if (this.recovering) await this.recovering;
    const earlier = earlierUse(this.state.actionKeys, teamScope(teamId), input.idempotencyKey, 'action.taken', input);
    if (earlier !== undefined) return this.whenDurable(earlier);
    if (this.state.status !== 'live') throw new StartexError('EXERCISE_NOT_LIVE');
    const action = this.scenario.document.actions.find((a) => a.id === input.actionId);
    if (!action) throw new StartexError('UNKNOWN_ACTION', `The scenario has no action "${input.actionId}".`, 'actionId');
    if (!action.teams.includes(teamId)) throw new StartexError('ACTION_NOT_ALLOWED');
    const problem = validateActionFields(action, input.fields);
    if (problem) throw new StartexError(problem.code, problem.message, problem.path);
    if (input.injectId !== undefined && !this.state.released.get(input.injectId)?.to.includes(teamId)) {
      throw new StartexError('INJECT_NOT_RELEASED', undefined, 'injectId');
    }
    return this.submit(actor, [
      {
        type: 'action.taken',
        actionId: action.id,
        teamId,
        fields: input.fields,
        ...(input.injectId !== undefined ? { injectId: input.injectId } : {}),
        idempotencyKey: input.idempotencyKey,
      },
    ]);
  }

  async sendMessage(teamId: string, input: SendMessage, actor: Actor = { kind: 'participant', teamId }): Promise<number> {
    if (this.recovering) await this.recovering;
    const earlier = earlierUse(this.state.messageKeys, teamScope(teamId), input.idempotencyKey, 'message.sent', input);
    if (earlier !== undefined) return this.whenDurable(earlier);
    if (this.state.status !== 'live' && this.state.status !== 'paused') throw new StartexError('EXERCISE_NOT_LIVE');
    checkRecipients(this.scenario.document, input.to.teams, input.to.organisations);
    if (input.replyTo !== undefined) this.checkReplyTo(input.replyTo, { kind: 'team', teamId });
    return this.submit(actor, [
      {
        type: 'message.sent',
        messageId: `m${this.state.lastSeq + 1}`,
        from: { kind: 'team', teamId },
        to: { teams: input.to.teams, organisations: input.to.organisations },
        text: input.text,
        ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
        idempotencyKey: input.idempotencyKey,
      },
    ]);
  }

  /** An evaluator's observation, during play or after it (post-exercise observations). */
  async recordObservation(input: RecordObservation, actor: Actor): Promise<number> {
    if (this.recovering) await this.recovering;
    const earlier = earlierUse(this.state.observationKeys, actorScope(actor), input.idempotencyKey, 'observation.recorded', input);
    if (earlier !== undefined) return this.whenDurable(earlier);
    return this.submit(actor, [observationEvent(this.state, this.scenario.document, input)]);
  }

  /** An evaluator's P/S/M/U rating of a capability target or capability, during play or after it. */
  async recordRating(input: RecordRatingBody, actor: Actor): Promise<number> {
    if (this.recovering) await this.recovering;
    const earlier = earlierUse(this.state.reviewKeys, actorScope(actor), input.idempotencyKey, 'rating.recorded', input);
    if (earlier !== undefined) return this.whenDurable(earlier);
    return this.submit(actor, [ratingEvent(this.state, this.scenario.document, input)]);
  }

  /** The lead evaluator's final rating: the evaluators' current ratings of the subject are named beside it. */
  async reconcileRating(input: ReconcileRatingBody, actor: Actor): Promise<number> {
    if (this.recovering) await this.recovering;
    const earlier = earlierUse(this.state.reviewKeys, actorScope(actor), input.idempotencyKey, 'rating.reconciled', input);
    if (earlier !== undefined) return this.whenDurable(earlier);
    return this.submit(actor, [reconciliationEvent(this.state, this.scenario.document, input)]);
  }

  /** A team's hot-wash feedback, after EndEx only. */
  async submitFeedback(teamId: string, input: SubmitFeedbackBody, actor: Actor = { kind: 'participant', teamId }): Promise<number> {
    if (this.recovering) await this.recovering;
    const earlier = earlierUse(this.state.reviewKeys, teamScope(teamId), input.idempotencyKey, 'feedback.submitted', input);
    if (earlier !== undefined) return this.whenDurable(earlier);
    return this.submit(actor, [feedbackEvent(this.state, this.scenario.document, teamId, input)]);
  }

  /** New plan settings (speed, scenario start, title) before StartEx; the clock has not run yet, so it simply restarts at the new speed. */
  replan(record: ExerciseRecord): void {
    if (this.state.status !== 'draft' && this.state.status !== 'ready') throw new StartexError('PLAN_LOCKED');
    this.record = record;
    this.scenarioStartMs = record.settings?.scenarioStartMs ?? parseScenarioClockTime(record.scenario.scenarioStart) * 60_000;
    this.state.clock = new ExerciseClock(record.speed);
  }

  /** The latest communications check, folded from the log. */
  get commsCheck(): Readonly<CommsCheckState> | undefined {
    return this.state.commsCheck;
  }

  /** Sends a test message to every team's tablets before StartEx (again, if tablets changed). */
  async sendCommsCheck(actor: Actor, text: string): Promise<number> {
    if (this.recovering) await this.recovering;
    return this.submit(actor, commsCheckSentEvents(this.state, this.scenario.document, text));
  }

  async acknowledgeCommsCheck(teamId: string, checkId: string, actor: Actor = { kind: 'participant', teamId }): Promise<number> {
    if (this.recovering) await this.recovering;
    const acknowledgement = commsCheckAcknowledgement(this.state, teamId, checkId);
    if ('alreadySeq' in acknowledgement) return this.whenDurable(acknowledgement.alreadySeq);
    return this.submit(actor, acknowledgement.events);
  }

  /** The director's word that communications work: the check is closed and the exercise ready for StartEx. */
  async confirmCommsCheck(actor: Actor): Promise<number> {
    if (this.recovering) await this.recovering;
    return this.submit(actor, commsCheckConfirmedEvents(this.state));
  }

  markDelivered(teamId: string, injectId: string, actor: Actor = { kind: 'participant', teamId }): Promise<number> {
    return this.recordReceipt('inject.delivered', teamId, injectId, actor);
  }

  acknowledge(teamId: string, injectId: string, actor: Actor = { kind: 'participant', teamId }): Promise<number> {
    return this.recordReceipt('inject.acknowledged', teamId, injectId, actor);
  }

  /**
   * Folds entries another writer committed (the exercise's owner on another node: server/src/cluster)
   * into a host that only follows the log; listeners hear of them as of the host's own commits.
   * Entries it has already are skipped. False when they do not continue its log: the caller reads
   * what it missed from the store.
   */
  follow(entries: LogEntry[]): boolean {
    const fresh = entries.filter((entry) => entry.seq > this.state.lastSeq);
    if (fresh.length === 0) return true;
    if (fresh[0]!.seq !== this.state.lastSeq + 1) return false;
    for (const entry of fresh) foldEntry(this.state, entry);
    this.durableSeq = this.state.lastSeq;
    for (const listener of this.listeners) listener(fresh);
    return true;
  }

  /** Stops the timer and drops listeners; the exercise stays as the log says. */
  dispose(): void {
    this.disposed = true;
    this.wall.clearTimeout(this.timer);
    this.listeners.clear();
  }

  /**
   * This host's own fold over a state the caller keeps, with no store and no timers: the review's
   * replay takes snapshots of such states, so a replayed moment is what the live host had.
   */
  static replayFold(record: ExerciseRecord): { fresh(): HostState; fold(state: HostState, entry: LogEntry): void; describe(state: HostState, atWallTime: number): ReturnType<typeof describeState> } {
    const scenario = compileScenario(record.scenario);
    return { fresh: () => freshState(scenario, record.speed), fold: foldEntry, describe: describeState };
  }

  /** The state a replay of the log must reproduce exactly, for tests and diagnostics. */
  describe(atWallTime: number): ReturnType<typeof describeState> {
    return describeState(this.state, atWallTime);
  }

  private async recordReceipt(type: 'inject.delivered' | 'inject.acknowledged', teamId: string, injectId: string, actor: Actor): Promise<number> {
    if (this.recovering) await this.recovering;
    const released = this.state.released.get(injectId);
    if (!released || !released.to.includes(teamId)) throw new StartexError('INJECT_NOT_RELEASED');
    const seen = (type === 'inject.delivered' ? this.state.delivered : this.state.acknowledged).get(receiptKey(injectId, teamId));
    if (seen !== undefined) return this.whenDurable(seen);
    return this.submit(actor, [{ type, injectId, teamId }]);
  }

  /** The log events a controller command stands for, after checking what it refers to. */
  private commandEvents(command: ControllerCommand): LogEvent[] {
    const s = this.state;
    const { document } = this.scenario;
    const scenarioInject = (injectId: string) => {
      if (!document.injects.some((i) => i.id === injectId)) throw new StartexError('INJECT_NOT_FOUND', undefined, 'injectId');
    };
    const notReleased = (injectId: string) => {
      scenarioInject(injectId);
      if (s.released.has(injectId)) throw new StartexError('INJECT_ALREADY_RELEASED', undefined, 'injectId');
    };
    switch (command.type) {
      case 'ready':
        return [{ type: 'exercise.readied' }];
      case 'start':
        return [{ type: 'exercise.started', speed: this.record.speed, scenarioStartMs: this.scenarioStartMs }];
      case 'pause':
        return [{ type: 'exercise.paused' }];
      case 'resume':
        if (s.status === 'halted' && command.reason === undefined) throw new StartexError('HALT_RESUME_REASON_REQUIRED', undefined, 'reason');
        return [command.reason === undefined ? { type: 'exercise.resumed' } : { type: 'exercise.resumed', reason: command.reason }];
      case 'halt':
        return [{ type: 'exercise.halted', reason: command.reason }];
      case 'end':
        return [{ type: 'exercise.ended' }];
      case 'close':
        return [{ type: 'exercise.closed' }];
      case 'jump': {
        // To the next timed scenario event, whether it sends an inject or only moves the story on,
        // or past such events to the next timed inject (server/README.md). Timers passed fire in order.
        const next = command.to === 'inject' ? s.run.nextInjectTimer() : s.run.nextTimer();
        if (!next) {
          throw new StartexError('NOTHING_SCHEDULED', command.to === 'inject' ? 'No timed inject is left before play ends or waits for the players; jump to the next event instead.' : undefined);
        }
        return [{ type: 'clock.jumped', toExerciseMs: Math.max(next.dueMs, Math.round(s.clock.now(this.wall.now()))) }];
      }
      case 'speed':
        return [{ type: 'clock.speed.changed', speed: command.speed }];
      case 'release':
        notReleased(command.injectId);
        return [{ type: 'inject.released', inject: this.releasedCopy(command.injectId) }];
      case 'hold':
        notReleased(command.injectId);
        return [{ type: 'inject.held', injectId: command.injectId, reason: command.reason }];
      case 'skip':
        notReleased(command.injectId);
        return [{ type: 'inject.skipped', injectId: command.injectId, reason: command.reason }];
      case 'edit':
        notReleased(command.injectId);
        return [{ type: 'inject.edited', injectId: command.injectId, subject: command.subject, body: command.body }];
      case 'adhoc': {
        checkRecipients(this.scenario.document, command.to, []);
        const number = Math.max(0, ...document.injects.map((i) => i.number)) + s.adHocCount + 1;
        return [
          {
            type: 'inject.released',
            inject: {
              id: `adhoc-${s.adHocCount + 1}`,
              number,
              channel: command.channel,
              from: command.from,
              to: command.to,
              subject: command.subject,
              body: command.body,
              kind: 'adaptive',
              adHoc: true,
            },
          },
        ];
      }
      case 'decide':
        if (!openDecisions(document, s.run.states).some((d) => d.decision === command.decision)) {
          throw new StartexError('DECISION_NOT_OPEN', `The scenario does not offer "${command.decision}" now.`, 'decision');
        }
        return [{ type: 'decision.made', decision: command.decision }];
      case 'broadcast':
        if (command.to) checkRecipients(this.scenario.document, command.to, []);
        return [
          {
            type: 'message.sent',
            messageId: `m${s.lastSeq + 1}`,
            from: { kind: 'control' },
            to: command.to ? { teams: command.to, organisations: [] } : { all: true, teams: [], organisations: [] },
            text: command.text,
          },
        ];
      case 'reply': {
        checkRecipients(this.scenario.document, [command.to], [command.organisationId]);
        const from: Party = { kind: 'simcell', organisationId: command.organisationId };
        if (command.replyTo !== undefined) this.checkReplyTo(command.replyTo, from);
        return [
          {
            type: 'message.sent',
            messageId: `m${s.lastSeq + 1}`,
            from,
            to: { teams: [command.to], organisations: [] },
            text: command.text,
            ...(command.replyTo !== undefined ? { replyTo: command.replyTo } : {}),
          },
        ];
      }
      case 'note':
        return [{ type: 'note.added', text: command.text }];
      default: {
        const exhaustive: never = command;
        return exhaustive;
      }
    }
  }

  /** A reply must answer a message that was addressed to whoever replies. */
  private checkReplyTo(messageId: string, replier: Party): void {
    const original = this.state.messages.get(messageId);
    const addressed =
      original &&
      (original.all ||
        (replier.kind === 'team' && original.teams.includes(replier.teamId)) ||
        (replier.kind === 'simcell' && original.organisations.includes(replier.organisationId)));
    if (!addressed) throw new StartexError('VALIDATION_FAILED', `There is no message "${messageId}" to reply to.`, 'replyTo');
  }

  private releasedCopy(injectId: string): ReleasedInject {
    const inject = this.scenario.document.injects.find((i) => i.id === injectId)!;
    const edits = this.state.edits.get(injectId);
    return {
      id: inject.id,
      number: inject.number,
      channel: inject.channel,
      from: inject.from,
      to: inject.to,
      subject: edits?.subject ?? inject.subject,
      body: edits?.body ?? inject.body,
      kind: inject.kind,
      ...(inject.attachments.length > 0 ? { attachments: inject.attachments } : {}),
    };
  }

  /**
   * Turns the events one input caused into log entries and folds them at once (which drives the
   * scenario machine and may add follow-on events), then hands the batch to the store. Resolves
   * with the first entry's seq once the batch is durable; listeners hear of it then, in order.
   */
  private submit(actor: Actor, events: LogEvent[]): Promise<number> {
    const wallTime = this.wall.now();
    const exerciseTimeMs = Math.round(this.state.clock.now(wallTime));
    const batch: LogEntry[] = [];
    const pending = [...events];
    try {
      while (pending.length > 0) {
        const event = pending.shift()!;
        const entry = {
          ...event,
          exerciseId: this.id,
          seq: this.state.lastSeq + 1,
          wallTime,
          // A jump moves the clock: entries from then on carry the new time.
          exerciseTimeMs: event.type === 'clock.jumped' ? event.toExerciseMs : exerciseTimeMs,
          scenarioTimeMs: this.scenarioStartMs + (event.type === 'clock.jumped' ? event.toExerciseMs : exerciseTimeMs),
          actor,
        } as LogEntry;
        const step = foldEntry(this.state, entry);
        batch.push(entry);
        if (step) pending.push(...this.followOn(step, event, entry.exerciseTimeMs));
      }
    } catch (error) {
      // Folding threw half-way: the in-memory state is ahead of the log; rebuild it from the log.
      this.startRecovery();
      throw error;
    }
    const lastSeq = batch.at(-1)!.seq;
    const durable = this.store.append(batch).then(
      () => {
        this.durableSeq = lastSeq;
        this.inflight.shift();
        for (const listener of this.listeners) listener(batch);
      },
      (error: unknown) => {
        this.inflight.shift();
        this.startRecovery();
        throw error;
      },
    );
    this.inflight.push({ lastSeq, durable });
    this.armTimer();
    return durable.then(() => batch[0]!.seq);
  }

  /** Resolves with `seq` once the entry is durable (it may be committed already, or in flight). */
  private async whenDurable(seq: number): Promise<number> {
    if (seq > this.durableSeq) await this.inflight.find((c) => c.lastSeq >= seq)?.durable;
    return seq;
  }

  private startRecovery(): void {
    this.recovering ??= this.reload()
      // The database is unreachable (PostgreSQL restarting): the next append, refused against the log, starts another recovery.
      .catch((error: unknown) => console.error(`StartEx: could not rebuild ${this.id} from its log:`, error))
      .finally(() => {
        this.recovering = undefined;
      });
  }

  /** Log events that a machine step implies, in the order the machine did them. */
  private followOn(step: Step, cause: LogEvent, exerciseTimeMs: number): LogEvent[] {
    const s = this.state;
    const events: LogEvent[] = [];
    if (step.statesChanged) events.push({ type: 'state.entered', states: step.states });
    for (const milestone of step.milestones) events.push({ type: 'milestone.reached', milestone });
    // The clock ran at its present speed since the timer was due (a paused clock has no due timers; control may have changed the speed).
    const lateByWallMs = cause.type === 'timer.fired' ? Math.round((exerciseTimeMs - cause.dueExerciseMs) / s.clock.speed) : 0;
    const releasing = new Set<string>();
    for (const injectId of step.released) {
      if (!this.scenario.document.injects.some((i) => i.id === injectId)) continue; // the analyzer refuses such documents
      const because = s.skipped.has(injectId) ? 'skipped' : s.held.has(injectId) ? 'held' : s.released.has(injectId) || releasing.has(injectId) ? 'already-released' : undefined;
      if (because) {
        events.push({ type: 'inject.suppressed', injectId, because });
        continue;
      }
      releasing.add(injectId);
      const inject = this.releasedCopy(injectId);
      events.push(lateByWallMs >= LATE_AFTER_WALL_MS ? { type: 'inject.released', inject, lateByWallMs } : { type: 'inject.released', inject });
    }
    if (step.ended && cause.type !== 'exercise.ended') events.push({ type: 'exercise.ended' });
    return events;
  }

  protected async reload(): Promise<void> {
    this.wall.clearTimeout(this.timer);
    const entries = await this.store.readLog(this.id);
    this.state = freshState(this.scenario, this.record.speed);
    for (const entry of entries) foldEntry(this.state, entry);
    this.durableSeq = this.state.lastSeq;
    this.armTimer();
  }

  /** One wall-clock timeout for the earliest scenario timer; due ones fire at once (late). */
  private armTimer(): void {
    this.wall.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.state.status !== 'live') return;
    const next = this.state.run.nextTimer();
    if (!next) return;
    const delay = this.state.clock.wallDelayUntil(next.dueMs, this.wall.now());
    this.timer = this.wall.setTimeout(() => void this.fireDueTimers().catch(() => {}), delay);
  }

  private async fireDueTimers(): Promise<void> {
    if (this.recovering) await this.recovering;
    const commits: Promise<number>[] = [];
    for (;;) {
      const next = this.state.run.nextTimer();
      if (!next || this.state.status !== 'live' || this.state.clock.wallDelayUntil(next.dueMs, this.wall.now()) >= 1) break;
      commits.push(this.submit({ kind: 'system' }, [{ type: 'timer.fired', timer: next.timer, dueExerciseMs: next.dueMs }]));
    }
    this.armTimer();
    await Promise.all(commits);
  }
}
