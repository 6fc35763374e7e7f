// How each record is kept in its table's row, and read back, on either database: the SQLite and
// PostgreSQL schemas (schema.ts, postgres/schema.ts and their planning and review twins) give the
// same row shapes, so one mapping serves both, and TypeScript checks each store's rows against it.
import { ExerciseSettings, ReportContent, ScenarioDocument, withoutBidiControls, type Actor, type ImprovementItem, type LogEntry, type ReportVersion, type StatusChange } from '@startex/shared';
import type { AccessGrant, AuditEntry, ExerciseRecord, Membership, StoredScenario, UserRecord } from './ExerciseStore.ts';
import type { LogRow } from './groupCommit.ts';
import type { AgencyRecord, PersonRecord } from './PlanningStore.ts';
import type { StoredDraft } from './ReviewStore.ts';
import type * as planning from './planningSchema.ts';
import type * as review from './reviewSchema.ts';
import type * as schema from './schema.ts';

export function exerciseRow(exercise: ExerciseRecord): typeof schema.exercises.$inferInsert {
  return {
    id: exercise.id,
    title: exercise.title,
    scenarioJson: JSON.stringify(exercise.scenario),
    speed: exercise.speed,
    createdAt: exercise.createdAt,
    settingsJson: exercise.settings ? JSON.stringify(exercise.settings) : null,
  };
}

export function toExercise(row: typeof schema.exercises.$inferSelect): ExerciseRecord {
  return {
    id: row.id,
    title: row.title,
    // Documents stored before names refused text-direction controls load without them (shared/src/text.ts).
    scenario: ScenarioDocument.parse(withoutBidiControls(JSON.parse(row.scenarioJson))),
    speed: row.speed,
    createdAt: row.createdAt,
    ...(row.settingsJson ? { settings: ExerciseSettings.parse(withoutBidiControls(JSON.parse(row.settingsJson))) } : {}),
  };
}

export function scenarioRow(stored: StoredScenario): typeof schema.scenarios.$inferInsert {
  return { id: stored.document.id, version: stored.version, title: stored.document.title, documentJson: JSON.stringify(stored.document), createdAt: stored.createdAt };
}

export function toScenario(row: typeof schema.scenarios.$inferSelect): StoredScenario {
  return { document: ScenarioDocument.parse(withoutBidiControls(JSON.parse(row.documentJson))), version: row.version, createdAt: row.createdAt };
}

/** The latest version of each scenario, from rows ordered by id and newest version first. */
export function latestScenarios(rows: (typeof schema.scenarios.$inferSelect)[]): StoredScenario[] {
  const latest = new Map<string, StoredScenario>();
  for (const row of rows) if (!latest.has(row.id)) latest.set(row.id, toScenario(row));
  return [...latest.values()];
}

export function grantRow(grant: AccessGrant): typeof schema.accessGrants.$inferInsert {
  return { ...grant, teamId: grant.teamId ?? null, expiresAt: grant.expiresAt ?? null, revokedAt: grant.revokedAt ?? null };
}

export function toGrant(row: typeof schema.accessGrants.$inferSelect): AccessGrant {
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

export function userRow(user: UserRecord): typeof schema.users.$inferInsert {
  return { ...user, roles: JSON.stringify(user.roles), disabledAt: user.disabledAt ?? null };
}

/** The columns a user patch changes; a field left out of the patch stays as it is. */
export function userPatch(patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Partial<typeof schema.users.$inferInsert> {
  const { roles, disabledAt, ...rest } = patch;
  return {
    ...rest,
    ...(roles ? { roles: JSON.stringify(roles) } : {}),
    ...('disabledAt' in patch ? { disabledAt: disabledAt ?? null } : {}),
  };
}

export function toUser(row: typeof schema.users.$inferSelect): UserRecord {
  const { passwordChangeRequired, ...rest } = row;
  return { ...rest, roles: JSON.parse(row.roles) as UserRecord['roles'], disabledAt: row.disabledAt ?? undefined, ...(passwordChangeRequired ? { passwordChangeRequired: true } : {}) };
}

export function membershipRow(membership: Membership): typeof schema.memberships.$inferInsert & { teamId: string | null } {
  return { ...membership, teamId: membership.teamId ?? null };
}

export function toMembership(row: typeof schema.memberships.$inferSelect): Membership {
  return { exerciseId: row.exerciseId, userId: row.userId, role: row.role, teamId: row.teamId ?? undefined };
}

export function auditRow(entry: AuditEntry): typeof schema.auditLog.$inferInsert {
  return { ...entry, target: entry.target ?? null, details: entry.details ? JSON.stringify(entry.details) : null };
}

export function toAudit(row: typeof schema.auditLog.$inferSelect): AuditEntry {
  return {
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target ?? undefined,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : undefined,
  };
}

/** One entry as the log writers take it: the envelope's columns, the event's own fields as JSON. */
export function toLogRow(entry: LogEntry): LogRow {
  const { exerciseId, seq, wallTime, exerciseTimeMs, scenarioTimeMs, actor, ...event } = entry;
  const idempotencyKey = event.type === 'action.taken' ? event.idempotencyKey : null;
  return [exerciseId, seq, event.type, wallTime, exerciseTimeMs, scenarioTimeMs, JSON.stringify(actor), JSON.stringify(event), idempotencyKey];
}

/** The same row by column name, for inserts that bypass the log writer (an archive import of a new exercise). */
export function logRow(entry: LogEntry): typeof schema.logEntries.$inferInsert {
  const [exerciseId, seq, type, wallTime, exerciseTimeMs, scenarioTimeMs, actor, body, idempotencyKey] = toLogRow(entry);
  return { exerciseId, seq, type, wallTime, exerciseTimeMs, scenarioTimeMs, actor, body, idempotencyKey };
}

export function toLogEntry(row: typeof schema.logEntries.$inferSelect): LogEntry {
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

export function agencyRow(agency: AgencyRecord): typeof planning.agencies.$inferInsert {
  return {
    id: agency.id,
    name: agency.name,
    type: agency.type,
    functionsJson: JSON.stringify(agency.functions),
    contactsJson: JSON.stringify(agency.contacts),
    createdAt: agency.createdAt,
    updatedAt: agency.updatedAt,
  };
}

export function toAgency(row: typeof planning.agencies.$inferSelect): AgencyRecord {
  return {
    id: row.id,
    name: row.name,
    type: row.type as AgencyRecord['type'],
    functions: JSON.parse(row.functionsJson) as AgencyRecord['functions'],
    contacts: JSON.parse(row.contactsJson) as AgencyRecord['contacts'],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function personRow(person: PersonRecord): typeof planning.exercisePeople.$inferInsert {
  return {
    ...person,
    agencyId: person.agencyId ?? null,
    teamId: person.teamId ?? null,
    coversJson: person.covers ? JSON.stringify(person.covers) : null,
    userId: person.userId ?? null,
  };
}

export function toPerson(row: typeof planning.exercisePeople.$inferSelect): PersonRecord {
  return {
    id: row.id,
    exerciseId: row.exerciseId,
    name: row.name,
    email: row.email,
    role: row.role,
    ...(row.agencyId ? { agencyId: row.agencyId } : {}),
    ...(row.teamId ? { teamId: row.teamId } : {}),
    ...(row.coversJson ? { covers: JSON.parse(row.coversJson) as PersonRecord['covers'] } : {}),
    ...(row.userId ? { userId: row.userId } : {}),
    createdAt: row.createdAt,
  };
}

export function draftRow(exerciseId: string, draft: StoredDraft): typeof review.reportDrafts.$inferInsert {
  return { exerciseId, contentJson: JSON.stringify(draft.content), updatedAt: draft.at, updatedBy: draft.by };
}

export function toDraft(row: typeof review.reportDrafts.$inferSelect): StoredDraft {
  return { content: ReportContent.parse(JSON.parse(row.contentJson)), at: row.updatedAt, by: row.updatedBy };
}

export function versionRow(exerciseId: string, version: ReportVersion): typeof review.reportVersions.$inferInsert {
  return {
    exerciseId,
    version: version.version,
    contentJson: JSON.stringify({ content: version.content, improvementPlan: version.improvementPlan }),
    finalisedAt: version.finalisedAt,
    finalisedBy: version.finalisedBy,
  };
}

export function toVersion(row: typeof review.reportVersions.$inferSelect): ReportVersion {
  const frozen = JSON.parse(row.contentJson) as { content: unknown; improvementPlan: ImprovementItem[] };
  return { version: row.version, finalisedAt: row.finalisedAt, finalisedBy: row.finalisedBy, content: ReportContent.parse(frozen.content), improvementPlan: frozen.improvementPlan };
}

/** An improvement plan row and its status history, which lives in a table of its own. */
export function itemRows(item: ImprovementItem): { item: typeof review.improvementItems.$inferInsert; changes: (typeof review.improvementStatusChanges.$inferInsert)[] } {
  const { history, ...fields } = item;
  return { item: fields, changes: history.map((change) => changeRow(item.id, change)) };
}

export function changeRow(itemId: string, change: StatusChange): typeof review.improvementStatusChanges.$inferInsert {
  return { itemId, at: change.at, by: change.by, fromStatus: change.from, toStatus: change.to, comment: change.comment };
}

/** Rows with their histories, from the status changes of all of them in the order they were made. */
export function withHistories(rows: (typeof review.improvementItems.$inferSelect)[], changes: (typeof review.improvementStatusChanges.$inferSelect)[]): ImprovementItem[] {
  const histories = new Map<string, StatusChange[]>();
  for (const row of changes) histories.set(row.itemId, [...(histories.get(row.itemId) ?? []), toChange(row)]);
  return rows.map((row) => ({ ...row, history: histories.get(row.id) ?? [] }));
}

function toChange(row: typeof review.improvementStatusChanges.$inferSelect): StatusChange {
  return { at: row.at, by: row.by, from: row.fromStatus as StatusChange['from'], to: row.toStatus as StatusChange['to'], comment: row.comment };
}
