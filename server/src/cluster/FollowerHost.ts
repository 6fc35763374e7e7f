import type { Actor, LogEntry } from '@startex/shared';
import { repeatOf, type ExerciseInput } from '@startex/scenarios/engine';
import { ExerciseHost, type CommitListener, type Committed, type Origin, type WallClock } from '../runtime/ExerciseHost.ts';
import type { ExerciseRecord, ExerciseStore } from '../store/ExerciseStore.ts';
import type { HostInput } from './forwardedInputs.ts';

/**
 * Sends an input to the exercise's owner; resolves with its first seq once the owner committed it.
 * `origin` (the connection it came from) hears of its entries when this host folds them (receive).
 */
export type ForwardInput = (exerciseId: string, input: HostInput, origin?: Origin) => Promise<number>;

/** Claims the answer to an input of this node that a batch being folded committed: its origin, unless it was answered already (a timeout). */
export type ClaimAnswer = () => Origin | undefined;

/** A follower runs no timers: the owner fires them, and their entries reach it as commits. */
const NO_TIMERS: WallClock = { now: () => Date.now(), setTimeout: () => undefined, clearTimeout: () => {} };

/** How long an acknowledged input waits for its commit to arrive before the follower reads the log. */
const COMMIT_WAIT_MS = 50;

/**
 * An exercise on a node that does not own it: the state is folded from the owner's commits (and
 * read from the log for any it missed), views and syncs are served here, and every input that
 * appends goes to the owner, its answer given once this host has folded the entry it committed.
 * The owner's announcement of a batch names the input it answers: folded here, the batch goes to
 * the sender in its answer and to every other connection as a broadcast, in the same turn, as on
 * one node. A batch read from the log instead (its announcement lost) goes to every connection,
 * the sender's included, and the answer then carries none of it, as a retry's does.
 */
export class FollowerHost extends ExerciseHost {
  private readonly logStore: ExerciseStore;
  private readonly forward: ForwardInput;
  /** Commits are folded one after the other, a catch-up read included. */
  private folding: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<{ seq: number; resolve: () => void }>();
  /** The connection whose input the batch being folded answers: the listeners hear its id (the gateway leaves it out of the broadcast). */
  private answeringTo: Origin | undefined;
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

  /**
   * A batch the owner committed, as it announced it (possibly out of order, or after a gap, which
   * is read from the log first). `claim`, when the batch answers an input of this node, gives the
   * connection it came from, which hears of the batch in its answer rather than as a broadcast.
   */
  receive(entries: LogEntry[], claim?: ClaimAnswer): Promise<void> {
    return this.inTurn(async () => {
      const first = Math.min(...entries.map((entry) => entry.seq));
      if (this.lastSeq < first - 1) await this.readMissed(first - 1);
      const origin = this.lastSeq === first - 1 ? claim?.() : undefined;
      this.answeringTo = origin;
      let followed: boolean;
      try {
        followed = this.follow(entries);
      } finally {
        this.answeringTo = undefined;
      }
      // In the same turn as the broadcast: the sender's answer comes before any later entry.
      if (origin && followed) origin.durable(entries);
      if (!followed) await this.readMissed();
    });
  }

  /** Listeners hear the sender of the batch being folded as its origin, as they do on the owner. */
  override onCommit(listener: CommitListener): () => void {
    return super.onCommit((entries, origin) => listener(entries, origin ?? this.answeringTo?.id));
  }

  /** Reads and folds what the log has beyond this host (a lost announcement, or a gap). */
  catchUp(): Promise<void> {
    return this.inTurn(() => this.readMissed());
  }

  /**
   * Every input that appends goes to the owner; the entries reach this node as the owner's commit,
   * before the answer (to `origin`, in it). A repeat of a request this node has already folded (the
   * same receipt from another tablet of the team, a retry) is answered here, and one already on its
   * way to the owner waits for that answer (its entries reach this sender as a broadcast): the
   * tablets of a team that all report an inject delivered at once send the owner one input per
   * node, not one each.
   */
  override async commit(input: ExerciseInput, actor: Actor, origin?: Origin): Promise<Committed> {
    const repeat = repeatOf(this.state, input, { exerciseId: this.id, actor, wallTime: this.wall.now(), plan: this.plan() });
    if (repeat?.seq !== undefined) return { seq: repeat.seq, entries: [] };
    const asked = repeat && this.asked.get(repeat.request);
    if (asked) return { seq: await asked, entries: [] };
    let answered: LogEntry[] = [];
    const sender = origin && {
      id: origin.id,
      durable: (entries: LogEntry[]) => {
        answered = entries;
        origin.durable(entries);
      },
    };
    let forwarded = this.forwarded({ input, actor }, sender);
    if (repeat) {
      forwarded = forwarded.finally(() => this.asked.delete(repeat.request));
      this.asked.set(repeat.request, forwarded);
    }
    return { seq: await forwarded, entries: answered };
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
  private async forwarded(input: HostInput, origin: Origin | undefined): Promise<number> {
    const seq = await this.forward(this.id, input, origin);
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

  /** Reads and folds what the log has beyond this host, up to `untilSeq` when given. */
  private async readMissed(untilSeq = Infinity): Promise<void> {
    const missed = (await this.logStore.readLog(this.id, this.lastSeq)).filter((entry) => entry.seq <= untilSeq);
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
