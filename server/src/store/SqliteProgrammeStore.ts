import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type {
  Absorption,
  ActivityRecord,
  AttendanceRecord,
  CalendarFeedRecord,
  CapabilityRecord,
  CourseRecord,
  CourseSessionRecord,
  ExerciseLinkRecord,
  FocalPointRecord,
  LevelRecord,
  NeedActionRecord,
  NeedRecord,
  PlanRecord,
  PriorityRecord,
  ProgrammeRatingRecord,
  ProgrammeStore,
  SurveyRecord,
  TraineeRecord,
} from './ProgrammeStore.ts';
import * as programme from './programmeSchema.ts';
import {
  activityRow,
  attendanceRow,
  courseRow,
  feedRow,
  levelRow,
  linkRow,
  needRow,
  priorityRow,
  ratingRow,
  sessionRow,
  surveyRow,
  toActivity,
  toAttendance,
  toCourse,
  toFeed,
  toLevel,
  toLink,
  toNeed,
  toPriority,
  toRating,
  toSession,
  toSurvey,
  toTrainee,
  traineeRow,
} from './programmeRows.ts';
import { auditRow, userRow } from './rows.ts';
import { auditLog, users } from './schema.ts';
import type { AuditEntry, UserRecord } from './ExerciseStore.ts';

const schema = { ...programme, auditLog, users };
type Db = BetterSQLite3Database<typeof schema>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The embedded programme store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqliteProgrammeStore implements ProgrammeStore {
  private readonly db: Db;

  constructor(sqlite: Database.Database) {
    this.db = drizzle(sqlite, { schema });
  }

  // ---- capabilities ----

  async listCapabilities(): Promise<CapabilityRecord[]> {
    return this.db.select().from(programme.capabilities).orderBy(asc(programme.capabilities.function), asc(programme.capabilities.name)).all();
  }

  async saveCapability(capability: CapabilityRecord): Promise<void> {
    this.db
      .insert(programme.capabilities)
      .values(capability)
      .onConflictDoUpdate({ target: programme.capabilities.id, set: { function: capability.function, name: capability.name, description: capability.description, updatedAt: capability.updatedAt } })
      .run();
  }

  async capabilityInUse(id: string): Promise<boolean> {
    const like = `%${JSON.stringify(id)}%`;
    const hit = (table: string, where: ReturnType<typeof sql>) => this.db.get<{ n: number }>(sql`select 1 as n from ${sql.identifier(table)} where ${where} limit 1`) !== undefined;
    return (
      hit('needs', sql`capability_id = ${id}`) ||
      hit('programme_ratings', sql`capability_id = ${id}`) ||
      hit('plan_activities', sql`capability_ids_json like ${like}`) ||
      hit('courses', sql`capability_ids_json like ${like}`) ||
      hit('programme_exercises', sql`capability_map_json like ${like}`)
    );
  }

  async deleteCapability(id: string): Promise<void> {
    this.db.delete(programme.capabilities).where(eq(programme.capabilities.id, id)).run();
  }

  // ---- focal points ----

  async listFocalPoints(agencyId?: string): Promise<FocalPointRecord[]> {
    const query = this.db.select().from(programme.agencyFocalPoints);
    return (agencyId === undefined ? query : query.where(eq(programme.agencyFocalPoints.agencyId, agencyId))).orderBy(asc(programme.agencyFocalPoints.createdAt), sql`rowid`).all();
  }

  async addFocalPoint(focalPoint: FocalPointRecord, newUser: UserRecord | undefined, audit: AuditEntry[]): Promise<void> {
    this.db.transaction((tx) => {
      if (newUser) tx.insert(users).values(userRow(newUser)).run();
      tx.insert(programme.agencyFocalPoints).values(focalPoint).onConflictDoNothing().run();
      for (const entry of audit) tx.insert(auditLog).values(auditRow(entry)).run();
    });
  }

  async removeFocalPoint(agencyId: string, userId: string): Promise<boolean> {
    const result = this.db
      .delete(programme.agencyFocalPoints)
      .where(and(eq(programme.agencyFocalPoints.agencyId, agencyId), eq(programme.agencyFocalPoints.userId, userId)))
      .run();
    return result.changes > 0;
  }

  // ---- needs ----

  async listNeeds(filter: { agencyId?: string | undefined; surveyId?: string | undefined } = {}): Promise<NeedRecord[]> {
    const conditions = [
      ...(filter.agencyId !== undefined ? [eq(programme.needs.agencyId, filter.agencyId)] : []),
      ...(filter.surveyId !== undefined ? [eq(programme.needs.surveyId, filter.surveyId)] : []),
    ];
    return this.db
      .select()
      .from(programme.needs)
      .where(and(...conditions))
      .orderBy(asc(programme.needs.createdAt), sql`rowid`)
      .all()
      .map(toNeed);
  }

  async getNeed(id: string): Promise<NeedRecord | undefined> {
    const row = this.db.select().from(programme.needs).where(eq(programme.needs.id, id)).get();
    return row && toNeed(row);
  }

  async listLevels(needIds?: readonly string[]): Promise<LevelRecord[]> {
    const query = this.db.select().from(programme.needLevels);
    const rows = (needIds === undefined ? query : query.where(inArray(programme.needLevels.needId, [...needIds]))).orderBy(asc(programme.needLevels.id)).all();
    return rows.map(toLevel);
  }

  async saveNeeds(needs: NeedRecord[], levels: LevelRecord[]): Promise<void> {
    this.db.transaction((tx) => writeNeeds(tx, needs, levels));
  }

  async listNeedActions(): Promise<NeedActionRecord[]> {
    return this.db.select().from(programme.needActions).orderBy(asc(programme.needActions.at), sql`rowid`).all();
  }

  // ---- surveys ----

  async createSurvey(survey: SurveyRecord): Promise<void> {
    this.db.insert(programme.needSurveys).values(surveyRow(survey)).run();
  }

  async getSurvey(id: string): Promise<SurveyRecord | undefined> {
    const row = this.db.select().from(programme.needSurveys).where(eq(programme.needSurveys.id, id)).get();
    return row && toSurvey(row);
  }

  async findSurveyByToken(tokenHash: string): Promise<SurveyRecord | undefined> {
    const row = this.db.select().from(programme.needSurveys).where(eq(programme.needSurveys.tokenHash, tokenHash)).get();
    return row && toSurvey(row);
  }

  async listSurveys(agencyId?: string): Promise<SurveyRecord[]> {
    const query = this.db.select().from(programme.needSurveys);
    return (agencyId === undefined ? query : query.where(eq(programme.needSurveys.agencyId, agencyId))).orderBy(asc(programme.needSurveys.sentAt), sql`rowid`).all().map(toSurvey);
  }

  async updateSurvey(survey: SurveyRecord, change: { removeNeedIds: string[]; needs: NeedRecord[]; levels: LevelRecord[] }): Promise<void> {
    this.db.transaction((tx) => {
      if (change.removeNeedIds.length > 0) tx.delete(programme.needs).where(inArray(programme.needs.id, change.removeNeedIds)).run();
      tx.update(programme.needSurveys).set(surveyRow(survey)).where(eq(programme.needSurveys.id, survey.id)).run();
      writeNeeds(tx, change.needs, change.levels);
    });
  }

  // ---- plans ----

  async listPlans(): Promise<PlanRecord[]> {
    return this.db.select().from(programme.plans).orderBy(asc(programme.plans.fromYear), asc(programme.plans.createdAt)).all();
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    return this.db.select().from(programme.plans).where(eq(programme.plans.id, id)).get();
  }

  async savePlan(plan: PlanRecord): Promise<void> {
    this.db
      .insert(programme.plans)
      .values(plan)
      .onConflictDoUpdate({ target: programme.plans.id, set: { title: plan.title, fromYear: plan.fromYear, toYear: plan.toYear, updatedAt: plan.updatedAt } })
      .run();
  }

  async listPriorities(planId?: string): Promise<PriorityRecord[]> {
    const query = this.db.select().from(programme.priorities);
    return (planId === undefined ? query : query.where(eq(programme.priorities.planId, planId))).orderBy(asc(programme.priorities.position), sql`rowid`).all().map(toPriority);
  }

  async getPriority(id: string): Promise<PriorityRecord | undefined> {
    const row = this.db.select().from(programme.priorities).where(eq(programme.priorities.id, id)).get();
    return row && toPriority(row);
  }

  async savePriority(priority: PriorityRecord): Promise<void> {
    const row = priorityRow(priority);
    this.db.insert(programme.priorities).values(row).onConflictDoUpdate({ target: programme.priorities.id, set: row }).run();
  }

  async deletePriority(id: string): Promise<void> {
    this.db.delete(programme.priorities).where(eq(programme.priorities.id, id)).run();
  }

  async listActivities(planId?: string): Promise<ActivityRecord[]> {
    const query = this.db.select().from(programme.activities);
    return (planId === undefined ? query : query.where(eq(programme.activities.planId, planId)))
      .orderBy(asc(programme.activities.startDate), asc(programme.activities.createdAt), sql`rowid`)
      .all()
      .map(toActivity);
  }

  async getActivity(id: string): Promise<ActivityRecord | undefined> {
    const row = this.db.select().from(programme.activities).where(eq(programme.activities.id, id)).get();
    return row && toActivity(row);
  }

  async saveActivity(activity: ActivityRecord): Promise<void> {
    const row = activityRow(activity);
    this.db.insert(programme.activities).values(row).onConflictDoUpdate({ target: programme.activities.id, set: row }).run();
  }

  // ---- calendar feeds ----

  async createCalendarFeed(feed: CalendarFeedRecord): Promise<void> {
    this.db.insert(programme.calendarFeeds).values(feedRow(feed)).run();
  }

  async findCalendarFeed(tokenHash: string): Promise<CalendarFeedRecord | undefined> {
    const row = this.db.select().from(programme.calendarFeeds).where(eq(programme.calendarFeeds.tokenHash, tokenHash)).get();
    return row && toFeed(row);
  }

  async listCalendarFeeds(planId: string): Promise<CalendarFeedRecord[]> {
    return this.db.select().from(programme.calendarFeeds).where(eq(programme.calendarFeeds.planId, planId)).orderBy(asc(programme.calendarFeeds.createdAt), sql`rowid`).all().map(toFeed);
  }

  async revokeCalendarFeed(id: string, at: number): Promise<void> {
    this.db.update(programme.calendarFeeds).set({ revokedAt: at }).where(eq(programme.calendarFeeds.id, id)).run();
  }

  // ---- exercises ----

  async listExerciseLinks(): Promise<ExerciseLinkRecord[]> {
    return this.db.select().from(programme.exerciseLinks).orderBy(asc(programme.exerciseLinks.linkedAt), sql`rowid`).all().map(toLink);
  }

  async getExerciseLink(exerciseId: string): Promise<ExerciseLinkRecord | undefined> {
    const row = this.db.select().from(programme.exerciseLinks).where(eq(programme.exerciseLinks.exerciseId, exerciseId)).get();
    return row && toLink(row);
  }

  async saveExerciseLink(link: ExerciseLinkRecord): Promise<void> {
    const row = linkRow(link);
    this.db.insert(programme.exerciseLinks).values(row).onConflictDoUpdate({ target: programme.exerciseLinks.exerciseId, set: row }).run();
  }

  // ---- closing the loop ----

  async listAbsorbed(exerciseId?: string): Promise<{ exerciseId: string; version: number }[]> {
    const query = this.db.select({ exerciseId: programme.absorbedVersions.exerciseId, version: programme.absorbedVersions.version }).from(programme.absorbedVersions);
    return (exerciseId === undefined ? query : query.where(eq(programme.absorbedVersions.exerciseId, exerciseId))).orderBy(asc(programme.absorbedVersions.at), asc(programme.absorbedVersions.version)).all();
  }

  async absorb(absorption: Absorption): Promise<boolean> {
    return this.db.transaction((tx) => {
      const done = tx
        .select()
        .from(programme.absorbedVersions)
        .where(and(eq(programme.absorbedVersions.exerciseId, absorption.exerciseId), eq(programme.absorbedVersions.version, absorption.version)))
        .get();
      if (done) return false;
      tx.insert(programme.absorbedVersions).values({ exerciseId: absorption.exerciseId, version: absorption.version, at: absorption.at }).run();
      for (const rating of absorption.ratings) {
        tx.insert(programme.programmeRatings).values(ratingRow(rating)).run();
      }
      writeNeeds(tx, absorption.needs, absorption.levels);
      for (const action of absorption.actions) tx.insert(programme.needActions).values(action).onConflictDoNothing().run();
      return true;
    });
  }

  async listRatings(filter: { agencyId?: string | undefined; exerciseId?: string | undefined } = {}): Promise<ProgrammeRatingRecord[]> {
    const conditions = [
      ...(filter.agencyId !== undefined ? [eq(programme.programmeRatings.agencyId, filter.agencyId)] : []),
      ...(filter.exerciseId !== undefined ? [eq(programme.programmeRatings.exerciseId, filter.exerciseId)] : []),
    ];
    return this.db
      .select()
      .from(programme.programmeRatings)
      .where(and(...conditions))
      .orderBy(asc(programme.programmeRatings.finalisedAt), sql`rowid`)
      .all()
      .map(toRating);
  }

  // ---- training ----

  async listCourses(): Promise<CourseRecord[]> {
    return this.db.select().from(programme.courses).orderBy(asc(programme.courses.title)).all().map(toCourse);
  }

  async getCourse(id: string): Promise<CourseRecord | undefined> {
    const row = this.db.select().from(programme.courses).where(eq(programme.courses.id, id)).get();
    return row && toCourse(row);
  }

  async saveCourse(course: CourseRecord): Promise<void> {
    const row = courseRow(course);
    this.db.insert(programme.courses).values(row).onConflictDoUpdate({ target: programme.courses.id, set: row }).run();
  }

  async listSessions(courseId?: string): Promise<CourseSessionRecord[]> {
    const query = this.db.select().from(programme.courseSessions);
    return (courseId === undefined ? query : query.where(eq(programme.courseSessions.courseId, courseId))).orderBy(asc(programme.courseSessions.startDate)).all().map(toSession);
  }

  async getSession(id: string): Promise<CourseSessionRecord | undefined> {
    const row = this.db.select().from(programme.courseSessions).where(eq(programme.courseSessions.id, id)).get();
    return row && toSession(row);
  }

  async saveSession(session: CourseSessionRecord): Promise<void> {
    const row = sessionRow(session);
    this.db.insert(programme.courseSessions).values(row).onConflictDoUpdate({ target: programme.courseSessions.id, set: row }).run();
  }

  async listTrainees(agencyId?: string): Promise<TraineeRecord[]> {
    const query = this.db.select().from(programme.trainees);
    return (agencyId === undefined ? query : query.where(eq(programme.trainees.agencyId, agencyId))).orderBy(asc(programme.trainees.name)).all().map(toTrainee);
  }

  async getTrainee(id: string): Promise<TraineeRecord | undefined> {
    const row = this.db.select().from(programme.trainees).where(eq(programme.trainees.id, id)).get();
    return row && toTrainee(row);
  }

  async listAttendance(filter: { sessionId?: string | undefined; personId?: string | undefined } = {}): Promise<AttendanceRecord[]> {
    const conditions = [
      ...(filter.sessionId !== undefined ? [eq(programme.attendance.sessionId, filter.sessionId)] : []),
      ...(filter.personId !== undefined ? [eq(programme.attendance.personId, filter.personId)] : []),
    ];
    return this.db
      .select()
      .from(programme.attendance)
      .where(and(...conditions))
      .all()
      .map(toAttendance);
  }

  async saveAttendance(people: TraineeRecord[], rows: AttendanceRecord[]): Promise<void> {
    this.db.transaction((tx) => {
      for (const person of people) tx.insert(programme.trainees).values(traineeRow(person)).run();
      for (const row of rows) {
        const values = attendanceRow(row);
        tx.insert(programme.attendance)
          .values(values)
          .onConflictDoUpdate({ target: [programme.attendance.sessionId, programme.attendance.personId], set: values })
          .run();
      }
    });
  }
}

function writeNeeds(tx: Tx, needs: NeedRecord[], levels: LevelRecord[]): void {
  for (const need of needs) {
    const row = needRow(need);
    tx.insert(programme.needs).values(row).onConflictDoUpdate({ target: programme.needs.id, set: row }).run();
  }
  for (const level of levels) tx.insert(programme.needLevels).values(levelRow(level)).run();
}
