import pg from 'pg';

/** Callbacks of the ownership loop: which exercises to try to take, and what happened. */
export interface OwnershipEvents {
  /** The exercises this node follows, whose owner's lock it tries to take at every beat. */
  candidates(): string[];
  /** This node now owns the exercise, under generation `epoch`. */
  acquired(exerciseId: string, epoch: number): void;
  /** This node may no longer act as owner of these exercises (its lease ran out or its lock connection broke). */
  lost(exerciseIds: string[]): void;
}

export interface OwnershipOptions {
  url: string;
  node: string;
  /**
   * How long PostgreSQL keeps the locks of a node that stopped beating (idle_session_timeout on the
   * lock connection): a frozen or cut-off owner is replaced after about this long. A node stops
   * acting as owner a quarter of it earlier, so that it has stopped before another node can start.
   */
  leaseMs: number;
  /** The pool for the owner rows (not the lock connection, which must never wait on a row lock). */
  pool: pg.Pool;
}

/** Takes the session advisory lock of each exercise (keyed by a 64-bit hash of its id) that no other session holds. */
const LOCK_QUERY = 'SELECT id FROM unnest($1::text[]) AS id WHERE pg_try_advisory_lock(hashtextextended(id, 0))';

/** The owner row: the generation goes up by one at every takeover; appends of an older one are refused (PostgresLogWriter). */
const RAISE_GENERATION = `INSERT INTO exercise_owners (exercise_id, epoch, node, since) VALUES ($1, 1, $2, $3)
  ON CONFLICT (exercise_id) DO UPDATE SET epoch = exercise_owners.epoch + 1, node = excluded.node, since = excluded.since
  RETURNING epoch`;

/**
 * Which exercises this node owns. Exactly one node owns a live exercise: the one holding its
 * PostgreSQL advisory lock, on a connection of its own that beats several times per lease. A node
 * that dies (kill -9) loses its locks as its connection closes; one that freezes or loses the
 * database loses them when PostgreSQL ends its idle session, and stops acting as owner before that
 * by its own clock. Whoever takes a lock raises the exercise's generation before acting.
 */
export class ExerciseOwnership {
  private lockClient: pg.Client | undefined;
  private readonly owned = new Map<string, number>();
  /** Until when (this process's clock) the locks are surely still held: the last beat's send time plus three quarters of a lease. */
  private actUntil = 0;
  /** Set when a lock connection could not be opened (refused, or unanswered for a lease); cleared when one is, or a beat is answered. */
  private unreachable = false;
  private connecting: Promise<pg.Client> | undefined;
  private beating = false;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly options: OwnershipOptions,
    private readonly events: OwnershipEvents,
  ) {
    this.timer = setInterval(() => void this.beat(), Math.max(50, Math.floor(options.leaseMs / 5)));
    this.timer.unref();
  }

  static async start(options: OwnershipOptions, events: OwnershipEvents): Promise<ExerciseOwnership> {
    const ownership = new ExerciseOwnership(options, events);
    await ownership.connection();
    return ownership;
  }

  /** The generation this node owns the exercise under, while it may act as its owner. */
  epochOf(exerciseId: string): number | undefined {
    if (Date.now() >= this.actUntil) return undefined;
    return this.owned.get(exerciseId);
  }

  /** The exercises this node owns now. */
  ownedNow(): string[] {
    return Date.now() < this.actUntil ? [...this.owned.keys()] : [];
  }

  /**
   * Whether PostgreSQL answers this node, as far as the lock connection knows: false once a
   * connection could not be opened (a beat unanswered for a lease drops its connection and opens
   * another at once), until one is. A node cut off from the database (or with the database down)
   * refuses inputs at once rather than sending them where nobody can answer (ClusterNode), and is
   * not ready.
   */
  get answering(): boolean {
    return !this.unreachable;
  }

  /** Takes the exercise's lock if no node holds it; the new generation, or undefined when another node owns it. */
  tryAcquire(exerciseId: string): Promise<number | undefined> {
    return this.serially(async () => {
      // A lock this session holds would be granted again (advisory locks count): never raise the generation over ourselves.
      if (this.owned.has(exerciseId)) return this.epochOf(exerciseId);
      const [taken] = await this.lock([exerciseId]);
      return taken === undefined ? undefined : this.raise(taken);
    });
  }

  /** Gives one exercise up (the log refused this node's generation: another node owns it); false if it was given up already. */
  async forget(exerciseId: string): Promise<boolean> {
    if (!this.owned.delete(exerciseId)) return false;
    await this.lockClient?.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [exerciseId]).catch((error: unknown) => {
      console.error(`StartEx: releasing the lock of ${exerciseId} failed:`, (error as Error).message);
    });
    return true;
  }

  /** Releases every lock (the connection ends): other nodes take the exercises over at their next beat. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.owned.clear();
    const client = this.lockClient;
    this.lockClient = undefined;
    await client?.end().catch((error: unknown) => console.error('StartEx: closing the ownership connection failed:', error));
  }

  /** Takes locks one request at a time, so that a beat and a load never both take (and raise) the same exercise. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work);
    // The next turn waits for this one however it ends; its failure is the caller's.
    this.turn = Promise.allSettled([next]).then(() => undefined);
    return next;
  }

  /** The lock connection, opened if there is none (once, however many ask meanwhile). */
  private async connection(): Promise<pg.Client> {
    if (this.lockClient) return this.lockClient;
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: `startex-owner ${this.options.node}`.slice(0, 63),
      options: `-c idle_session_timeout=${this.options.leaseMs}`,
      keepAlive: true,
      connectionTimeoutMillis: this.options.leaseMs,
      // A beat the server does not answer within a lease ends here: the connection is given up (lock) and the next beat opens another.
      query_timeout: this.options.leaseMs,
    });
    client.on('error', (error) => {
      console.error('StartEx: the ownership connection failed:', error.message);
      this.dropConnection(client);
    });
    client.on('end', () => this.dropConnection(client));
    try {
      await client.connect();
    } catch (error) {
      this.unreachable = true;
      throw error;
    }
    this.lockClient = client;
    this.unreachable = false;
    this.actUntil = Date.now() + (this.options.leaseMs * 3) / 4;
    return client;
  }

  /**
   * The lock connection is gone: so are its locks (or will be, once PostgreSQL sees it). Another
   * is opened at once: a node whose database is there (a session ended after a freeze) answers
   * again before anyone notices, one whose database is gone learns so (answering).
   */
  private dropConnection(client: pg.Client): void {
    if (this.lockClient !== client) return;
    this.lockClient = undefined;
    client.end().catch((error: unknown) => console.error('StartEx: closing the lost ownership connection failed:', error));
    this.loseAll();
    if (this.closed) return;
    this.connection().catch((error: unknown) => console.error('StartEx: the ownership connection could not be opened again:', (error as Error).message));
  }

  private loseAll(): void {
    const lost = [...this.owned.keys()];
    this.owned.clear();
    this.actUntil = 0;
    if (lost.length > 0 && !this.closed) this.events.lost(lost);
  }

  /** Tries the locks of `exerciseIds` on the lock connection; each query is also a beat that extends the lease. */
  private async lock(exerciseIds: string[]): Promise<string[]> {
    const client = await this.connection();
    const sentAt = Date.now();
    let rows: { id: string }[];
    try {
      ({ rows } = await client.query<{ id: string }>(LOCK_QUERY, [exerciseIds]));
    } catch (error) {
      // Unanswered for a lease (query_timeout) or broken: a connection that cannot beat holds no lease. Whether
      // PostgreSQL can be reached at all, the new connection opened at once tells (a busy server answers it).
      this.dropConnection(client);
      throw error;
    }
    if (this.lockClient === client) {
      this.unreachable = false;
      this.actUntil = Math.max(this.actUntil, sentAt + (this.options.leaseMs * 3) / 4);
    }
    return rows.map((row) => row.id);
  }

  private async raise(exerciseId: string): Promise<number | undefined> {
    try {
      const { rows } = await this.options.pool.query<{ epoch: number }>(RAISE_GENERATION, [exerciseId, this.options.node, Date.now()]);
      const epoch = rows[0]!.epoch;
      this.owned.set(exerciseId, epoch);
      return epoch;
    } catch (error) {
      // The generation could not be raised (the database is failing): give the lock back and try again at a later beat.
      console.error(`StartEx: could not take ${exerciseId} over:`, error);
      await this.lockClient?.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [exerciseId]).catch((unlockError: unknown) => {
        console.error(`StartEx: releasing the lock of ${exerciseId} failed:`, (unlockError as Error).message);
      });
      return undefined;
    }
  }

  /**
   * One beat: stop acting as owner if the lease ran out (a beat that did not come back in time),
   * else try the locks of the followed exercises, which also renews the lease.
   */
  private async beat(): Promise<void> {
    if (this.closed) return;
    if (this.owned.size > 0 && Date.now() >= this.actUntil) {
      console.error(`StartEx: no word from PostgreSQL for ${this.options.leaseMs * 0.75} ms; this node stops acting as owner of ${[...this.owned.keys()].join(', ')}.`);
      const client = this.lockClient;
      this.loseAll();
      // A new connection and new locks: PostgreSQL ends the old session (and releases its locks) once the lease is over.
      if (client) this.dropConnection(client);
    }
    if (this.beating) return;
    this.beating = true;
    try {
      const acquired = await this.serially(async () => {
        const taken = new Map<string, number>();
        for (const exerciseId of await this.lock(this.events.candidates().filter((id) => !this.owned.has(id)))) {
          const epoch = await this.raise(exerciseId);
          if (epoch !== undefined) taken.set(exerciseId, epoch);
        }
        return taken;
      });
      for (const [exerciseId, epoch] of acquired) this.events.acquired(exerciseId, epoch);
    } catch (error) {
      console.error('StartEx: an ownership beat failed:', (error as Error).message);
    } finally {
      this.beating = false;
    }
  }
}
