import type { LogEntry, ScenarioDocument, ViewerRole } from '@startex/shared';

export interface ExerciseRecord {
  id: string;
  title: string;
  /** Pinned copy: later edits to the library never change a planned or played exercise. */
  scenario: ScenarioDocument;
  speed: number;
  createdAt: number;
}

export interface AccessGrant {
  token: string;
  exerciseId: string;
  role: ViewerRole;
  teamId?: string | undefined;
}

export interface StoredScenario {
  document: ScenarioDocument;
  version: number;
  createdAt: number;
}

/**
 * Everything StartEx keeps, behind one narrow interface so another database can take the
 * embedded SQLite's place. Methods are async for that reason even though SQLite answers at once.
 */
export interface ExerciseStore {
  createExercise(exercise: ExerciseRecord, grants: AccessGrant[]): Promise<void>;
  getExercise(id: string): Promise<ExerciseRecord | undefined>;
  listExercises(): Promise<ExerciseRecord[]>;
  findGrant(token: string): Promise<AccessGrant | undefined>;
  listGrants(exerciseId: string): Promise<AccessGrant[]>;
  /**
   * Appends entries atomically and durably: when the promise resolves they are on disk; when
   * it rejects none of them is. Sequence numbers must continue the exercise's log without a gap.
   */
  append(entries: LogEntry[]): Promise<void>;
  readLog(exerciseId: string, afterSeq?: number): Promise<LogEntry[]>;
  /** Stores an uploaded scenario as the next version of its id. */
  saveScenario(document: ScenarioDocument): Promise<StoredScenario>;
  /** The given version of an uploaded scenario, or its latest. */
  getScenario(id: string, version?: number): Promise<StoredScenario | undefined>;
  /** The latest version of every uploaded scenario. */
  listScenarios(): Promise<StoredScenario[]>;
  close(): Promise<void>;
}
