import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { ReportContent, type ImprovementItem, type LogEntry, type ReportVersion, type ReportVersionSummary, type StatusChange } from '@startex/shared';
import type { ImportedExercise, ImprovementItemPatch, ReviewStore, StoredDraft } from './ReviewStore.ts';
import * as review from './reviewSchema.ts';
import { exercises, logEntries } from './schema.ts';

const schema = { ...review, exercises, logEntries };
type Db = BetterSQLite3Database<typeof schema>;
type ItemRow = typeof review.improvementItems.$inferSelect;
type ChangeRow = typeof review.improvementStatusChanges.$inferSelect;

/** The embedded review store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqliteReviewStore implements ReviewStore {
  private readonly db: Db;

  constructor(sqlite: Database.Database) {
    this.db = drizzle(sqlite, { schema });
  }

  async getDraft(exerciseId: string): Promise<StoredDraft | undefined> {
    const row = this.db.select().from(review.reportDrafts).where(eq(review.reportDrafts.exerciseId, exerciseId)).get();
    return row && { content: ReportContent.parse(JSON.parse(row.contentJson)), at: row.updatedAt, by: row.updatedBy };
  }

  async saveDraft(exerciseId: string, draft: StoredDraft): Promise<void> {
    const row = { exerciseId, contentJson: JSON.stringify(draft.content), updatedAt: draft.at, updatedBy: draft.by };
    this.db
      .insert(review.reportDrafts)
      .values(row)
      .onConflictDoUpdate({ target: review.reportDrafts.exerciseId, set: { contentJson: row.contentJson, updatedAt: row.updatedAt, updatedBy: row.updatedBy } })
      .run();
  }

  async finalise(exerciseId: string, content: ReportContent, improvementPlan: ImprovementItem[], at: number, by: string): Promise<ReportVersion> {
    return this.db.transaction((tx) => {
      const last = tx.select({ v: max(review.reportVersions.version) }).from(review.reportVersions).where(eq(review.reportVersions.exerciseId, exerciseId)).get()?.v ?? 0;
      const version: ReportVersion = { version: last + 1, finalisedAt: at, finalisedBy: by, content, improvementPlan };
      tx.insert(review.reportVersions).values(versionRow(exerciseId, version)).run();
      return version;
    });
  }

  async listVersions(exerciseId: string): Promise<ReportVersionSummary[]> {
    return this.db
      .select({ version: review.reportVersions.version, finalisedAt: review.reportVersions.finalisedAt, finalisedBy: review.reportVersions.finalisedBy })
      .from(review.reportVersions)
      .where(eq(review.reportVersions.exerciseId, exerciseId))
      .orderBy(asc(review.reportVersions.version))
      .all();
  }

  async getVersion(exerciseId: string, version: number): Promise<ReportVersion | undefined> {
    const row = this.db
      .select()
      .from(review.reportVersions)
      .where(and(eq(review.reportVersions.exerciseId, exerciseId), eq(review.reportVersions.version, version)))
      .get();
    if (!row) return undefined;
    const frozen = JSON.parse(row.contentJson) as { content: unknown; improvementPlan: ImprovementItem[] };
    return { version: row.version, finalisedAt: row.finalisedAt, finalisedBy: row.finalisedBy, content: ReportContent.parse(frozen.content), improvementPlan: frozen.improvementPlan };
  }

  async addItem(item: ImprovementItem): Promise<void> {
    this.db.transaction((tx) => insertItem(tx, item));
  }

  async getItem(id: string): Promise<ImprovementItem | undefined> {
    const row = this.db.select().from(review.improvementItems).where(eq(review.improvementItems.id, id)).get();
    return row && this.withHistory([row])[0];
  }

  async updateItem(id: string, patch: ImprovementItemPatch, at: number): Promise<void> {
    this.db.update(review.improvementItems).set({ ...patch, updatedAt: at }).where(eq(review.improvementItems.id, id)).run();
  }

  async changeStatus(id: string, change: StatusChange): Promise<void> {
    this.db.transaction((tx) => {
      tx.update(review.improvementItems).set({ status: change.to, updatedAt: change.at }).where(eq(review.improvementItems.id, id)).run();
      tx.insert(review.improvementStatusChanges).values(changeRow(id, change)).run();
    });
  }

  async listItems(exerciseId?: string): Promise<ImprovementItem[]> {
    const query = this.db.select().from(review.improvementItems);
    const rows = (exerciseId === undefined ? query : query.where(eq(review.improvementItems.exerciseId, exerciseId))).orderBy(asc(review.improvementItems.createdAt), asc(review.improvementItems.id)).all();
    return this.withHistory(rows);
  }

  async importExercise(imported: ImportedExercise): Promise<void> {
    const { exercise, log, draft, versions, improvementPlan } = imported;
    this.db.transaction((tx) => {
      tx.insert(exercises)
        .values({ id: exercise.id, title: exercise.title, scenarioJson: JSON.stringify(exercise.scenario), speed: exercise.speed, createdAt: exercise.createdAt })
        .run();
      // Chunks keep each INSERT under SQLite's bound-parameter limit.
      for (let i = 0; i < log.length; i += 500) tx.insert(logEntries).values(log.slice(i, i + 500).map(logRow)).run();
      if (draft) tx.insert(review.reportDrafts).values({ exerciseId: exercise.id, contentJson: JSON.stringify(draft.content), updatedAt: draft.at, updatedBy: draft.by }).run();
      for (const version of versions) tx.insert(review.reportVersions).values(versionRow(exercise.id, version)).run();
      for (const item of improvementPlan) insertItem(tx, item);
    });
  }

  private withHistory(rows: ItemRow[]): ImprovementItem[] {
    if (rows.length === 0) return [];
    const changes = new Map<string, StatusChange[]>();
    const ids = rows.map((row) => row.id);
    for (let i = 0; i < ids.length; i += 500) {
      const found = this.db
        .select()
        .from(review.improvementStatusChanges)
        .where(inArray(review.improvementStatusChanges.itemId, ids.slice(i, i + 500)))
        .orderBy(asc(review.improvementStatusChanges.id))
        .all();
      for (const row of found) changes.set(row.itemId, [...(changes.get(row.itemId) ?? []), toChange(row)]);
    }
    return rows.map((row) => toItem(row, changes.get(row.id) ?? []));
  }
}

function insertItem(tx: Pick<Db, 'insert'>, item: ImprovementItem): void {
  const { history, ...fields } = item;
  tx.insert(review.improvementItems).values(fields).run();
  for (const change of history) tx.insert(review.improvementStatusChanges).values(changeRow(item.id, change)).run();
}

function versionRow(exerciseId: string, version: ReportVersion): typeof review.reportVersions.$inferInsert {
  return {
    exerciseId,
    version: version.version,
    contentJson: JSON.stringify({ content: version.content, improvementPlan: version.improvementPlan }),
    finalisedAt: version.finalisedAt,
    finalisedBy: version.finalisedBy,
  };
}

function changeRow(itemId: string, change: StatusChange): typeof review.improvementStatusChanges.$inferInsert {
  return { itemId, at: change.at, by: change.by, fromStatus: change.from, toStatus: change.to, comment: change.comment };
}

function toChange(row: ChangeRow): StatusChange {
  return { at: row.at, by: row.by, from: row.fromStatus as StatusChange['from'], to: row.toStatus as StatusChange['to'], comment: row.comment };
}

function toItem(row: ItemRow, history: StatusChange[]): ImprovementItem {
  return { ...row, history };
}

/** The log's row shape, as SqliteStore writes it (envelope columns, the event's own fields as JSON). */
function logRow(entry: LogEntry): typeof logEntries.$inferInsert {
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
