import { and, asc, desc, eq, isNotNull, lte, max, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { DraftDocument } from '@startex/shared';
import { auditRow, scenarioRow } from '../rows.ts';
import { auditLog, scenarios } from './schema.ts';
import { draftRow, mappingRow, publicationRow, revisionRow, saveConflict, toDraft, toMapping, toPublication, toRevision } from '../studioRows.ts';
import { mselMappings, scenarioDraftRevisions, scenarioDrafts, scenarioPublications } from './studioSchema.ts';
import { KEPT_REVISION_DOCUMENTS, type DraftRecord, type DraftSave, type MselMappingRecord, type PublicationRecord, type PublishRequest, type PublishResult, type RevisionRecord, type SaveResult, type StudioStore } from '../StudioStore.ts';

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

/**
 * The studio store on PostgreSQL: the same database as the log; migrations run in PostgresStore.
 * A save or publication holds a transaction lock on its scenario id, so two authors' saves of one
 * draft are taken one after the other and the second sees the first (SQLite's write lock does this there).
 */
export class PostgresStudioStore implements StudioStore {
  private readonly db: NodePgDatabase<typeof schema>;

  constructor(pool: pg.Pool) {
    this.db = drizzle(pool, { schema });
  }

  async listDrafts(): Promise<DraftRecord[]> {
    return (await this.db.select().from(scenarioDrafts).orderBy(asc(scenarioDrafts.scenarioId))).map(toDraft);
  }

  async getDraft(scenarioId: string): Promise<{ draft: DraftRecord; document: DraftDocument } | undefined> {
    const [row] = await this.db.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, scenarioId));
    if (!row) return undefined;
    const [head] = await this.db
      .select({ documentJson: scenarioDraftRevisions.documentJson })
      .from(scenarioDraftRevisions)
      .where(and(eq(scenarioDraftRevisions.scenarioId, scenarioId), eq(scenarioDraftRevisions.revision, row.revision)));
    return { draft: toDraft(row), document: JSON.parse(head?.documentJson ?? '{}') as DraftDocument };
  }

  async getRevision(scenarioId: string, revision: number): Promise<RevisionRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(scenarioDraftRevisions)
      .where(and(eq(scenarioDraftRevisions.scenarioId, scenarioId), eq(scenarioDraftRevisions.revision, revision)));
    return row && toRevision(row);
  }

  async listRevisions(scenarioId: string, limit: number): Promise<RevisionRecord[]> {
    const rows = await this.db
      .select(REVISION_WITHOUT_DOCUMENT)
      .from(scenarioDraftRevisions)
      .where(eq(scenarioDraftRevisions.scenarioId, scenarioId))
      .orderBy(desc(scenarioDraftRevisions.revision))
      .limit(limit);
    return rows.map(toRevision);
  }

  async saveDraft(save: DraftSave): Promise<SaveResult> {
    return this.db.transaction(async (tx): Promise<SaveResult> => {
      await lockScenario(tx, save.scenarioId);
      const [row] = await tx.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, save.scenarioId));
      const stored = row && toDraft(row);
      const conflict = saveConflict(save, stored);
      if (conflict) return { ok: false, conflict };
      const revision = (stored?.revision ?? 0) + 1;
      const draft = draftRow(save, revision, stored);
      await tx.insert(scenarioDrafts).values(draft).onConflictDoUpdate({ target: scenarioDrafts.scenarioId, set: draft });
      await tx.insert(scenarioDraftRevisions).values(revisionRow(save, revision));
      await tx
        .update(scenarioDraftRevisions)
        .set({ documentJson: null })
        .where(
          and(
            eq(scenarioDraftRevisions.scenarioId, save.scenarioId),
            lte(scenarioDraftRevisions.revision, revision - KEPT_REVISION_DOCUMENTS),
            isNotNull(scenarioDraftRevisions.documentJson),
          ),
        );
      const [saved] = await tx.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, save.scenarioId));
      return { ok: true, draft: toDraft(saved!) };
    });
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    return this.db.transaction(async (tx): Promise<PublishResult> => {
      await lockScenario(tx, request.scenarioId);
      const [row] = await tx.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, request.scenarioId));
      if (!row || row.revision !== request.expectedRevision || row.discardedAt !== null) {
        return { ok: false, conflict: { kind: 'draft', revision: row?.revision ?? 0, savedBy: row ? toDraft(row).savedBy : request.author, savedAt: row?.savedAt ?? request.at } };
      }
      const [last] = await tx.select({ version: max(scenarios.version) }).from(scenarios).where(eq(scenarios.id, request.scenarioId));
      const latest = last?.version ?? 0;
      if (latest !== (row.baseVersion ?? 0)) {
        const [published] = await tx
          .select()
          .from(scenarioPublications)
          .where(and(eq(scenarioPublications.scenarioId, request.scenarioId), eq(scenarioPublications.version, latest)));
        const [created] = await tx.select({ at: scenarios.createdAt }).from(scenarios).where(and(eq(scenarios.id, request.scenarioId), eq(scenarios.version, latest)));
        const by = published && toPublication(published).publishedBy;
        return { ok: false, conflict: { kind: 'version', version: latest, ...(by ? { publishedBy: by } : {}), publishedAt: created?.at ?? 0 } };
      }
      const version = latest + 1;
      const stored = { document: { ...request.document, version }, version, createdAt: request.at };
      await tx.insert(scenarios).values(scenarioRow(stored));
      await tx
        .insert(scenarioPublications)
        .values(publicationRow({ scenarioId: request.scenarioId, version, publishedBy: request.author, publishedAt: request.at, revision: row.revision, note: request.note }));
      await tx.update(scenarioDrafts).set({ baseVersion: version, publishedRevision: row.revision }).where(eq(scenarioDrafts.scenarioId, request.scenarioId));
      await tx
        .insert(auditLog)
        .values(auditRow({ at: request.at, actor: request.author.username, action: 'scenario.published', target: request.scenarioId, details: { version, revision: row.revision } }));
      return { ok: true, stored };
    });
  }

  async listPublications(scenarioId: string): Promise<PublicationRecord[]> {
    return (await this.db.select().from(scenarioPublications).where(eq(scenarioPublications.scenarioId, scenarioId)).orderBy(desc(scenarioPublications.version))).map(toPublication);
  }

  async findMapping(scope: 'user' | 'centre', owner: string, signature: string): Promise<MselMappingRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(mselMappings)
      .where(and(eq(mselMappings.scope, scope), eq(mselMappings.owner, owner), eq(mselMappings.signature, signature)));
    return row && toMapping(row);
  }

  async saveMapping(record: MselMappingRecord): Promise<void> {
    const row = mappingRow(record);
    await this.db.insert(mselMappings).values(row).onConflictDoUpdate({ target: [mselMappings.scope, mselMappings.owner, mselMappings.signature], set: row });
  }
}

/** Saves and publications of one scenario, one at a time: a lock held until the transaction ends. */
async function lockScenario(tx: Parameters<Parameters<NodePgDatabase<typeof schema>['transaction']>[0]>[0], scenarioId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`startex.studio.${scenarioId}`}))`);
}
