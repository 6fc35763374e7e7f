// The PostgreSQL twin of ../schema.ts: the same tables, columns and constraints, so that both
// dialects read back the same rows (../rows.ts maps them). A change to one is made to both.
import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** Times are milliseconds since 1970, as on SQLite: bigint columns read as JavaScript numbers. */
export const millis = (name: string) => bigint(name, { mode: 'number' });

export const exercises = pgTable('exercises', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** The scenario document pinned when the exercise was created, as JSON text (kept byte for byte, as on SQLite). */
  scenarioJson: text('scenario_json').notNull(),
  speed: doublePrecision('speed').notNull(),
  createdAt: millis('created_at').notNull(),
  settingsJson: text('settings_json'),
});

export const accessGrants = pgTable('access_grants', {
  token: text('token').primaryKey(),
  exerciseId: text('exercise_id')
    .notNull()
    .references(() => exercises.id),
  role: text('role', { enum: ['participant', 'observer'] }).notNull(),
  teamId: text('team_id'),
  createdAt: millis('created_at').notNull(),
  expiresAt: millis('expires_at'),
  revokedAt: millis('revoked_at'),
});

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').notNull(),
  createdAt: millis('created_at').notNull(),
  disabledAt: millis('disabled_at'),
  /** Set when someone else chose the password (a generated one): the person sets their own at sign-in. */
  passwordChangeRequired: boolean('password_change_required').notNull().default(false),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: millis('created_at').notNull(),
  expiresAt: millis('expires_at').notNull(),
});

export const memberships = pgTable(
  'memberships',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['director', 'controller', 'evaluator', 'observer', 'participant'] }).notNull(),
    teamId: text('team_id'),
  },
  (table) => [primaryKey({ columns: [table.exerciseId, table.userId] })],
);

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: millis('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  details: text('details'),
});

/**
 * The append-only event log. Its primary key (exercise_id, seq) is the fence between writers: of
 * two that append the same seq, one commits and the other is refused.
 */
export const logEntries = pgTable(
  'log_entries',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    wallTime: millis('wall_time').notNull(),
    exerciseTimeMs: millis('exercise_time_ms').notNull(),
    scenarioTimeMs: millis('scenario_time_ms').notNull(),
    actor: text('actor').notNull(),
    /** The event's own fields as JSON text: jsonb would reorder keys and refuse \u0000, text keeps what was written. */
    body: text('body').notNull(),
    idempotencyKey: text('idempotency_key'),
    /** The owner generation that wrote the entry (see ../schema.ts); 0 while one node runs every exercise. */
    epoch: integer('epoch').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.exerciseId, table.seq] }),
    // An action's key is its team's (the engine's idempotency.ts, scenarios/src/engine): two teams may use the same key.
    uniqueIndex('log_entries_idempotency')
      .on(table.exerciseId, sql`((${table.body}::json) ->> 'teamId')`, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} IS NOT NULL`),
  ],
);

export const scenarios = pgTable(
  'scenarios',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    documentJson: text('document_json').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);
