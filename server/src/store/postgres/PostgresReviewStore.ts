import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { ImprovementItem, ReportContent, ReportVersion, ReportVersionSummary, StatusChange } from '@startex/shared';
import type { ImportedExercise, ImprovementItemPatch, ReviewStore, StoredDraft } from '../ReviewStore.ts';
import { changeRow, draftRow, exerciseRow, itemRows, logRow, toDraft, toVersion, versionRow, withHistories } from '../rows.ts';
import * as review from './reviewSchema.ts';
import { exercises, logEntries } from './schema.ts';

const schema = { ...review, exercises, logEntries };
type Db = NodePgDatabase<typeof schema>;
type ItemRow = typeof review.improvementItems.$inferSelect;

/** Rows per INSERT of a bulk write: well under PostgreSQL's 65,535 parameters a statement. */
const CHUNK = 500;

/** The review store on PostgreSQL: the same database as the log; migrations run in PostgresStore. */
export class PostgresReviewStore implements ReviewStore {
  private readonly db: Db;

  constructor(pool: pg.Pool) {
    this.db = drizzle(pool, { schema });
  }

  async getDraft(exerciseId: string): Promise<StoredDraft | undefined> {
    const [row] = await this.db.select().from(review.reportDrafts).where(eq(review.reportDrafts.exerciseId, exerciseId));
    return row && toDraft(row);
  }

  async saveDraft(exerciseId: string, draft: StoredDraft): Promise<void> {
    const row = draftRow(exerciseId, draft);
    await this.db
      .insert(review.reportDrafts)
      .values(row)
      .onConflictDoUpdate({ target: review.reportDrafts.exerciseId, set: { contentJson: row.contentJson, updatedAt: row.updatedAt, updatedBy: row.updatedBy } });
  }

  async finalise(exerciseId: string, content: ReportContent, improvementPlan: ImprovementItem[], at: number, by: string): Promise<ReportVersion> {
    return this.db.transaction(async (tx) => {
      const [last] = await tx.select({ v: max(review.reportVersions.version) }).from(review.reportVersions).where(eq(review.reportVersions.exerciseId, exerciseId));
      const version: ReportVersion = { version: (last?.v ?? 0) + 1, finalisedAt: at, finalisedBy: by, content, improvementPlan };
      await tx.insert(review.reportVersions).values(versionRow(exerciseId, version));
      return version;
    });
  }

  async listVersions(exerciseId: string): Promise<ReportVersionSummary[]> {
    return this.db
      .select({ version: review.reportVersions.version, finalisedAt: review.reportVersions.finalisedAt, finalisedBy: review.reportVersions.finalisedBy })
      .from(review.reportVersions)
      .where(eq(review.reportVersions.exerciseId, exerciseId))
      .orderBy(asc(review.reportVersions.version));
  }

  async getVersion(exerciseId: string, version: number): Promise<ReportVersion | undefined> {
    const [row] = await this.db
      .select()
      .from(review.reportVersions)
      .where(and(eq(review.reportVersions.exerciseId, exerciseId), eq(review.reportVersions.version, version)));
    return row && toVersion(row);
  }

  async addItem(item: ImprovementItem): Promise<void> {
    await this.db.transaction((tx) => insertItem(tx, item));
  }

  async getItem(id: string): Promise<ImprovementItem | undefined> {
    const rows = await this.db.select().from(review.improvementItems).where(eq(review.improvementItems.id, id));
    return (await this.withHistory(rows))[0];
  }

  async updateItem(id: string, patch: ImprovementItemPatch, at: number): Promise<void> {
    await this.db.update(review.improvementItems).set({ ...patch, updatedAt: at }).where(eq(review.improvementItems.id, id));
  }

  async changeStatus(id: string, change: StatusChange): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(review.improvementItems).set({ status: change.to, updatedAt: change.at }).where(eq(review.improvementItems.id, id));
      await tx.insert(review.improvementStatusChanges).values(changeRow(id, change));
    });
  }

  async listItems(exerciseId?: string): Promise<ImprovementItem[]> {
    const query = this.db.select().from(review.improvementItems);
    const rows = await (exerciseId === undefined ? query : query.where(eq(review.improvementItems.exerciseId, exerciseId))).orderBy(
      asc(review.improvementItems.createdAt),
      asc(review.improvementItems.id),
    );
    return this.withHistory(rows);
  }

  async importExercise(imported: ImportedExercise): Promise<void> {
    const { exercise, log, draft, versions, improvementPlan } = imported;
    await this.db.transaction(async (tx) => {
      await tx.insert(exercises).values(exerciseRow(exercise));
      for (let i = 0; i < log.length; i += CHUNK) await tx.insert(logEntries).values(log.slice(i, i + CHUNK).map(logRow));
      if (draft) await tx.insert(review.reportDrafts).values(draftRow(exercise.id, draft));
      for (const version of versions) await tx.insert(review.reportVersions).values(versionRow(exercise.id, version));
      for (const item of improvementPlan) await insertItem(tx, item);
    });
  }

  private async withHistory(rows: ItemRow[]): Promise<ImprovementItem[]> {
    const ids = rows.map((row) => row.id);
    const changes = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      changes.push(
        ...(await this.db
          .select()
          .from(review.improvementStatusChanges)
          .where(inArray(review.improvementStatusChanges.itemId, ids.slice(i, i + CHUNK)))
          .orderBy(asc(review.improvementStatusChanges.id))),
      );
    }
    return withHistories(rows, changes);
  }
}

async function insertItem(tx: Pick<Db, 'insert'>, item: ImprovementItem): Promise<void> {
  const rows = itemRows(item);
  await tx.insert(review.improvementItems).values(rows.item);
  if (rows.changes.length > 0) await tx.insert(review.improvementStatusChanges).values(rows.changes);
}
