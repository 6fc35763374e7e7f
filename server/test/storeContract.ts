import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type ExerciseSettings, type ImprovementItem, type LogEntry, type ReportContent } from '@startex/shared';
import { LIBRARY } from '@startex/scenarios';
import type { Store, UserRecord } from '../src/store/ExerciseStore.ts';
import type { AgencyRecord, PersonRecord } from '../src/store/PlanningStore.ts';
import type { DraftSave } from '../src/store/StudioStore.ts';

const entry = (exerciseId: string, seq: number, extra: Partial<LogEntry> = {}): LogEntry =>
  ({
    exerciseId,
    seq,
    wallTime: 1_700_000_000_000 + seq,
    exerciseTimeMs: seq * 1000,
    scenarioTimeMs: 9 * 3_600_000 + seq * 1000,
    actor: { kind: 'system' },
    type: 'state.entered',
    states: [`s${seq}`],
    ...extra,
  }) as LogEntry;

const user = (id: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  id,
  username: id,
  displayName: `Person ${id}`,
  passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${id}`,
  roles: [],
  createdAt: 1_700_000_000_000,
  ...extra,
});

const settings: ExerciseSettings = {
  title: 'Border alarm drill',
  date: '2026-12-03',
  startTime: '09:30',
  scenarioStartMs: 9_000_000,
  speed: 2,
  timeZone: 'Europe/Vilnius',
  language: 'lt',
  exerciseType: 'tabletop',
  locations: ['Vilkupiai customs post'],
  requireCommsCheck: true,
};

const agency = (id: string, name: string): AgencyRecord => ({
  id,
  name,
  type: 'customs',
  functions: ['detection'],
  contacts: [{ name: 'Duty officer', phone: '+370 5 000 0000' }],
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
});

const person = (id: string, exerciseId: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  id,
  exerciseId,
  name: `Person ${id}`,
  email: `${id}@example.lt`,
  role: 'participant',
  createdAt: 1_700_000_000_000,
  ...extra,
});

const report = (summary: string): ReportContent => ({
  schemaVersion: REPORT_SCHEMA_VERSION,
  overview: { exerciseName: 'Border alarm drill', exerciseType: 'tabletop', dates: '3 December 2026', scope: 'One lane', objectives: ['Verify the alarm'], participants: ['Customs'] },
  executiveSummary: summary,
  capabilities: [],
});

const item = (id: string, exerciseId: string, createdAt: number): ImprovementItem => ({
  id,
  exerciseId,
  capability: 'Protect officers and the public',
  issue: 'No cordon was set around the truck',
  recommendation: 'Train the 30 m cordon',
  correctiveAction: 'Add a cordon drill to the refresher course',
  capabilityElement: 'training',
  responsibleAgency: 'Customs post Vilkupiai',
  pointOfContact: 'Shift supervisor',
  startDate: '2026-12-01',
  dueDate: '2027-03-31',
  status: 'open',
  createdAt,
  createdBy: 'evaluator',
  updatedAt: createdAt,
  history: [{ at: createdAt, by: 'evaluator', from: null, to: 'open', comment: 'Created' }],
});

/** A fresh store of one kind, and ways to reach its data from outside it. */
export interface ContractStore {
  store: Store;
  /** The same data, opened again: after the first was closed (what survives), or while it is still open (another process or node on the same database). */
  reopen: () => Promise<Store>;
  /** Removes an exercise's entries after `seq` behind the stores' backs, as a database restored to an earlier moment would have lost them. */
  rewind: (exerciseId: string, seq: number) => Promise<void>;
}

/** The behaviour every Store must have, rule by rule, run against each database StartEx can keep its data in. */
export function storeContract(name: string, open: () => Promise<ContractStore>) {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  /** A fresh store, and another on the same data, both closed after the rule. */
  const fresh = async () => {
    const { store, reopen, rewind } = await open();
    opened.push(store);
    return {
      store,
      rewind,
      reopen: async () => {
        const again = await reopen();
        opened.push(again);
        return again;
      },
    };
  };
  const withExercises = async (store: Store, ...ids: string[]) => {
    for (const id of ids) await store.createExercise({ id, title: id, scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
  };
  const seqs = async (store: Store, exerciseId: string) => (await store.readLog(exerciseId)).map((e) => e.seq);

  describe(`Store contract: ${name}`, () => {
    describe('the event log', () => {
      it('1. returns appended entries in seq order with every field intact', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        const entries = [
          entry('a', 1),
          entry('a', 2, { type: 'exercise.paused', actor: { kind: 'controller', id: 'c1' } } as Partial<LogEntry>),
          entry('a', 3, { type: 'note.added', text: 'Quotes " \\ and a NUL \u0000 and ą č ę, kept as written', actor: { kind: 'controller', id: 'c1' } } as Partial<LogEntry>),
        ];
        await store.append(entries);
        expect(await store.readLog('a')).toEqual(entries);
      });

      it('2. commits appends of the same moment together and resolves them in order', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        const order: number[] = [];
        await Promise.all([1, 2, 3, 4].map((seq) => store.append([entry('a', seq)]).then(() => order.push(seq))));
        expect(order).toEqual([1, 2, 3, 4]);
        expect(await seqs(store, 'a')).toEqual([1, 2, 3, 4]);
      });

      it('3. refuses a batch that leaves a gap or repeats a seq, writing none of it, and keeps the others', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a', 'b');
        await store.append([entry('a', 1)]);
        const results = await Promise.allSettled([store.append([entry('a', 3), entry('a', 4)]), store.append([entry('b', 1)]), store.append([entry('a', 1)])]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
        expect(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []))).toEqual([
          'Log gap: a continues at seq 2, batch has 3',
          'Log conflict: a already has seq 1',
        ]);
        expect(await seqs(store, 'a')).toEqual([1]);
        expect(await seqs(store, 'b')).toEqual([1]);
        await store.append([entry('a', 2)]);
        expect(await seqs(store, 'a')).toEqual([1, 2]);
      });

      it('4. reads only what comes after a given seq', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        await store.append([1, 2, 3, 4, 5].map((seq) => entry('a', seq)));
        expect((await store.readLog('a', 3)).map((e) => e.seq)).toEqual([4, 5]);
        expect(await store.readLog('a', 5)).toEqual([]);
      });

      it('5. keeps each exercise its own log', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a', 'b');
        await Promise.all([store.append([entry('a', 1), entry('a', 2)]), store.append([entry('b', 1)])]);
        expect((await store.readLog('a')).map((e) => `${e.exerciseId}${e.seq}`)).toEqual(['a1', 'a2']);
        expect((await store.readLog('b')).map((e) => `${e.exerciseId}${e.seq}`)).toEqual(['b1']);
      });

      it('6. keeps what was committed across closing and opening again', async () => {
        const { store, reopen } = await fresh();
        await withExercises(store, 'a');
        await store.append([entry('a', 1), entry('a', 2)]);
        await store.close();
        const again = await reopen();
        expect(await seqs(again, 'a')).toEqual([1, 2]);
        await again.append([entry('a', 3)]);
        expect(await seqs(again, 'a')).toEqual([1, 2, 3]);
      });

      it('7. numbers uploaded scenario versions from 1 per id', async () => {
        const { store } = await fresh();
        const document = { ...LIBRARY.demo!, id: 'upload' };
        expect((await store.saveScenario(document)).version).toBe(1);
        expect((await store.saveScenario({ ...document, title: 'Second' })).version).toBe(2);
        expect((await store.getScenario('upload'))?.document.title).toBe('Second');
        expect((await store.getScenario('upload', 1))?.document.title).toBe(document.title);
        expect((await store.listScenarios()).map((s) => [s.document.id, s.version])).toEqual([['upload', 2]]);
      });

      it('8. two writers on one database racing for the same seq: exactly one wins, the other is refused, the log stays gapless', async () => {
        const { store: first, reopen } = await fresh();
        const second = await reopen();
        await withExercises(first, 'a');
        await first.append([entry('a', 1)]);
        const mine = entry('a', 2, { type: 'note.added', text: 'first writer', actor: { kind: 'controller', id: 'c1' } } as Partial<LogEntry>);
        const theirs = entry('a', 2, { type: 'note.added', text: 'second writer', actor: { kind: 'controller', id: 'c2' } } as Partial<LogEntry>);
        const results = await Promise.allSettled([first.append([mine]), second.append([theirs])]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = results.find((r) => r.status === 'rejected')!;
        expect((refused.reason as Error).message).toBe('Log conflict: a already has seq 2');
        const winner = results[0]!.status === 'fulfilled' ? mine : theirs;
        expect(await first.readLog('a')).toEqual([entry('a', 1), winner]);
        expect(await second.readLog('a')).toEqual([entry('a', 1), winner]);
      });

      it('9. a writer that missed the other writer\'s appends is refused, writing none of its batch, and the batches beside it in its group are written', async () => {
        const { store: first, reopen } = await fresh();
        const second = await reopen();
        await withExercises(first, 'a', 'b');
        // Both have written to `a`, so each knows where its log stood; then the second moves it on.
        await first.append([entry('a', 1)]);
        await second.append([entry('a', 2)]);
        await second.append([entry('a', 3)]);
        const results = await Promise.allSettled([first.append([entry('a', 2), entry('a', 3), entry('a', 4)]), first.append([entry('b', 1)])]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
        expect(((results[0] as PromiseRejectedResult).reason as Error).message).toBe('Log conflict: a already has seq 2');
        expect(await seqs(first, 'a')).toEqual([1, 2, 3]);
        expect(await seqs(first, 'b')).toEqual([1]);
        // Having read the log, the first writer continues it.
        await first.append([entry('a', 4)]);
        expect(await seqs(second, 'a')).toEqual([1, 2, 3, 4]);
      });

      it('10. many appends from two writers at once: every seq written once, by the writer whose append resolved', async () => {
        const { store: first, reopen } = await fresh();
        const second = await reopen();
        await withExercises(first, 'a');
        const writers = [first, second];
        const won = new Map<number, number>();
        // Each writer tries the next seq it knows of until 40 seqs are taken between them.
        await Promise.all(
          writers.map(async (writer, w) => {
            while (won.size < 40) {
              const next = (await writer.readLog('a')).length + 1;
              const attempt = entry('a', next, { type: 'note.added', text: `writer ${w}`, actor: { kind: 'system' } } as Partial<LogEntry>);
              await writer.append([attempt]).then(
                () => won.set(next, w),
                (error: Error) => expect(error.message).toMatch(/^Log conflict: a already has seq \d+$/),
              );
            }
          }),
        );
        const log = await first.readLog('a');
        expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
        // Each seq was acknowledged to one writer, and holds that writer's entry.
        expect([...won.keys()].sort((x, y) => x - y)).toEqual(log.map((e) => e.seq));
        for (const [seq, w] of won) expect(log[seq - 1]).toMatchObject({ type: 'note.added', text: `writer ${w}` });
      });

      it('11. a log that lost its last entries under the store (a database restored to an earlier moment) is continued where it now ends, never with a gap', async () => {
        const { store, rewind } = await fresh();
        await withExercises(store, 'a');
        await store.append([entry('a', 1), entry('a', 2), entry('a', 3)]);
        await rewind('a', 1);
        await expect(store.append([entry('a', 4)])).rejects.toThrow('Log gap: a continues at seq 2, batch has 4');
        expect(await seqs(store, 'a')).toEqual([1]);
        await store.append([entry('a', 2)]);
        expect(await seqs(store, 'a')).toEqual([1, 2]);
      });

      it('24. names the exercises in play: started and not ended since', async () => {
        const { store } = await fresh();
        await withExercises(store, 'planned', 'live', 'halted', 'ended', 'reviewed');
        const lifecycle = (exerciseId: string, ...types: LogEntry['type'][]) =>
          store.append(types.map((type, i) => entry(exerciseId, i + 1, { type, ...(type === 'exercise.halted' ? { reason: 'real emergency' } : {}) } as Partial<LogEntry>)));
        await lifecycle('planned', 'exercise.readied');
        await lifecycle('live', 'exercise.readied', 'exercise.started', 'state.entered');
        await lifecycle('halted', 'exercise.started', 'exercise.paused', 'exercise.resumed', 'exercise.halted');
        await lifecycle('ended', 'exercise.started', 'exercise.ended');
        await lifecycle('reviewed', 'exercise.started', 'exercise.ended', 'state.entered', 'exercise.closed');
        expect((await store.exercisesInPlay()).sort()).toEqual(['halted', 'live']);
      });
    });

    describe('exercises and join codes', () => {
      it('12. keeps exercises with their settings, in the order they were made, and changes the settings', async () => {
        const { store } = await fresh();
        await store.createExercise({ id: 'planned', title: 'Planned', scenario: LIBRARY.demo!, speed: 2, createdAt: 20, settings });
        await store.createExercise({ id: 'older', title: 'Older', scenario: LIBRARY.demo!, speed: 1.5, createdAt: 10 });
        expect((await store.listExercises()).map((e) => [e.id, e.speed])).toEqual([
          ['older', 1.5],
          ['planned', 2],
        ]);
        expect(await store.getExercise('planned')).toEqual({ id: 'planned', title: 'Planned', scenario: LIBRARY.demo!, speed: 2, createdAt: 20, settings });
        await store.planning.updateSettings('older', { ...settings, title: 'Renamed', speed: 30 });
        expect(await store.getExercise('older')).toMatchObject({ title: 'Renamed', speed: 30, settings: { ...settings, title: 'Renamed', speed: 30 } });
        expect(await store.getExercise('missing')).toBeUndefined();
      });

      it('13. finds, lists and revokes join codes', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a', 'b');
        const tablet = { token: 'T1', exerciseId: 'a', role: 'participant' as const, teamId: 'customs', createdAt: 5, expiresAt: 1_800_000_000_000 };
        const display = { token: 'D1', exerciseId: 'a', role: 'observer' as const, createdAt: 6 };
        await store.createGrant(tablet);
        await store.createGrant(display);
        await store.createGrant({ token: 'T2', exerciseId: 'b', role: 'participant', teamId: 'customs', createdAt: 7 });
        expect(await store.findGrant('T1')).toEqual(tablet);
        expect((await store.listGrants('a')).map((g) => g.token).sort()).toEqual(['D1', 'T1']);
        await store.revokeGrant('T1', 99);
        expect(await store.findGrant('T1')).toEqual({ ...tablet, revokedAt: 99 });
        expect(await store.findGrant('nope')).toBeUndefined();
      });
    });

    describe('people, sessions, roles and the audit trail', () => {
      it('14. keeps accounts: unique usernames found in any case, listed by name, patched field by field', async () => {
        const { store } = await fresh();
        await store.createUser(user('zita', { roles: ['planner'] }));
        await store.createUser(user('adomas', { roles: ['admin', 'planner'] }));
        await expect(store.createUser(user('other', { username: 'zita' }))).rejects.toThrow();
        expect(await store.findUserByUsername('ZITA')).toEqual(user('zita', { roles: ['planner'], disabledAt: undefined }));
        expect((await store.listUsers()).map((u) => u.username)).toEqual(['adomas', 'zita']);
        expect(await store.countUsers()).toBe(2);
        await store.updateUser('zita', { displayName: 'Zita K.', roles: [], disabledAt: 50 });
        expect(await store.getUser('zita')).toMatchObject({ displayName: 'Zita K.', roles: [], disabledAt: 50, passwordHash: user('zita').passwordHash });
        await store.updateUser('zita', { disabledAt: undefined });
        expect((await store.getUser('zita'))?.disabledAt).toBeUndefined();
        expect(await store.getUser('nobody')).toBeUndefined();
        // A generated password is flagged until the person sets their own.
        await store.createUser(user('greta', { passwordChangeRequired: true }));
        expect((await store.getUser('greta'))?.passwordChangeRequired).toBe(true);
        await store.updateUser('greta', { passwordHash: 'own', passwordChangeRequired: false });
        expect(await store.getUser('greta')).toEqual(user('greta', { passwordHash: 'own', disabledAt: undefined }));
      });

      it('15. keeps sessions until they are deleted, one or all of a person\'s', async () => {
        const { store } = await fresh();
        await store.createUser(user('u1'));
        const session = (n: number) => ({ tokenHash: `hash${n}`, userId: 'u1', csrfToken: `csrf${n}`, createdAt: n, expiresAt: 1_800_000_000_000 + n });
        for (const n of [1, 2, 3]) await store.createSession(session(n));
        expect(await store.getSession('hash2')).toEqual(session(2));
        await store.deleteSession('hash2');
        expect(await store.getSession('hash2')).toBeUndefined();
        await store.deleteUserSessions('u1');
        expect([await store.getSession('hash1'), await store.getSession('hash3')]).toEqual([undefined, undefined]);
      });

      it('16. keeps one role per person and exercise, replaced when set again', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a', 'b');
        await store.createUser(user('u1'));
        await store.setMembership({ exerciseId: 'a', userId: 'u1', role: 'evaluator' });
        await store.setMembership({ exerciseId: 'a', userId: 'u1', role: 'participant', teamId: 'customs' });
        await store.setMembership({ exerciseId: 'b', userId: 'u1', role: 'director' });
        expect(await store.listMemberships('a')).toEqual([{ exerciseId: 'a', userId: 'u1', role: 'participant', teamId: 'customs' }]);
        expect((await store.membershipsOf('u1')).map((m) => [m.exerciseId, m.role]).sort()).toEqual([
          ['a', 'participant'],
          ['b', 'director'],
        ]);
        await store.removeMembership('a', 'u1');
        expect(await store.listMemberships('a')).toEqual([]);
      });

      it('17. lists the audit trail newest first, up to a limit, with its details', async () => {
        const { store } = await fresh();
        for (const n of [1, 2, 3]) await store.appendAudit({ at: n, actor: 'admin', action: `action.${n}`, ...(n === 2 ? { target: 'zita', details: { roles: ['planner'] } } : {}) });
        expect(await store.listAudit(2)).toEqual([
          { at: 3, actor: 'admin', action: 'action.3', target: undefined, details: undefined },
          { at: 2, actor: 'admin', action: 'action.2', target: 'zita', details: { roles: ['planner'] } },
        ]);
      });
    });

    describe('planning', () => {
      it('18. keeps the agency directory by name, replaces an agency, and knows whether one is in use', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        await store.planning.saveAgency(agency('ag2', 'Vilnius police'));
        await store.planning.saveAgency(agency('ag1', 'Customs'));
        await store.planning.saveAgency({ ...agency('ag1', 'Customs service'), createdAt: 999, updatedAt: 2_000_000_000_000 });
        expect((await store.planning.listAgencies()).map((a) => a.name)).toEqual(['Customs service', 'Vilnius police']);
        expect(await store.planning.getAgency('ag1')).toEqual({ ...agency('ag1', 'Customs service'), updatedAt: 2_000_000_000_000 });
        await store.planning.setTeamAgencies('a', { customs: 'ag1' });
        expect([await store.planning.agencyInUse('ag1'), await store.planning.agencyInUse('ag2')]).toEqual([true, false]);
        await store.planning.deleteAgency('ag2');
        expect(await store.planning.getAgency('ag2')).toBeUndefined();
      });

      it('19. replaces an exercise\'s whole team-to-agency mapping', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        for (const id of ['ag1', 'ag2']) await store.planning.saveAgency(agency(id, `Agency ${id}`));
        await store.planning.setTeamAgencies('a', { customs: 'ag1', police: 'ag2' });
        await store.planning.setTeamAgencies('a', { police: 'ag1' });
        expect(await store.planning.teamAgencies('a')).toEqual({ police: 'ag1' });
        await store.planning.setTeamAgencies('a', {});
        expect(await store.planning.teamAgencies('a')).toEqual({});
      });

      it('20. writes a roster change whole or not at all, and removing a person removes their role', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        await store.planning.saveAgency(agency('ag1', 'Customs'));
        const evaluator = person('p1', 'a', { role: 'evaluator', userId: 'u1', agencyId: 'ag1', covers: { objectives: ['verify_alarm'], teams: ['customs'] }, createdAt: 1 });
        await store.planning.addPeople({
          people: [evaluator, person('p2', 'a', { teamId: 'customs', createdAt: 2 })],
          users: [user('u1')],
          memberships: [{ exerciseId: 'a', userId: 'u1', role: 'evaluator' }],
          audit: [{ at: 1, actor: 'planner', action: 'people.imported', target: 'a', details: { count: 2 } }],
        });
        // The second change repeats an e-mail of the exercise: none of it is written.
        const repeat = store.planning.addPeople({
          people: [person('p3', 'a', { userId: 'u2', role: 'controller' }), person('p4', 'a', { email: 'p1@example.lt' })],
          users: [user('u2')],
          memberships: [{ exerciseId: 'a', userId: 'u2', role: 'controller' }],
          audit: [{ at: 2, actor: 'planner', action: 'people.imported', target: 'a' }],
        });
        await expect(repeat).rejects.toThrow();
        expect(await store.planning.listPeople('a')).toEqual([evaluator, person('p2', 'a', { teamId: 'customs', createdAt: 2 })]);
        expect([await store.getUser('u2'), await store.listMemberships('a'), (await store.listAudit(10)).length]).toEqual([
          undefined,
          [{ exerciseId: 'a', userId: 'u1', role: 'evaluator', teamId: undefined }],
          1,
        ]);
        expect(await store.planning.removePerson('a', 'p1')).toEqual(evaluator);
        expect(await store.listMemberships('a')).toEqual([]);
        expect(await store.planning.removePerson('a', 'p1')).toBeUndefined();

        // An edit replaces the person's record (same id, e-mail and creation time) with a new account and its audit entry.
        const promoted = person('p2', 'a', { role: 'evaluator', userId: 'u3', covers: { objectives: [], teams: ['police'] }, createdAt: 2 });
        await store.planning.updatePerson({ person: promoted, users: [user('u3')], audit: [{ at: 3, actor: 'planner', action: 'person.updated', target: 'a' }] });
        expect(await store.planning.listPeople('a')).toEqual([promoted]);
        expect(await store.getUser('u3')).toEqual(user('u3', { disabledAt: undefined }));
        expect((await store.listAudit(10)).map((e) => e.action)).toContain('person.updated');
      });
    });

    describe('review', () => {
      it('21. keeps one draft per exercise and numbers finalised versions from 1, each as it was', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        expect(await store.review.getDraft('a')).toBeUndefined();
        await store.review.saveDraft('a', { content: report('First'), at: 1, by: 'evaluator' });
        await store.review.saveDraft('a', { content: report('Second'), at: 2, by: 'director' });
        expect(await store.review.getDraft('a')).toEqual({ content: report('Second'), at: 2, by: 'director' });
        const plan = [item('i1', 'a', 1)];
        expect(await store.review.finalise('a', report('Final'), plan, 3, 'director')).toEqual({ version: 1, finalisedAt: 3, finalisedBy: 'director', content: report('Final'), improvementPlan: plan });
        await store.review.finalise('a', report('Final, corrected'), [], 4, 'director');
        expect(await store.review.listVersions('a')).toEqual([
          { version: 1, finalisedAt: 3, finalisedBy: 'director' },
          { version: 2, finalisedAt: 4, finalisedBy: 'director' },
        ]);
        expect(await store.review.getVersion('a', 1)).toEqual({ version: 1, finalisedAt: 3, finalisedBy: 'director', content: report('Final'), improvementPlan: plan });
        expect(await store.review.getVersion('a', 3)).toBeUndefined();
      });

      it('22. keeps improvement plan rows with their status history, oldest first', async () => {
        const { store } = await fresh();
        await withExercises(store, 'a', 'b');
        await store.review.addItem(item('i2', 'a', 20));
        await store.review.addItem(item('i1', 'a', 10));
        await store.review.addItem(item('i3', 'b', 30));
        await store.review.updateItem('i1', { dueDate: '2027-06-30', pointOfContact: 'Deputy' }, 40);
        await store.review.changeStatus('i1', { at: 50, by: 'director', from: 'open', to: 'in-progress', comment: 'Course booked' });
        const changed = (await store.review.getItem('i1'))!;
        expect(changed).toEqual({
          ...item('i1', 'a', 10),
          dueDate: '2027-06-30',
          pointOfContact: 'Deputy',
          status: 'in-progress',
          updatedAt: 50,
          history: [...item('i1', 'a', 10).history, { at: 50, by: 'director', from: 'open', to: 'in-progress', comment: 'Course booked' }],
        });
        expect((await store.review.listItems('a')).map((i) => i.id)).toEqual(['i1', 'i2']);
        expect((await store.review.listItems()).map((i) => [i.id, i.history.length])).toEqual([
          ['i1', 2],
          ['i2', 1],
          ['i3', 1],
        ]);
        expect(await store.review.getItem('none')).toBeUndefined();
      });

      it('23. imports a whole exercise (record, log, report, plan) in one transaction: all of it or nothing', async () => {
        const { store } = await fresh();
        const exercise = { id: 'copy', title: 'Copy', scenario: LIBRARY.demo!, speed: 1, createdAt: 5 };
        const log = Array.from({ length: 1200 }, (_, i) => entry('copy', i + 1));
        const version = { version: 1, finalisedAt: 3, finalisedBy: 'director', content: report('Final'), improvementPlan: [item('old', 'copy', 1)] };
        await store.review.importExercise({ exercise, log, draft: { content: report('Draft'), at: 2, by: 'evaluator' }, versions: [version], improvementPlan: [item('new', 'copy', 1)] });
        expect(await store.getExercise('copy')).toEqual(exercise);
        expect(await store.readLog('copy')).toEqual(log);
        expect([await store.review.getDraft('copy'), await store.review.getVersion('copy', 1), await store.review.listItems('copy')]).toEqual([
          { content: report('Draft'), at: 2, by: 'evaluator' },
          version,
          [item('new', 'copy', 1)],
        ]);
        // The log continues after an import like any other.
        await store.append([entry('copy', 1201)]);
        // A second import whose plan repeats a row id fails at the end: nothing of it stays.
        const again = store.review.importExercise({ exercise: { ...exercise, id: 'copy2' }, log: log.map((e) => ({ ...e, exerciseId: 'copy2' })), draft: null, versions: [], improvementPlan: [item('new', 'copy2', 1)] });
        await expect(again).rejects.toThrow();
        expect([await store.getExercise('copy2'), await store.readLog('copy2')]).toEqual([undefined, []]);
      });
    });

    describe('idempotency keys', () => {
      it("25. keeps an action's key unique per exercise, team and key: another team may use it, the same team not twice", async () => {
        const { store } = await fresh();
        await withExercises(store, 'a');
        const action = (seq: number, teamId: string, dose: number) =>
          entry('a', seq, { type: 'action.taken', actionId: 'report_alarm', teamId, fields: { dose_rate_usvh: dose }, idempotencyKey: 'shared-key-1', actor: { kind: 'participant', teamId } } as Partial<LogEntry>);
        await store.append([action(1, 'customs', 1)]);
        await store.append([action(2, 'police', 2)]);
        await expect(store.append([action(3, 'customs', 3), entry('a', 4)])).rejects.toThrow();
        expect(await seqs(store, 'a')).toEqual([1, 2]);
        await store.append([entry('a', 3)]);
        expect(await seqs(store, 'a')).toEqual([1, 2, 3]);
      });
    });

    describe('studio', () => {
      const alice = { username: 'alice', displayName: 'Alice Author' };
      const bob = { username: 'bob', displayName: 'Bob Builder' };
      const save = (expectedRevision: number, title: string, extra: Partial<DraftSave> = {}): DraftSave => ({
        scenarioId: 'parcel',
        expectedRevision,
        document: { ...LIBRARY.demo!, id: 'parcel', title },
        title,
        exerciseType: 'tabletop',
        functions: ['detection'],
        language: 'en',
        baseVersion: null,
        matchesBaseVersion: false,
        author: alice,
        at: 1_000 + expectedRevision,
        cause: { kind: 'saved' },
        changes: { settings: 1, added: 0, removed: 0, changed: 0, moved: 0, parts: [] },
        ...extra,
      });

      it('26. saves a draft only from its newest revision; a stale save is refused with whose save is newer and changes nothing', async () => {
        const { store } = await fresh();
        expect(await store.studio.saveDraft(save(3, 'From nowhere'))).toEqual({ ok: false, conflict: { kind: 'draft', revision: 0, savedBy: alice, savedAt: 1_003 } });
        const first = await store.studio.saveDraft(save(0, 'First', { cause: { kind: 'created' }, changes: null }));
        expect(first).toEqual({
          ok: true,
          draft: {
            scenarioId: 'parcel', revision: 1, baseVersion: null, publishedRevision: null, title: 'First', exerciseType: 'tabletop', functions: ['detection'], language: 'en',
            createdBy: alice, createdAt: 1_000, savedBy: alice, savedAt: 1_000, discardedAt: null,
          },
        });
        expect((await store.studio.saveDraft(save(1, 'Second', { author: bob }))).ok).toBe(true);
        const stale = await store.studio.saveDraft(save(1, 'Lost?'));
        expect(stale).toEqual({ ok: false, conflict: { kind: 'draft', revision: 2, savedBy: bob, savedAt: 1_001 } });
        const head = await store.studio.getDraft('parcel');
        expect([head?.draft.revision, head?.draft.title, head?.draft.createdBy, head?.document.title]).toEqual([2, 'Second', alice, 'Second']);
        // Discarded, it leaves the list's words as they were; a new draft of the id continues its numbering.
        expect((await store.studio.saveDraft(save(2, 'Second', { discard: true, cause: { kind: 'discarded' } }))).ok).toBe(true);
        expect((await store.studio.getDraft('parcel'))?.draft.discardedAt).toBe(1_002);
        const again = await store.studio.saveDraft(save(0, 'Again', { cause: { kind: 'created' } }));
        expect(again.ok && [again.draft.revision, again.draft.discardedAt]).toEqual([4, null]);
      });

      it('27. takes two saves from the same revision one after the other: one is saved, the other hears of it', async () => {
        const { store } = await fresh();
        await store.studio.saveDraft(save(0, 'Base'));
        const results = await Promise.all([store.studio.saveDraft(save(1, 'Alice')), store.studio.saveDraft(save(1, 'Bob', { author: bob }))]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const refused = results.find((r) => !r.ok);
        const winner = results.find((r) => r.ok);
        expect(refused).toEqual({ ok: false, conflict: { kind: 'draft', revision: 2, savedBy: winner!.ok ? winner!.draft.savedBy : alice, savedAt: 1_001 } });
        expect((await store.studio.listRevisions('parcel', 10)).map((r) => r.revision)).toEqual([2, 1]);
      });

      it('28. publishes the newest revision as the next version with who and why, audited; a stale revision or a version published meanwhile is refused and nothing is written', async () => {
        const { store } = await fresh();
        await store.studio.saveDraft(save(0, 'Draft one'));
        const document = { ...LIBRARY.demo!, id: 'parcel', title: 'Draft one' };
        const publish = (expectedRevision: number, at: number) => store.studio.publish({ scenarioId: 'parcel', expectedRevision, document, author: bob, at, note: at === 2_000 ? 'First cut' : null });
        expect(await publish(2, 1_999)).toEqual({ ok: false, conflict: { kind: 'draft', revision: 1, savedBy: alice, savedAt: 1_000 } });
        const published = await publish(1, 2_000);
        expect(published).toEqual({ ok: true, stored: { document: { ...document, version: 1 }, version: 1, createdAt: 2_000 } });
        expect(await store.getScenario('parcel')).toEqual({ document: { ...document, version: 1 }, version: 1, createdAt: 2_000 });
        expect(await store.studio.listPublications('parcel')).toEqual([{ scenarioId: 'parcel', version: 1, publishedBy: bob, publishedAt: 2_000, revision: 1, note: 'First cut' }]);
        expect((await store.studio.getDraft('parcel'))?.draft).toMatchObject({ revision: 1, baseVersion: 1, publishedRevision: 1 });
        expect((await store.listAudit(5))[0]).toEqual({ at: 2_000, actor: 'bob', action: 'scenario.published', target: 'parcel', details: { version: 1, revision: 1 } });
        // A version uploaded as a file meanwhile: the draft's base is stale.
        await store.studio.saveDraft(save(1, 'Draft two', { baseVersion: 1 }));
        const uploaded = await store.saveScenario({ ...document, title: 'Uploaded' });
        expect(await publish(2, 3_000)).toEqual({ ok: false, conflict: { kind: 'version', version: 2, publishedAt: uploaded.createdAt } });
        expect([(await store.getScenario('parcel'))?.version, (await store.studio.listPublications('parcel')).length, (await store.listAudit(5)).length]).toEqual([2, 1, 1]);
        // Merged with it (the save names the version), the draft publishes as version 3.
        await store.studio.saveDraft(save(2, 'Merged', { baseVersion: 2, cause: { kind: 'merged' } }));
        expect((await publish(3, 4_000)).ok).toBe(true);
        expect((await store.getScenario('parcel'))?.version).toBe(3);
      });

      it('29. lists revisions newest first with who, why and what changed; keeps the documents of the newest 200 only', async () => {
        const { store } = await fresh();
        for (let revision = 0; revision < 202; revision++) await store.studio.saveDraft(save(revision, `Title ${revision}`, revision === 0 ? { cause: { kind: 'copied', from: 'demo v1' } } : {}));
        const listed = await store.studio.listRevisions('parcel', 3);
        expect(listed).toEqual([202, 201, 200].map((revision) => ({
          scenarioId: 'parcel', revision, document: null, savedBy: alice, savedAt: 1_000 + revision - 1, cause: { kind: 'saved' }, changes: { settings: 1, added: 0, removed: 0, changed: 0, moved: 0, parts: [] },
        })));
        expect((await store.studio.getRevision('parcel', 3))?.document?.title).toBe('Title 2');
        expect(await store.studio.getRevision('parcel', 2)).toMatchObject({ revision: 2, document: null });
        expect(await store.studio.getRevision('parcel', 1)).toMatchObject({ revision: 1, document: null, cause: { kind: 'copied', from: 'demo v1' } });
        expect(await store.studio.getRevision('parcel', 203)).toBeUndefined();
      });

      it('30. remembers an MSEL mapping per author or for the centre, by header signature, replaced when saved again', async () => {
        const { store } = await fresh();
        const mapping = { sheets: [{ name: 'MSEL', headerRow: 1 }], columns: { subject: 'Title', time: 'Time' }, time: { kind: 'elapsed' as const } };
        const record = { scope: 'user' as const, owner: 'u1', signature: 'abc', mapping, savedBy: alice, savedAt: 1 };
        await store.studio.saveMapping(record);
        await store.studio.saveMapping({ ...record, scope: 'centre', owner: '', savedBy: bob });
        expect([await store.studio.findMapping('user', 'u1', 'abc'), await store.studio.findMapping('user', 'u2', 'abc'), (await store.studio.findMapping('centre', '', 'abc'))?.savedBy]).toEqual([record, undefined, bob]);
        await store.studio.saveMapping({ ...record, mapping: { ...mapping, columns: { body: 'Text' } }, savedAt: 2 });
        expect(await store.studio.findMapping('user', 'u1', 'abc')).toEqual({ ...record, mapping: { ...mapping, columns: { body: 'Text' } }, savedAt: 2 });
      });
    });
  });
}
