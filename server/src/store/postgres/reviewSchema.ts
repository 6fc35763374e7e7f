// The PostgreSQL twin of ../reviewSchema.ts; drizzle-kit reads it beside ./schema.ts (drizzle.postgres.config.ts).
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { exercises, millis } from './schema.ts';

export const reportDrafts = pgTable('report_drafts', {
  exerciseId: text('exercise_id')
    .primaryKey()
    .references(() => exercises.id),
  contentJson: text('content_json').notNull(),
  updatedAt: millis('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const reportVersions = pgTable(
  'report_versions',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    version: integer('version').notNull(),
    contentJson: text('content_json').notNull(),
    finalisedAt: millis('finalised_at').notNull(),
    finalisedBy: text('finalised_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.exerciseId, table.version] })],
);

export const improvementItems = pgTable(
  'improvement_items',
  {
    id: text('id').primaryKey(),
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    capability: text('capability').notNull(),
    issue: text('issue').notNull(),
    recommendation: text('recommendation').notNull(),
    correctiveAction: text('corrective_action').notNull(),
    capabilityElement: text('capability_element', { enum: ['planning', 'organisation', 'equipment', 'training', 'exercises'] }).notNull(),
    responsibleAgency: text('responsible_agency').notNull(),
    pointOfContact: text('point_of_contact').notNull(),
    startDate: text('start_date').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['open', 'in-progress', 'completed', 'cancelled'] }).notNull(),
    createdAt: millis('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (table) => [index('improvement_items_exercise').on(table.exerciseId), index('improvement_items_agency').on(table.responsibleAgency)],
);

export const improvementStatusChanges = pgTable(
  'improvement_status_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: text('item_id')
      .notNull()
      .references(() => improvementItems.id),
    at: millis('at').notNull(),
    by: text('by').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment').notNull(),
  },
  (table) => [index('improvement_status_changes_item').on(table.itemId)],
);
