import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { ImprovementItem, ReportContent, ReportVersion, ReportVersionSummary, StatusChange } from '@startex/shared';
import type { ImportedExercise, ImprovementItemPatch, ReviewStore, StoredDraft } from './ReviewStore.ts';
import * as review from './reviewSchema.ts';
import { draftRow, exerciseRow, itemRows, changeRow, logRow, toDraft, toVersion, versionRow, withHistories } from './rows.ts';
import { exercises, logEntries } from './schema.ts';

const schema = { ...review, exercises, logEntries };
type Db = BetterSQLite3Database<typeof schema>;
type ItemRow = typeof review.improvementItems.$inferSelect;

/** The embedded review store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqliteReviewStore implements ReviewStore {
  private readonly db: Db;

  constructor(sqlite: Database.Database) {
    this.db = drizzle(sqlite, { schema });
  }

  async getDraft(exerciseId: string): Promise<StoredDraft | undefined> {
    const row = this.db.select().from(review.reportDrafts).where(eq(review.reportDrafts.exerciseId, exerciseId)).get();
    return row && toDraft(row);
  }

  async saveDraft(exerciseId: string, draft: StoredDraft): Promise<void> {
    const row = draftRow(exerciseId, draft);
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
    return row && toVersion(row);
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
      tx.insert(exercises).values(exerciseRow(exercise)).run();
      // Chunks keep each INSERT under SQLite's bound-parameter limit.
      for (let i = 0; i < log.length; i += 500) tx.insert(logEntries).values(log.slice(i, i + 500).map(logRow)).run();
      if (draft) tx.insert(review.reportDrafts).values(draftRow(exercise.id, draft)).run();
      for (const version of versions) tx.insert(review.reportVersions).values(versionRow(exercise.id, version)).run();
      for (const item of improvementPlan) insertItem(tx, item);
    });
  }

  private withHistory(rows: ItemRow[]): ImprovementItem[] {
    const ids = rows.map((row) => row.id);
    const changes = [];
    for (let i = 0; i < ids.length; i += 500) {
      changes.push(
        ...this.db
          .select()
          .from(review.improvementStatusChanges)
          .where(inArray(review.improvementStatusChanges.itemId, ids.slice(i, i + 500)))
          .orderBy(asc(review.improvementStatusChanges.id))
          .all(),
      );
    }
    return withHistories(rows, changes);
  }
}

function insertItem(tx: Pick<Db, 'insert'>, item: ImprovementItem): void {
  const rows = itemRows(item);
  tx.insert(review.improvementItems).values(rows.item).run();
  for (const change of rows.changes) tx.insert(review.improvementStatusChanges).values(change).run();
}
