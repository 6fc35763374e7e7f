import type { Actor, LogEntry } from '@startex/shared';
import { repeatOf, type ExerciseInput } from '@startex/scenarios/engine';
import { ExerciseHost, type Committed, type WallClock } from '../runtime/ExerciseHost.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import type { HostInput } from './forwardedInputs.ts';

/** Sends an input to the exercise's owner; resolves with its first seq once the owner committed it. */
export type ForwardInput = (exerciseId: string, input: HostInput) => Promise<number>;

/** A follower runs no timers: the owner fires them, and their entries reach it as commits. */
const NO_TIMERS: WallClock = { now: () => Date.now(), setTimeout: () => undefined, clearTimeout: () => {} };

/** How long an acknowledged input waits for its commit to arrive before the follower reads the log. */
const COMMIT_WAIT_MS = 50;

/**
 * An exercise on a node that does not own it: the state is folded from the owner's commits (and
 * read from the log for any it missed), views and syncs are served here, and every input that
 * appends goes to the owner, its answer given once this host has folded the entry it committed.
 * The sender hears of its entries as every other connection here does (this host cannot tell
 * which connection an announced commit came from), so the answer carries none, as a retry's does.
 */
export class FollowerHost extends ExerciseHost {
  private readonly logStore: ExerciseStore;
  private readonly forward: ForwardInput;
  /** Commits are folded one after the other, a catch-up read included. */
  private folding: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<{ seq: number; resolve: () => void }>();
  /** Requests with a dedupe key on their way to the owner, by what they ask: the same request again waits for that answer. */
  private readonly asked = new Map<string, Promise<number>>();

  private constructor(store: ExerciseStore, record: ExerciseRecord, forward: ForwardInput) {
    super(store, record, NO_TIMERS);
    this.logStore = store;
    this.forward = forward;
  }

  static async open(store: ExerciseStore, record: ExerciseRecord, forward: ForwardInput): Promise<FollowerHost> {
    const host = new FollowerHost(store, record, forward);
    await host.reload();
    return host;
  }

  /** Entries the owner committed, as it announced them (possibly out of order, or after a gap). */
  receive(entries: LogEntry[]): Promise<void> {
    return this.inTurn(async () => {
      if (!this.follow(entries)) await this.readMissed();
    });
  }

  /** Reads and folds what the log has beyond this host (a lost announcement, or a gap). */
  catchUp(): Promise<void> {
    return this.inTurn(() => this.readMissed());
  }

  /**
   * Every input that appends goes to the owner; the entries reach this node as the owner's commit,
   * before the answer. A repeat of a request this node has already folded (the same receipt from
   * another tablet of the team, a retry) is answered here, and one already on its way to the owner
   * waits for that answer: the tablets of a team that all report an inject delivered at once send
   * the owner one input per node, not one each.
   */
  override async commit(input: ExerciseInput, actor: Actor): Promise<Committed> {
    const repeat = repeatOf(this.state, input, { exerciseId: this.id, actor, wallTime: this.wall.now(), plan: this.plan() });
    if (repeat?.seq !== undefined) return { seq: repeat.seq, entries: [] };
    if (!repeat) return { seq: await this.forwarded({ input, actor }), entries: [] };
    let asked = this.asked.get(repeat.request);
    if (!asked) {
      asked = this.forwarded({ input, actor }).finally(() => this.asked.delete(repeat.request));
      this.asked.set(repeat.request, asked);
    }
    return { seq: await asked, entries: [] };
  }

  override dispose(): void {
    super.dispose();
    for (const waiter of this.waiting) waiter.resolve();
    this.waiting.clear();
  }

  /**
   * The owner's answer, given once this host has the entry: the client hears of the entry on this
   * node before its acknowledgement, as on one node.
   */
  private async forwarded(input: HostInput): Promise<number> {
    const seq = await this.forward(this.id, input);
    if (this.lastSeq >= seq) return seq;
    const reached = new Promise<void>((resolve) => this.waiting.add({ seq, resolve }));
    const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), COMMIT_WAIT_MS).unref());
    if ((await Promise.race([reached, timeout])) === 'late') await this.catchUp();
    return seq;
  }

  /** Folds one thing at a time; a failure (the database unreachable) is logged, and the next commit or catch-up tries again. */
  private inTurn(work: () => Promise<void>): Promise<void> {
    this.folding = this.folding
      .then(work)
      .then(() => this.wake())
      .catch((error: unknown) => console.error(`StartEx: could not follow the log of ${this.id}:`, error));
    return this.folding;
  }

  private async readMissed(): Promise<void> {
    const missed = await this.logStore.readLog(this.id, this.lastSeq);
    if (!this.follow(missed)) throw new Error(`The log of ${this.id} does not continue at seq ${this.lastSeq + 1}`);
  }

  private wake(): void {
    for (const waiter of this.waiting) {
      if (waiter.seq > this.lastSeq) continue;
      this.waiting.delete(waiter);
      waiter.resolve();
    }
  }
}
