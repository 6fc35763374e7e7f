// The PostgreSQL twin of ../planningSchema.ts; drizzle-kit reads it beside ./schema.ts (drizzle.postgres.config.ts).
import { pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { exercises, millis, users } from './schema.ts';

export const agencies = pgTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  type: text('type').notNull(),
  functionsJson: text('functions_json').notNull(),
  contactsJson: text('contacts_json').notNull(),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const teamAgencies = pgTable(
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

export const exercisePeople = pgTable(
  'exercise_people',
  {
    id: text('id').primaryKey(),
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['director', 'controller', 'evaluator', 'observer', 'participant'] }).notNull(),
    agencyId: text('agency_id').references(() => agencies.id),
    teamId: text('team_id'),
    coversJson: text('covers_json'),
    userId: text('user_id').references(() => users.id),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [uniqueIndex('exercise_people_email').on(table.exerciseId, table.email)],
);
