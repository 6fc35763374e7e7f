import { randomUUID } from 'node:crypto';
import { BIDI_MESSAGE, Email, ExerciseRole, stripBidiControls, type ImportProblem, type NewAccount, type PersonView, type ScenarioDocument } from '@startex/shared';
import { generatedPassword, hashPassword } from '../auth/secrets.ts';
import type { Membership, Store, UserRecord } from '../store/ExerciseStore.ts';
import type { AgencyRecord, PersonRecord } from '../store/PlanningStore.ts';
import type { FileRow } from './participantFile.ts';

/** A person as written on a list or a form, before it is checked. */
export interface Candidate {
  row: number;
  name?: string | undefined;
  email?: string | undefined;
  role?: string | undefined;
  /** Agency name or id. */
  agency?: string | undefined;
  /** Team id or name. */
  team?: string | undefined;
  /** Evaluators: objective titles and team names separated by ";" (or ids separated by spaces, commas or ";"). */
  covers?: string | undefined;
}

interface Checked {
  row: number;
  person: Omit<PersonRecord, 'id' | 'userId' | 'createdAt'>;
}

export const candidateOfRow = (row: FileRow): Candidate => ({ row: row.row, ...row.values });

const STAFF = new Set<ExerciseRole>(['director', 'controller', 'evaluator', 'observer']);

/**
 * Checks every candidate against the scenario, the agency directory, each other and the exercise's
 * roster and roles, and lists every problem with its row. Nothing is saved here.
 */
export async function checkRoster(
  store: Store,
  exerciseId: string,
  scenario: ScenarioDocument,
  candidates: Candidate[],
  /** The person an edit replaces: their own e-mail and account are not duplicates. */
  replacing?: PersonRecord,
): Promise<{ problems: ImportProblem[]; checked: Checked[] }> {
  const agencies = await store.planning.listAgencies();
  const roster = (await store.planning.listPeople(exerciseId)).filter((p) => p.id !== replacing?.id);
  const members = new Set((await store.listMemberships(exerciseId)).map((m) => m.userId).filter((id) => id !== replacing?.userId));
  const onRoster = new Set(roster.map((p) => p.email));
  const firstRow = new Map<string, number>();
  const problems: ImportProblem[] = [];
  const checked: Checked[] = [];

  for (const c of candidates) {
    const problem = (column: string, code: ImportProblem['code'], message: string) => problems.push({ row: c.row, column, code, message });
    const before = problems.length;
    const name = c.name?.trim() ?? '';
    if (!name) problem('name', 'MISSING_VALUE', 'The name is empty.');
    else if (name.length > 120) problem('name', 'VALIDATION_FAILED', 'The name is longer than 120 characters.');
    else if (stripBidiControls(name) !== name) problem('name', 'VALIDATION_FAILED', `The name ${BIDI_MESSAGE}.`);

    let email = '';
    if (!c.email?.trim()) problem('email', 'MISSING_VALUE', 'The e-mail address is empty.');
    else {
      const parsed = Email.safeParse(c.email);
      if (!parsed.success) problem('email', 'INVALID_EMAIL', `"${c.email.trim().slice(0, 80)}" is not a valid e-mail address (at most 64 characters).`);
      else {
        email = parsed.data;
        const earlier = firstRow.get(email);
        if (earlier !== undefined) problem('email', 'DUPLICATE_PERSON', `${email} is also on row ${earlier}.`);
        else firstRow.set(email, c.row);
        if (onRoster.has(email)) problem('email', 'DUPLICATE_PERSON', `${email} is already on this exercise's roster.`);
        else {
          const account = await store.findUserByUsername(email);
          if (account && members.has(account.id)) problem('email', 'DUPLICATE_PERSON', `The account ${email} already has a role in this exercise.`);
        }
      }
    }

    const roleText = c.role?.trim().toLowerCase() ?? '';
    const role = ExerciseRole.safeParse(roleText);
    if (!roleText) problem('role', 'MISSING_VALUE', 'The role is empty.');
    else if (!role.success) problem('role', 'UNKNOWN_ROLE', `"${roleText.slice(0, 40)}" is not a role: use ${ExerciseRole.options.join(', ')}.`);

    const agency = c.agency?.trim() ? findAgency(agencies, c.agency) : undefined;
    if (c.agency?.trim() && !agency) problem('agency', 'UNKNOWN_AGENCY', `No agency "${c.agency.trim().slice(0, 120)}" in the directory.`);

    const team = c.team?.trim() ? findTeam(scenario, c.team) : undefined;
    if (c.team?.trim() && !team) problem('team', 'UNKNOWN_TEAM', `The scenario has no team "${c.team.trim().slice(0, 64)}" (teams: ${scenario.teams.map((t) => t.name).join('; ')}).`);
    if (role.success && role.data === 'participant' && !c.team?.trim()) problem('team', 'MISSING_VALUE', 'A participant needs a team.');

    const covers = { objectives: [] as string[], teams: [] as string[] };
    for (const found of coverage(scenario, c.covers ?? '')) {
      switch (found.kind) {
        case 'objective':
          covers.objectives.push(found.id);
          break;
        case 'team':
          covers.teams.push(found.id);
          break;
        case 'unknown':
          problem('covers', 'UNKNOWN_OBJECTIVE', `"${found.text.slice(0, 120)}" is neither an objective nor a team of the scenario.`);
          break;
        default: {
          const exhaustive: never = found;
          return exhaustive;
        }
      }
    }
    const isEvaluator = role.success && role.data === 'evaluator';
    if (!isEvaluator && (covers.objectives.length > 0 || covers.teams.length > 0)) problem('covers', 'VALIDATION_FAILED', 'Only evaluators cover objectives and teams.');

    if (problems.length === before && role.success) {
      checked.push({
        row: c.row,
        person: {
          exerciseId,
          name,
          email,
          role: role.data,
          ...(agency ? { agencyId: agency.id } : {}),
          ...(team ? { teamId: team } : {}),
          ...(isEvaluator ? { covers } : {}),
        },
      });
    }
  }
  return { problems, checked };
}

/**
 * Saves checked people in one transaction. Staff get the exercise role on the account whose
 * username is their e-mail, made with a generated password when none exists: the password is
 * returned once, for the planner to hand over, and only its hash is kept.
 */
export async function saveRoster(store: Store, actor: string, exerciseId: string, checked: Checked[]): Promise<{ people: PersonRecord[]; accounts: NewAccount[]; linked: string[] }> {
  const now = Date.now();
  const people: PersonRecord[] = [];
  const users: UserRecord[] = [];
  const memberships: Membership[] = [];
  const accounts: NewAccount[] = [];
  const linked: string[] = [];
  for (const { person } of checked) {
    let userId: string | undefined;
    if (STAFF.has(person.role)) {
      const existing = await store.findUserByUsername(person.email);
      if (existing) {
        userId = existing.id;
        linked.push(existing.username);
      } else {
        const password = generatedPassword();
        userId = randomUUID();
        users.push({ id: userId, username: person.email, displayName: person.name, passwordHash: await hashPassword(password), roles: [], createdAt: now, passwordChangeRequired: true });
        accounts.push({ username: person.email, password });
      }
      memberships.push({ exerciseId, userId, role: person.role });
    }
    people.push({ ...person, id: randomUUID(), createdAt: now, ...(userId ? { userId } : {}) });
  }
  await store.planning.addPeople({
    people,
    users,
    memberships,
    audit: [
      ...users.map((u) => ({ at: now, actor, action: 'user.created', target: u.username, details: { roles: [], by: 'roster' } })),
      ...memberships.map((m) => ({ at: now, actor, action: 'membership.set', target: exerciseId, details: { userId: m.userId, role: m.role } })),
      { at: now, actor, action: 'roster.added', target: exerciseId, details: { people: people.length } },
    ],
  });
  return { people, accounts, linked };
}

/**
 * Writes an edited person: an account (generated password, shown once) for someone who becomes
 * staff, none kept for someone who becomes a participant. Says which exercise role to set or remove.
 */
export async function updateRosterPerson(
  store: Store,
  actor: string,
  before: PersonRecord,
  checked: Checked['person'],
): Promise<{ person: PersonRecord; accounts: NewAccount[]; role: { set: Membership } | { remove: string } | undefined }> {
  const now = Date.now();
  const users: UserRecord[] = [];
  const accounts: NewAccount[] = [];
  let userId: string | undefined;
  if (STAFF.has(checked.role)) {
    userId = before.userId ?? (await store.findUserByUsername(before.email))?.id;
    if (!userId) {
      const password = generatedPassword();
      userId = randomUUID();
      users.push({ id: userId, username: before.email, displayName: checked.name, passwordHash: await hashPassword(password), roles: [], createdAt: now, passwordChangeRequired: true });
      accounts.push({ username: before.email, password });
    }
  }
  const person: PersonRecord = { ...checked, id: before.id, createdAt: before.createdAt, ...(userId ? { userId } : {}) };
  const changed = (['name', 'role', 'agencyId', 'teamId', 'covers'] as const).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(person[field]));
  await store.planning.updatePerson({
    person,
    users,
    audit: [
      ...users.map((u) => ({ at: now, actor, action: 'user.created', target: u.username, details: { roles: [], by: 'roster' } })),
      { at: now, actor, action: 'person.updated', target: before.exerciseId, details: { personId: before.id, fields: changed, role: person.role } },
    ],
  });
  const role = userId
    ? before.role !== person.role || before.userId !== userId
      ? { set: { exerciseId: before.exerciseId, userId, role: person.role } }
      : undefined
    : before.userId
      ? { remove: before.userId }
      : undefined;
  return { person, accounts, role };
}

export const personView = (p: PersonRecord): PersonView => ({
  id: p.id,
  exerciseId: p.exerciseId,
  name: p.name,
  email: p.email,
  role: p.role,
  ...(p.agencyId ? { agencyId: p.agencyId } : {}),
  ...(p.teamId ? { teamId: p.teamId } : {}),
  ...(p.covers ? { covers: p.covers } : {}),
  ...(p.userId ? { userId: p.userId } : {}),
  createdAt: p.createdAt,
});

function findAgency(agencies: AgencyRecord[], text: string): AgencyRecord | undefined {
  const wanted = text.trim().toLowerCase();
  return agencies.find((a) => a.id === text.trim() || a.name.toLowerCase() === wanted);
}

type Covered = { kind: 'objective' | 'team'; id: string } | { kind: 'unknown'; text: string };

/**
 * What a covers cell names: objective titles and team names separated by ";" (as the planning
 * page shows them), or the older form, ids separated by spaces, commas or ";".
 */
function coverage(scenario: ScenarioDocument, text: string): Covered[] {
  const byName = (part: string): Covered | undefined => {
    const wanted = part.toLowerCase();
    const objective = scenario.objectives.find((o) => o.title.toLowerCase() === wanted || o.id === part);
    if (objective) return { kind: 'objective', id: objective.id };
    const team = scenario.teams.find((t) => t.name.toLowerCase() === wanted || t.id === part);
    return team ? { kind: 'team', id: team.id } : undefined;
  };
  const parts = text.split(/[;\n]/).map((part) => part.trim()).filter(Boolean);
  return parts.flatMap((part): Covered[] => {
    const named = byName(part);
    if (named) return [named];
    const tokens = part.split(/[\s,]+/).filter(Boolean).map(byName);
    // Ids of the older form, all known; otherwise the whole part is one name nobody has.
    return tokens.every((t) => t !== undefined) ? (tokens as Covered[]) : [{ kind: 'unknown', text: part }];
  });
}

function findTeam(scenario: ScenarioDocument, text: string): string | undefined {
  const wanted = text.trim().toLowerCase();
  return scenario.teams.find((t) => t.id === text.trim() || t.name.toLowerCase() === wanted)?.id;
}
