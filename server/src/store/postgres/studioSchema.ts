// The PostgreSQL twin of ../studioSchema.ts; drizzle-kit reads it beside ./schema.ts (drizzle.postgres.config.ts).
// Published versions are rows of `scenarios` (../schema.ts), the table exercises pin from.
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { millis } from './schema.ts';

/** The one working draft of each scenario the centre edits: its newest revision and what the list shows. */
export const scenarioDrafts = pgTable('scenario_drafts', {
  scenarioId: text('scenario_id').primaryKey(),
  revision: integer('revision').notNull(),
  /** The newest version the draft was made from or merged with; null before the first publication. */
  baseVersion: integer('base_version'),
  /** The revision that version was published from (unpublished changes: revision differs). */
  publishedRevision: integer('published_revision'),
  title: text('title').notNull(),
  exerciseType: text('exercise_type'),
  functionsJson: text('functions_json').notNull(),
  language: text('language'),
  createdBy: text('created_by').notNull(),
  createdByName: text('created_by_name').notNull(),
  createdAt: millis('created_at').notNull(),
  savedBy: text('saved_by').notNull(),
  savedByName: text('saved_by_name').notNull(),
  savedAt: millis('saved_at').notNull(),
  /** A never-published draft its author dropped: hidden, its revisions kept. */
  discardedAt: millis('discarded_at'),
});

/** Every save of a draft: who, when, why and what it changed; the document of the newest ones (a merge's base). */
export const scenarioDraftRevisions = pgTable(
  'scenario_draft_revisions',
  {
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarioDrafts.scenarioId),
    revision: integer('revision').notNull(),
    /** The document as saved (JSON); null once the revision is old enough that no merge starts from it. */
    documentJson: text('document_json'),
    savedBy: text('saved_by').notNull(),
    savedByName: text('saved_by_name').notNull(),
    savedAt: millis('saved_at').notNull(),
    /** Why: saved, merged, reverted to a version, copied or imported from, discarded (JSON). */
    causeJson: text('cause_json').notNull(),
    /** What changed against the revision before, counted (JSON). */
    changesJson: text('changes_json'),
  },
  (table) => [primaryKey({ columns: [table.scenarioId, table.revision] })],
);

/** Who published each version from the studio, when, from which revision and with what note. */
export const scenarioPublications = pgTable(
  'scenario_publications',
  {
    scenarioId: text('scenario_id').notNull(),
    version: integer('version').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedByName: text('published_by_name').notNull(),
    publishedAt: millis('published_at').notNull(),
    revision: integer('revision').notNull(),
    note: text('note'),
  },
  (table) => [primaryKey({ columns: [table.scenarioId, table.version] })],
);

/** MSEL import mappings remembered by the headers they fit: one author's (owner: the user id) or the centre's (owner ''). */
export const mselMappings = pgTable(
  'msel_mappings',
  {
    scope: text('scope', { enum: ['user', 'centre'] }).notNull(),
    owner: text('owner').notNull(),
    signature: text('signature').notNull(),
    mappingJson: text('mapping_json').notNull(),
    savedBy: text('saved_by').notNull(),
    savedByName: text('saved_by_name').notNull(),
    savedAt: millis('saved_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.owner, table.signature] })],
);
