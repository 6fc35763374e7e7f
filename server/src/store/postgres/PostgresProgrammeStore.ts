import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { AuditEntry, UserRecord } from '../ExerciseStore.ts';
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
} from '../ProgrammeStore.ts';
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
} from '../programmeRows.ts';
import { auditRow, userRow } from '../rows.ts';
import * as programme from './programmeSchema.ts';
import { auditLog, users } from './schema.ts';

const schema = { ...programme, auditLog, users };
type Db = NodePgDatabase<typeof schema>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Rows saved at the same moment come back in the order they were first saved: SQLite's rowid, which
 * the programme's migration (drizzle-postgres/0002_programme.sql) gives the tables that need it here.
 */
const savedOrder = sql`rowid`;

/** The programme store on PostgreSQL: the same database as the log; migrations run in PostgresStore. */
export class PostgresProgrammeStore implements ProgrammeStore {
  private readonly db: Db;

  constructor(pool: pg.Pool) {
    this.db = drizzle(pool, { schema });
  }

  // ---- capabilities ----

  async listCapabilities(): Promise<CapabilityRecord[]> {
    return this.db.select().from(programme.capabilities).orderBy(asc(programme.capabilities.function), asc(programme.capabilities.name));
  }

  async saveCapability(capability: CapabilityRecord): Promise<void> {
    await this.db
      .insert(programme.capabilities)
      .values(capability)
      .onConflictDoUpdate({ target: programme.capabilities.id, set: { function: capability.function, name: capability.name, description: capability.description, updatedAt: capability.updatedAt } });
  }

  async capabilityInUse(id: string): Promise<boolean> {
    // Lists of capabilities are JSON arrays of ids: an id in use appears there in quotes.
    const quoted = `%${JSON.stringify(id)}%`;
    const hits = await Promise.all([
      this.any(programme.needs, eq(programme.needs.capabilityId, id)),
      this.any(programme.programmeRatings, eq(programme.programmeRatings.capabilityId, id)),
      this.any(programme.activities, like(programme.activities.capabilityIdsJson, quoted)),
      this.any(programme.courses, like(programme.courses.capabilityIdsJson, quoted)),
      this.any(programme.exerciseLinks, like(programme.exerciseLinks.capabilityMapJson, quoted)),
    ]);
    return hits.some(Boolean);
  }

  async deleteCapability(id: string): Promise<void> {
    await this.db.delete(programme.capabilities).where(eq(programme.capabilities.id, id));
  }

  // ---- focal points ----

  async listFocalPoints(agencyId?: string): Promise<FocalPointRecord[]> {
    const query = this.db.select().from(programme.agencyFocalPoints);
    return (agencyId === undefined ? query : query.where(eq(programme.agencyFocalPoints.agencyId, agencyId))).orderBy(asc(programme.agencyFocalPoints.createdAt), savedOrder);
  }

  async addFocalPoint(focalPoint: FocalPointRecord, newUser: UserRecord | undefined, audit: AuditEntry[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (newUser) await tx.insert(users).values(userRow(newUser));
      await tx.insert(programme.agencyFocalPoints).values(focalPoint).onConflictDoNothing();
      for (const entry of audit) await tx.insert(auditLog).values(auditRow(entry));
    });
  }

  async removeFocalPoint(agencyId: string, userId: string): Promise<boolean> {
    const removed = await this.db
      .delete(programme.agencyFocalPoints)
      .where(and(eq(programme.agencyFocalPoints.agencyId, agencyId), eq(programme.agencyFocalPoints.userId, userId)))
      .returning({ userId: programme.agencyFocalPoints.userId });
    return removed.length > 0;
  }

  // ---- needs ----

  async listNeeds(filter: { agencyId?: string | undefined; surveyId?: string | undefined } = {}): Promise<NeedRecord[]> {
    const conditions = [
      ...(filter.agencyId !== undefined ? [eq(programme.needs.agencyId, filter.agencyId)] : []),
      ...(filter.surveyId !== undefined ? [eq(programme.needs.surveyId, filter.surveyId)] : []),
    ];
    const rows = await this.db
      .select()
      .from(programme.needs)
      .where(and(...conditions))
      .orderBy(asc(programme.needs.createdAt), savedOrder);
    return rows.map(toNeed);
  }

  async getNeed(id: string): Promise<NeedRecord | undefined> {
    const [row] = await this.db.select().from(programme.needs).where(eq(programme.needs.id, id));
    return row && toNeed(row);
  }

  async listLevels(needIds?: readonly string[]): Promise<LevelRecord[]> {
    const query = this.db.select().from(programme.needLevels);
    const rows = await (needIds === undefined ? query : query.where(inArray(programme.needLevels.needId, [...needIds]))).orderBy(asc(programme.needLevels.id));
    return rows.map(toLevel);
  }

  async saveNeeds(needs: NeedRecord[], levels: LevelRecord[]): Promise<void> {
    await this.db.transaction((tx) => writeNeeds(tx, needs, levels));
  }

  async listNeedActions(): Promise<NeedActionRecord[]> {
    return this.db.select().from(programme.needActions).orderBy(asc(programme.needActions.at), savedOrder);
  }

  // ---- surveys ----

  async createSurvey(survey: SurveyRecord): Promise<void> {
    await this.db.insert(programme.needSurveys).values(surveyRow(survey));
  }

  async getSurvey(id: string): Promise<SurveyRecord | undefined> {
    const [row] = await this.db.select().from(programme.needSurveys).where(eq(programme.needSurveys.id, id));
    return row && toSurvey(row);
  }

  async findSurveyByToken(tokenHash: string): Promise<SurveyRecord | undefined> {
    const [row] = await this.db.select().from(programme.needSurveys).where(eq(programme.needSurveys.tokenHash, tokenHash));
    return row && toSurvey(row);
  }

  async listSurveys(agencyId?: string): Promise<SurveyRecord[]> {
    const query = this.db.select().from(programme.needSurveys);
    return (await (agencyId === undefined ? query : query.where(eq(programme.needSurveys.agencyId, agencyId))).orderBy(asc(programme.needSurveys.sentAt), savedOrder)).map(toSurvey);
  }

  async updateSurvey(survey: SurveyRecord, change: { removeNeedIds: string[]; needs: NeedRecord[]; levels: LevelRecord[] }): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (change.removeNeedIds.length > 0) await tx.delete(programme.needs).where(inArray(programme.needs.id, change.removeNeedIds));
      await tx.update(programme.needSurveys).set(surveyRow(survey)).where(eq(programme.needSurveys.id, survey.id));
      await writeNeeds(tx, change.needs, change.levels);
    });
  }

  // ---- plans ----

  async listPlans(): Promise<PlanRecord[]> {
    return this.db.select().from(programme.plans).orderBy(asc(programme.plans.fromYear), asc(programme.plans.createdAt));
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    const [row] = await this.db.select().from(programme.plans).where(eq(programme.plans.id, id));
    return row;
  }

  async savePlan(plan: PlanRecord): Promise<void> {
    await this.db
      .insert(programme.plans)
      .values(plan)
      .onConflictDoUpdate({ target: programme.plans.id, set: { title: plan.title, fromYear: plan.fromYear, toYear: plan.toYear, updatedAt: plan.updatedAt } });
  }

  async listPriorities(planId?: string): Promise<PriorityRecord[]> {
    const query = this.db.select().from(programme.priorities);
    return (await (planId === undefined ? query : query.where(eq(programme.priorities.planId, planId))).orderBy(asc(programme.priorities.position), savedOrder)).map(toPriority);
  }

  async getPriority(id: string): Promise<PriorityRecord | undefined> {
    const [row] = await this.db.select().from(programme.priorities).where(eq(programme.priorities.id, id));
    return row && toPriority(row);
  }

  async savePriority(priority: PriorityRecord): Promise<void> {
    const row = priorityRow(priority);
    await this.db.insert(programme.priorities).values(row).onConflictDoUpdate({ target: programme.priorities.id, set: row });
  }

  async deletePriority(id: string): Promise<void> {
    await this.db.delete(programme.priorities).where(eq(programme.priorities.id, id));
  }

  async listActivities(planId?: string): Promise<ActivityRecord[]> {
    const query = this.db.select().from(programme.activities);
    const rows = await (planId === undefined ? query : query.where(eq(programme.activities.planId, planId))).orderBy(
      asc(programme.activities.startDate),
      asc(programme.activities.createdAt),
      savedOrder,
    );
    return rows.map(toActivity);
  }

  async getActivity(id: string): Promise<ActivityRecord | undefined> {
    const [row] = await this.db.select().from(programme.activities).where(eq(programme.activities.id, id));
    return row && toActivity(row);
  }

  async saveActivity(activity: ActivityRecord): Promise<void> {
    const row = activityRow(activity);
    await this.db.insert(programme.activities).values(row).onConflictDoUpdate({ target: programme.activities.id, set: row });
  }

  // ---- calendar feeds ----

  async createCalendarFeed(feed: CalendarFeedRecord): Promise<void> {
    await this.db.insert(programme.calendarFeeds).values(feedRow(feed));
  }

  async findCalendarFeed(tokenHash: string): Promise<CalendarFeedRecord | undefined> {
    const [row] = await this.db.select().from(programme.calendarFeeds).where(eq(programme.calendarFeeds.tokenHash, tokenHash));
    return row && toFeed(row);
  }

  async listCalendarFeeds(planId: string): Promise<CalendarFeedRecord[]> {
    return (await this.db.select().from(programme.calendarFeeds).where(eq(programme.calendarFeeds.planId, planId)).orderBy(asc(programme.calendarFeeds.createdAt), savedOrder)).map(toFeed);
  }

  async revokeCalendarFeed(id: string, at: number): Promise<void> {
    await this.db.update(programme.calendarFeeds).set({ revokedAt: at }).where(eq(programme.calendarFeeds.id, id));
  }

  // ---- exercises ----

  async listExerciseLinks(): Promise<ExerciseLinkRecord[]> {
    return (await this.db.select().from(programme.exerciseLinks).orderBy(asc(programme.exerciseLinks.linkedAt), savedOrder)).map(toLink);
  }

  async getExerciseLink(exerciseId: string): Promise<ExerciseLinkRecord | undefined> {
    const [row] = await this.db.select().from(programme.exerciseLinks).where(eq(programme.exerciseLinks.exerciseId, exerciseId));
    return row && toLink(row);
  }

  async saveExerciseLink(link: ExerciseLinkRecord): Promise<void> {
    const row = linkRow(link);
    await this.db.insert(programme.exerciseLinks).values(row).onConflictDoUpdate({ target: programme.exerciseLinks.exerciseId, set: row });
  }

  // ---- closing the loop ----

  async listAbsorbed(exerciseId?: string): Promise<{ exerciseId: string; version: number }[]> {
    const query = this.db.select({ exerciseId: programme.absorbedVersions.exerciseId, version: programme.absorbedVersions.version }).from(programme.absorbedVersions);
    return (exerciseId === undefined ? query : query.where(eq(programme.absorbedVersions.exerciseId, exerciseId))).orderBy(asc(programme.absorbedVersions.at), asc(programme.absorbedVersions.version));
  }

  async absorb(absorption: Absorption): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Claiming the version first makes a second absorption, even a concurrent one, write nothing.
      const claimed = await tx
        .insert(programme.absorbedVersions)
        .values({ exerciseId: absorption.exerciseId, version: absorption.version, at: absorption.at })
        .onConflictDoNothing()
        .returning({ version: programme.absorbedVersions.version });
      if (claimed.length === 0) return false;
      for (const rating of absorption.ratings) await tx.insert(programme.programmeRatings).values(ratingRow(rating));
      await writeNeeds(tx, absorption.needs, absorption.levels);
      for (const action of absorption.actions) await tx.insert(programme.needActions).values(action).onConflictDoNothing();
      return true;
    });
  }

  async listRatings(filter: { agencyId?: string | undefined; exerciseId?: string | undefined } = {}): Promise<ProgrammeRatingRecord[]> {
    const conditions = [
      ...(filter.agencyId !== undefined ? [eq(programme.programmeRatings.agencyId, filter.agencyId)] : []),
      ...(filter.exerciseId !== undefined ? [eq(programme.programmeRatings.exerciseId, filter.exerciseId)] : []),
    ];
    const rows = await this.db
      .select()
      .from(programme.programmeRatings)
      .where(and(...conditions))
      .orderBy(asc(programme.programmeRatings.finalisedAt), savedOrder);
    return rows.map(toRating);
  }

  // ---- training ----

  async listCourses(): Promise<CourseRecord[]> {
    return (await this.db.select().from(programme.courses).orderBy(asc(programme.courses.title))).map(toCourse);
  }

  async getCourse(id: string): Promise<CourseRecord | undefined> {
    const [row] = await this.db.select().from(programme.courses).where(eq(programme.courses.id, id));
    return row && toCourse(row);
  }

  async saveCourse(course: CourseRecord): Promise<void> {
    const row = courseRow(course);
    await this.db.insert(programme.courses).values(row).onConflictDoUpdate({ target: programme.courses.id, set: row });
  }

  async listSessions(courseId?: string): Promise<CourseSessionRecord[]> {
    const query = this.db.select().from(programme.courseSessions);
    return (await (courseId === undefined ? query : query.where(eq(programme.courseSessions.courseId, courseId))).orderBy(asc(programme.courseSessions.startDate))).map(toSession);
  }

  async getSession(id: string): Promise<CourseSessionRecord | undefined> {
    const [row] = await this.db.select().from(programme.courseSessions).where(eq(programme.courseSessions.id, id));
    return row && toSession(row);
  }

  async saveSession(session: CourseSessionRecord): Promise<void> {
    const row = sessionRow(session);
    await this.db.insert(programme.courseSessions).values(row).onConflictDoUpdate({ target: programme.courseSessions.id, set: row });
  }

  async listTrainees(agencyId?: string): Promise<TraineeRecord[]> {
    const query = this.db.select().from(programme.trainees);
    return (await (agencyId === undefined ? query : query.where(eq(programme.trainees.agencyId, agencyId))).orderBy(asc(programme.trainees.name))).map(toTrainee);
  }

  async getTrainee(id: string): Promise<TraineeRecord | undefined> {
    const [row] = await this.db.select().from(programme.trainees).where(eq(programme.trainees.id, id));
    return row && toTrainee(row);
  }

  async listAttendance(filter: { sessionId?: string | undefined; personId?: string | undefined } = {}): Promise<AttendanceRecord[]> {
    const conditions = [
      ...(filter.sessionId !== undefined ? [eq(programme.attendance.sessionId, filter.sessionId)] : []),
      ...(filter.personId !== undefined ? [eq(programme.attendance.personId, filter.personId)] : []),
    ];
    return (await this.db.select().from(programme.attendance).where(and(...conditions))).map(toAttendance);
  }

  async saveAttendance(people: TraineeRecord[], rows: AttendanceRecord[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const person of people) await tx.insert(programme.trainees).values(traineeRow(person));
      for (const row of rows) {
        const values = attendanceRow(row);
        await tx
          .insert(programme.attendance)
          .values(values)
          .onConflictDoUpdate({ target: [programme.attendance.sessionId, programme.attendance.personId], set: values });
      }
    });
  }

  /** Whether any row of `table` matches. */
  private async any(table: PgTable, where: SQL): Promise<boolean> {
    const rows = await this.db.select({ one: sql<number>`1` }).from(table).where(where).limit(1);
    return rows.length > 0;
  }
}

async function writeNeeds(tx: Tx, needs: NeedRecord[], levels: LevelRecord[]): Promise<void> {
  for (const need of needs) {
    const row = needRow(need);
    await tx.insert(programme.needs).values(row).onConflictDoUpdate({ target: programme.needs.id, set: row });
  }
  for (const level of levels) await tx.insert(programme.needLevels).values(levelRow(level));
}
