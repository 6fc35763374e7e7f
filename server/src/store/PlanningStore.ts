import type { AgencyView, EvaluatorCoverage, ExerciseRole, ExerciseSettings } from '@startex/shared';
import type { AuditEntry, Membership, UserRecord } from './ExerciseStore.ts';

export type AgencyRecord = AgencyView;

export interface PersonRecord {
  id: string;
  exerciseId: string;
  name: string;
  email: string;
  role: ExerciseRole;
  agencyId?: string | undefined;
  teamId?: string | undefined;
  covers?: EvaluatorCoverage | undefined;
  userId?: string | undefined;
  createdAt: number;
}

/** Everything one roster change writes, applied in one transaction: all of it or none. */
export interface RosterChange {
  people: PersonRecord[];
  /** New accounts for staff without one (password hashes only). */
  users: UserRecord[];
  memberships: Membership[];
  audit: AuditEntry[];
}

/** One person edited, in one transaction: the new record, an account if they became staff, and the audit entry. */
export interface PersonChange {
  person: PersonRecord;
  users: UserRecord[];
  audit: AuditEntry[];
}

/** What planning keeps, behind its own narrow interface (a part of Store, reached as store.planning). */
export interface PlanningStore {
  updateSettings(exerciseId: string, settings: ExerciseSettings): Promise<void>;
  listAgencies(): Promise<AgencyRecord[]>;
  getAgency(id: string): Promise<AgencyRecord | undefined>;
  /** Inserts or replaces an agency. */
  saveAgency(agency: AgencyRecord): Promise<void>;
  /** Whether a team mapping, a person or a programme row (need, survey, focal point, trainee, rating, calendar feed) names the agency. */
  agencyInUse(id: string): Promise<boolean>;
  deleteAgency(id: string): Promise<void>;
  /** Team id -> agency id. */
  teamAgencies(exerciseId: string): Promise<Record<string, string>>;
  /** Replaces the exercise's whole mapping. */
  setTeamAgencies(exerciseId: string, mapping: Record<string, string>): Promise<void>;
  listPeople(exerciseId: string): Promise<PersonRecord[]>;
  addPeople(change: RosterChange): Promise<void>;
  /** Replaces a person's record (same id and exercise), with new accounts and audit entries. */
  updatePerson(change: PersonChange): Promise<void>;
  /** Removes the person and, for staff, their role in the exercise. */
  removePerson(exerciseId: string, personId: string): Promise<PersonRecord | undefined>;
}
