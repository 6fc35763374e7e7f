import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, asc, count, desc, eq, gt, max } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ExerciseSettings, ScenarioDocument, type Actor, type LogEntry } from '@startex/shared';
import type { AccessGrant, AuditEntry, ExerciseRecord, Membership, SessionRecord, Store, StoredScenario, UserRecord } from './ExerciseStore.ts';
import { logCommitter, type LogBatch, type LogRow } from './logCommit.ts';
import * as schema from './schema.ts';
import { SqlitePlanningStore } from './SqlitePlanningStore.ts';
import { SqliteReviewStore } from './SqliteReviewStore.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

type Row = typeof schema.logEntries.$inferSelect;

interface PendingAppend {
  entries: LogEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit that
 * returned survives power loss, and a crash mid-write leaves the log as of the last commit.
 */
export class SqliteStore implements Store {
  private readonly sqlite: Database.Database;
  private readonly db: BetterSQLite3Database<typeof schema>;
  private pending: PendingAppend[] = [];
  private readonly commitLog: (batches: LogBatch[]) => (string | null)[];
  readonly planning: SqlitePlanningStore;
  readonly review: SqliteReviewStore;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.sqlite = new Database(file);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = FULL');
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma('busy_timeout = 5000');
    this.db = drizzle(this.sqlite, { schema });
    migrate(this.db, { migrationsFolder: MIGRATIONS });
    this.commitLog = logCommitter(this.sqlite);
    this.planning = new SqlitePlanningStore(this.sqlite);
    this.review = new SqliteReviewStore(this.sqlite);
  }

  async createExercise(exercise: ExerciseRecord): Promise<void> {
    this.db
      .insert(schema.exercises)
      .values({
        id: exercise.id,
        title: exercise.title,
        scenarioJson: JSON.stringify(exercise.scenario),
        speed: exercise.speed,
        createdAt: exercise.createdAt,
        settingsJson: exercise.settings ? JSON.stringify(exercise.settings) : null,
      })
      .run();
  }

  async createGrant(grant: AccessGrant): Promise<void> {
    this.db.insert(schema.accessGrants).values(grantRow(grant)).run();
  }

  async revokeGrant(token: string, at: number): Promise<void> {
    this.db.update(schema.accessGrants).set({ revokedAt: at }).where(eq(schema.accessGrants.token, token)).run();
  }

  async createUser(user: UserRecord): Promise<void> {
    this.db.insert(schema.users).values({ ...user, roles: JSON.stringify(user.roles), disabledAt: user.disabledAt ?? null }).run();
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
    const { roles, disabledAt, ...rest } = patch;
    this.db
      .update(schema.users)
      .set({
        ...rest,
        ...(roles ? { roles: JSON.stringify(roles) } : {}),
        ...('disabledAt' in patch ? { disabledAt: disabledAt ?? null } : {}),
      })
      .where(eq(schema.users.id, id))
      .run();
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
    const row = { ...membership, teamId: membership.teamId ?? null };
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
    this.db
      .insert(schema.auditLog)
      .values({ ...entry, target: entry.target ?? null, details: entry.details ? JSON.stringify(entry.details) : null })
      .run();
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.db
      .select()
      .from(schema.auditLog)
      .orderBy(desc(schema.auditLog.id))
      .limit(limit)
      .all()
      .map((row) => ({
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target ?? undefined,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : undefined,
      }));
  }

  /** Online backup to a file (SQLite's backup API): consistent while the server keeps writing. */
  async backup(file: string): Promise<void> {
    this.flush();
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
   * Group commit: batches appended in the same turn of the event loop are written in one
   * transaction (one fsync), then each caller's promise resolves in append order. A batch whose
   * sequence numbers do not continue its exercise's log is refused on its own.
   */
  append(entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ entries, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcome: (string | null)[];
    try {
      outcome = this.commitLog(group.map(({ entries }) => ({ exerciseId: entries[0]!.exerciseId, firstSeq: entries[0]!.seq, rows: entries.map(toRow) })));
    } catch (error) {
      for (const batch of group) batch.reject(error);
      return;
    }
    group.forEach((batch, i) => (outcome[i] === null ? batch.resolve() : batch.reject(new Error(outcome[i]!))));
  }

  async readLog(exerciseId: string, afterSeq = 0): Promise<LogEntry[]> {
    return this.db
      .select()
      .from(schema.logEntries)
      .where(and(eq(schema.logEntries.exerciseId, exerciseId), gt(schema.logEntries.seq, afterSeq)))
      .orderBy(asc(schema.logEntries.seq))
      .all()
      .map(fromRow);
  }

  async saveScenario(document: ScenarioDocument): Promise<StoredScenario> {
    return this.db.transaction((tx) => {
      const last =
        tx.select({ version: max(schema.scenarios.version) }).from(schema.scenarios).where(eq(schema.scenarios.id, document.id)).get()
          ?.version ?? 0;
      const stored = { document: { ...document, version: last + 1 }, version: last + 1, createdAt: Date.now() };
      tx.insert(schema.scenarios)
        .values({
          id: document.id,
          version: stored.version,
          title: document.title,
          documentJson: JSON.stringify(stored.document),
          createdAt: stored.createdAt,
        })
        .run();
      return stored;
    });
  }

  async getScenario(id: string, version?: number): Promise<StoredScenario | undefined> {
    const where = version === undefined ? eq(schema.scenarios.id, id) : and(eq(schema.scenarios.id, id), eq(schema.scenarios.version, version));
    const row = this.db.select().from(schema.scenarios).where(where).orderBy(desc(schema.scenarios.version)).limit(1).get();
    return row && toScenario(row);
  }

  async listScenarios(): Promise<StoredScenario[]> {
    const rows = this.db.select().from(schema.scenarios).orderBy(asc(schema.scenarios.id), desc(schema.scenarios.version)).all();
    const latest = new Map<string, StoredScenario>();
    for (const row of rows) if (!latest.has(row.id)) latest.set(row.id, toScenario(row));
    return [...latest.values()];
  }

  async close(): Promise<void> {
    this.flush();
    this.sqlite.close();
  }
}

function toExercise(row: typeof schema.exercises.$inferSelect): ExerciseRecord {
  return {
    id: row.id,
    title: row.title,
    scenario: ScenarioDocument.parse(JSON.parse(row.scenarioJson)),
    speed: row.speed,
    createdAt: row.createdAt,
    ...(row.settingsJson ? { settings: ExerciseSettings.parse(JSON.parse(row.settingsJson)) } : {}),
  };
}

function toScenario(row: typeof schema.scenarios.$inferSelect): StoredScenario {
  return { document: ScenarioDocument.parse(JSON.parse(row.documentJson)), version: row.version, createdAt: row.createdAt };
}

function toGrant(row: typeof schema.accessGrants.$inferSelect): AccessGrant {
  return {
    token: row.token,
    exerciseId: row.exerciseId,
    role: row.role,
    teamId: row.teamId ?? undefined,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt ?? undefined,
    revokedAt: row.revokedAt ?? undefined,
  };
}

function grantRow(grant: AccessGrant): typeof schema.accessGrants.$inferInsert {
  return { ...grant, teamId: grant.teamId ?? null, expiresAt: grant.expiresAt ?? null, revokedAt: grant.revokedAt ?? null };
}

function toUser(row: typeof schema.users.$inferSelect): UserRecord {
  return { ...row, roles: JSON.parse(row.roles) as UserRecord['roles'], disabledAt: row.disabledAt ?? undefined };
}

function toMembership(row: typeof schema.memberships.$inferSelect): Membership {
  return { exerciseId: row.exerciseId, userId: row.userId, role: row.role, teamId: row.teamId ?? undefined };
}

function toRow(entry: LogEntry): LogRow {
  const { exerciseId, seq, wallTime, exerciseTimeMs, scenarioTimeMs, actor, ...event } = entry;
  const idempotencyKey = event.type === 'action.taken' ? event.idempotencyKey : null;
  return [exerciseId, seq, event.type, wallTime, exerciseTimeMs, scenarioTimeMs, JSON.stringify(actor), JSON.stringify(event), idempotencyKey];
}

function fromRow(row: Row): LogEntry {
  return {
    exerciseId: row.exerciseId,
    seq: row.seq,
    wallTime: row.wallTime,
    exerciseTimeMs: row.exerciseTimeMs,
    scenarioTimeMs: row.scenarioTimeMs,
    actor: JSON.parse(row.actor) as Actor,
    ...(JSON.parse(row.body) as object),
  } as LogEntry;
}
