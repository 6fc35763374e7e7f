import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors.ts';
import { MergeConflict } from './scenario/diff.ts';
import { ScenarioProblem } from './scenario/problem.ts';
import { ExerciseType, id, SecurityFunction, shortText } from './scenario/vocabulary.ts';

/**
 * The scenario studio: drafts that autosave, immutable numbered versions, history, who has a
 * scenario open, and the MSEL's exchange with spreadsheets. REST bodies and answers.
 *
 * The routes are STUDIO_ROUTES (./routes/studio.ts); writes need the session cookie and the
 * x-csrf-token header. "author": a planner or an administrator (policy `scenarios.write`;
 * publishing: `scenarios.publish`). `:id` is a scenario id; a ref (`?ref=`, `from`, `to`, merge
 * bodies) is `draft`, `r<revision>` or `v<version>`.
 */

/** A scenario document of any version, or one being written: the analyzer judges it when it is published. */
export const DraftDocument = z.record(z.string(), z.unknown());
export type DraftDocument = z.infer<typeof DraftDocument>;

/** `draft` (the newest revision), `r12` (a revision of the draft) or `v3` (a published version). */
export const ScenarioRef = z.string().regex(/^(draft|r[1-9]\d{0,8}|v[1-9]\d{0,8})$/, 'write "draft", "r<revision>" or "v<version>"');
export type ScenarioRef = z.infer<typeof ScenarioRef>;

/** Who did something: what people see, and the account. */
export const Author = z.object({ username: z.string(), displayName: z.string() });
export type Author = z.infer<typeof Author>;

export const StudioOrigin = z.enum(['library', 'centre']);
export type StudioOrigin = z.infer<typeof StudioOrigin>;

export const StudioListQuery = z.strictObject({
  /** Words in the title, summary or id. */
  q: z.string().max(200).optional(),
  function: SecurityFunction.optional(),
  type: ExerciseType.optional(),
  language: z.enum(['en', 'lt']).optional(),
  /** `draft`: only scenarios with unpublished changes. */
  origin: z.enum(['library', 'centre', 'draft']).optional(),
});
export type StudioListQuery = z.infer<typeof StudioListQuery>;

export const DraftSummary = z.object({
  revision: z.number().int(),
  savedBy: Author,
  savedAt: z.number(),
  /** It differs from the newest version (or was never published). */
  unpublished: z.boolean(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const StudioScenarioSummary = z.object({
  id: z.string(),
  title: z.string(),
  origin: StudioOrigin,
  /** Library scenarios are read-only: make a copy. */
  readOnly: z.boolean(),
  exerciseType: z.string().optional(),
  functions: z.array(z.string()),
  language: z.string().optional(),
  /** The newest published version (library: the document's own). */
  latestVersion: z.number().int().optional(),
  draft: DraftSummary.optional(),
  /** The last change: a draft save or a publication. */
  updatedAt: z.number().optional(),
  updatedBy: Author.optional(),
});
export type StudioScenarioSummary = z.infer<typeof StudioScenarioSummary>;

export const DraftView = z.object({
  scenarioId: z.string(),
  /** 0: no draft is stored yet; the document is the newest version's. */
  revision: z.number().int(),
  /** The newest version this draft was made from or merged with; null before the first publication. */
  baseVersion: z.number().int().nullable(),
  document: DraftDocument,
  savedBy: Author.optional(),
  savedAt: z.number().optional(),
  unpublished: z.boolean(),
});
export type DraftView = z.infer<typeof DraftView>;

export const SaveDraftBody = z.strictObject({
  /** The revision your edits start from: 0 when the scenario had no draft. */
  revision: z.number().int().nonnegative().max(1e9),
  document: DraftDocument,
  /** After merging a version published meanwhile: that version. */
  baseVersion: z.number().int().positive().max(1e9).optional(),
  /** This save settles a SCENARIO_DRAFT_CONFLICT (the history says "merged"). */
  merged: z.boolean().optional(),
});
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;

export const DiscardDraftQuery = z.strictObject({ revision: z.coerce.number().int().positive().max(1e9) });

/** What a refused save collided with: a newer revision of the draft, or a version published meanwhile. */
export type DraftConflict =
  | { kind: 'draft'; revision: number; savedBy: Author; savedAt: number }
  | { kind: 'version'; version: number; publishedBy?: Author; publishedAt: number };

/** The problem a SCENARIO_DRAFT_CONFLICT answer carries: merge `theirs` into yours (MergeDraftBody), then save again. */
export interface DraftConflictProblem {
  code: 'SCENARIO_DRAFT_CONFLICT';
  message: string;
  theirs: DraftConflict;
}

export const MergeDraftBody = z.strictObject({
  /** What both started from, and what the other author saved (`draft`, or the version published meanwhile). */
  base: ScenarioRef,
  theirs: ScenarioRef,
  /** Your document. */
  document: DraftDocument,
});
export type MergeDraftBody = z.infer<typeof MergeDraftBody>;

/** What a merge answers: the merged document (yours where both changed a thing) and where both changed the same thing. */
export const MergeView = z.object({ base: ScenarioRef, theirs: ScenarioRef, document: DraftDocument, conflicts: z.array(MergeConflict) });
export type MergeView = z.infer<typeof MergeView>;

export const PublishBody = z.strictObject({
  /** The draft revision you publish: the newest, or the answer is SCENARIO_DRAFT_CONFLICT. */
  revision: z.number().int().positive().max(1e9),
  note: z.string().trim().max(500).optional(),
});
export type PublishBody = z.infer<typeof PublishBody>;

export const RevertBody = z.strictObject({
  /** The draft revision you see (0 when there is no draft). */
  revision: z.number().int().nonnegative().max(1e9),
  version: z.number().int().positive().max(1e9),
});
export type RevertBody = z.infer<typeof RevertBody>;

export const CopyScenarioBody = z.strictObject({ id, title: shortText.optional(), from: ScenarioRef.optional() });
export type CopyScenarioBody = z.infer<typeof CopyScenarioBody>;

export const CreateScenarioBody = z.strictObject({
  id,
  title: shortText,
  language: z.enum(['en', 'lt']).default('en'),
  exerciseType: ExerciseType.default('tabletop'),
  functions: z.array(SecurityFunction).min(1).max(3).default(['response']),
});
export type CreateScenarioBody = z.infer<typeof CreateScenarioBody>;

export const VersionView = z.object({
  scenarioId: z.string(),
  version: z.number().int(),
  title: z.string(),
  publishedAt: z.number(),
  /** Absent for versions uploaded as files before the studio (the audit log names who). */
  publishedBy: Author.optional(),
  note: z.string().optional(),
  /** The draft revision it was published from. */
  revision: z.number().int().optional(),
});
export type VersionView = z.infer<typeof VersionView>;

/** A publication: the new version, and the analyzer's warnings about it (errors refuse it). */
export const PublishedVersion = VersionView.extend({ warnings: z.array(ScenarioProblem) });
export type PublishedVersion = z.infer<typeof PublishedVersion>;

export const HistoryKind = z.enum(['created', 'saved', 'merged', 'reverted', 'copied', 'imported', 'published', 'discarded']);
export type HistoryKind = z.infer<typeof HistoryKind>;

export const HistoryEntry = z.object({
  at: z.number(),
  by: Author,
  kind: HistoryKind,
  revision: z.number().int().optional(),
  version: z.number().int().optional(),
  /** Copied from (a scenario id and ref), imported from (a file name), reverted to (`v3`). */
  from: z.string().optional(),
  /** What the change did, against the revision before. */
  changes: z
    .object({ settings: z.number().int(), added: z.number().int(), removed: z.number().int(), changed: z.number().int(), moved: z.number().int(), parts: z.array(z.string()) })
    .optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const DiffQuery = z.strictObject({ from: ScenarioRef, to: ScenarioRef });
export const RefQuery = z.strictObject({ ref: ScenarioRef.default('draft') });
export const DocumentQuery = RefQuery.extend({ format: z.enum(['json', 'yaml']).default('yaml') });

/** How often an open studio page says it is there; someone silent for PRESENCE_TIMEOUT_MS has left. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_TIMEOUT_MS = 45_000;

export const PresenceBody = z.strictObject({
  /** The draft revision this author's page holds. */
  revision: z.number().int().nonnegative().max(1e9),
});

export const PresenceView = z.object({
  author: Author,
  since: z.number(),
  lastSeen: z.number(),
  revision: z.number().int(),
  /** This is the caller. */
  you: z.boolean(),
});
export type PresenceView = z.infer<typeof PresenceView>;

// ---- MSEL exchange ------------------------------------------------------------------------------

/** What a spreadsheet column can fill in a timeline row. `status` and `type` only decide which rows are imported. */
export const MSEL_FIELDS = ['number', 'time', 'day', 'from', 'to', 'channel', 'subject', 'body', 'expectedActions', 'track', 'status', 'type'] as const;
export const MselField = z.enum(MSEL_FIELDS);
export type MselField = z.infer<typeof MselField>;

/** At most this many bytes of file; base64 makes it about a third longer. */
export const MSEL_FILE_BYTES = 2 * 1024 * 1024;

export const MselFile = z.strictObject({
  name: z.string().trim().min(1).max(200),
  format: z.enum(['csv', 'xlsx']),
  /** CSV: the text; XLSX: the file's bytes as base64. */
  content: z.string().min(1).max(Math.ceil((MSEL_FILE_BYTES * 4) / 3) + 4),
});
export type MselFile = z.infer<typeof MselFile>;

/** "09:00" */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write a time as "09:00"');

/**
 * How the time column reads: minutes after StartEx (`T+45`, `45`, `1:30`); story time, a time of
 * day (`0700`, `07:00`, `7:00 PM`, `Day 2 10:45`) with the day from the day column (a day number
 * or a date) or the sheet (one sheet per day); date-time groups (`2010-05-03 09:06`, `031506ZMAY10`,
 * spreadsheet dates); or no time at all, rows in their order some minutes apart.
 */
export const MselTime = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('elapsed') }),
  z.strictObject({
    kind: z.literal('story'),
    /** Where a row's day comes from when its time says none. */
    days: z.enum(['column', 'sheet', 'none']).default('column'),
    /** StartEx on day 1; default: the earliest row. */
    startex: ClockTime.optional(),
  }),
  z.strictObject({
    kind: z.literal('dtg'),
    /** "2010-05-03T09:00"; default: the earliest row. */
    startex: z
      .string()
      .regex(/^\d{4}-\d\d-\d\dT([01]\d|2[0-3]):[0-5]\d$/, 'write StartEx as "2010-05-03T09:00"')
      .optional(),
  }),
  z.strictObject({ kind: z.literal('sequence'), minutesApart: z.number().int().min(1).max(240).default(5) }),
]);
export type MselTime = z.infer<typeof MselTime>;

export const MselSheetChoice = z.strictObject({ name: z.string().min(1).max(100), headerRow: z.number().int().positive().max(1000) });

export const MselMapping = z.strictObject({
  /** The sheets to import, in the order of play, each with its header row. */
  sheets: z.array(MselSheetChoice).min(1).max(20),
  /** Field -> the header of the column that fills it (as the sheet writes it). */
  columns: z.partialRecord(MselField, z.string().max(300)),
  time: MselTime,
});
export type MselMapping = z.infer<typeof MselMapping>;

export const MselInspectBody = z.strictObject({ file: MselFile });
export const MselPreviewBody = z.strictObject({ file: MselFile, mapping: MselMapping });

export const MselImportBody = z.strictObject({
  file: MselFile,
  mapping: MselMapping,
  scenario: z.strictObject({
    id,
    title: shortText,
    language: z.enum(['en', 'lt']).default('en'),
    exerciseType: ExerciseType.default('tabletop'),
    functions: z.array(SecurityFunction).min(1).max(3).default(['response']),
  }),
  /** Import the other rows when some have errors (they are listed, not imported). */
  skipRowsWithErrors: z.boolean().default(false),
  /** Offer this mapping next time a file with the same headers comes: to you, to every author, or not. */
  remember: z.enum(['none', 'user', 'centre']).default('user'),
});
export type MselImportBody = z.infer<typeof MselImportBody>;

export const MselColumn = z.object({
  /** The spreadsheet's column letter. */
  letter: z.string(),
  header: z.string(),
  /** The first few values under the header. */
  samples: z.array(z.string()),
  /** The field proposed for it (remembered, or recognised by its header). */
  field: MselField.optional(),
});
export type MselColumn = z.infer<typeof MselColumn>;

export const MselSheet = z.object({
  name: z.string(),
  /** Rows with anything in them. */
  rows: z.number().int(),
  /** The row that looks most like the header. */
  headerRow: z.number().int(),
  columns: z.array(MselColumn),
});
export type MselSheet = z.infer<typeof MselSheet>;

export const MselInspection = z.object({
  sheets: z.array(MselSheet),
  /** A mapping to start from: remembered for these headers, or recognised. */
  proposal: MselMapping,
  remembered: z.object({ scope: z.enum(['user', 'centre']), savedBy: Author, savedAt: z.number() }).optional(),
});
export type MselInspection = z.infer<typeof MselInspection>;

/** One finding about a row or the file: `error` stops the row, `warning` says what was assumed, `info` why a row is left out. */
export const MselProblem = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  field: MselField.optional(),
});
export type MselProblem = z.infer<typeof MselProblem>;

/** A row as it would land in the timeline, in words (team and organisation names, not ids). */
export const MselInjectPreview = z.object({
  id: z.string(),
  number: z.number().optional(),
  /** "T+45" or "Day 2 10:45". */
  at: z.string(),
  minutes: z.number(),
  from: z.string(),
  to: z.array(z.string()),
  channel: z.string(),
  subject: z.string(),
  body: z.string(),
  expectedActions: z.array(z.string()),
  track: z.string().optional(),
  kind: z.enum(['standard', 'contingency', 'adaptive']),
});
export type MselInjectPreview = z.infer<typeof MselInjectPreview>;

export const MselPreviewRow = z.object({
  sheet: z.string(),
  row: z.number().int(),
  outcome: z.enum(['inject', 'skipped', 'error']),
  inject: MselInjectPreview.optional(),
  problems: z.array(MselProblem),
});
export type MselPreviewRow = z.infer<typeof MselPreviewRow>;

export const MselPreview = z.object({
  /** Every row under a header, imported or not. */
  rows: z.array(MselPreviewRow),
  /** Every problem, the rows' and the file's. */
  problems: z.array(MselProblem),
  teams: z.array(z.object({ id: z.string(), name: z.string(), agency: z.string() })),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  tracks: z.array(z.object({ id: z.string(), title: z.string() })),
  /** StartEx as read: "Day 1 09:00" (story, DTG) or "T+0". */
  startex: z.string(),
  counts: z.object({ rows: z.number().int(), injects: z.number().int(), skipped: z.number().int(), errors: z.number().int(), warnings: z.number().int() }),
});
export type MselPreview = z.infer<typeof MselPreview>;
