import type { ImprovementItem, LogEntry, ReportContent, ReportVersion, ReportVersionSummary, StatusChange } from '@startex/shared';
import type { ExerciseRecord } from './ExerciseStore.ts';

export interface StoredDraft {
  content: ReportContent;
  at: number;
  by: string;
}

export type ImprovementItemPatch = Partial<Omit<ImprovementItem, 'id' | 'exerciseId' | 'status' | 'history' | 'createdAt' | 'createdBy'>>;

/** An exercise with everything review keeps of it, written at once by an archive import. */
export interface ImportedExercise {
  exercise: ExerciseRecord;
  log: LogEntry[];
  draft: StoredDraft | null;
  versions: ReportVersion[];
  improvementPlan: ImprovementItem[];
}

/**
 * What review keeps, behind its own narrow interface (a part of Store, reached as store.review):
 * the AAR/IP draft, its finalised versions, and the improvement plan with its status history.
 * A finalised version is only ever inserted: no method changes or removes one.
 */
export interface ReviewStore {
  getDraft(exerciseId: string): Promise<StoredDraft | undefined>;
  saveDraft(exerciseId: string, draft: StoredDraft): Promise<void>;
  /** Freezes the content and improvement plan as the exercise's next version (1, 2, ...). */
  finalise(exerciseId: string, content: ReportContent, improvementPlan: ImprovementItem[], at: number, by: string): Promise<ReportVersion>;
  listVersions(exerciseId: string): Promise<ReportVersionSummary[]>;
  getVersion(exerciseId: string, version: number): Promise<ReportVersion | undefined>;
  /** Adds a row; its history must hold its creation. */
  addItem(item: ImprovementItem): Promise<void>;
  getItem(id: string): Promise<ImprovementItem | undefined>;
  updateItem(id: string, patch: ImprovementItemPatch, at: number): Promise<void>;
  /** Sets the status and keeps the change in the row's history, in one transaction. */
  changeStatus(id: string, change: StatusChange): Promise<void>;
  /** One exercise's rows, or every exercise's when omitted; oldest first. */
  listItems(exerciseId?: string): Promise<ImprovementItem[]>;
  /** Writes a whole exercise (record, log, report, plan) in one transaction: all of it or nothing. */
  importExercise(imported: ImportedExercise): Promise<void>;
}
