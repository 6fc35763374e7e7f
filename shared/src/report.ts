import { z } from 'zod';
import { LogEntry, Rating } from './logEntry.ts';
import { ExerciseStatus } from './protocol.ts';
import { ScenarioDocument } from './scenario/document.ts';
import { ExerciseType } from './scenario/vocabulary.ts';

/**
 * The after-action report and improvement plan (AAR/IP): REST bodies, views and the exercise
 * archive. The report's text is markdown; every string has a length limit.
 */
const shortText = z.string().trim().min(1).max(200);
const optionalShort = z.string().trim().max(200);
const markdown = z.string().max(20_000);
const ref = z.string().min(1).max(64);

export const REPORT_SCHEMA_VERSION = 1;

/** A strength or area for improvement, with the observations it came from (traceable to the log). */
export const ReportFinding = z.strictObject({
  id: ref,
  text: markdown,
  /** Filled in by evaluators: why it happened. */
  analysis: markdown.default(''),
  rootCause: markdown.default(''),
  observationIds: z.array(ref).max(200).default([]),
});
export type ReportFinding = z.infer<typeof ReportFinding>;

/** One capability (a scenario objective, as the review rates it) with its targets' ratings and findings. */
export const CapabilitySection = z.strictObject({
  id: ref,
  title: shortText,
  /** The final (agreed or reconciled) rating, frozen into the report when it was assembled. */
  rating: Rating.optional(),
  targets: z.array(z.strictObject({ id: ref, title: shortText, rating: Rating.optional() })).max(50).default([]),
  strengths: z.array(ReportFinding).max(100),
  areasForImprovement: z.array(ReportFinding).max(100),
});
export type CapabilitySection = z.infer<typeof CapabilitySection>;

export const ReportOverview = z.strictObject({
  exerciseName: shortText,
  exerciseType: optionalShort,
  /** As people write it: "27 November 2026, 09:00-12:30". */
  dates: optionalShort,
  scope: markdown,
  objectives: z.array(shortText).max(50),
  /** Participating agencies and teams. */
  participants: z.array(shortText).max(100),
});
export type ReportOverview = z.infer<typeof ReportOverview>;

export const ReportContent = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  overview: ReportOverview,
  executiveSummary: markdown,
  capabilities: z.array(CapabilitySection).max(100),
});
export type ReportContent = z.infer<typeof ReportContent>;
export type ReportContentInput = z.input<typeof ReportContent>;

export const ImprovementStatus = z.enum(['open', 'in-progress', 'completed', 'cancelled']);
export type ImprovementStatus = z.infer<typeof ImprovementStatus>;
export const IMPROVEMENT_STATUSES = ImprovementStatus.options;
/** POETE: where the fix lies. */
export const CapabilityElement = z.enum(['planning', 'organisation', 'equipment', 'training', 'exercises']);
export type CapabilityElement = z.infer<typeof CapabilityElement>;
export const CAPABILITY_ELEMENTS = CapabilityElement.options;

/** A calendar date, YYYY-MM-DD, that exists. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD')
  // zod runs a refinement even after the pattern failed: an unparsable text must not throw here.
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'no such date');

const itemFields = {
  capability: shortText,
  /** The observation or area for improvement it came from. */
  issue: z.string().trim().min(1).max(2000),
  recommendation: z.string().trim().min(1).max(2000),
  correctiveAction: z.string().trim().min(1).max(2000),
  capabilityElement: CapabilityElement,
  responsibleAgency: shortText,
  pointOfContact: shortText,
  startDate: CalendarDate,
  dueDate: CalendarDate,
};
/**
 * Where a capability and a responsible agency come from when a row is written: the scenario's
 * objectives and the agency directory, by id; free text only as "other". A plain string is the
 * same as `{ other }` (what clients before this choice sent). The row stores the title or name,
 * so rows stay readable when the directory changes, and older rows read as they were written.
 */
export const CapabilityChoice = z.union([z.strictObject({ objectiveId: ref }), z.strictObject({ other: shortText }), shortText]);
export type CapabilityChoice = z.infer<typeof CapabilityChoice>;
export const AgencyChoice = z.union([z.strictObject({ agencyId: ref }), z.strictObject({ other: shortText }), shortText]);
export type AgencyChoice = z.infer<typeof AgencyChoice>;

const itemBodyFields = { ...itemFields, capability: CapabilityChoice, responsibleAgency: AgencyChoice };

const datesInOrder = (item: { startDate?: string | undefined; dueDate?: string | undefined }) =>
  item.startDate === undefined || item.dueDate === undefined || item.startDate <= item.dueDate;

export const NewImprovementItemBody = z.strictObject(itemBodyFields).refine(datesInOrder, { message: 'the due date is before the start date', path: ['dueDate'] });
export type NewImprovementItemBody = z.infer<typeof NewImprovementItemBody>;
export const UpdateImprovementItemBody = z
  .strictObject(itemBodyFields)
  .partial()
  .refine(datesInOrder, { message: 'the due date is before the start date', path: ['dueDate'] });
export type UpdateImprovementItemBody = z.infer<typeof UpdateImprovementItemBody>;
export const StatusChangeBody = z.strictObject({ status: ImprovementStatus, comment: z.string().trim().min(1).max(2000) });
export type StatusChangeBody = z.infer<typeof StatusChangeBody>;

export const StatusChange = z.object({
  at: z.number(),
  by: z.string().max(200),
  from: ImprovementStatus.nullable(),
  to: ImprovementStatus,
  comment: z.string().max(2000),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const ImprovementItem = z.object({
  id: ref,
  exerciseId: ref,
  ...itemFields,
  status: ImprovementStatus,
  createdAt: z.number(),
  createdBy: z.string().max(200),
  updatedAt: z.number(),
  /** Oldest first; the first row is the creation ("open"). */
  history: z.array(StatusChange).max(10_000),
});
export type ImprovementItem = z.infer<typeof ImprovementItem>;

/** An item as the API shows it: with the overdue flag computed for today (and, across exercises, the exercise's title). */
export const ImprovementItemView = ImprovementItem.extend({ overdue: z.boolean(), exerciseTitle: z.string().optional() });
export type ImprovementItemView = z.infer<typeof ImprovementItemView>;

export const ReportVersionSummary = z.object({ version: z.number().int().positive(), finalisedAt: z.number(), finalisedBy: z.string().max(200) });
export type ReportVersionSummary = z.infer<typeof ReportVersionSummary>;

/** A finalised AAR/IP: the report and the improvement plan as they stood, never changed again. */
export const ReportVersion = z.object({
  version: z.number().int().positive(),
  finalisedAt: z.number(),
  finalisedBy: z.string().max(200),
  content: ReportContent,
  improvementPlan: z.array(ImprovementItem).max(10_000),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

const FINDING_LISTS = ['strengths', 'areasForImprovement'] as const;

/** A strength or area for improvement the review has now, and where in the draft it belongs. */
export const NewFinding = z.object({ capabilityId: z.string(), list: z.enum(FINDING_LISTS), finding: ReportFinding });
export type NewFinding = z.infer<typeof NewFinding>;

/** `GET /api/exercises/:id/report`: the draft (assembled from the review until someone saves it) and the finalised versions. */
export const ReportView = z.object({
  exerciseId: z.string(),
  title: z.string(),
  status: ExerciseStatus,
  /** The exercise's type as planned: the page names it in its reader's language (the draft's overview has it in the document's words). */
  exerciseType: ExerciseType,
  draft: ReportContent,
  draftSaved: z.object({ at: z.number(), by: z.string() }).nullable(),
  versions: z.array(ReportVersionSummary),
  /** The scenario's objectives: the capabilities a row of the improvement plan is for. */
  capabilities: z.array(z.object({ id: z.string(), title: z.string() })),
  /** The agency directory: who can be responsible for a corrective action. */
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Findings from observations the saved draft does not hold yet (recorded after it was first saved). */
  newFindings: z.array(NewFinding),
});
export type ReportView = z.infer<typeof ReportView>;

/**
 * The findings of a freshly assembled draft whose observations no finding of the saved draft
 * refers to. Findings are matched by observation, not by text, so edited text never counts as new.
 */
export function findNewFindings(saved: ReportContent, fresh: ReportContent): NewFinding[] {
  const known = new Set(saved.capabilities.flatMap((c) => FINDING_LISTS.flatMap((list) => c[list].flatMap((f) => f.observationIds))));
  const sections = new Set(saved.capabilities.map((c) => c.id));
  return fresh.capabilities
    .filter((c) => sections.has(c.id))
    .flatMap((c) =>
      FINDING_LISTS.flatMap((list) =>
        c[list].filter((f) => f.observationIds.length > 0 && !f.observationIds.some((id) => known.has(id))).map((finding) => ({ capabilityId: c.id, list, finding })),
      ),
    );
}

/** The draft with the new findings appended to their capability's list; everything already there is kept as written. */
export function addFindings(content: ReportContent, found: readonly NewFinding[]): ReportContent {
  return {
    ...content,
    capabilities: content.capabilities.map((section) => {
      const mine = found.filter((f) => f.capabilityId === section.id);
      if (mine.length === 0) return section;
      const taken = new Set(FINDING_LISTS.flatMap((list) => section[list].map((f) => f.id)));
      const add = (list: NewFinding['list']) => mine.filter((f) => f.list === list && !taken.has(f.finding.id)).map((f) => f.finding);
      return { ...section, strengths: [...section.strengths, ...add('strengths')], areasForImprovement: [...section.areasForImprovement, ...add('areasForImprovement')] };
    }),
  };
}

/** `?lang=` of a printed document or export: its words in the viewer's interface language; without it, the exercise's language. */
export const LanguageQuery = z.strictObject({ lang: z.enum(['en', 'lt']).optional() });
const version = z.coerce.number().int().positive().max(1_000_000);
/** `?version=` of the AAR/IP: a finalised version; without it, the draft. */
export const ReportExportQuery = LanguageQuery.extend({ version: version.optional() });
export const ReportVersionParams = z.object({ id: ref, version });
export const ImprovementItemParams = z.object({ id: ref, itemId: ref });
export const TeamBriefingParams = z.object({ id: ref, teamId: ref });
/** What `POST /api/archives` answers: the new, ended exercise the archive became. */
export const ArchiveImported = z.object({ id: z.string(), title: z.string(), status: ExerciseStatus });

export const CorrectiveActionQuery = z.strictObject({
  agency: z.string().max(200).optional(),
  status: ImprovementStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

/** The whole exercise as one file: StartEx imports it again as a new, ended exercise. */
export const ARCHIVE_FORMAT = 'startex.exercise-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const ExerciseArchive = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  exportedAt: z.number(),
  exercise: z.strictObject({
    id: ref,
    title: shortText,
    speed: z.number().positive().max(10_000),
    createdAt: z.number(),
    /** The pinned scenario version the exercise was played with. */
    scenario: ScenarioDocument,
  }),
  /** The whole event log: play, observations and ratings. */
  log: z.array(LogEntry).min(1).max(2_000_000),
  report: z.strictObject({
    draft: z.strictObject({ content: ReportContent, at: z.number(), by: z.string().max(200) }).nullable(),
    versions: z.array(ReportVersion).max(1000),
  }),
  improvementPlan: z.array(ImprovementItem).max(10_000),
});
export type ExerciseArchive = z.infer<typeof ExerciseArchive>;
