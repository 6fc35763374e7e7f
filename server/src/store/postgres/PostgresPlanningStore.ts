import { and, asc, eq } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { ExerciseSettings } from '@startex/shared';
import type { AgencyRecord, PersonChange, PersonRecord, PlanningStore, RosterChange } from '../PlanningStore.ts';
import { agencyRow, auditRow, membershipRow, personRow, toAgency, toPerson, userRow } from '../rows.ts';
import { agencies, exercisePeople, teamAgencies } from './planningSchema.ts';
import { agencyFocalPoints, calendarFeeds, needs, needSurveys, programmeRatings, trainees } from './programmeSchema.ts';
import { auditLog, exercises, memberships, users } from './schema.ts';

const schema = { agencies, exercisePeople, teamAgencies, exercises, users, memberships, auditLog };

/** The planning store on PostgreSQL: the same database as the log; migrations run in PostgresStore. */
export class PostgresPlanningStore implements PlanningStore {
  private readonly db: NodePgDatabase<typeof schema>;

  constructor(pool: pg.Pool) {
    this.db = drizzle(pool, { schema });
  }

  async updateSettings(exerciseId: string, settings: ExerciseSettings): Promise<void> {
    await this.db.update(exercises).set({ settingsJson: JSON.stringify(settings), title: settings.title, speed: settings.speed }).where(eq(exercises.id, exerciseId));
  }

  async listAgencies(): Promise<AgencyRecord[]> {
    return (await this.db.select().from(agencies).orderBy(asc(agencies.name))).map(toAgency);
  }

  async getAgency(id: string): Promise<AgencyRecord | undefined> {
    const [row] = await this.db.select().from(agencies).where(eq(agencies.id, id));
    return row && toAgency(row);
  }

  async saveAgency(agency: AgencyRecord): Promise<void> {
    const row = agencyRow(agency);
    await this.db.insert(agencies).values(row).onConflictDoUpdate({ target: agencies.id, set: { ...row, createdAt: undefined } });
  }

  async agencyInUse(id: string): Promise<boolean> {
    const mapped = await this.db.select({ id: teamAgencies.agencyId }).from(teamAgencies).where(eq(teamAgencies.agencyId, id)).limit(1);
    const person = await this.db.select({ id: exercisePeople.id }).from(exercisePeople).where(eq(exercisePeople.agencyId, id)).limit(1);
    // The preparedness programme's needs, surveys, focal points, trainees and ratings name agencies too.
    const programme = await Promise.all(
      [needs, needSurveys, agencyFocalPoints, trainees, programmeRatings, calendarFeeds].map(async (table) => (await this.db.select({ agencyId: table.agencyId }).from(table).where(eq(table.agencyId, id)).limit(1)).length > 0),
    );
    return mapped.length > 0 || person.length > 0 || programme.some(Boolean);
  }

  async deleteAgency(id: string): Promise<void> {
    await this.db.delete(agencies).where(eq(agencies.id, id));
  }

  async teamAgencies(exerciseId: string): Promise<Record<string, string>> {
    const rows = await this.db.select().from(teamAgencies).where(eq(teamAgencies.exerciseId, exerciseId));
    return Object.fromEntries(rows.map((r) => [r.teamId, r.agencyId]));
  }

  async setTeamAgencies(exerciseId: string, mapping: Record<string, string>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(teamAgencies).where(eq(teamAgencies.exerciseId, exerciseId));
      const rows = Object.entries(mapping).map(([teamId, agencyId]) => ({ exerciseId, teamId, agencyId }));
      if (rows.length > 0) await tx.insert(teamAgencies).values(rows);
    });
  }

  async listPeople(exerciseId: string): Promise<PersonRecord[]> {
    return (await this.db.select().from(exercisePeople).where(eq(exercisePeople.exerciseId, exerciseId)).orderBy(asc(exercisePeople.createdAt), asc(exercisePeople.name))).map(toPerson);
  }

  async addPeople(change: RosterChange): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const user of change.users) await tx.insert(users).values(userRow(user));
      for (const m of change.memberships) {
        const row = membershipRow(m);
        await tx.insert(memberships).values(row).onConflictDoUpdate({ target: [memberships.exerciseId, memberships.userId], set: { role: row.role, teamId: row.teamId } });
      }
      for (const person of change.people) await tx.insert(exercisePeople).values(personRow(person));
      for (const entry of change.audit) await tx.insert(auditLog).values(auditRow(entry));
    });
  }

  async updatePerson(change: PersonChange): Promise<void> {
    const { id, exerciseId, createdAt: _kept, ...fields } = personRow(change.person);
    await this.db.transaction(async (tx) => {
      for (const user of change.users) await tx.insert(users).values(userRow(user));
      await tx.update(exercisePeople).set(fields).where(and(eq(exercisePeople.exerciseId, exerciseId), eq(exercisePeople.id, id)));
      for (const entry of change.audit) await tx.insert(auditLog).values(auditRow(entry));
    });
  }

  async removePerson(exerciseId: string, personId: string): Promise<PersonRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(exercisePeople).where(and(eq(exercisePeople.exerciseId, exerciseId), eq(exercisePeople.id, personId))).for('update');
      if (!row) return undefined;
      await tx.delete(exercisePeople).where(eq(exercisePeople.id, personId));
      if (row.userId) await tx.delete(memberships).where(and(eq(memberships.exerciseId, exerciseId), eq(memberships.userId, row.userId)));
      return toPerson(row);
    });
  }
}
