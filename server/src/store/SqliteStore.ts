import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { and, asc, desc, eq, gt, max } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ScenarioDocument, type Actor, type LogEntry } from '@startex/shared';
import type { AccessGrant, ExerciseRecord, ExerciseStore, StoredScenario } from './ExerciseStore.ts';
import * as schema from './schema.ts';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

type Row = typeof schema.logEntries.$inferSelect;

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit that
 * returned survives power loss, and a crash mid-write leaves the log as of the last commit.
 */
export class SqliteStore implements ExerciseStore {
  private readonly sqlite: Database.Database;
  private readonly db: BetterSQLite3Database<typeof schema>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.sqlite = new Database(file);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = FULL');
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma('busy_timeout = 5000');
    this.db = drizzle(this.sqlite, { schema });
    migrate(this.db, { migrationsFolder: MIGRATIONS });
  }

  async createExercise(exercise: ExerciseRecord, grants: AccessGrant[]): Promise<void> {
    this.db.transaction((tx) => {
      tx.insert(schema.exercises)
        .values({
          id: exercise.id,
          title: exercise.title,
          scenarioJson: JSON.stringify(exercise.scenario),
          speed: exercise.speed,
          createdAt: exercise.createdAt,
        })
        .run();
      for (const grant of grants) {
        tx.insert(schema.accessGrants)
          .values({ ...grant, teamId: grant.teamId ?? null, createdAt: exercise.createdAt })
          .run();
      }
    });
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

  async append(entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.db.transaction((tx) => {
      const exerciseId = entries[0]!.exerciseId;
      const last =
        tx
          .select({ seq: max(schema.logEntries.seq) })
          .from(schema.logEntries)
          .where(eq(schema.logEntries.exerciseId, exerciseId))
          .get()?.seq ?? 0;
      entries.forEach((entry, index) => {
        if (entry.exerciseId !== exerciseId || entry.seq !== last + 1 + index) {
          throw new Error(`Log gap: expected seq ${last + 1 + index} for ${exerciseId}, got ${entry.seq}`);
        }
      });
      tx.insert(schema.logEntries).values(entries.map(toRow)).run();
    });
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
  };
}

function toScenario(row: typeof schema.scenarios.$inferSelect): StoredScenario {
  return { document: ScenarioDocument.parse(JSON.parse(row.documentJson)), version: row.version, createdAt: row.createdAt };
}

function toGrant(row: typeof schema.accessGrants.$inferSelect): AccessGrant {
  return { token: row.token, exerciseId: row.exerciseId, role: row.role, teamId: row.teamId ?? undefined };
}

function toRow(entry: LogEntry): typeof schema.logEntries.$inferInsert {
  const { exerciseId, seq, wallTime, exerciseTimeMs, scenarioTimeMs, actor, ...event } = entry;
  return {
    exerciseId,
    seq,
    type: event.type,
    wallTime,
    exerciseTimeMs,
    scenarioTimeMs,
    actor: JSON.stringify(actor),
    body: JSON.stringify(event),
    idempotencyKey: event.type === 'action.taken' ? event.idempotencyKey : null,
  };
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
