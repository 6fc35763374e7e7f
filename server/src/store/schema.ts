import { sql } from 'drizzle-orm';
import { integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const exercises = sqliteTable('exercises', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** The scenario document pinned when the exercise was created, as JSON. */
  scenarioJson: text('scenario_json').notNull(),
  speed: real('speed').notNull(),
  createdAt: integer('created_at').notNull(),
  /** ExerciseSettings as JSON (planning); null for exercises made before planning existed. */
  settingsJson: text('settings_json'),
});

/**
 * Join codes: bearer codes a tablet (bound to one team) or a wall display (observer) joins
 * with. Kept readable so that a planner can print them again; they expire and can be revoked.
 */
export const accessGrants = sqliteTable('access_grants', {
  token: text('token').primaryKey(),
  exerciseId: text('exercise_id')
    .notNull()
    .references(() => exercises.id),
  role: text('role', { enum: ['participant', 'observer'] }).notNull(),
  teamId: text('team_id'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at'),
  revokedAt: integer('revoked_at'),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Lower-case, unique. */
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id, PHC string. */
  passwordHash: text('password_hash').notNull(),
  /** JSON array of global roles: "admin", "planner". */
  roles: text('roles').notNull(),
  createdAt: integer('created_at').notNull(),
  disabledAt: integer('disabled_at'),
  /** Set when someone else chose the password (a generated one): the person sets their own at sign-in. */
  passwordChangeRequired: integer('password_change_required', { mode: 'boolean' }).notNull().default(false),
});

/** Login sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** A person's role in one exercise. */
export const memberships = sqliteTable(
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

/** Who did what outside the exercise logs: accounts, roles, join codes, logins. Never secrets. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  details: text('details'),
});

/** The append-only event log: one row per entry, gapless `seq` per exercise. */
export const logEntries = sqliteTable(
  'log_entries',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    wallTime: integer('wall_time').notNull(),
    exerciseTimeMs: integer('exercise_time_ms').notNull(),
    scenarioTimeMs: integer('scenario_time_ms').notNull(),
    actor: text('actor').notNull(),
    /** The event's own fields (everything but the envelope), as JSON. */
    body: text('body').notNull(),
    idempotencyKey: text('idempotency_key'),
    /**
     * The owner generation that wrote the entry. One embedded node owns every exercise, so it stays 0
     * here; on PostgreSQL, where several nodes share the log, each new owner of an exercise writes a higher one.
     */
    epoch: integer('epoch').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.exerciseId, table.seq] }),
    // An action's key is its team's (the engine's idempotency.ts, scenarios/src/engine): two teams may use the same key.
    uniqueIndex('log_entries_idempotency')
      .on(table.exerciseId, sql`json_extract(${table.body}, '$.teamId')`, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} IS NOT NULL`),
  ],
);

/** Uploaded scenario documents; every upload of an id is a new immutable version. */
export const scenarios = sqliteTable(
  'scenarios',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    documentJson: text('document_json').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);
