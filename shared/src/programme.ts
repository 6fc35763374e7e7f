/**
 * The preparedness programme: the centre's work above single exercises. Partner agencies' needs,
 * the Integrated Preparedness Plan (priorities and a multi-year schedule of activities), courses
 * with attendance and certificates, exercises made from the plan, and the ratings and corrective
 * actions that flow back into the needs. REST bodies and answers; the routes live under
 * /api/programme (shared/src/routes/programme.ts lists them).
 *
 * Who: the programme manager (global role `programme-manager`) plans and accepts needs; trainers
 * run courses; planners read. An agency's focal point (an account named focal point of one agency)
 * answers that agency's needs survey and sees that agency's dashboard, needs and actions only; a
 * survey may also be answered with a one-time token sent in the x-survey-token header.
 */
import { z } from 'zod';
import { Rating } from './logEntry.ts';
import { Username } from './auth.ts';
import { AgencyView, Email } from './planning.ts';
import { CalendarDate, ImprovementStatus } from './report.ts';
import { ERROR_CODES } from './errors.ts';

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(200);
const longText = z.string().trim().max(5000);

/**
 * A person's role towards one partner agency: its focal point (an account), or whoever holds a
 * one-time token for one of its surveys.
 */
export const AgencyRole = z.enum(['focal-point', 'survey-token']);
export type AgencyRole = z.infer<typeof AgencyRole>;

/** The header a one-time survey token travels in (never the URL, so it never reaches a log). */
export const SURVEY_TOKEN_HEADER = 'x-survey-token';

/** Nuclear security functions, and the capabilities that serve all three. */
export const ProgrammeFunction = z.enum(['prevention', 'detection', 'response', 'cross-cutting']);
export type ProgrammeFunction = z.infer<typeof ProgrammeFunction>;
export const PROGRAMME_FUNCTIONS = ProgrammeFunction.options;

// ---- The capability catalogue --------------------------------------------------------------

export const CapabilityBody = z.strictObject({
  function: ProgrammeFunction,
  name,
  description: z.string().trim().max(2000).default(''),
});
export type CapabilityBody = z.infer<typeof CapabilityBody>;
export const CapabilityView = z.object({ id: z.string(), function: ProgrammeFunction, name: z.string(), description: z.string(), createdAt: z.number(), updatedAt: z.number() });
export type CapabilityView = z.infer<typeof CapabilityView>;

// ---- Levels, needs and their evidence ------------------------------------------------------

/** Competence level on HSEEP's scale: 1 unable, 2 major challenges, 3 some challenges, 4 without challenges. */
export const Level = z.number().int().min(1).max(4);
export type Level = z.infer<typeof Level>;
export const LEVELS = [1, 2, 3, 4] as const;
/** An exercise rating read as the level it shows. */
export const LEVEL_OF_RATING: Record<Rating, Level> = { P: 4, S: 3, M: 2, U: 1 };

export const NeedPriority = z.enum(['high', 'medium', 'low']);
export type NeedPriority = z.infer<typeof NeedPriority>;
export const NEED_PRIORITIES = NeedPriority.options;

export const EvidenceKind = z.enum(['survey', 'interview', 'regulation', 'threat-assessment', 'aar-finding', 'exercise-rating']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;
export const EVIDENCE_KINDS = EvidenceKind.options;
export const Evidence = z.strictObject({ kind: EvidenceKind, note: z.string().trim().max(500).default('') });
export type Evidence = z.infer<typeof Evidence>;

/** Training and exercise kinds, lightest first: the progressive approach builds each on those before it. */
export const ActivityKind = z.enum(['course', 'seminar', 'workshop', 'tabletop', 'drill', 'functional', 'full-scale']);
export type ActivityKind = z.infer<typeof ActivityKind>;
export const ACTIVITY_KINDS = ActivityKind.options;
/** Kinds that are exercises (a planned exercise can be created from these). */
export const EXERCISE_KINDS: readonly ActivityKind[] = ['seminar', 'workshop', 'tabletop', 'drill', 'functional', 'full-scale'];

/**
 * draft and submitted: a survey row the focal point is writing or has sent; open: accepted by the
 * centre (or made by it), the gap still to close; met, closed: done or withdrawn; rejected: a
 * survey row the centre did not accept (with its reason).
 */
export const NeedStatus = z.enum(['draft', 'submitted', 'open', 'rejected', 'met', 'closed']);
export type NeedStatus = z.infer<typeof NeedStatus>;
export const NEED_STATUSES = NeedStatus.options;

const needFields = {
  function: ProgrammeFunction,
  /** A capability of the catalogue, or else a competence in the agency's own words. */
  capabilityId: id.optional(),
  competence: z.string().trim().max(200).optional(),
  targetGroup: name,
  headcount: z.number().int().min(0).max(100_000),
  requiredLevel: Level,
  currentLevel: Level.optional(),
  priority: NeedPriority,
  evidence: z.array(Evidence).max(20),
  /** The proposed intervention. */
  intervention: ActivityKind.optional(),
  reviewDate: CalendarDate.optional(),
};

/** A need the centre enters (evidence required: NEED_WITHOUT_EVIDENCE). */
export const NeedBody = z.strictObject({ agencyId: id, ...needFields });
export type NeedBody = z.infer<typeof NeedBody>;
export const UpdateNeedBody = z
  .strictObject(needFields)
  .partial()
  .extend({ status: z.enum(['open', 'met', 'closed']).optional() });
export type UpdateNeedBody = z.infer<typeof UpdateNeedBody>;

/** Where a need's current level comes from: the survey, the centre, or an exercise rating (with its link). */
export const LevelEvidence = z.object({
  at: z.number(),
  level: Level,
  source: z.enum(['survey', 'centre', 'exercise']),
  by: z.string(),
  ratingId: z.string().optional(),
  exerciseId: z.string().optional(),
  exerciseTitle: z.string().optional(),
  rating: Rating.optional(),
});
export type LevelEvidence = z.infer<typeof LevelEvidence>;

export const NeedView = z.object({
  id: z.string(),
  agencyId: z.string(),
  function: ProgrammeFunction,
  capabilityId: z.string().optional(),
  competence: z.string().optional(),
  targetGroup: z.string(),
  headcount: z.number(),
  requiredLevel: Level,
  currentLevel: Level.optional(),
  /** requiredLevel - currentLevel, never below 0; unknown until a current level is known. */
  gap: z.number().optional(),
  priority: NeedPriority,
  evidence: z.array(Evidence),
  intervention: ActivityKind.optional(),
  reviewDate: z.string().optional(),
  status: NeedStatus,
  surveyId: z.string().optional(),
  /** A need made from a corrective action of an exercise. */
  fromAction: z.object({ exerciseId: z.string(), itemId: z.string() }).optional(),
  rejectedReason: z.string().optional(),
  /** The latest evidence of the current level. */
  level: LevelEvidence.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type NeedView = z.infer<typeof NeedView>;

export const NeedQuery = z.strictObject({ agency: id.optional(), status: NeedStatus.optional() });
/** One agency's part (a focal point of several names theirs). */
export const AgencyQuery = z.strictObject({ agency: id.optional() });

// ---- Focal points and the needs survey -----------------------------------------------------

/** An existing account by its username, or a person by e-mail (their account is made when there is none). */
export const FocalPointBody = z.union([z.strictObject({ username: Username }), z.strictObject({ name: z.string().trim().min(1).max(120), email: Email })]);
export type FocalPointBody = z.infer<typeof FocalPointBody>;
export const FocalPointView = z.object({ agencyId: z.string(), userId: z.string(), username: z.string(), displayName: z.string(), since: z.number() });
export type FocalPointView = z.infer<typeof FocalPointView>;
/** A new account's initial password is shown once, as for the exercise roster. */
export const FocalPointAdded = z.object({ focalPoint: FocalPointView, account: z.object({ username: z.string(), password: z.string() }).optional() });
export type FocalPointAdded = z.infer<typeof FocalPointAdded>;

/** sent: nobody answered yet; draft: rows saved; submitted: sent back to the centre; reviewed: every row accepted or rejected. */
export const SurveyStatus = z.enum(['sent', 'draft', 'submitted', 'reviewed']);
export type SurveyStatus = z.infer<typeof SurveyStatus>;

export const SendSurveyBody = z.strictObject({
  dueDate: CalendarDate,
  message: longText.default(''),
  /** Also issue a one-time token, for a focal point without an account. */
  token: z.boolean().default(false),
});
export type SendSurveyBody = z.infer<typeof SendSurveyBody>;

/** A row of the survey: the survey itself is its evidence, so more is optional. */
export const SurveyRow = z.strictObject({ ...needFields, evidence: needFields.evidence.default([]) });
export type SurveyRow = z.infer<typeof SurveyRow>;
/** The focal point's rows, replacing the draft's. */
export const SurveyRowsBody = z.strictObject({ rows: z.array(SurveyRow).max(200) });
export type SurveyRowsBody = z.infer<typeof SurveyRowsBody>;

export const ReviewSurveyBody = z.strictObject({
  accept: z.array(id).max(200).default([]),
  reject: z.array(z.strictObject({ needId: id, reason: z.string().trim().min(1).max(500) })).max(200).default([]),
});
export type ReviewSurveyBody = z.infer<typeof ReviewSurveyBody>;

export const SurveyView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  status: SurveyStatus,
  dueDate: z.string(),
  message: z.string(),
  sentAt: z.number(),
  sentBy: z.string(),
  submittedAt: z.number().optional(),
  submittedBy: z.string().optional(),
  reviewedAt: z.number().optional(),
  /** A one-time token was issued and is still usable. */
  tokenOpen: z.boolean(),
  rows: z.array(NeedView),
});
export type SurveyView = z.infer<typeof SurveyView>;
/** The link to send: the survey page; with a token, the token rides in the URL fragment (never sent to the server as part of the URL). */
export const SurveySent = z.object({ survey: SurveyView, link: z.string(), token: z.string().optional() });
export type SurveySent = z.infer<typeof SurveySent>;

// ---- The Integrated Preparedness Plan ------------------------------------------------------

export const PlanBody = z
  .strictObject({ title: name, fromYear: z.number().int().min(2000).max(2100), toYear: z.number().int().min(2000).max(2100) })
  .refine((p) => p.toYear >= p.fromYear && p.toYear - p.fromYear < 10, { message: 'a plan covers 1 to 10 years, toYear not before fromYear', path: ['toYear'] });
export type PlanBody = z.infer<typeof PlanBody>;
export const PlanView = z.object({ id: z.string(), title: z.string(), fromYear: z.number(), toYear: z.number(), createdAt: z.number(), updatedAt: z.number() });
export type PlanView = z.infer<typeof PlanView>;

export const PriorityBody = z.strictObject({ title: name, rationale: longText, needIds: z.array(id).max(200).default([]) });
export type PriorityBody = z.infer<typeof PriorityBody>;
export const PriorityView = z.object({ id: z.string(), planId: z.string(), title: z.string(), rationale: z.string(), needIds: z.array(z.string()), position: z.number(), createdAt: z.number(), updatedAt: z.number() });
export type PriorityView = z.infer<typeof PriorityView>;

/** When an activity happens: fixed dates, or only a quarter while the dates are not set. */
export const ActivityWhen = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dates'), start: CalendarDate, end: CalendarDate }).refine((w) => w.end >= w.start, { message: 'the end is before the start', path: ['end'] }),
  z.strictObject({ kind: z.literal('quarter'), year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4) }),
]);
export type ActivityWhen = z.infer<typeof ActivityWhen>;

export const ActivityStatus = z.enum(['planned', 'confirmed', 'done', 'cancelled']);
export type ActivityStatus = z.infer<typeof ActivityStatus>;
export const ACTIVITY_STATUSES = ActivityStatus.options;

export const ActivityBody = z.strictObject({
  kind: ActivityKind,
  title: name,
  /** At least one (ACTIVITY_WITHOUT_AGENCY). */
  agencyIds: z.array(id).max(50),
  capabilityIds: z.array(id).max(50).default([]),
  /** The needs it serves. */
  needIds: z.array(id).max(200).default([]),
  when: ActivityWhen,
  lead: name,
  status: ActivityStatus.default('planned'),
  /** A course activity: the catalogue course it runs. */
  courseId: id.optional(),
  /** Exercises: courses whose certificate participants must hold on the day. */
  requiredCourseIds: z.array(id).max(20).default([]),
  notes: longText.default(''),
});
export type ActivityBody = z.infer<typeof ActivityBody>;

export const ActivityView = z.object({
  id: z.string(),
  planId: z.string(),
  kind: ActivityKind,
  title: z.string(),
  agencyIds: z.array(z.string()),
  capabilityIds: z.array(z.string()),
  needIds: z.array(z.string()),
  when: ActivityWhen,
  /** The dates it spans: its own, or its quarter's. */
  start: z.string(),
  end: z.string(),
  lead: z.string(),
  status: ActivityStatus,
  courseId: z.string().optional(),
  requiredCourseIds: z.array(z.string()),
  notes: z.string(),
  /** The exercise made from it. */
  exerciseId: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ActivityView = z.infer<typeof ActivityView>;

/** The plan's checks, as warnings: an activity is saved with them, and they show until resolved. */
export const PlanCheckCode = z.enum(['AGENCY_DOUBLE_BOOKED', 'PROGRESSION_SKIPPED', 'HIGH_PRIORITY_UNPLANNED', 'DATE_IN_PAST']);
export type PlanCheckCode = z.infer<typeof PlanCheckCode>;
export const PlanCheck = z.object({
  code: PlanCheckCode,
  message: z.string(),
  activityIds: z.array(z.string()),
  agencyId: z.string().optional(),
  capabilityId: z.string().optional(),
  needId: z.string().optional(),
});
export type PlanCheck = z.infer<typeof PlanCheck>;

export const PlanDetail = z.object({ plan: PlanView, priorities: z.array(PriorityView), activities: z.array(ActivityView), checks: z.array(PlanCheck) });
export type PlanDetail = z.infer<typeof PlanDetail>;
export const ActivitySaved = z.object({ activity: ActivityView, warnings: z.array(PlanCheck) });
export type ActivitySaved = z.infer<typeof ActivitySaved>;

/** A secret calendar URL to subscribe to: the whole plan (the centre), or one agency's part (its focal point too). */
export const CalendarFeedBody = z.strictObject({ agencyId: id.optional() });
export type CalendarFeedBody = z.infer<typeof CalendarFeedBody>;
export const CalendarFeedView = z.object({ id: z.string(), planId: z.string(), agencyId: z.string().optional(), createdAt: z.number(), createdBy: z.string(), revokedAt: z.number().optional() });
export type CalendarFeedView = z.infer<typeof CalendarFeedView>;
/** The URL holds the feed's secret: shown once, at creation; revoke the feed to end it. */
export const CalendarFeedMade = z.object({ feed: CalendarFeedView, url: z.string() });
export type CalendarFeedMade = z.infer<typeof CalendarFeedMade>;

/** Gantt and calendar views: one year, and optionally one agency. */
export const ScheduleQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional(), agency: id.optional() });

// ---- Exercises made from the plan ----------------------------------------------------------

export const LinkExerciseBody = z.strictObject({ exerciseId: id });
export type LinkExerciseBody = z.infer<typeof LinkExerciseBody>;

/** Scenario objective and capability target ids -> catalogue capability ids; an id left out is unmapped. Kept in the programme, not in the scenario document. */
export const CapabilityMapBody = z.strictObject({ objectives: z.record(id, id).default({}), targets: z.record(id, id).default({}) });
export type CapabilityMapBody = z.infer<typeof CapabilityMapBody>;

export const ExerciseProgrammeView = z.object({
  exerciseId: z.string(),
  title: z.string(),
  status: z.string(),
  activity: z.object({ id: z.string(), planId: z.string(), title: z.string(), kind: ActivityKind }).optional(),
  /** The needs the exercise serves (its activity's). */
  needs: z.array(NeedView),
  objectives: z.array(
    z.object({ id: z.string(), title: z.string(), capabilityId: z.string().optional(), targets: z.array(z.object({ id: z.string(), title: z.string(), capabilityId: z.string().optional() })) }),
  ),
  teams: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.string().optional() })),
  /** Finalised AAR/IP versions already fed into the needs. */
  absorbedVersions: z.array(z.number()),
});
export type ExerciseProgrammeView = z.infer<typeof ExerciseProgrammeView>;

/** An exercise's final rating of a catalogue capability for one agency, from a finalised AAR/IP. */
export const ProgrammeRating = z.object({
  id: z.string(),
  exerciseId: z.string(),
  exerciseTitle: z.string(),
  version: z.number(),
  finalisedAt: z.number(),
  agencyId: z.string(),
  capabilityId: z.string(),
  subject: z.object({ kind: z.enum(['capability', 'target']), id: z.string(), title: z.string() }),
  rating: Rating,
  /** The needs whose current level it set. */
  needIds: z.array(z.string()),
});
export type ProgrammeRating = z.infer<typeof ProgrammeRating>;

/** A corrective action (improvement plan row) as the programme shows it, with the needs it became or joined. */
export const ProgrammeAction = z.object({
  id: z.string(),
  exerciseId: z.string(),
  exerciseTitle: z.string(),
  capability: z.string(),
  correctiveAction: z.string(),
  responsibleAgency: z.string(),
  dueDate: z.string(),
  status: ImprovementStatus,
  overdue: z.boolean(),
  needIds: z.array(z.string()),
});
export type ProgrammeAction = z.infer<typeof ProgrammeAction>;

// ---- Traceability ------------------------------------------------------------------------

/** need -> activity -> exercise -> ratings -> corrective action -> need, from any of them. */
export const TraceKind = z.enum(['need', 'activity', 'exercise', 'rating', 'action']);
export type TraceKind = z.infer<typeof TraceKind>;
export const TraceView = z.object({
  from: z.object({ kind: TraceKind, id: z.string() }),
  needs: z.array(NeedView),
  activities: z.array(ActivityView),
  exercises: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  ratings: z.array(ProgrammeRating),
  actions: z.array(ProgrammeAction),
});
export type TraceView = z.infer<typeof TraceView>;

// ---- Training ------------------------------------------------------------------------------

export const CourseBody = z.strictObject({
  title: name,
  description: longText.default(''),
  capabilityIds: z.array(id).max(20).default([]),
  /** The certificate completing it gives, and how long it is valid. */
  certificate: z.strictObject({ name, validityMonths: z.number().int().min(1).max(240) }).optional(),
});
export type CourseBody = z.infer<typeof CourseBody>;
export const CourseView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  capabilityIds: z.array(z.string()),
  certificate: z.object({ name: z.string(), validityMonths: z.number() }).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CourseView = z.infer<typeof CourseView>;

export const CourseSessionBody = z
  .strictObject({
    start: CalendarDate,
    end: CalendarDate,
    location: z.string().trim().max(200).default(''),
    trainer: z.string().trim().max(200).default(''),
    /** The planned activity it delivers. */
    activityId: id.optional(),
  })
  .refine((s) => s.end >= s.start, { message: 'the end is before the start', path: ['end'] });
export type CourseSessionBody = z.infer<typeof CourseSessionBody>;
export const CourseSessionView = z.object({
  id: z.string(),
  courseId: z.string(),
  start: z.string(),
  end: z.string(),
  location: z.string(),
  trainer: z.string(),
  activityId: z.string().optional(),
  createdAt: z.number(),
});
export type CourseSessionView = z.infer<typeof CourseSessionView>;

/** A person of a partner agency, as training records them. */
export const TraineeBody = z.strictObject({ agencyId: id, name: z.string().trim().min(1).max(120), email: Email.optional(), position: z.string().trim().max(120).default('') });
export type TraineeBody = z.infer<typeof TraineeBody>;
export const TraineeView = z.object({ id: z.string(), agencyId: z.string(), name: z.string(), email: z.string().optional(), position: z.string(), createdAt: z.number() });
export type TraineeView = z.infer<typeof TraineeView>;

export const AttendanceRow = z.strictObject({ personId: id, attended: z.boolean(), completed: z.boolean(), completedOn: CalendarDate.optional() });
export type AttendanceRow = z.infer<typeof AttendanceRow>;
export const AttendanceBody = z.strictObject({ rows: z.array(AttendanceRow).max(500) });
export type AttendanceBody = z.infer<typeof AttendanceBody>;
export const AttendanceView = z.object({
  sessionId: z.string(),
  personId: z.string(),
  personName: z.string(),
  agencyId: z.string(),
  attended: z.boolean(),
  completed: z.boolean(),
  completedOn: z.string().optional(),
});
export type AttendanceView = z.infer<typeof AttendanceView>;
export const CourseSessionDetail = z.object({ session: CourseSessionView, course: CourseView, attendance: z.array(AttendanceView) });
export type CourseSessionDetail = z.infer<typeof CourseSessionDetail>;
export const CourseDetail = z.object({ course: CourseView, sessions: z.array(CourseSessionView) });
export type CourseDetail = z.infer<typeof CourseDetail>;

/** A certificate, derived from a completed course that gives one; valid on a day until its expiry. */
export const CertificateView = z.object({
  personId: z.string(),
  personName: z.string(),
  agencyId: z.string(),
  courseId: z.string(),
  name: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
});
export type CertificateView = z.infer<typeof CertificateView>;

/** A certificate that expires before a planned exercise whose participants need it. */
export const CertificateAlert = z.object({
  certificate: CertificateView,
  activity: z.object({ id: z.string(), title: z.string(), start: z.string() }),
});
export type CertificateAlert = z.infer<typeof CertificateAlert>;

export const PersonRecord = z.object({
  person: TraineeView,
  courses: z.array(z.object({ courseId: z.string(), title: z.string(), sessionId: z.string(), start: z.string(), end: z.string(), attended: z.boolean(), completed: z.boolean(), completedOn: z.string().optional() })),
  certificates: z.array(CertificateView),
  /** Roles on exercise rosters under the same e-mail address. */
  exerciseRoles: z.array(z.object({ exerciseId: z.string(), title: z.string(), role: z.string(), teamId: z.string().optional(), date: z.string().optional() })),
  alerts: z.array(CertificateAlert),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

// ---- Imports (like the participant import: every row problem listed, nothing saved until clean) ----

/** Needs from a spreadsheet; `agencyId` fills the agency of rows without an "agency" column. */
export const ImportNeedsBody = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  content: z.string().min(1).max(1_500_000),
  dryRun: z.boolean().default(false),
  agencyId: id.optional(),
});
export type ImportNeedsBody = z.infer<typeof ImportNeedsBody>;
export const NEED_IMPORT_COLUMNS = [
  'agency',
  'function',
  'capability',
  'competence',
  'target group',
  'headcount',
  'required level',
  'current level',
  'priority',
  'evidence',
  'evidence note',
  'intervention',
  'review date',
] as const;
export const REQUIRED_NEED_COLUMNS = ['function', 'target group', 'headcount', 'required level', 'priority', 'evidence'] as const;

/** Attendance of one session from a spreadsheet; people are matched by e-mail, else by name within their agency, and added when new. */
export const ImportAttendanceBody = z.strictObject({ format: z.enum(['csv', 'xlsx']), content: z.string().min(1).max(1_500_000), dryRun: z.boolean().default(false) });
export type ImportAttendanceBody = z.infer<typeof ImportAttendanceBody>;
export const ATTENDANCE_IMPORT_COLUMNS = ['name', 'email', 'agency', 'position', 'attended', 'completed', 'completed on'] as const;
export const REQUIRED_ATTENDANCE_COLUMNS = ['name', 'agency', 'attended'] as const;

/** What an import answers: clean (`ok`) or each row's problems; with `dryRun` nothing is saved either way. */
export const ProgrammeImportResult = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), column: z.string().optional(), code: z.enum(ERROR_CODES), message: z.string() })),
});
export type ProgrammeImportResult = z.infer<typeof ProgrammeImportResult>;

// ---- Dashboards ------------------------------------------------------------------------------

export const UpcomingActivity = z.object({ id: z.string(), title: z.string(), kind: ActivityKind, start: z.string(), end: z.string(), status: ActivityStatus, planId: z.string() });
export type UpcomingActivity = z.infer<typeof UpcomingActivity>;

export const AgencyDashboard = z.object({
  agency: z.object({ id: z.string(), name: z.string() }),
  needs: z.array(NeedView),
  /** Ratings of the agency's capabilities over time, oldest first (the heat map). */
  ratings: z.array(ProgrammeRating),
  openActions: z.array(ProgrammeAction),
  /** Per capability: the headcount the agency's open needs ask for, and how many of its people completed a course on it. */
  training: z.array(z.object({ capabilityId: z.string(), target: z.number(), trained: z.number() })),
  upcoming: z.array(UpcomingActivity),
  alerts: z.array(CertificateAlert),
});
export type AgencyDashboard = z.infer<typeof AgencyDashboard>;

export const CentreDashboard = z.object({
  plan: PlanView.optional(),
  /** Each priority: its open needs and how many of them a (not cancelled) activity serves. */
  coverage: z.array(z.object({ priorityId: z.string(), title: z.string(), needs: z.number(), planned: z.number() })),
  late: z.object({
    activities: z.array(UpcomingActivity),
    needs: z.array(NeedView),
    actions: z.array(ProgrammeAction),
    surveys: z.array(z.object({ id: z.string(), agencyId: z.string(), agencyName: z.string(), dueDate: z.string(), status: SurveyStatus })),
  }),
  agencies: z.array(z.object({ id: z.string(), name: z.string(), openNeeds: z.number(), highPriorityOpen: z.number(), openActions: z.number() })),
});
export type CentreDashboard = z.infer<typeof CentreDashboard>;

/** GET /api/programme/dashboard: one plan's (the latest when none is named). */
export const PlanQuery = z.strictObject({ plan: id.optional() });

/** GET /api/programme/me: what the caller may do in the programme. */
export const ProgrammeAccess = z.object({
  read: z.boolean(),
  manage: z.boolean(),
  train: z.boolean(),
  /** Agencies the caller is the focal point of. */
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ProgrammeAccess = z.infer<typeof ProgrammeAccess>;

export const PROGRAMME_CHARTS = ['heatmap', 'training'] as const;
export const ProgrammeChartName = z.enum(PROGRAMME_CHARTS);
export type ProgrammeChartName = z.infer<typeof ProgrammeChartName>;

/** An agency of the directory as the programme lists it. */
export const ProgrammeAgency = AgencyView.pick({ id: true, name: true, type: true, functions: true });
export type ProgrammeAgency = z.infer<typeof ProgrammeAgency>;

/** The path parameters of the /api/programme routes, by what they name. */
export const ProgrammeParams = {
  capability: z.object({ capabilityId: id }),
  agency: z.object({ agencyId: id }),
  focalPoint: z.object({ agencyId: id, userId: id }),
  need: z.object({ needId: id }),
  survey: z.object({ surveyId: id }),
  plan: z.object({ planId: id }),
  priority: z.object({ priorityId: id }),
  activity: z.object({ activityId: id }),
  exercise: z.object({ exerciseId: id }),
  trace: z.object({ kind: TraceKind, id }),
  rating: z.object({ ratingId: id }),
  course: z.object({ courseId: id }),
  session: z.object({ sessionId: id }),
  person: z.object({ personId: id }),
  feed: z.object({ planId: id, feedId: id }),
};
