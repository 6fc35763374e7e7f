// Tables of exercise review; drizzle-kit reads this file beside schema.ts (see drizzle.config.ts).
import { integer, primaryKey, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { exercises } from './schema.ts';

/** The one editable AAR/IP draft of an exercise (ReportContent as JSON). */
export const reportDrafts = sqliteTable('report_drafts', {
  exerciseId: text('exercise_id')
    .primaryKey()
    .references(() => exercises.id),
  contentJson: text('content_json').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Finalised AAR/IP versions: inserted once, numbered from 1, never updated (the store has no way to). */
export const reportVersions = sqliteTable(
  'report_versions',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    version: integer('version').notNull(),
    contentJson: text('content_json').notNull(),
    finalisedAt: integer('finalised_at').notNull(),
    finalisedBy: text('finalised_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.exerciseId, table.version] })],
);

/** Improvement plan rows: corrective actions, tracked to closure long after the exercise. */
export const improvementItems = sqliteTable(
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
    /** A plain agency name, so the corrective-action overview groups by it without the agency directory. */
    responsibleAgency: text('responsible_agency').notNull(),
    pointOfContact: text('point_of_contact').notNull(),
    /** Calendar dates, YYYY-MM-DD. */
    startDate: text('start_date').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['open', 'in-progress', 'completed', 'cancelled'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('improvement_items_exercise').on(table.exerciseId), index('improvement_items_agency').on(table.responsibleAgency)],
);

/** Every status change of a corrective action: who, when, from, to, why. */
export const improvementStatusChanges = sqliteTable(
  'improvement_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: text('item_id')
      .notNull()
      .references(() => improvementItems.id),
    at: integer('at').notNull(),
    by: text('by').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment').notNull(),
  },
  (table) => [index('improvement_status_changes_item').on(table.itemId)],
);
