import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, gt, inArray, max } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { LogEntry, ScenarioDocument } from '@startex/shared';
import type { AccessGrant, AuditEntry, ExerciseRecord, Membership, SessionRecord, Store, StoredScenario, UserRecord } from '../ExerciseStore.ts';
import {
  auditRow,
  exerciseRow,
  grantRow,
  latestScenarios,
  membershipRow,
  scenarioRow,
  toAudit,
  toExercise,
  toGrant,
  toLogEntry,
  toLogRow,
  toMembership,
  toScenario,
  toUser,
  userPatch,
  userRow,
} from '../rows.ts';
import { BOUNDED_WAITS, logConnectionFailures, reachableOnly } from './connectionFailures.ts';
import { PostgresLogWriter } from './PostgresLogWriter.ts';
import { PostgresPlanningStore } from './PostgresPlanningStore.ts';
import { PostgresProgrammeStore } from './PostgresProgrammeStore.ts';
import { PostgresReviewStore } from './PostgresReviewStore.ts';
import { PostgresStudioStore } from './PostgresStudioStore.ts';
import * as schema from './schema.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle-postgres');
/** How many log entries one statement of readLog reads. */
const LOG_PAGE = 10_000;

/** What commits rest on, as the server reports it for StartEx's connections. */
export interface PostgresDurability {
  /** `on` for StartEx's sessions: a commit returns once its WAL is flushed (and on synchronous standbys, if any). */
  synchronousCommit: string;
  /** The server's own setting: `off` would make every commit a gamble on the operating system. */
  fsync: string;
}

/**
 * The store on PostgreSQL, for a centre that runs StartEx on a database server of its own (and,
 * later, several StartEx nodes on one database). The same tables as on SQLite (postgres/schema.ts),
 * its own migrations (../../../drizzle-postgres), run on open under an advisory lock so that nodes
 * starting together migrate once. Every connection commits with synchronous_commit=on, so an
 * append that resolved is in the server's flushed WAL.
 */
export class PostgresStore implements Store {
  private readonly db: NodePgDatabase<typeof schema>;
  private readonly log: PostgresLogWriter;
  readonly planning: PostgresPlanningStore;
  readonly review: PostgresReviewStore;
  readonly programme: PostgresProgrammeStore;
  readonly studio: PostgresStudioStore;

  private constructor(private readonly pool: pg.Pool) {
    this.db = drizzle(pool, { schema });
    this.log = new PostgresLogWriter(pool);
    this.planning = reachableOnly(new PostgresPlanningStore(pool));
    this.review = reachableOnly(new PostgresReviewStore(pool));
    this.programme = reachableOnly(new PostgresProgrammeStore(pool));
    this.studio = reachableOnly(new PostgresStudioStore(pool));
  }

  /**
   * Connects to `url` (postgres://user:password@host:port/database) and brings its tables up to
   * date. Every call then answers DATABASE_UNAVAILABLE within seconds when the database cannot be
   * reached (BOUNDED_WAITS), rather than waiting for it.
   */
  static async open(url: string): Promise<PostgresStore> {
    await migrateOnce(url);
    const pool = new pg.Pool({
      connectionString: url,
      application_name: 'startex',
      // A frozen process must not hold a transaction (and the owner row locks of an append) open for long.
      options: '-c synchronous_commit=on -c idle_in_transaction_session_timeout=5000',
      ...BOUNDED_WAITS,
    });
    // A connection that breaks is dropped by the pool; the next query opens another.
    logConnectionFailures(pool, 'a PostgreSQL');
    return reachableOnly(new PostgresStore(pool));
  }

  async createExercise(exercise: ExerciseRecord): Promise<void> {
    await this.db.insert(schema.exercises).values(exerciseRow(exercise));
  }

  async getExercise(id: string): Promise<ExerciseRecord | undefined> {
    const [row] = await this.db.select().from(schema.exercises).where(eq(schema.exercises.id, id));
    return row && toExercise(row);
  }

  async listExercises(): Promise<ExerciseRecord[]> {
    return (await this.db.select().from(schema.exercises).orderBy(asc(schema.exercises.createdAt))).map(toExercise);
  }

  async findGrant(token: string): Promise<AccessGrant | undefined> {
    const [row] = await this.db.select().from(schema.accessGrants).where(eq(schema.accessGrants.token, token));
    return row && toGrant(row);
  }

  async listGrants(exerciseId: string): Promise<AccessGrant[]> {
    return (await this.db.select().from(schema.accessGrants).where(eq(schema.accessGrants.exerciseId, exerciseId))).map(toGrant);
  }

  async createGrant(grant: AccessGrant): Promise<void> {
    await this.db.insert(schema.accessGrants).values(grantRow(grant));
  }

  async revokeGrant(token: string, at: number): Promise<void> {
    await this.db.update(schema.accessGrants).set({ revokedAt: at }).where(eq(schema.accessGrants.token, token));
  }

  /**
   * Group commit (PostgresLogWriter): batches appended while a commit runs are written together by
   * the next one, then each caller's promise resolves in append order. A batch whose sequence
   * numbers do not continue its exercise's log is refused on its own.
   */
  append(entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.log.append({ exerciseId: entries[0]!.exerciseId, firstSeq: entries[0]!.seq, rows: entries.map(toLogRow) });
  }

  /**
   * As append, for the owner of the exercise on several nodes (server/src/cluster): the entries are
   * written with the owner generation `epoch`, and refused unless it is still the exercise's.
   */
  appendAsOwner(entries: LogEntry[], epoch: number): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.log.append({ exerciseId: entries[0]!.exerciseId, firstSeq: entries[0]!.seq, rows: entries.map(toLogRow), epoch });
  }

  /** Read in pages of LOG_PAGE entries: a long exercise's whole log (a takeover, a review) is no one statement that could outlast BOUNDED_WAITS. */
  async readLog(exerciseId: string, afterSeq = 0): Promise<LogEntry[]> {
    await this.log.settled();
    const entries: LogEntry[] = [];
    for (let after = afterSeq; ; ) {
      const rows = await this.db
        .select()
        .from(schema.logEntries)
        .where(and(eq(schema.logEntries.exerciseId, exerciseId), gt(schema.logEntries.seq, after)))
        .orderBy(asc(schema.logEntries.seq))
        .limit(LOG_PAGE);
      for (const row of rows) entries.push(toLogEntry(row));
      if (rows.length < LOG_PAGE) return entries;
      after = rows.at(-1)!.seq;
    }
  }

  async exercisesInPlay(): Promise<string[]> {
    await this.log.settled();
    // Read backwards from each log's end, where an ended exercise's EndEx lies: no fold, no full scan.
    const lastOfPlay = this.db
      .select({ type: schema.logEntries.type })
      .from(schema.logEntries)
      .where(and(eq(schema.logEntries.exerciseId, schema.exercises.id), inArray(schema.logEntries.type, ['exercise.started', 'exercise.ended'])))
      .orderBy(desc(schema.logEntries.seq))
      .limit(1);
    const rows = await this.db.select({ id: schema.exercises.id }).from(schema.exercises).where(eq(lastOfPlay, 'exercise.started')).orderBy(asc(schema.exercises.createdAt));
    return rows.map((row) => row.id);
  }

  async saveScenario(document: ScenarioDocument): Promise<StoredScenario> {
    return this.db.transaction(async (tx) => {
      const [last] = await tx.select({ version: max(schema.scenarios.version) }).from(schema.scenarios).where(eq(schema.scenarios.id, document.id));
      const version = (last?.version ?? 0) + 1;
      const stored = { document: { ...document, version }, version, createdAt: Date.now() };
      await tx.insert(schema.scenarios).values(scenarioRow(stored));
      return stored;
    });
  }

  async getScenario(id: string, version?: number): Promise<StoredScenario | undefined> {
    const where = version === undefined ? eq(schema.scenarios.id, id) : and(eq(schema.scenarios.id, id), eq(schema.scenarios.version, version));
    const [row] = await this.db.select().from(schema.scenarios).where(where).orderBy(desc(schema.scenarios.version)).limit(1);
    return row && toScenario(row);
  }

  async listScenarios(): Promise<StoredScenario[]> {
    return latestScenarios(await this.db.select().from(schema.scenarios).orderBy(asc(schema.scenarios.id), desc(schema.scenarios.version)));
  }

  async createUser(user: UserRecord): Promise<void> {
    await this.db.insert(schema.users).values(userRow(user));
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(schema.users).where(eq(schema.users.id, id));
    return row && toUser(row);
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(schema.users).where(eq(schema.users.username, username.toLowerCase()));
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.select().from(schema.users).orderBy(asc(schema.users.username))).map(toUser);
  }

  async updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void> {
    await this.db.update(schema.users).set(userPatch(patch)).where(eq(schema.users.id, id));
  }

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(schema.users);
    return row?.n ?? 0;
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.db.insert(schema.sessions).values(session);
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.db.select().from(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash));
    return row;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.delete(schema.sessions).where(eq(schema.sessions.userId, userId));
  }

  async setMembership(membership: Membership): Promise<void> {
    const row = membershipRow(membership);
    await this.db
      .insert(schema.memberships)
      .values(row)
      .onConflictDoUpdate({ target: [schema.memberships.exerciseId, schema.memberships.userId], set: { role: row.role, teamId: row.teamId } });
  }

  async removeMembership(exerciseId: string, userId: string): Promise<void> {
    await this.db.delete(schema.memberships).where(and(eq(schema.memberships.exerciseId, exerciseId), eq(schema.memberships.userId, userId)));
  }

  async listMemberships(exerciseId: string): Promise<Membership[]> {
    return (await this.db.select().from(schema.memberships).where(eq(schema.memberships.exerciseId, exerciseId))).map(toMembership);
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    return (await this.db.select().from(schema.memberships).where(eq(schema.memberships.userId, userId))).map(toMembership);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.insert(schema.auditLog).values(auditRow(entry));
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return (await this.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(limit)).map(toAudit);
  }

  /** The settings commits rest on, read on one of StartEx's connections (they all open alike). */
  async durability(): Promise<PostgresDurability> {
    const { rows } = await this.pool.query<{ synchronous_commit: string; fsync: string }>(
      "SELECT current_setting('synchronous_commit') AS synchronous_commit, current_setting('fsync') AS fsync",
    );
    return { synchronousCommit: rows[0]!.synchronous_commit, fsync: rows[0]!.fsync };
  }

  /** Waits for the log commits already asked for, then closes every connection; closing again does nothing. */
  async close(): Promise<void> {
    if (this.pool.ending) return;
    await this.log.close();
    await this.pool.end();
  }
}

/**
 * Runs the migrations not yet applied, holding an advisory lock so that nodes starting at once take
 * turns, on a connection of its own: waiting for another node's migration is no timeout.
 */
async function migrateOnce(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'startex migrations', connectionTimeoutMillis: BOUNDED_WAITS.connectionTimeoutMillis });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('startex.migrations'))");
    // Ending the session releases the lock, whether the migrations ran or failed.
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.end();
  }
}
