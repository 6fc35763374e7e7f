// How each programme record is kept in its table's row, and read back: the SQLite schema
// (programmeSchema.ts) and a PostgreSQL twin beside it give the same row shapes, so one mapping
// serves both, as rows.ts does for the other stores.
import type { ActivityWhen, CapabilityMapBody, Evidence } from '@startex/shared';
import type {
  ActivityRecord,
  AttendanceRecord,
  CalendarFeedRecord,
  CourseRecord,
  CourseSessionRecord,
  ExerciseLinkRecord,
  LevelRecord,
  NeedRecord,
  PriorityRecord,
  ProgrammeRatingRecord,
  SurveyRecord,
  TraineeRecord,
} from './ProgrammeStore.ts';
import type * as programme from './programmeSchema.ts';

const json = (value: unknown) => JSON.stringify(value);
const parsed = <T>(text: string) => JSON.parse(text) as T;
/** An optional field as stored: SQL null, never undefined. */
export const nullable = <T>(value: T | undefined) => value ?? null;

export function needRow(need: NeedRecord): typeof programme.needs.$inferInsert {
  return {
    id: need.id,
    agencyId: need.agencyId,
    function: need.function,
    capabilityId: nullable(need.capabilityId),
    competence: nullable(need.competence),
    targetGroup: need.targetGroup,
    headcount: need.headcount,
    requiredLevel: need.requiredLevel,
    currentLevel: nullable(need.currentLevel),
    priority: need.priority,
    evidenceJson: json(need.evidence),
    intervention: nullable(need.intervention),
    reviewDate: nullable(need.reviewDate),
    status: need.status,
    surveyId: nullable(need.surveyId),
    sourceItemId: nullable(need.fromAction?.itemId),
    sourceExerciseId: nullable(need.fromAction?.exerciseId),
    rejectedReason: nullable(need.rejectedReason),
    createdAt: need.createdAt,
    updatedAt: need.updatedAt,
  };
}

export function toNeed(row: typeof programme.needs.$inferSelect): NeedRecord {
  return {
    id: row.id,
    agencyId: row.agencyId,
    function: row.function,
    ...(row.capabilityId ? { capabilityId: row.capabilityId } : {}),
    ...(row.competence ? { competence: row.competence } : {}),
    targetGroup: row.targetGroup,
    headcount: row.headcount,
    requiredLevel: row.requiredLevel as NeedRecord['requiredLevel'],
    ...(row.currentLevel !== null ? { currentLevel: row.currentLevel as NeedRecord['requiredLevel'] } : {}),
    priority: row.priority,
    evidence: parsed<Evidence[]>(row.evidenceJson),
    ...(row.intervention ? { intervention: row.intervention as NeedRecord['intervention'] } : {}),
    ...(row.reviewDate ? { reviewDate: row.reviewDate } : {}),
    status: row.status,
    ...(row.surveyId ? { surveyId: row.surveyId } : {}),
    ...(row.sourceItemId && row.sourceExerciseId ? { fromAction: { exerciseId: row.sourceExerciseId, itemId: row.sourceItemId } } : {}),
    ...(row.rejectedReason ? { rejectedReason: row.rejectedReason } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function surveyRow(survey: SurveyRecord): typeof programme.needSurveys.$inferInsert {
  return {
    ...survey,
    tokenHash: nullable(survey.tokenHash),
    submittedAt: nullable(survey.submittedAt),
    submittedBy: nullable(survey.submittedBy),
    reviewedAt: nullable(survey.reviewedAt),
  };
}

export function toSurvey(row: typeof programme.needSurveys.$inferSelect): SurveyRecord {
  return {
    id: row.id,
    agencyId: row.agencyId,
    status: row.status,
    dueDate: row.dueDate,
    message: row.message,
    ...(row.tokenHash ? { tokenHash: row.tokenHash } : {}),
    sentAt: row.sentAt,
    sentBy: row.sentBy,
    ...(row.submittedAt !== null ? { submittedAt: row.submittedAt } : {}),
    ...(row.submittedBy !== null ? { submittedBy: row.submittedBy } : {}),
    ...(row.reviewedAt !== null ? { reviewedAt: row.reviewedAt } : {}),
  };
}

export function toPriority(row: typeof programme.priorities.$inferSelect): PriorityRecord {
  const { needIdsJson, ...rest } = row;
  return { ...rest, needIds: parsed<string[]>(needIdsJson) };
}

export function toActivity(row: typeof programme.activities.$inferSelect): ActivityRecord {
  return {
    id: row.id,
    planId: row.planId,
    kind: row.kind,
    title: row.title,
    agencyIds: parsed<string[]>(row.agencyIdsJson),
    capabilityIds: parsed<string[]>(row.capabilityIdsJson),
    needIds: parsed<string[]>(row.needIdsJson),
    when: parsed<ActivityWhen>(row.whenJson),
    start: row.startDate,
    end: row.endDate,
    lead: row.lead,
    status: row.status,
    ...(row.courseId ? { courseId: row.courseId } : {}),
    requiredCourseIds: parsed<string[]>(row.requiredCourseIdsJson),
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toLink(row: typeof programme.exerciseLinks.$inferSelect): ExerciseLinkRecord {
  return {
    exerciseId: row.exerciseId,
    ...(row.activityId ? { activityId: row.activityId } : {}),
    capabilityMap: parsed<CapabilityMapBody>(row.capabilityMapJson),
    linkedAt: row.linkedAt,
    linkedBy: row.linkedBy,
  };
}

export function toFeed(row: typeof programme.calendarFeeds.$inferSelect): CalendarFeedRecord {
  return {
    id: row.id,
    tokenHash: row.tokenHash,
    planId: row.planId,
    ...(row.agencyId ? { agencyId: row.agencyId } : {}),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    ...(row.revokedAt !== null ? { revokedAt: row.revokedAt } : {}),
  };
}

export function toCourse(row: typeof programme.courses.$inferSelect): CourseRecord {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    capabilityIds: parsed<string[]>(row.capabilityIdsJson),
    ...(row.certificateName && row.certificateMonths ? { certificate: { name: row.certificateName, validityMonths: row.certificateMonths } } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toSession(row: typeof programme.courseSessions.$inferSelect): CourseSessionRecord {
  return {
    id: row.id,
    courseId: row.courseId,
    start: row.startDate,
    end: row.endDate,
    location: row.location,
    trainer: row.trainer,
    ...(row.activityId ? { activityId: row.activityId } : {}),
    createdAt: row.createdAt,
  };
}

export function toTrainee(row: typeof programme.trainees.$inferSelect): TraineeRecord {
  return { id: row.id, agencyId: row.agencyId, name: row.name, ...(row.email ? { email: row.email } : {}), position: row.position, createdAt: row.createdAt };
}

export function levelRow(level: LevelRecord): typeof programme.needLevels.$inferInsert {
  return { ...level, ratingId: nullable(level.ratingId) };
}

export function toLevel(row: typeof programme.needLevels.$inferSelect): LevelRecord {
  return { needId: row.needId, at: row.at, level: row.level as LevelRecord['level'], source: row.source, by: row.by, ...(row.ratingId ? { ratingId: row.ratingId } : {}) };
}

export function priorityRow(priority: PriorityRecord): typeof programme.priorities.$inferInsert {
  const { needIds, ...rest } = priority;
  return { ...rest, needIdsJson: json(needIds) };
}

export function activityRow(activity: ActivityRecord): typeof programme.activities.$inferInsert {
  return {
    id: activity.id,
    planId: activity.planId,
    kind: activity.kind,
    title: activity.title,
    agencyIdsJson: json(activity.agencyIds),
    capabilityIdsJson: json(activity.capabilityIds),
    needIdsJson: json(activity.needIds),
    whenJson: json(activity.when),
    startDate: activity.start,
    endDate: activity.end,
    lead: activity.lead,
    status: activity.status,
    courseId: nullable(activity.courseId),
    requiredCourseIdsJson: json(activity.requiredCourseIds),
    notes: activity.notes,
    createdAt: activity.createdAt,
    updatedAt: activity.updatedAt,
  };
}

export function feedRow(feed: CalendarFeedRecord): typeof programme.calendarFeeds.$inferInsert {
  return { ...feed, agencyId: nullable(feed.agencyId), revokedAt: nullable(feed.revokedAt) };
}

export function linkRow(link: ExerciseLinkRecord): typeof programme.exerciseLinks.$inferInsert {
  return { exerciseId: link.exerciseId, activityId: nullable(link.activityId), capabilityMapJson: json(link.capabilityMap), linkedAt: link.linkedAt, linkedBy: link.linkedBy };
}

export function ratingRow(rating: ProgrammeRatingRecord): typeof programme.programmeRatings.$inferInsert {
  const { subject, ...rest } = rating;
  return { ...rest, subjectKind: subject.kind, subjectId: subject.id, subjectTitle: subject.title };
}

export function toRating(row: typeof programme.programmeRatings.$inferSelect): ProgrammeRatingRecord {
  const { subjectKind, subjectId, subjectTitle, ...rest } = row;
  return { ...rest, subject: { kind: subjectKind, id: subjectId, title: subjectTitle } };
}

export function courseRow(course: CourseRecord): typeof programme.courses.$inferInsert {
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    capabilityIdsJson: json(course.capabilityIds),
    certificateName: nullable(course.certificate?.name),
    certificateMonths: nullable(course.certificate?.validityMonths),
    createdAt: course.createdAt,
    updatedAt: course.updatedAt,
  };
}

export function sessionRow(session: CourseSessionRecord): typeof programme.courseSessions.$inferInsert {
  return { id: session.id, courseId: session.courseId, activityId: nullable(session.activityId), startDate: session.start, endDate: session.end, location: session.location, trainer: session.trainer, createdAt: session.createdAt };
}

export function traineeRow(person: TraineeRecord): typeof programme.trainees.$inferInsert {
  return { ...person, email: nullable(person.email) };
}

export function attendanceRow(row: AttendanceRecord): typeof programme.attendance.$inferInsert {
  return { ...row, completedOn: nullable(row.completedOn) };
}

export function toAttendance(row: typeof programme.attendance.$inferSelect): AttendanceRecord {
  return { sessionId: row.sessionId, personId: row.personId, attended: row.attended, completed: row.completed, ...(row.completedOn ? { completedOn: row.completedOn } : {}), updatedAt: row.updatedAt };
}
