import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { Store } from '../../src/store/ExerciseStore.ts';
import type { ActivityRecord, NeedRecord } from '../../src/store/ProgrammeStore.ts';

/**
 * The behaviour every ProgrammeStore must have, rule by rule, so that another database (the
 * PostgreSQL twin) is held to the same as SQLite. `open` gives a fresh store (the whole Store: the
 * programme's rows refer to agencies, users and exercises); `reopen` opens the same data again.
 */
export function programmeStoreContract(name: string, open: () => Promise<{ store: Store; reopen: () => Promise<Store> }>) {
  const agency = async (store: Store, id: string) =>
    store.planning.saveAgency({ id, name: `Agency ${id}`, type: 'customs', functions: ['detection'], contacts: [], createdAt: 1, updatedAt: 1 });
  const need = (id: string, agencyId: string, extra: Partial<NeedRecord> = {}): NeedRecord => ({
    id,
    agencyId,
    function: 'detection',
    capabilityId: 'instrument-alarm-assessment',
    targetGroup: 'Lane officers',
    headcount: 40,
    requiredLevel: 4,
    priority: 'high',
    evidence: [{ kind: 'survey', note: 'Survey 2026' }],
    status: 'open',
    createdAt: 10,
    updatedAt: 10,
    ...extra,
  });
  const activity = (id: string, planId: string, extra: Partial<ActivityRecord> = {}): ActivityRecord => ({
    id,
    planId,
    kind: 'tabletop',
    title: `Activity ${id}`,
    agencyIds: ['a'],
    capabilityIds: ['instrument-alarm-assessment'],
    needIds: ['n1'],
    when: { kind: 'dates', start: '2027-05-12', end: '2027-05-12' },
    start: '2027-05-12',
    end: '2027-05-12',
    lead: 'NSSC',
    status: 'planned',
    requiredCourseIds: [],
    notes: '',
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  });

  describe(`ProgrammeStore contract: ${name}`, () => {
    const opened: Store[] = [];
    const fresh = async () => {
      const made = await open();
      opened.push(made.store);
      return made;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('1. holds the seeded capability catalogue, saves and replaces a capability, and knows when one is in use', async () => {
      const { store } = await fresh();
      const seeded = await store.programme.listCapabilities();
      expect(seeded).toHaveLength(23);
      expect(seeded.find((c) => c.id === 'expert-reachback')).toEqual({ id: 'expert-reachback', function: 'detection', name: 'Expert reachback', description: expect.any(String), createdAt: expect.any(Number), updatedAt: expect.any(Number) });
      await store.programme.saveCapability({ id: 'x', function: 'response', name: 'Extra', description: '', createdAt: 5, updatedAt: 5 });
      await store.programme.saveCapability({ id: 'x', function: 'response', name: 'Extra, renamed', description: 'd', createdAt: 99, updatedAt: 6 });
      expect((await store.programme.listCapabilities()).find((c) => c.id === 'x')).toEqual({ id: 'x', function: 'response', name: 'Extra, renamed', description: 'd', createdAt: 5, updatedAt: 6 });
      expect(await store.programme.capabilityInUse('x')).toBe(false);
      await store.programme.saveCourse({ id: 'c', title: 'Course', description: '', capabilityIds: ['x'], createdAt: 1, updatedAt: 1 });
      expect(await store.programme.capabilityInUse('x')).toBe(true);
      expect(await store.programme.capabilityInUse('expert-reachback')).toBe(false);
    });

    it('2. saves needs with every field, optional ones absent as absent, and their level changes in order', async () => {
      const { store } = await fresh();
      await agency(store, 'a');
      await agency(store, 'b');
      const full = need('n1', 'a', { currentLevel: 2, competence: 'Spectra', intervention: 'course', reviewDate: '2027-06-30' });
      const bare = need('n2', 'b', { capabilityId: undefined, competence: 'Talking to drivers', evidence: [] });
      await store.programme.saveNeeds([full, bare], [
        { needId: 'n1', at: 1, level: 2, source: 'survey', by: 'rasa' },
        { needId: 'n1', at: 2, level: 3, source: 'centre', by: 'ona' },
      ]);
      expect(await store.programme.listNeeds()).toEqual([full, { ...bare, capabilityId: undefined }].map((n) => JSON.parse(JSON.stringify(n))));
      expect(await store.programme.listNeeds({ agencyId: 'b' })).toEqual([JSON.parse(JSON.stringify(bare))]);
      expect(await store.programme.listLevels(['n1'])).toEqual([
        { needId: 'n1', at: 1, level: 2, source: 'survey', by: 'rasa' },
        { needId: 'n1', at: 2, level: 3, source: 'centre', by: 'ona' },
      ]);
      await store.programme.saveNeeds([{ ...full, status: 'met', currentLevel: 4, updatedAt: 11 }], []);
      expect(await store.programme.getNeed('n1')).toMatchObject({ status: 'met', currentLevel: 4, updatedAt: 11, createdAt: 10 });
    });

    it('3. changes a survey and its rows all at once, or not at all', async () => {
      const { store } = await fresh();
      await agency(store, 'a');
      const survey = { id: 's', agencyId: 'a', status: 'sent' as const, dueDate: '2027-01-31', message: '', tokenHash: 'hash', sentAt: 1, sentBy: 'ona' };
      await store.programme.createSurvey(survey);
      expect(await store.programme.findSurveyByToken('hash')).toEqual(survey);
      await store.programme.updateSurvey({ ...survey, status: 'draft' }, { removeNeedIds: [], needs: [need('d1', 'a', { status: 'draft', surveyId: 's' })], levels: [] });
      // A row for an agency nobody knows fails the whole change: the survey stays a draft with its old row.
      await expect(
        store.programme.updateSurvey({ ...survey, status: 'submitted', tokenHash: undefined }, { removeNeedIds: ['d1'], needs: [need('d2', 'nobody', { surveyId: 's' })], levels: [] }),
      ).rejects.toThrow();
      expect([(await store.programme.getSurvey('s'))?.status, (await store.programme.listNeeds({ surveyId: 's' })).map((n) => n.id)]).toEqual(['draft', ['d1']]);
      await store.programme.updateSurvey({ ...survey, status: 'submitted', tokenHash: undefined, submittedAt: 5, submittedBy: 'rasa' }, { removeNeedIds: ['d1'], needs: [need('d2', 'a', { status: 'submitted', surveyId: 's' })], levels: [] });
      expect(await store.programme.getSurvey('s')).toEqual({ id: 's', agencyId: 'a', status: 'submitted', dueDate: '2027-01-31', message: '', sentAt: 1, sentBy: 'ona', submittedAt: 5, submittedBy: 'rasa' });
      expect(await store.programme.findSurveyByToken('hash')).toBeUndefined();
      expect((await store.programme.listNeeds({ surveyId: 's' })).map((n) => n.id)).toEqual(['d2']);
    });

    it('4. keeps plans, priorities and activities with every field, activities in date order', async () => {
      const { store } = await fresh();
      await store.programme.savePlan({ id: 'p', title: 'Plan', fromYear: 2027, toYear: 2028, createdAt: 1, updatedAt: 1 });
      await store.programme.savePriority({ id: 'pr', planId: 'p', title: 'Alarms', rationale: 'Why', needIds: ['n1', 'n2'], position: 0, createdAt: 1, updatedAt: 1 });
      await store.programme.saveCourse({ id: 'c', title: 'Course', description: '', capabilityIds: [], certificate: { name: 'Operator', validityMonths: 12 }, createdAt: 1, updatedAt: 1 });
      const late = activity('late', 'p', { when: { kind: 'quarter', year: 2028, quarter: 3 }, start: '2028-07-01', end: '2028-09-30' });
      const early = activity('early', 'p', { kind: 'course', courseId: 'c', agencyIds: ['a', 'b'], start: '2027-03-02', end: '2027-03-06', when: { kind: 'dates', start: '2027-03-02', end: '2027-03-06' } });
      await store.programme.saveActivity(late);
      await store.programme.saveActivity(early);
      expect(await store.programme.listActivities('p')).toEqual([early, late]);
      expect(await store.programme.listPriorities('p')).toEqual([{ id: 'pr', planId: 'p', title: 'Alarms', rationale: 'Why', needIds: ['n1', 'n2'], position: 0, createdAt: 1, updatedAt: 1 }]);
      await store.programme.deletePriority('pr');
      expect(await store.programme.listPriorities()).toEqual([]);
      expect(await store.programme.getCourse('c')).toMatchObject({ certificate: { name: 'Operator', validityMonths: 12 } });
    });

    it('5. absorbs a finalised version exactly once: ratings, level changes, new needs and action links together', async () => {
      const { store } = await fresh();
      await agency(store, 'a');
      await store.createExercise({ id: 'e', title: 'E', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
      await store.programme.saveNeeds([need('n1', 'a')], []);
      const absorption = {
        exerciseId: 'e',
        version: 1,
        at: 9,
        ratings: [{ id: 'r', exerciseId: 'e', version: 1, finalisedAt: 8, agencyId: 'a', capabilityId: 'instrument-alarm-assessment', subject: { kind: 'capability' as const, id: 'verify_alarm', title: 'Verify' }, rating: 'S' as const }],
        needs: [need('n1', 'a', { currentLevel: 3, updatedAt: 9 })],
        levels: [{ needId: 'n1', at: 9, level: 3 as const, source: 'exercise' as const, by: 'lead', ratingId: 'r' }],
        actions: [],
      };
      expect(await store.programme.absorb(absorption)).toBe(true);
      expect(await store.programme.absorb({ ...absorption, ratings: [{ ...absorption.ratings[0]!, id: 'r2' }] })).toBe(false);
      expect(await store.programme.listRatings({ agencyId: 'a' })).toEqual(absorption.ratings);
      expect(await store.programme.listLevels(['n1'])).toEqual(absorption.levels);
      expect(await store.programme.listAbsorbed('e')).toEqual([{ exerciseId: 'e', version: 1 }]);
    });

    it('6. records attendance with new people at once, and replaces a row for the same person and session', async () => {
      const { store } = await fresh();
      await agency(store, 'a');
      await store.programme.saveCourse({ id: 'c', title: 'Course', description: '', capabilityIds: [], createdAt: 1, updatedAt: 1 });
      await store.programme.saveSession({ id: 's', courseId: 'c', start: '2027-03-02', end: '2027-03-06', location: '', trainer: '', createdAt: 1 });
      const person = { id: 'p', agencyId: 'a', name: 'Jonas', email: 'jonas@example.lt', position: '', createdAt: 1 };
      await store.programme.saveAttendance([person], [{ sessionId: 's', personId: 'p', attended: true, completed: false, updatedAt: 1 }]);
      await store.programme.saveAttendance([], [{ sessionId: 's', personId: 'p', attended: true, completed: true, completedOn: '2027-03-06', updatedAt: 2 }]);
      expect(await store.programme.listAttendance({ sessionId: 's' })).toEqual([{ sessionId: 's', personId: 'p', attended: true, completed: true, completedOn: '2027-03-06', updatedAt: 2 }]);
      // A second person with the same e-mail fails, and with it the attendance row written with them.
      await expect(store.programme.saveAttendance([{ ...person, id: 'q' }], [{ sessionId: 's', personId: 'q', attended: true, completed: false, updatedAt: 3 }])).rejects.toThrow();
      expect((await store.programme.listTrainees()).map((t) => t.id)).toEqual(['p']);
      expect(await store.programme.listAttendance({ personId: 'q' })).toEqual([]);
    });

    it('7. keeps everything committed when opened again', async () => {
      const { store, reopen } = await fresh();
      await agency(store, 'a');
      await store.programme.saveNeeds([need('n1', 'a')], [{ needId: 'n1', at: 1, level: 2, source: 'centre', by: 'ona' }]);
      await opened.pop()!.close();
      const again = await reopen();
      expect((await again.programme.listNeeds()).map((n) => n.id)).toEqual(['n1']);
      expect(await again.programme.listLevels()).toHaveLength(1);
      await again.close();
    });

    it('8. lists rows saved at the same moment in the order they were first saved, also after one of them changed', async () => {
      const { store } = await fresh();
      await agency(store, 'a');
      await store.createExercise({ id: 'e', title: 'E', scenario: LIBRARY.demo!, speed: 1, createdAt: 1 });
      await store.programme.saveNeeds(['z', 'a', 'm'].map((id) => need(id, 'a')), []);
      await store.programme.saveNeeds([need('z', 'a', { status: 'met', updatedAt: 11 })], []);
      expect((await store.programme.listNeeds()).map((n) => [n.id, n.status])).toEqual([['z', 'met'], ['a', 'open'], ['m', 'open']]);
      const rating = (id: string) => ({ id, exerciseId: 'e', version: 1, finalisedAt: 8, agencyId: 'a', capabilityId: 'expert-reachback', subject: { kind: 'capability' as const, id: `o-${id}`, title: 'O' }, rating: 'S' as const });
      await store.programme.absorb({ exerciseId: 'e', version: 1, at: 9, ratings: ['r9', 'r1', 'r5'].map(rating), needs: [], levels: [], actions: [] });
      expect((await store.programme.listRatings({ exerciseId: 'e' })).map((r) => r.id)).toEqual(['r9', 'r1', 'r5']);
    });

    it('9. counts an agency in use while a need, survey, focal point, trainee, rating or calendar feed names it', async () => {
      const { store } = await fresh();
      for (const id of ['needs', 'surveys', 'focal', 'trainees', 'free']) await agency(store, id);
      await store.programme.saveNeeds([need('n1', 'needs')], []);
      await store.programme.createSurvey({ id: 's', agencyId: 'surveys', status: 'sent', dueDate: '2027-01-31', message: '', sentAt: 1, sentBy: 'ona' });
      await store.createUser({ id: 'u', username: 'rasa', displayName: 'Rasa', passwordHash: 'x', roles: [], createdAt: 1 });
      await store.programme.addFocalPoint({ agencyId: 'focal', userId: 'u', createdAt: 1 }, undefined, []);
      await store.programme.saveAttendance([{ id: 't', agencyId: 'trainees', name: 'Jonas', position: '', createdAt: 1 }], []);
      const inUse = async () => Promise.all(['needs', 'surveys', 'focal', 'trainees', 'free'].map((id) => store.planning.agencyInUse(id)));
      expect(await inUse()).toEqual([true, true, true, true, false]);
      await store.programme.removeFocalPoint('focal', 'u');
      expect(await inUse()).toEqual([true, true, false, true, false]);
    });

    it('10. adds a focal point with a new account (its password to be replaced at first sign-in) and the audit entries at once', async () => {
      const { store } = await fresh();
      await agency(store, 'a');
      const rasa = { id: 'u', username: 'rasa@customs.example.lt', displayName: 'Rasa', passwordHash: 'x', roles: [], createdAt: 1, passwordChangeRequired: true };
      await store.programme.addFocalPoint({ agencyId: 'a', userId: 'u', createdAt: 2 }, rasa, [{ at: 2, actor: 'ona', action: 'user.created', target: rasa.username, details: { by: 'focal point' } }]);
      expect(await store.getUser('u')).toEqual(rasa);
      expect(await store.programme.listFocalPoints('a')).toEqual([{ agencyId: 'a', userId: 'u', createdAt: 2 }]);
      expect(await store.listAudit(10)).toEqual([{ at: 2, actor: 'ona', action: 'user.created', target: rasa.username, details: { by: 'focal point' } }]);
      // An agency nobody knows fails the whole change: no account is left behind.
      await expect(store.programme.addFocalPoint({ agencyId: 'nobody', userId: 'v', createdAt: 3 }, { ...rasa, id: 'v', username: 'other' }, [])).rejects.toThrow();
      expect(await store.getUser('v')).toBeUndefined();
    });
  });
}
