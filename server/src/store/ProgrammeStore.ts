import type {
  CalendarFeedView,
  CapabilityMapBody,
  CapabilityView,
  CourseSessionView,
  CourseView,
  LevelEvidence,
  NeedView,
  PlanView,
  PriorityView,
  ProgrammeRating,
  SurveyStatus,
  TraineeView,
  ActivityView,
} from '@startex/shared';
import type { AuditEntry, UserRecord } from './ExerciseStore.ts';

export type CapabilityRecord = CapabilityView;
/** A need as stored: its gap and level evidence are derived when it is shown. */
export type NeedRecord = Omit<NeedView, 'gap' | 'level'>;
/** One change of a need's current level. */
export type LevelRecord = Pick<LevelEvidence, 'at' | 'level' | 'source' | 'by' | 'ratingId'> & { needId: string };
export interface FocalPointRecord {
  agencyId: string;
  userId: string;
  createdAt: number;
}
export interface SurveyRecord {
  id: string;
  agencyId: string;
  status: SurveyStatus;
  dueDate: string;
  message: string;
  /** sha256 of the one-time token while it may be used. */
  tokenHash?: string | undefined;
  sentAt: number;
  sentBy: string;
  submittedAt?: number | undefined;
  submittedBy?: string | undefined;
  reviewedAt?: number | undefined;
}
export type PlanRecord = PlanView;
export type PriorityRecord = PriorityView;
/** An activity as stored; the exercise made from it is found through its exercise link. */
export type ActivityRecord = Omit<ActivityView, 'exerciseId'>;
export interface ExerciseLinkRecord {
  exerciseId: string;
  activityId?: string | undefined;
  capabilityMap: CapabilityMapBody;
  linkedAt: number;
  linkedBy: string;
}
export type ProgrammeRatingRecord = Omit<ProgrammeRating, 'exerciseTitle' | 'needIds'>;
export interface NeedActionRecord {
  needId: string;
  itemId: string;
  kind: 'created' | 'attached';
  at: number;
}
export type CalendarFeedRecord = CalendarFeedView & { tokenHash: string };
export type CourseRecord = CourseView;
export type CourseSessionRecord = CourseSessionView;
export type TraineeRecord = TraineeView;
export interface AttendanceRecord {
  sessionId: string;
  personId: string;
  attended: boolean;
  completed: boolean;
  completedOn?: string | undefined;
  updatedAt: number;
}

/** What one finalised AAR/IP version brings to the programme, written at once (or not at all, if already absorbed). */
export interface Absorption {
  exerciseId: string;
  version: number;
  at: number;
  ratings: ProgrammeRatingRecord[];
  /** New needs (from corrective actions) and needs whose current level changed. */
  needs: NeedRecord[];
  levels: LevelRecord[];
  actions: NeedActionRecord[];
}

/**
 * What the preparedness programme keeps, behind its own narrow interface (a part of Store, reached
 * as store.programme). Every method that writes more than one row does it in one transaction.
 */
export interface ProgrammeStore {
  listCapabilities(): Promise<CapabilityRecord[]>;
  /** Inserts or replaces a capability. */
  saveCapability(capability: CapabilityRecord): Promise<void>;
  /** Whether a need, activity, course, rating or exercise's capability map refers to it. */
  capabilityInUse(id: string): Promise<boolean>;
  deleteCapability(id: string): Promise<void>;

  listFocalPoints(agencyId?: string): Promise<FocalPointRecord[]>;
  /** Adds a focal point, with a new account when they had none. */
  addFocalPoint(focalPoint: FocalPointRecord, newUser: UserRecord | undefined, audit: AuditEntry[]): Promise<void>;
  removeFocalPoint(agencyId: string, userId: string): Promise<boolean>;

  /** Oldest first; needs made at the same moment in the order they were saved. */
  listNeeds(filter?: { agencyId?: string | undefined; surveyId?: string | undefined }): Promise<NeedRecord[]>;
  getNeed(id: string): Promise<NeedRecord | undefined>;
  /** Every level change, oldest first (of the given needs, or of all). */
  listLevels(needIds?: readonly string[]): Promise<LevelRecord[]>;
  /** Inserts or replaces needs and adds level changes, in one transaction. */
  saveNeeds(needs: NeedRecord[], levels: LevelRecord[]): Promise<void>;
  listNeedActions(): Promise<NeedActionRecord[]>;

  createSurvey(survey: SurveyRecord): Promise<void>;
  getSurvey(id: string): Promise<SurveyRecord | undefined>;
  findSurveyByToken(tokenHash: string): Promise<SurveyRecord | undefined>;
  listSurveys(agencyId?: string): Promise<SurveyRecord[]>;
  /** Sets the survey (status, dates, token) and its rows: removes `removeNeedIds`, saves `needs` and `levels`, in one transaction. */
  updateSurvey(survey: SurveyRecord, change: { removeNeedIds: string[]; needs: NeedRecord[]; levels: LevelRecord[] }): Promise<void>;

  listPlans(): Promise<PlanRecord[]>;
  getPlan(id: string): Promise<PlanRecord | undefined>;
  savePlan(plan: PlanRecord): Promise<void>;
  listPriorities(planId?: string): Promise<PriorityRecord[]>;
  getPriority(id: string): Promise<PriorityRecord | undefined>;
  savePriority(priority: PriorityRecord): Promise<void>;
  deletePriority(id: string): Promise<void>;
  listActivities(planId?: string): Promise<ActivityRecord[]>;
  getActivity(id: string): Promise<ActivityRecord | undefined>;
  saveActivity(activity: ActivityRecord): Promise<void>;

  createCalendarFeed(feed: CalendarFeedRecord): Promise<void>;
  findCalendarFeed(tokenHash: string): Promise<CalendarFeedRecord | undefined>;
  listCalendarFeeds(planId: string): Promise<CalendarFeedRecord[]>;
  revokeCalendarFeed(id: string, at: number): Promise<void>;

  listExerciseLinks(): Promise<ExerciseLinkRecord[]>;
  getExerciseLink(exerciseId: string): Promise<ExerciseLinkRecord | undefined>;
  saveExerciseLink(link: ExerciseLinkRecord): Promise<void>;

  /** Finalised versions already absorbed, of one exercise or all. */
  listAbsorbed(exerciseId?: string): Promise<{ exerciseId: string; version: number }[]>;
  /** Writes an absorption in one transaction; false (and nothing written) when that version was absorbed before. */
  absorb(absorption: Absorption): Promise<boolean>;
  /** Oldest version first; a version's ratings in the order they were absorbed. */
  listRatings(filter?: { agencyId?: string | undefined; exerciseId?: string | undefined }): Promise<ProgrammeRatingRecord[]>;

  listCourses(): Promise<CourseRecord[]>;
  getCourse(id: string): Promise<CourseRecord | undefined>;
  saveCourse(course: CourseRecord): Promise<void>;
  listSessions(courseId?: string): Promise<CourseSessionRecord[]>;
  getSession(id: string): Promise<CourseSessionRecord | undefined>;
  saveSession(session: CourseSessionRecord): Promise<void>;
  listTrainees(agencyId?: string): Promise<TraineeRecord[]>;
  getTrainee(id: string): Promise<TraineeRecord | undefined>;
  listAttendance(filter?: { sessionId?: string | undefined; personId?: string | undefined }): Promise<AttendanceRecord[]>;
  /** Adds new people and sets attendance rows (insert or replace), in one transaction. */
  saveAttendance(people: TraineeRecord[], rows: AttendanceRecord[]): Promise<void>;
}
