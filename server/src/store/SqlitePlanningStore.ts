import type Database from 'better-sqlite3';
import { and, asc, eq } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { ExerciseSettings } from '@startex/shared';
import type { AgencyRecord, PersonChange, PersonRecord, PlanningStore, RosterChange } from './PlanningStore.ts';
import { agencies, exercisePeople, teamAgencies } from './planningSchema.ts';
import { agencyRow, auditRow, membershipRow, personRow, toAgency, toPerson, userRow } from './rows.ts';
import { agencyFocalPoints, calendarFeeds, needs, needSurveys, programmeRatings, trainees } from './programmeSchema.ts';
import { auditLog, exercises, memberships, users } from './schema.ts';

const schema = { agencies, exercisePeople, teamAgencies, exercises, users, memberships, auditLog };

/** The embedded planning store: the same SQLite file as the log; migrations run in SqliteStore. */
export class SqlitePlanningStore implements PlanningStore {
  private readonly db: BetterSQLite3Database<typeof schema>;

  constructor(sqlite: Database.Database) {
    this.db = drizzle(sqlite, { schema });
  }

  async updateSettings(exerciseId: string, settings: ExerciseSettings): Promise<void> {
    this.db
      .update(exercises)
      .set({ settingsJson: JSON.stringify(settings), title: settings.title, speed: settings.speed })
      .where(eq(exercises.id, exerciseId))
      .run();
  }

  async listAgencies(): Promise<AgencyRecord[]> {
    return this.db.select().from(agencies).orderBy(asc(agencies.name)).all().map(toAgency);
  }

  async getAgency(id: string): Promise<AgencyRecord | undefined> {
    const row = this.db.select().from(agencies).where(eq(agencies.id, id)).get();
    return row && toAgency(row);
  }

  async saveAgency(agency: AgencyRecord): Promise<void> {
    const row = agencyRow(agency);
    this.db.insert(agencies).values(row).onConflictDoUpdate({ target: agencies.id, set: { ...row, createdAt: undefined } }).run();
  }

  async agencyInUse(id: string): Promise<boolean> {
    const mapped = this.db.select({ id: teamAgencies.agencyId }).from(teamAgencies).where(eq(teamAgencies.agencyId, id)).limit(1).get();
    const person = this.db.select({ id: exercisePeople.id }).from(exercisePeople).where(eq(exercisePeople.agencyId, id)).limit(1).get();
    // The preparedness programme's needs, surveys, focal points, trainees and ratings name agencies too.
    const programme = [needs, needSurveys, agencyFocalPoints, trainees, programmeRatings, calendarFeeds].some((table) => this.db.select({ agencyId: table.agencyId }).from(table).where(eq(table.agencyId, id)).limit(1).get() !== undefined);
    return mapped !== undefined || person !== undefined || programme;
  }

  async deleteAgency(id: string): Promise<void> {
    this.db.delete(agencies).where(eq(agencies.id, id)).run();
  }

  async teamAgencies(exerciseId: string): Promise<Record<string, string>> {
    const rows = this.db.select().from(teamAgencies).where(eq(teamAgencies.exerciseId, exerciseId)).all();
    return Object.fromEntries(rows.map((r) => [r.teamId, r.agencyId]));
  }

  async setTeamAgencies(exerciseId: string, mapping: Record<string, string>): Promise<void> {
    this.db.transaction((tx) => {
      tx.delete(teamAgencies).where(eq(teamAgencies.exerciseId, exerciseId)).run();
      for (const [teamId, agencyId] of Object.entries(mapping)) tx.insert(teamAgencies).values({ exerciseId, teamId, agencyId }).run();
    });
  }

  async listPeople(exerciseId: string): Promise<PersonRecord[]> {
    return this.db.select().from(exercisePeople).where(eq(exercisePeople.exerciseId, exerciseId)).orderBy(asc(exercisePeople.createdAt), asc(exercisePeople.name)).all().map(toPerson);
  }

  async addPeople(change: RosterChange): Promise<void> {
    this.db.transaction((tx) => {
      for (const user of change.users) tx.insert(users).values(userRow(user)).run();
      for (const m of change.memberships) {
        const row = membershipRow(m);
        tx.insert(memberships).values(row).onConflictDoUpdate({ target: [memberships.exerciseId, memberships.userId], set: { role: row.role, teamId: row.teamId } }).run();
      }
      for (const person of change.people) tx.insert(exercisePeople).values(personRow(person)).run();
      for (const entry of change.audit) tx.insert(auditLog).values(auditRow(entry)).run();
    });
  }

  async updatePerson(change: PersonChange): Promise<void> {
    const { id, exerciseId, createdAt: _kept, ...fields } = personRow(change.person);
    this.db.transaction((tx) => {
      for (const user of change.users) tx.insert(users).values(userRow(user)).run();
      tx.update(exercisePeople).set(fields).where(and(eq(exercisePeople.exerciseId, exerciseId), eq(exercisePeople.id, id))).run();
      for (const entry of change.audit) tx.insert(auditLog).values(auditRow(entry)).run();
    });
  }

  async removePerson(exerciseId: string, personId: string): Promise<PersonRecord | undefined> {
    return this.db.transaction((tx) => {
      const row = tx.select().from(exercisePeople).where(and(eq(exercisePeople.exerciseId, exerciseId), eq(exercisePeople.id, personId))).get();
      if (!row) return undefined;
      tx.delete(exercisePeople).where(eq(exercisePeople.id, personId)).run();
      if (row.userId) tx.delete(memberships).where(and(eq(memberships.exerciseId, exerciseId), eq(memberships.userId, row.userId))).run();
      return toPerson(row);
    });
  }
}
