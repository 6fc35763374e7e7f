import { sql } from 'drizzle-orm';
import { integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const exercises = sqliteTable('exercises', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** The scenario document pinned when the exercise was created, as JSON. */
  scenarioJson: text('scenario_json').notNull(),
  speed: real('speed').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Bearer tokens: join codes bound to a team, console tokens for controllers. */
export const accessGrants = sqliteTable('access_grants', {
  token: text('token').primaryKey(),
  exerciseId: text('exercise_id')
    .notNull()
    .references(() => exercises.id),
  role: text('role', { enum: ['controller', 'participant'] }).notNull(),
  teamId: text('team_id'),
  createdAt: integer('created_at').notNull(),
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
  },
  (table) => [
    primaryKey({ columns: [table.exerciseId, table.seq] }),
    uniqueIndex('log_entries_idempotency')
      .on(table.exerciseId, table.idempotencyKey)
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
