import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, asc, count, desc, eq, gt, inArray, max } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { LogEntry, ScenarioDocument } from '@startex/shared';
import type { AccessGrant, AuditEntry, ExerciseRecord, Membership, SessionRecord, Store, StoredScenario, UserRecord } from './ExerciseStore.ts';
import { LogWriter, type Durability } from './logWriter.ts';
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
} from './rows.ts';
import * as schema from './schema.ts';
import { SqlitePlanningStore } from './SqlitePlanningStore.ts';
import { SqliteProgrammeStore } from './SqliteProgrammeStore.ts';
import { SqliteReviewStore } from './SqliteReviewStore.ts';
import { SqliteStudioStore } from './SqliteStudioStore.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** How long a write waits for the other connection's commit (the log's writer thread, or the main one). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit that
 * returned survives power loss, and a crash mid-write leaves the log as of the last commit.
 * The log is written by a thread of its own (LogWriter); everything else, and every read, goes
 * through this connection, which sees each log commit once its append has resolved.
 */
export class SqliteStore implements Store {
  private readonly sqlite: Database.Database;
  private readonly db: BetterSQLite3Database<typeof schema>;
  private readonly log: LogWriter;
  readonly planning: SqlitePlanningStore;
  readonly review: SqliteReviewStore;
  readonly programme: SqliteProgrammeStore;
  readonly studio: SqliteStudioStore;

  constructor(file: string) {
    // The log's writer thread opens the same database: it has to be a file.
    if (file === ':memory:') throw new Error('SqliteStore needs a file, not :memory:');
    mkdirSync(dirname(file), { recursive: true });
    this.sqlite = new Database(file);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = FULL');
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    immediateTransactions(this.sqlite);
    this.db = drizzle(this.sqlite, { schema });
    migrate(this.db, { migrationsFolder: MIGRATIONS });
    this.log = new LogWriter(file, BUSY_TIMEOUT_MS);
    this.planning = new SqlitePlanningStore(this.sqlite);
    this.review = new SqliteReviewStore(this.sqlite);
    this.programme = new SqliteProgrammeStore(this.sqlite);
    this.studio = new SqliteStudioStore(this.sqlite);
  }

  async createExercise(exercise: ExerciseRecord): Promise<void> {
    this.db.insert(schema.exercises).values(exerciseRow(exercise)).run();
  }

  async createGrant(grant: AccessGrant): Promise<void> {
    this.db.insert(schema.accessGrants).values(grantRow(grant)).run();
  }

  async revokeGrant(token: string, at: number): Promise<void> {
    this.db.update(schema.accessGrants).set({ revokedAt: at }).where(eq(schema.accessGrants.token, token)).run();
  }

  async createUser(user: UserRecord): Promise<void> {
    this.db.insert(schema.users).values(userRow(user)).run();
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = this.db.select().from(schema.users).where(eq(schema.users.id, id)).get();
    return row && toUser(row);
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.db.select().from(schema.users).where(eq(schema.users.username, username.toLowerCase())).get();
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.db.select().from(schema.users).orderBy(asc(schema.users.username)).all().map(toUser);
  }

  async updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void> {
    this.db.update(schema.users).set(userPatch(patch)).where(eq(schema.users.id, id)).run();
  }

  async countUsers(): Promise<number> {
    return this.db.select({ n: count() }).from(schema.users).get()?.n ?? 0;
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.db.insert(schema.sessions).values(session).run();
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.db.select().from(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)).get();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)).run();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    this.db.delete(schema.sessions).where(eq(schema.sessions.userId, userId)).run();
  }

  async setMembership(membership: Membership): Promise<void> {
    const row = membershipRow(membership);
    this.db
      .insert(schema.memberships)
      .values(row)
      .onConflictDoUpdate({ target: [schema.memberships.exerciseId, schema.memberships.userId], set: { role: row.role, teamId: row.teamId } })
      .run();
  }

  async removeMembership(exerciseId: string, userId: string): Promise<void> {
    this.db
      .delete(schema.memberships)
      .where(and(eq(schema.memberships.exerciseId, exerciseId), eq(schema.memberships.userId, userId)))
      .run();
  }

  async listMemberships(exerciseId: string): Promise<Membership[]> {
    return this.db.select().from(schema.memberships).where(eq(schema.memberships.exerciseId, exerciseId)).all().map(toMembership);
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    return this.db.select().from(schema.memberships).where(eq(schema.memberships.userId, userId)).all().map(toMembership);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.db.insert(schema.auditLog).values(auditRow(entry)).run();
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.db
      .select()
      .from(schema.auditLog)
      .orderBy(desc(schema.auditLog.id))
      .limit(limit)
      .all()
      .map(toAudit);
  }

  /** What commits rest on, on this connection and on the log's writer thread: WAL and synchronous=FULL (2) on both. */
  async durability(): Promise<{ main: Durability; logWriter: Durability }> {
    const main = { journalMode: this.sqlite.pragma('journal_mode', { simple: true }) as string, synchronous: this.sqlite.pragma('synchronous', { simple: true }) as number };
    return { main, logWriter: await this.log.durability() };
  }

  /** Online backup to a file (SQLite's backup API): consistent while the server keeps writing. */
  async backup(file: string): Promise<void> {
    await this.log.settled();
    await this.sqlite.backup(file);
  }

  async getExercise(id: string): Promise<ExerciseRecord | undefined> {
    const row = this.db.select().from(schema.exercises).where(eq(schema.exercises.id, id)).get();
    return row && toExercise(row);
  }

  async listExercises(): Promise<ExerciseRecord[]> {
    return this.db.select().from(schema.exercises).orderBy(asc(schema.exercises.createdAt)).all().map(toExercise);
  }

  async findGrant(token: string): Promise<AccessGrant | undefined> {
    const row = this.db.select().from(schema.accessGrants).where(eq(schema.accessGrants.token, token)).get();
    return row && toGrant(row);
  }

  async listGrants(exerciseId: string): Promise<AccessGrant[]> {
    return this.db
      .select()
      .from(schema.accessGrants)
      .where(eq(schema.accessGrants.exerciseId, exerciseId))
      .all()
      .map(toGrant);
  }

  /**
   * Group commit on the writer thread: batches appended while a commit runs are written together
   * in the next transaction (one fsync), then each caller's promise resolves in append order. A
   * batch whose sequence numbers do not continue its exercise's log is refused on its own.
   */
  append(entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.log.append({ exerciseId: entries[0]!.exerciseId, firstSeq: entries[0]!.seq, rows: entries.map(toLogRow) });
  }

  async readLog(exerciseId: string, afterSeq = 0): Promise<LogEntry[]> {
    // Commits run on the writer thread: wait for those already asked for, so a read after an append sees it.
    await this.log.settled();
    return this.db
      .select()
      .from(schema.logEntries)
      .where(and(eq(schema.logEntries.exerciseId, exerciseId), gt(schema.logEntries.seq, afterSeq)))
      .orderBy(asc(schema.logEntries.seq))
      .all()
      .map(toLogEntry);
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
    const rows = this.db
      .select({ id: schema.exercises.id })
      .from(schema.exercises)
      .where(eq(lastOfPlay, 'exercise.started'))
      .orderBy(asc(schema.exercises.createdAt))
      .all();
    return rows.map((row) => row.id);
  }

  async saveScenario(document: ScenarioDocument): Promise<StoredScenario> {
    return this.db.transaction((tx) => {
      const last =
        tx.select({ version: max(schema.scenarios.version) }).from(schema.scenarios).where(eq(schema.scenarios.id, document.id)).get()
          ?.version ?? 0;
      const stored = { document: { ...document, version: last + 1 }, version: last + 1, createdAt: Date.now() };
      tx.insert(schema.scenarios).values(scenarioRow(stored)).run();
      return stored;
    });
  }

  async getScenario(id: string, version?: number): Promise<StoredScenario | undefined> {
    const where = version === undefined ? eq(schema.scenarios.id, id) : and(eq(schema.scenarios.id, id), eq(schema.scenarios.version, version));
    const row = this.db.select().from(schema.scenarios).where(where).orderBy(desc(schema.scenarios.version)).limit(1).get();
    return row && toScenario(row);
  }

  async listScenarios(): Promise<StoredScenario[]> {
    return latestScenarios(this.db.select().from(schema.scenarios).orderBy(asc(schema.scenarios.id), desc(schema.scenarios.version)).all());
  }

  /** Waits for the log commits already asked for, then closes both connections. */
  async close(): Promise<void> {
    await this.log.close();
    this.sqlite.close();
  }
}

/**
 * Every transaction on this connection takes the write lock at BEGIN (IMMEDIATE), waiting out the
 * writer thread's commit there. A deferred transaction that reads before it writes would instead
 * fail with SQLITE_BUSY(_SNAPSHOT) whenever a log commit lands in between, as SQLite cannot
 * upgrade an outdated read snapshot. Drizzle asks better-sqlite3 for `deferred` by default.
 */
function immediateTransactions(sqlite: Database.Database): void {
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = transaction(fn);
    return Object.assign((...args: never[]) => tx.immediate(...args), { default: tx.immediate, deferred: tx.immediate, immediate: tx.immediate, exclusive: tx.exclusive });
  }) as typeof sqlite.transaction;
}
