// Tables of exercise planning; drizzle-kit reads this file beside schema.ts (see drizzle.config.ts).
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { exercises, users } from './schema.ts';

/** The centre's partner agencies: one directory for every exercise. */
export const agencies = sqliteTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  type: text('type').notNull(),
  /** JSON array: prevention / detection / response. */
  functionsJson: text('functions_json').notNull(),
  /** JSON array of { name, role?, email?, phone? }. */
  contactsJson: text('contacts_json').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Which real agency plays each scenario team in an exercise. */
export const teamAgencies = sqliteTable(
  'team_agencies',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    teamId: text('team_id').notNull(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (table) => [primaryKey({ columns: [table.exerciseId, table.teamId] })],
);

/** The exercise roster: staff (linked to their account) and participants (roster and briefings only). */
export const exercisePeople = sqliteTable(
  'exercise_people',
  {
    id: text('id').primaryKey(),
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    name: text('name').notNull(),
    /** Lower-case; unique per exercise. */
    email: text('email').notNull(),
    role: text('role', { enum: ['director', 'controller', 'evaluator', 'observer', 'participant'] }).notNull(),
    agencyId: text('agency_id').references(() => agencies.id),
    teamId: text('team_id'),
    /** Evaluators: JSON { objectives, teams }. */
    coversJson: text('covers_json'),
    userId: text('user_id').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('exercise_people_email').on(table.exerciseId, table.email)],
);
