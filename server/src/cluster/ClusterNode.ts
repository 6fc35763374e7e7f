import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import { StartexError, type ErrorDetail, type LogEntry } from '@startex/shared';
import type { GatewayServer } from '../realtime/gateway.ts';
import { ExerciseHost } from '../runtime/ExerciseHost.ts';
import type { Origin } from '../runtime/ExerciseHost.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { ExerciseRecord, ExerciseStore, Store } from '../store/ExerciseStore.ts';
import { BOUNDED_WAITS, isConnectionFailure, logConnectionFailures, whenReachable } from '../store/postgres/connectionFailures.ts';
import { PostgresStore } from '../store/postgres/PostgresStore.ts';
import { ClusterMetrics } from './clusterMetrics.ts';
import { ExerciseOwnership } from './ExerciseOwnership.ts';
import { FollowerHost } from './FollowerHost.ts';
import { isRepeatable, runInput, type HostInput } from './forwardedInputs.ts';

/** Running StartEx on several nodes over one PostgreSQL database. */
export interface ClusterOptions {
  /** The database the store uses (STARTEX_DATABASE_URL): the nodes' only shared component. */
  databaseUrl: string;
  /** This node's name in logs, metrics and the owner rows (STARTEX_NODE_ID); the host name and a random suffix without. */
  nodeId?: string | undefined;
  /** See OwnershipOptions.leaseMs; 2 s by default. */
  leaseMs?: number | undefined;
}

type Answer = { ok: true; seq: number } | { ok: false; error: ErrorDetail } | { ok: false; notOwner: true };

/** What the nodes say to each other, through the socket.io adapter (PostgreSQL NOTIFY, larger ones through its attachments table). */
interface InterServerEvents {
  /** An input for the owner `to`, from the node `from` that received it. */
  'exercise:input': (request: { id: string; from: string; to: string; exerciseId: string; input: HostInput }) => void;
  'exercise:answer': (answer: { id: string; to: string; answer: Answer }) => void;
  /**
   * Entries the owner committed, for every node's sockets and feeds; when they are the commit of a
   * forwarded input, `answers` names it, and is the answer to node `to` (one message: the batch and
   * the answer cannot arrive in either order).
   */
  'exercise:committed': (commit: { exerciseId: string; node: string; epoch: number; committedAt: number; entries: LogEntry[]; answers?: { id: string; to: string } }) => void;
  /** A node took an exercise over. */
  'exercise:owner': (owner: { exerciseId: string; node: string; epoch: number }) => void;
  /** An exercise's plan changed (before StartEx): its hosts load the stored record again. */
  'exercise:replanned': (replan: { exerciseId: string }) => void;
}

type Bus = Server<Record<string, never>, Record<string, never>, InterServerEvents>;

/** How long an input waits for a live owner's answer (through a takeover) before it is answered OWNER_UNAVAILABLE. */
const FORWARD_TIMEOUT_MS = 8_000;
/** Refusals of inputs that were sent nowhere: the client may send them again as they are. */
const CUT_OFF = 'This server cannot reach the database just now; this was not recorded. Try again in a moment.';
const NO_OWNER = 'No server runs this exercise just now; this was not recorded. Try again in a moment.';
/** How often a node looks for exercises in play it has not loaded, and reads what its followers missed. */
const SWEEP_MS = 1_000;

interface Owner {
  node: string;
  epoch: number;
}

/** Why an input sent to an owner got no answer from it: the owner changed, this node lost the database, or the owner did not answer in time. */
type Unanswered = 'owner-changed' | 'cut-off' | 'timeout';

interface Pending {
  exerciseId: string;
  node: string;
  /** The connection the input came from, if any: it hears of the committed batch in its answer. */
  origin: Origin | undefined;
  settle: (outcome: Answer | Unanswered) => void;
}

/**
 * This node's part in a cluster of StartEx nodes. Every node serves sockets and feeds for every
 * exercise; one node owns each exercise (ExerciseOwnership) and runs its engine and timers. Inputs
 * received elsewhere are forwarded to the owner and answered once it committed them; what the owner
 * commits is announced to every node, whose follower hosts fold it and fan it out locally.
 */
export class ClusterNode {
  readonly node: string;
  readonly metrics: ClusterMetrics;
  private readonly pool: pg.Pool;
  private readonly bus: Bus;
  private ownership!: ExerciseOwnership;
  private readonly owners = new Map<string, Owner>();
  private readonly pending = new Map<string, Pending>();
  /** Forwarded inputs this node runs as owner now: request id -> the node that sent it (their batches' announcements answer them). */
  private readonly answering = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;
  private sweeping = false;
  private readonly leaseMs: number;

  private constructor(
    options: ClusterOptions,
    private readonly store: PostgresStore,
    private readonly runtime: ExerciseRuntime,
    io: GatewayServer,
  ) {
    this.node = options.nodeId ?? `${hostname()}-${randomBytes(3).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 2_000;
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, application_name: this.applicationName, max: 8, ...BOUNDED_WAITS });
    logConnectionFailures(this.pool, 'a cluster');
    // The gateway's socket.io server, seen with the events the nodes exchange.
    this.bus = io as unknown as Bus;
    io.adapter(
      createAdapter(this.pool, {
        errorHandler: (error) => console.error('StartEx: the socket.io PostgreSQL adapter failed:', error.message),
        // A node that died drops out of presence counts within seconds.
        heartbeatInterval: 1_000,
        heartbeatTimeout: 3_000,
      }),
    );
    this.metrics = new ClusterMetrics({ connections: () => io.engine.clientsCount, owned: () => this.owned().length });
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Joins the cluster: the adapter, the ownership loop, and the runtime loading hosts as owner or follower. */
  static async start(options: ClusterOptions, store: Store, runtime: ExerciseRuntime, io: GatewayServer): Promise<ClusterNode> {
    if (!(store instanceof PostgresStore)) throw new Error('Several nodes need the store on PostgreSQL: set STARTEX_DATABASE_URL.');
    const node = new ClusterNode(options, store, runtime, io);
    node.ownership = await ExerciseOwnership.start(
      { url: options.databaseUrl, node: node.node, leaseMs: node.leaseMs, pool: node.pool },
      {
        candidates: () => runtime.loaded(),
        acquired: (exerciseId) => void node.takeOver(exerciseId),
        lost: (exerciseIds) => exerciseIds.forEach((exerciseId) => void node.giveUp(exerciseId)),
      },
    );
    runtime.loadHostsWith((hostStore, record) => node.loadHost(hostStore, record));
    node.listen();
    return node;
  }

  /** Ready when the adapter listens for the other nodes and PostgreSQL answers the ownership connection. */
  async readiness(): Promise<{ fanOut: boolean; ownership: boolean }> {
    // Cut off from the database: not ready, without waiting for a query nobody will answer.
    if (!this.ownership.answering) return { fanOut: false, ownership: false };
    let fanOut = false;
    try {
      // The adapter's listening connection: the one of this node's whose last statement was LISTEN.
      const { rows } = await this.pool.query<{ listening: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %') AS listening",
        [this.applicationName],
      );
      fanOut = rows[0]!.listening;
    } catch (error) {
      console.error('StartEx: the readiness check could not reach PostgreSQL:', (error as Error).message);
    }
    return { fanOut, ownership: this.ownership.answering };
  }

  /** The exercises this node owns now. */
  owned(): string[] {
    // Asked for before start() finished (a metrics scrape): none yet.
    return this.ownership?.ownedNow() ?? [];
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const pending of this.pending.values()) pending.settle('owner-changed');
    await this.ownership.close();
    await this.pool.end();
  }

  private get applicationName(): string {
    return `startex ${this.node}`.slice(0, 63);
  }

  /** Owner when this node holds (or can take) the exercise's lock, else follower. */
  private async loadHost(hostStore: ExerciseStore, record: ExerciseRecord): Promise<ExerciseHost> {
    const epoch = await whenReachable(this.ownership.tryAcquire(record.id));
    if (epoch === undefined) return FollowerHost.open(hostStore, record, (exerciseId, input, origin) => this.forward(exerciseId, input, origin));
    const store = new Proxy(hostStore, {
      get: (target, key) => (key === 'append' ? (entries: LogEntry[]) => this.appendAsOwner(entries, epoch) : Reflect.get(target, key, target)),
    });
    const host = await ExerciseHost.load(store, record);
    host.onCommit((entries, origin) => this.announce(record.id, epoch, entries, origin));
    this.owners.set(record.id, { node: this.node, epoch });
    this.bus.serverSideEmit('exercise:owner', { exerciseId: record.id, node: this.node, epoch });
    return host;
  }

  private async appendAsOwner(entries: LogEntry[], epoch: number): Promise<void> {
    const stop = this.metrics.commitSeconds.startTimer();
    try {
      await this.store.appendAsOwner(entries, epoch);
    } catch (error) {
      if (!(error as Error).message.startsWith('Log fence:')) throw error;
      // Another node took the exercise over while this one was frozen or cut off: follow it from now on.
      this.metrics.fencedAppends.inc();
      const exerciseId = entries[0]!.exerciseId;
      console.error(`StartEx: ${(error as Error).message}; this node gives ${exerciseId} up.`);
      void this.ownership.forget(exerciseId).then(async (owned) => {
        if (owned) await this.giveUp(exerciseId);
      });
      throw new StartexError('OWNER_UNAVAILABLE', 'Another server has taken this exercise over; this was not recorded. Try again.');
    }
    stop();
  }

  private announce(exerciseId: string, epoch: number, entries: LogEntry[], origin: string | undefined): void {
    this.metrics.inputs.inc({ actor: entries[0]!.actor.kind });
    for (const entry of entries) if (entry.type === 'timer.fired') this.metrics.timerLateness.observe(Math.max(0, entry.exerciseTimeMs - entry.dueExerciseMs) / 1000);
    const to = origin === undefined ? undefined : this.answering.get(origin);
    this.bus.serverSideEmit('exercise:committed', { exerciseId, node: this.node, epoch, committedAt: Date.now(), entries, ...(to ? { answers: { id: origin!, to } } : {}) });
  }

  /** This node took the lock: the owner host loads in the follower's place (the runtime tells local listeners of what the old owner committed last). */
  private async takeOver(exerciseId: string): Promise<void> {
    try {
      this.metrics.ownerChanges.inc({ change: 'taken' });
      await this.runtime.reload(exerciseId);
      this.ownerChanged(exerciseId);
    } catch (error) {
      console.error(`StartEx: taking ${exerciseId} over failed:`, error);
    }
  }

  private async giveUp(exerciseId: string): Promise<void> {
    this.metrics.ownerChanges.inc({ change: 'given-up' });
    this.owners.delete(exerciseId);
    try {
      await this.runtime.reload(exerciseId);
    } catch (error) {
      console.error(`StartEx: following ${exerciseId} after giving it up failed:`, error);
    }
  }

  /**
   * Runs an input on the exercise's owner and resolves with its first seq once committed there.
   * Sent again to a new owner if the one asked gave the exercise up, or died and the input may be
   * repeated (a keyed input or a receipt); else OWNER_UNAVAILABLE. Refused at once, sent nowhere,
   * when nobody could answer it: this node cut off from the database, or no owner to send it to.
   * Only a live owner that is slow to answer is waited for, up to FORWARD_TIMEOUT_MS.
   */
  private async forward(exerciseId: string, input: HostInput, origin?: Origin): Promise<number> {
    const deadline = Date.now() + FORWARD_TIMEOUT_MS;
    for (;;) {
      const host = await this.runtime.get(exerciseId);
      if (!(host instanceof FollowerHost)) return (await runInput(host, input, origin)).seq;
      if (!this.ownership.answering) throw this.unavailable('DATABASE_UNAVAILABLE', CUT_OFF);
      const owner = await this.ownerOf(exerciseId);
      const answer = await this.ask(owner, exerciseId, input, deadline, origin);
      // Sent, and unanswered: whether it was recorded, the log tells (the catalogue's own words).
      if (answer === 'cut-off') throw this.unavailable('DATABASE_UNAVAILABLE');
      if (answer === 'timeout' || (answer === 'owner-changed' && !isRepeatable(input))) throw this.unavailable('OWNER_UNAVAILABLE');
      if (answer === 'owner-changed' || ('notOwner' in answer && answer.notOwner)) {
        if (this.owners.get(exerciseId)?.node === owner.node) this.owners.delete(exerciseId);
        await pause(50);
        continue;
      }
      this.metrics.forwarded.inc({ outcome: answer.ok ? 'committed' : 'refused' });
      if (answer.ok) return answer.seq;
      if ('error' in answer) throw new StartexError(answer.error.code, answer.error.message, answer.error.path);
    }
  }

  private unavailable(code: 'DATABASE_UNAVAILABLE' | 'OWNER_UNAVAILABLE', message?: string): StartexError {
    this.metrics.forwarded.inc({ outcome: 'unavailable' });
    return new StartexError(code, message);
  }

  private ask(owner: Owner, exerciseId: string, input: HostInput, deadline: number, origin: Origin | undefined): Promise<Answer | Unanswered> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('timeout'), Math.max(0, deadline - Date.now()));
      const settle = (outcome: Answer | Unanswered) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(outcome);
      };
      this.pending.set(id, { exerciseId, node: owner.node, origin, settle });
      this.bus.serverSideEmit('exercise:input', { id, from: this.node, to: owner.node, exerciseId, input });
    });
  }

  /**
   * The exercise's owner as last announced, else as its owner row says. No row (no node ever took
   * the exercise on) is answered at once; a row naming this node, which has given the exercise up,
   * means a takeover is due (the lease ended): waited for, up to a lease.
   */
  private async ownerOf(exerciseId: string): Promise<Owner> {
    const takeoverDue = Date.now() + this.leaseMs;
    for (;;) {
      const known = this.owners.get(exerciseId);
      if (known && known.node !== this.node) return known;
      const row = await this.ownerRow(exerciseId);
      if (row && row.node !== this.node) {
        this.learn(exerciseId, row);
        return row;
      }
      if (!row || Date.now() >= takeoverDue) throw this.unavailable('OWNER_UNAVAILABLE', NO_OWNER);
      await pause(100);
    }
  }

  private async ownerRow(exerciseId: string): Promise<Owner | undefined> {
    try {
      const { rows } = await this.pool.query<Owner>('SELECT node, epoch FROM exercise_owners WHERE exercise_id = $1', [exerciseId]);
      return rows[0];
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      throw this.unavailable('DATABASE_UNAVAILABLE', CUT_OFF);
    }
  }

  /** A newer owner than the one known: inputs waiting on the old one will not be answered by it. */
  private learn(exerciseId: string, owner: Owner): void {
    const known = this.owners.get(exerciseId);
    if (known && known.epoch >= owner.epoch) return;
    this.owners.set(exerciseId, owner);
    this.ownerChanged(exerciseId);
  }

  private ownerChanged(exerciseId: string): void {
    const owner = this.owners.get(exerciseId);
    for (const pending of this.pending.values()) {
      if (pending.exerciseId === exerciseId && pending.node !== owner?.node) pending.settle('owner-changed');
    }
  }

  private listen(): void {
    this.bus.on('exercise:input', (request) => {
      if (request.to !== this.node) return;
      void this.answer(request).then((answer) => {
        if (answer !== 'announced') this.bus.serverSideEmit('exercise:answer', { id: request.id, to: request.from, answer });
      });
    });
    this.bus.on('exercise:answer', ({ id, to, answer }) => {
      if (to === this.node) this.pending.get(id)?.settle(answer);
    });
    this.bus.on('exercise:owner', ({ exerciseId, node, epoch }) => this.learn(exerciseId, { node, epoch }));
    this.runtime.onReplan((exerciseId) => this.bus.serverSideEmit('exercise:replanned', { exerciseId }));
    this.bus.on('exercise:replanned', ({ exerciseId }) => {
      if (!this.runtime.loaded().includes(exerciseId)) return;
      this.runtime.reload(exerciseId).catch((error: unknown) => console.error(`StartEx: could not load the new plan of ${exerciseId}:`, error));
    });
    this.bus.on('exercise:committed', ({ exerciseId, node, epoch, committedAt, entries, answers }) => {
      this.metrics.fanOutSeconds.observe(Math.max(0, Date.now() - committedAt) / 1000);
      this.learn(exerciseId, { node, epoch });
      const asked = answers?.to === this.node ? this.pending.get(answers.id) : undefined;
      const committed: Answer = { ok: true, seq: Math.min(...entries.map((entry) => entry.seq)) };
      // Answered as the batch is folded, to the connection the input came from, unless a timeout answered it first.
      const claim = () => {
        if (!asked || this.pending.get(answers!.id) !== asked) return undefined;
        asked.settle(committed);
        return asked.origin;
      };
      if (!this.runtime.loaded().includes(exerciseId)) return void claim();
      void this.runtime
        .get(exerciseId)
        .then(
          (host) => (host instanceof FollowerHost ? host.receive(entries, claim) : undefined),
          (error: unknown) => console.error(`StartEx: could not load ${exerciseId} to follow it:`, error),
        )
        // Not folded with its batch (read from the log before, or the host changed): answered without the entries, which came as a broadcast.
        .finally(claim);
    });
  }

  /**
   * An input forwarded to this node: run if this node owns the exercise, else answered notOwner
   * (nothing ran). A new batch is answered by its announcement ('announced'); a repeat of an input
   * already logged (no new batch) here.
   */
  private async answer({ id, from, exerciseId, input }: { id: string; from: string; exerciseId: string; input: HostInput }): Promise<Answer | 'announced'> {
    if (this.ownership.epochOf(exerciseId) === undefined) return { ok: false, notOwner: true };
    try {
      const host = await this.runtime.get(exerciseId);
      if (host instanceof FollowerHost) return { ok: false, notOwner: true };
      this.answering.set(id, from);
      try {
        // The request's id as the origin: the announcement names it. No connection here has that id.
        const { seq, entries } = await runInput(host, input, { id, durable: () => undefined });
        return entries.length > 0 ? 'announced' : { ok: true, seq };
      } finally {
        this.answering.delete(id);
      }
    } catch (error) {
      if (error instanceof StartexError) return { ok: false, error: error.toDetail() };
      console.error(`StartEx: a forwarded input to ${exerciseId} failed:`, error);
      return { ok: false, error: new StartexError('INTERNAL').toDetail() };
    }
  }

  /** Loads the exercises in play that no host here follows yet (so that some node takes each over), and reads what followers missed. */
  private async sweep(): Promise<void> {
    // Cut off from the database, this node will hear no answers: inputs waiting for one are answered now.
    if (this.ownership?.answering === false) for (const pending of this.pending.values()) pending.settle('cut-off');
    // A sweep waits up to BOUNDED_WAITS on a database that does not answer: one at a time.
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const loaded = new Set(this.runtime.loaded());
      for (const exerciseId of await this.store.exercisesInPlay()) if (!loaded.has(exerciseId)) await this.runtime.get(exerciseId);
      for (const exerciseId of loaded) {
        const host = await this.runtime.get(exerciseId);
        if (host instanceof FollowerHost) await host.catchUp();
      }
    } catch (error) {
      console.error('StartEx: the cluster sweep failed:', (error as Error).message);
    } finally {
      this.sweeping = false;
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
