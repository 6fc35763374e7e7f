import type { AuditEntry, ExerciseRole, ExerciseSettings, GlobalRole, LogEntry, ScenarioDocument } from '@startex/shared';
import type { PlanningStore } from './PlanningStore.ts';
import type { ProgrammeStore } from './ProgrammeStore.ts';
import type { ReviewStore } from './ReviewStore.ts';
import type { StudioStore } from './StudioStore.ts';

export interface ExerciseRecord {
  id: string;
  title: string;
  /** Pinned copy: later edits to the library never change a planned or played exercise. */
  scenario: ScenarioDocument;
  speed: number;
  createdAt: number;
  /**
   * The plan (date, start, speed, scenario start, ...). Absent on exercises made before planning;
   * read it through exerciseSettings() (server/src/planning/settings.ts), which fills in defaults.
   * `speed` above always equals settings.speed.
   */
  settings?: ExerciseSettings | undefined;
}

/** A join code: a tablet bound to one team, or a read-only wall display. */
export interface AccessGrant {
  token: string;
  exerciseId: string;
  role: 'participant' | 'observer';
  teamId?: string | undefined;
  createdAt: number;
  expiresAt?: number | undefined;
  revokedAt?: number | undefined;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: GlobalRole[];
  createdAt: number;
  disabledAt?: number | undefined;
  /** The password was generated for the person: they must set their own before anything else. */
  passwordChangeRequired?: boolean | undefined;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface Membership {
  exerciseId: string;
  userId: string;
  role: ExerciseRole;
  teamId?: string | undefined;
}

/** A line of the audit trail: shared, since administrators read it over REST. */
export type { AuditEntry };

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
  createExercise(exercise: ExerciseRecord): Promise<void>;
  getExercise(id: string): Promise<ExerciseRecord | undefined>;
  listExercises(): Promise<ExerciseRecord[]>;
  findGrant(token: string): Promise<AccessGrant | undefined>;
  listGrants(exerciseId: string): Promise<AccessGrant[]>;
  createGrant(grant: AccessGrant): Promise<void>;
  revokeGrant(token: string, at: number): Promise<void>;
  /**
   * Appends entries atomically and durably: when the promise resolves they are on disk; when
   * it rejects none of them is. Sequence numbers must continue the exercise's log without a gap.
   */
  append(entries: LogEntry[]): Promise<void>;
  /** The committed log; waits for appends already asked for, so it never misses one made before the read. */
  readLog(exerciseId: string, afterSeq?: number): Promise<LogEntry[]>;
  /**
   * Ids of the exercises in play: their log has `exercise.started` and, after it, no
   * `exercise.ended` (live, paused or halted). A restart resumes these; the others load on first use.
   */
  exercisesInPlay(): Promise<string[]>;
  /** Stores an uploaded scenario as the next version of its id. */
  saveScenario(document: ScenarioDocument): Promise<StoredScenario>;
  /** The given version of an uploaded scenario, or its latest. */
  getScenario(id: string, version?: number): Promise<StoredScenario | undefined>;
  /** The latest version of every uploaded scenario. */
  listScenarios(): Promise<StoredScenario[]>;
  close(): Promise<void>;
}

/** People, their sessions and roles, and the audit trail: the other half of what StartEx keeps. */
export interface IdentityStore {
  createUser(user: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void>;
  countUsers(): Promise<number>;
  createSession(session: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  setMembership(membership: Membership): Promise<void>;
  removeMembership(exerciseId: string, userId: string): Promise<void>;
  listMemberships(exerciseId: string): Promise<Membership[]>;
  membershipsOf(userId: string): Promise<Membership[]>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
}

export type Store = ExerciseStore &
  IdentityStore & {
    /** Agencies, people lists, exercise settings: preparing an exercise. */
    readonly planning: PlanningStore;
    /** Ratings, reports, improvement plans and corrective actions: after play. */
    readonly review: ReviewStore;
    /** Needs, the preparedness plan, training, and what finalised exercises fed back. */
    readonly programme: ProgrammeStore;
    /** Scenario drafts and their revisions, who published which version, remembered MSEL mappings. */
    readonly studio: StudioStore;
  };
