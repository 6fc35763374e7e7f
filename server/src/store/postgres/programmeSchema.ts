// The PostgreSQL twin of ../programmeSchema.ts: the same tables, columns, keys and indexes (times as
// millis() bigints, flags as booleans), so ../programmeRows.ts maps the rows of both. drizzle-kit reads
// it beside ./schema.ts (drizzle.postgres.config.ts).
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from './planningSchema.ts';
import { improvementItems } from './reviewSchema.ts';
import { exercises, millis, users } from './schema.ts';

/** The capability catalogue (seeded by the migration from DOMAIN.md; editable). */
export const capabilities = pgTable('capabilities', {
  id: text('id').primaryKey(),
  function: text('function', { enum: ['prevention', 'detection', 'response', 'cross-cutting'] }).notNull(),
  name: text('name').notNull().unique(),
  description: text('description').notNull(),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

/** Accounts that are an agency's focal point. */
export const agencyFocalPoints = pgTable(
  'agency_focal_points',
  {
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.agencyId, table.userId] })],
);

/** Needs surveys sent to an agency's focal point; the one-time token is kept as a hash only. */
export const needSurveys = pgTable(
  'need_surveys',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    status: text('status', { enum: ['sent', 'draft', 'submitted', 'reviewed'] }).notNull(),
    dueDate: text('due_date').notNull(),
    message: text('message').notNull(),
    tokenHash: text('token_hash').unique(),
    sentAt: millis('sent_at').notNull(),
    sentBy: text('sent_by').notNull(),
    submittedAt: millis('submitted_at'),
    submittedBy: text('submitted_by'),
    reviewedAt: millis('reviewed_at'),
  },
  (table) => [index('need_surveys_agency').on(table.agencyId)],
);

/** Needs of partner agencies: entered by the centre, answered in a survey, or made from a corrective action. */
export const needs = pgTable(
  'needs',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    function: text('function', { enum: ['prevention', 'detection', 'response', 'cross-cutting'] }).notNull(),
    capabilityId: text('capability_id').references(() => capabilities.id),
    competence: text('competence'),
    targetGroup: text('target_group').notNull(),
    headcount: integer('headcount').notNull(),
    requiredLevel: integer('required_level').notNull(),
    currentLevel: integer('current_level'),
    priority: text('priority', { enum: ['high', 'medium', 'low'] }).notNull(),
    /** JSON array of { kind, note }. */
    evidenceJson: text('evidence_json').notNull(),
    intervention: text('intervention'),
    reviewDate: text('review_date'),
    status: text('status', { enum: ['draft', 'submitted', 'open', 'rejected', 'met', 'closed'] }).notNull(),
    surveyId: text('survey_id').references(() => needSurveys.id),
    /** The corrective action it was made from. */
    sourceItemId: text('source_item_id').references(() => improvementItems.id),
    sourceExerciseId: text('source_exercise_id').references(() => exercises.id),
    rejectedReason: text('rejected_reason'),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (table) => [index('needs_agency').on(table.agencyId), index('needs_survey').on(table.surveyId)],
);

/** Every change of a need's current level, with where it came from (the latest is the current one). */
export const needLevels = pgTable(
  'need_levels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    needId: text('need_id')
      .notNull()
      .references(() => needs.id),
    at: millis('at').notNull(),
    level: integer('level').notNull(),
    source: text('source', { enum: ['survey', 'centre', 'exercise'] }).notNull(),
    by: text('by').notNull(),
    ratingId: text('rating_id').references(() => programmeRatings.id),
  },
  (table) => [index('need_levels_need').on(table.needId)],
);

/** Corrective actions that became a need ('created') or were attached to one ('attached'). */
export const needActions = pgTable(
  'need_actions',
  {
    needId: text('need_id')
      .notNull()
      .references(() => needs.id),
    itemId: text('item_id')
      .notNull()
      .references(() => improvementItems.id),
    kind: text('kind', { enum: ['created', 'attached'] }).notNull(),
    at: millis('at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.needId, table.itemId] }), index('need_actions_item').on(table.itemId)],
);

export const plans = pgTable('preparedness_plans', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  fromYear: integer('from_year').notNull(),
  toYear: integer('to_year').notNull(),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const priorities = pgTable(
  'plan_priorities',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    title: text('title').notNull(),
    rationale: text('rationale').notNull(),
    needIdsJson: text('need_ids_json').notNull(),
    position: integer('position').notNull(),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (table) => [index('plan_priorities_plan').on(table.planId)],
);

export const activities = pgTable(
  'plan_activities',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id),
    kind: text('kind', { enum: ['course', 'seminar', 'workshop', 'tabletop', 'drill', 'functional', 'full-scale'] }).notNull(),
    title: text('title').notNull(),
    agencyIdsJson: text('agency_ids_json').notNull(),
    capabilityIdsJson: text('capability_ids_json').notNull(),
    needIdsJson: text('need_ids_json').notNull(),
    /** JSON ActivityWhen: { kind: 'dates', start, end } or { kind: 'quarter', year, quarter }. */
    whenJson: text('when_json').notNull(),
    /** The span it covers (its dates or its quarter's), for ordering and overlap. */
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    lead: text('lead').notNull(),
    status: text('status', { enum: ['planned', 'confirmed', 'done', 'cancelled'] }).notNull(),
    courseId: text('course_id').references(() => courses.id),
    requiredCourseIdsJson: text('required_course_ids_json').notNull(),
    notes: text('notes').notNull(),
    createdAt: millis('created_at').notNull(),
    updatedAt: millis('updated_at').notNull(),
  },
  (table) => [index('plan_activities_plan').on(table.planId)],
);

/** An exercise in the programme: the activity it was made from, and its objectives' and targets' capabilities. */
export const exerciseLinks = pgTable(
  'programme_exercises',
  {
    exerciseId: text('exercise_id')
      .primaryKey()
      .references(() => exercises.id),
    activityId: text('activity_id').references(() => activities.id),
    /** JSON CapabilityMapBody: { objectives: { id: capabilityId }, targets: { id: capabilityId } }. */
    capabilityMapJson: text('capability_map_json').notNull(),
    linkedAt: millis('linked_at').notNull(),
    linkedBy: text('linked_by').notNull(),
  },
  (table) => [uniqueIndex('programme_exercises_activity').on(table.activityId)],
);

/** Final ratings of catalogue capabilities per agency, taken from finalised AAR/IP versions. */
export const programmeRatings = pgTable(
  'programme_ratings',
  {
    id: text('id').primaryKey(),
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    version: integer('version').notNull(),
    finalisedAt: millis('finalised_at').notNull(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    capabilityId: text('capability_id')
      .notNull()
      .references(() => capabilities.id),
    subjectKind: text('subject_kind', { enum: ['capability', 'target'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    subjectTitle: text('subject_title').notNull(),
    rating: text('rating', { enum: ['P', 'S', 'M', 'U'] }).notNull(),
  },
  (table) => [index('programme_ratings_agency').on(table.agencyId), index('programme_ratings_exercise').on(table.exerciseId)],
);

/** Finalised AAR/IP versions already fed into the programme: each exactly once. */
export const absorbedVersions = pgTable(
  'programme_absorbed_versions',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id),
    version: integer('version').notNull(),
    at: millis('at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.exerciseId, table.version] })],
);

export const courses = pgTable('courses', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  capabilityIdsJson: text('capability_ids_json').notNull(),
  certificateName: text('certificate_name'),
  certificateMonths: integer('certificate_months'),
  createdAt: millis('created_at').notNull(),
  updatedAt: millis('updated_at').notNull(),
});

export const courseSessions = pgTable(
  'course_sessions',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    activityId: text('activity_id').references(() => activities.id),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    location: text('location').notNull(),
    trainer: text('trainer').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [index('course_sessions_course').on(table.courseId)],
);

/** People of partner agencies as training knows them (not accounts). */
export const trainees = pgTable(
  'trainees',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    /** Lower-case; unique when given. */
    email: text('email').unique(),
    position: text('position').notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (table) => [index('trainees_agency').on(table.agencyId)],
);

export const attendance = pgTable(
  'attendance',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => courseSessions.id),
    personId: text('person_id')
      .notNull()
      .references(() => trainees.id),
    attended: boolean('attended').notNull(),
    completed: boolean('completed').notNull(),
    completedOn: text('completed_on'),
    updatedAt: millis('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.personId] }), index('attendance_person').on(table.personId)],
);

/** Secret calendar URLs an agency's calendar subscribes to (the whole plan, or one agency's part); the token is kept as a hash. */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  planId: text('plan_id')
    .notNull()
    .references(() => plans.id),
  agencyId: text('agency_id').references(() => agencies.id),
  createdAt: millis('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  revokedAt: millis('revoked_at'),
});
