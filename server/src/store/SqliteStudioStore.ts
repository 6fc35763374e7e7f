import type Database from 'better-sqlite3';
import { and, asc, desc, eq, isNotNull, lte, max } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { DraftDocument } from '@startex/shared';
import { auditRow, scenarioRow } from './rows.ts';
import { auditLog, scenarios } from './schema.ts';
import { draftRow, mappingRow, publicationRow, revisionRow, saveConflict, toDraft, toMapping, toPublication, toRevision } from './studioRows.ts';
import { mselMappings, scenarioDraftRevisions, scenarioDrafts, scenarioPublications } from './studioSchema.ts';
import { KEPT_REVISION_DOCUMENTS, type DraftRecord, type DraftSave, type MselMappingRecord, type PublicationRecord, type PublishRequest, type PublishResult, type RevisionRecord, type SaveResult, type StudioStore } from './StudioStore.ts';

const schema = { scenarioDrafts, scenarioDraftRevisions, scenarioPublications, mselMappings, scenarios, auditLog };

/** A revision's columns but its document: the history lists hundreds of them. */
const REVISION_WITHOUT_DOCUMENT = {
  scenarioId: scenarioDraftRevisions.scenarioId,
  revision: scenarioDraftRevisions.revision,
  savedBy: scenarioDraftRevisions.savedBy,
  savedByName: scenarioDraftRevisions.savedByName,
  savedAt: scenarioDraftRevisions.savedAt,
  causeJson: scenarioDraftRevisions.causeJson,
  changesJson: scenarioDraftRevisions.changesJson,
};

/** The embedded studio store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqliteStudioStore implements StudioStore {
  private readonly db: BetterSQLite3Database<typeof schema>;

  constructor(sqlite: Database.Database) {
    this.db = drizzle(sqlite, { schema });
  }

  async listDrafts(): Promise<DraftRecord[]> {
    return this.db.select().from(scenarioDrafts).orderBy(asc(scenarioDrafts.scenarioId)).all().map(toDraft);
  }

  async getDraft(scenarioId: string): Promise<{ draft: DraftRecord; document: DraftDocument } | undefined> {
    const row = this.db.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, scenarioId)).get();
    if (!row) return undefined;
    const head = this.db
      .select({ documentJson: scenarioDraftRevisions.documentJson })
      .from(scenarioDraftRevisions)
      .where(and(eq(scenarioDraftRevisions.scenarioId, scenarioId), eq(scenarioDraftRevisions.revision, row.revision)))
      .get();
    return { draft: toDraft(row), document: JSON.parse(head?.documentJson ?? '{}') as DraftDocument };
  }

  async getRevision(scenarioId: string, revision: number): Promise<RevisionRecord | undefined> {
    const row = this.db
      .select()
      .from(scenarioDraftRevisions)
      .where(and(eq(scenarioDraftRevisions.scenarioId, scenarioId), eq(scenarioDraftRevisions.revision, revision)))
      .get();
    return row && toRevision(row);
  }

  async listRevisions(scenarioId: string, limit: number): Promise<RevisionRecord[]> {
    return this.db
      .select(REVISION_WITHOUT_DOCUMENT)
      .from(scenarioDraftRevisions)
      .where(eq(scenarioDraftRevisions.scenarioId, scenarioId))
      .orderBy(desc(scenarioDraftRevisions.revision))
      .limit(limit)
      .all()
      .map(toRevision);
  }

  async saveDraft(save: DraftSave): Promise<SaveResult> {
    return this.db.transaction((tx): SaveResult => {
      const row = tx.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, save.scenarioId)).get();
      const stored = row && toDraft(row);
      const conflict = saveConflict(save, stored);
      if (conflict) return { ok: false, conflict };
      const revision = (stored?.revision ?? 0) + 1;
      const draft = draftRow(save, revision, stored);
      tx.insert(scenarioDrafts).values(draft).onConflictDoUpdate({ target: scenarioDrafts.scenarioId, set: draft }).run();
      tx.insert(scenarioDraftRevisions).values(revisionRow(save, revision)).run();
      tx.update(scenarioDraftRevisions)
        .set({ documentJson: null })
        .where(
          and(
            eq(scenarioDraftRevisions.scenarioId, save.scenarioId),
            lte(scenarioDraftRevisions.revision, revision - KEPT_REVISION_DOCUMENTS),
            isNotNull(scenarioDraftRevisions.documentJson),
          ),
        )
        .run();
      return { ok: true, draft: toDraft(tx.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, save.scenarioId)).get()!) };
    });
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    return this.db.transaction((tx): PublishResult => {
      const row = tx.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, request.scenarioId)).get();
      if (!row || row.revision !== request.expectedRevision || row.discardedAt !== null) {
        return { ok: false, conflict: { kind: 'draft', revision: row?.revision ?? 0, savedBy: row ? toDraft(row).savedBy : request.author, savedAt: row?.savedAt ?? request.at } };
      }
      const latest = tx.select({ version: max(scenarios.version) }).from(scenarios).where(eq(scenarios.id, request.scenarioId)).get()?.version ?? 0;
      if (latest !== (row.baseVersion ?? 0)) {
        const published = tx
          .select()
          .from(scenarioPublications)
          .where(and(eq(scenarioPublications.scenarioId, request.scenarioId), eq(scenarioPublications.version, latest)))
          .get();
        const createdAt = tx.select({ at: scenarios.createdAt }).from(scenarios).where(and(eq(scenarios.id, request.scenarioId), eq(scenarios.version, latest))).get()?.at ?? 0;
        const by = published && toPublication(published).publishedBy;
        return { ok: false, conflict: { kind: 'version', version: latest, ...(by ? { publishedBy: by } : {}), publishedAt: createdAt } };
      }
      const version = latest + 1;
      const stored = { document: { ...request.document, version }, version, createdAt: request.at };
      tx.insert(scenarios).values(scenarioRow(stored)).run();
      tx.insert(scenarioPublications)
        .values(publicationRow({ scenarioId: request.scenarioId, version, publishedBy: request.author, publishedAt: request.at, revision: row.revision, note: request.note }))
        .run();
      tx.update(scenarioDrafts).set({ baseVersion: version, publishedRevision: row.revision }).where(eq(scenarioDrafts.scenarioId, request.scenarioId)).run();
      tx.insert(auditLog)
        .values(auditRow({ at: request.at, actor: request.author.username, action: 'scenario.published', target: request.scenarioId, details: { version, revision: row.revision } }))
        .run();
      return { ok: true, stored };
    });
  }

  async listPublications(scenarioId: string): Promise<PublicationRecord[]> {
    return this.db.select().from(scenarioPublications).where(eq(scenarioPublications.scenarioId, scenarioId)).orderBy(desc(scenarioPublications.version)).all().map(toPublication);
  }

  async findMapping(scope: 'user' | 'centre', owner: string, signature: string): Promise<MselMappingRecord | undefined> {
    const row = this.db
      .select()
      .from(mselMappings)
      .where(and(eq(mselMappings.scope, scope), eq(mselMappings.owner, owner), eq(mselMappings.signature, signature)))
      .get();
    return row && toMapping(row);
  }

  async saveMapping(record: MselMappingRecord): Promise<void> {
    const row = mappingRow(record);
    this.db.insert(mselMappings).values(row).onConflictDoUpdate({ target: [mselMappings.scope, mselMappings.owner, mselMappings.signature], set: row }).run();
  }
}
