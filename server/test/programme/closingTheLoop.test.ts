import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivitySaved, NeedView, PlannedExerciseSummary, TraceView } from '@startex/shared';
import type { AuditEntry } from '../../src/store/ExerciseStore.ts';
import { startServer, type Harness } from '../harness.ts';
import { storeOf } from '../review/reportFixture.ts';
import { account, need, nextYear, ok, twoAgencies, type Person } from './programmeHelpers.ts';

/**
 * The loop over the API, on a real server and database: needs -> plan -> an exercise made from a
 * planned tabletop -> play, ratings and corrective actions -> finalise -> the needs' current
 * levels and new needs, each link traceable from either end.
 */
let h: Harness;
let manager: Person;
beforeAll(async () => {
  h = await startServer();
  manager = await account(h, ['programme-manager', 'planner'], 'loop-manager');
});
afterAll(async () => h.close());

const sorted = (ids: string[]) => [...ids].sort();
const ids = (list: { id: string }[]) => sorted(list.map((x) => x.id));

/** Scenario B played on the exercise's host: customs holds the truck, an evaluator observes customs and rates. */
async function play(exerciseId: string): Promise<void> {
  const evaluator = await h.member('evaluator', { exerciseId, username: `loop-evaluator-${exerciseId.slice(0, 6)}` });
  const host = await h.server.runtime.get(exerciseId);
  const system = { kind: 'system' } as const;
  const judge = { kind: 'evaluator', id: evaluator.userId, name: 'Loop evaluator' } as const;
  await host.command({ type: 'ready' }, system);
  await host.command({ type: 'start' }, system);
  await host.takeAction('customs', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, injectId: 'portal_alarm', idempotencyKey: `${exerciseId}-hold` });
  await host.recordObservation({ observedAtMs: 60_000, teamId: 'customs', objectiveId: 'protect_officers', kind: 'area-for-improvement', text: 'No cordon around the truck', idempotencyKey: `${exerciseId}-obs` }, judge);
  await host.command({ type: 'end' }, system);
  await host.recordRating({ subject: { kind: 'capability', id: 'verify_alarm' }, rating: 'S', reason: 'Held at once, hotspot late', idempotencyKey: `${exerciseId}-r1` }, judge);
  await host.recordRating({ subject: { kind: 'capability', id: 'protect_officers' }, rating: 'M', reason: 'No cordon', idempotencyKey: `${exerciseId}-r2` }, judge);
}

const item = (capability: string, responsibleAgency: string, correctiveAction: string) => ({
  capability,
  issue: `${capability}: not done as planned`,
  recommendation: 'Train and drill it',
  correctiveAction,
  capabilityElement: 'training',
  responsibleAgency,
  pointOfContact: 'Duty officer',
  startDate: `${nextYear}-01-10`,
  dueDate: `${nextYear}-06-30`,
});

describe('closing the loop', () => {
  it('feeds ratings per capability and agency into the needs, turns corrective actions into needs or attaches them, and traces every link both ways', async () => {
    const { customs, police } = await twoAgencies(h, manager);
    const alarm: NeedView = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs));
    const cordon: NeedView = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs, { capabilityId: 'protection-responders-public', function: 'response', requiredLevel: 3, priority: 'medium', headcount: 12 }));
    expect([alarm.gap, alarm.level]).toEqual([2, expect.objectContaining({ source: 'centre', level: 2, by: 'loop-manager' })]);

    const plan = await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Border detection plan', fromYear: nextYear, toYear: nextYear + 1 });
    await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/priorities`, manager, { title: 'Alarm assessment at the borders', rationale: 'Portal alarms are rising.', needIds: [alarm.id] });
    const course: ActivitySaved = await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/activities`, manager, {
      kind: 'course',
      title: 'Radiation detection instrument operator course',
      agencyIds: [customs],
      needIds: [alarm.id],
      when: { kind: 'dates', start: `${nextYear}-03-02`, end: `${nextYear}-03-06` },
      lead: 'NSSC training unit',
    });
    const tabletop: ActivitySaved = await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/activities`, manager, {
      kind: 'tabletop',
      title: 'Border alarm tabletop',
      agencyIds: [customs, police],
      needIds: [alarm.id],
      when: { kind: 'dates', start: `${nextYear}-05-12`, end: `${nextYear}-05-12` },
      lead: 'NSSC exercise unit',
    });
    // The needs' capabilities are the activity's too.
    expect(tabletop.activity.capabilityIds).toEqual(['instrument-alarm-assessment']);

    // The exercise made from the tabletop: agencies mapped by kind, objectives to the catalogue.
    const exercise: PlannedExerciseSummary = await ok(h, 201, 'POST', '/api/exercises', manager, {
      source: { kind: 'library', scenarioId: 'detection-portal-alarm' },
      settings: { title: 'Border alarm tabletop', date: `${nextYear}-05-12`, exerciseType: 'tabletop' },
    });
    // Creating an exercise gives no role in it: the programme manager is made its director on its members list.
    await h.server.identity.setMembership('test', { exerciseId: exercise.id, userId: manager.userId, role: 'director' });
    const linked = await ok(h, 201, 'POST', `/api/programme/activities/${tabletop.activity.id}/exercise`, { ...manager, exerciseId: exercise.id }, { exerciseId: exercise.id });
    expect(linked.activity).toEqual({ id: tabletop.activity.id, planId: plan.id, title: 'Border alarm tabletop', kind: 'tabletop' });
    expect(ids(linked.needs)).toEqual([alarm.id]);
    expect(linked.teams).toEqual([
      { id: 'customs', name: 'Customs post Vilkupiai: officers on lane 3', agencyId: customs },
      { id: 'police', name: 'Police: border district duty unit', agencyId: police },
      { id: 'regulator', name: 'Radiation Safety Inspectorate: duty inspector' },
    ]);
    expect(Object.fromEntries(linked.objectives.map((o: { id: string; capabilityId?: string }) => [o.id, o.capabilityId]))).toEqual({
      verify_alarm: 'instrument-alarm-assessment',
      discriminate_sources: 'instrument-alarm-assessment',
      use_reachback: 'expert-reachback',
      notify_on_time: 'decision-making-notification',
      protect_officers: 'protection-responders-public',
    });
    // One exercise per activity.
    const again = await h.request('POST', `/api/programme/activities/${tabletop.activity.id}/exercise`, manager, { exerciseId: exercise.id });
    expect([again.statusCode, again.json().code]).toEqual([409, 'EXERCISE_ALREADY_LINKED']);

    await play(exercise.id);
    const director = { ...manager, exerciseId: exercise.id };
    const cordonAction = await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/improvement-plan`, director, item('Protect officers and preserve evidence', 'Customs Department', 'Cordon drill in the spring refresher'));
    const notifyAction = await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/improvement-plan`, director, item('Notify on time', 'Police: border district duty unit', 'Notification checklist for the duty unit'));
    const strayAction = await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/improvement-plan`, director, item('Notify on time', 'Ministry of Health', 'Hotline briefing'));
    await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/report/finalise`, director);

    // Ratings per capability and agency: customs acted and was observed; police played but did neither.
    const customsNeeds: NeedView[] = await ok(h, 200, 'GET', `/api/programme/needs?agency=${customs}`, manager);
    const alarmNow = customsNeeds.find((n) => n.id === alarm.id)!;
    const cordonNow = customsNeeds.find((n) => n.id === cordon.id)!;
    expect([alarmNow.currentLevel, alarmNow.gap, alarmNow.level]).toEqual([
      3,
      1,
      { at: expect.any(Number), level: 3, source: 'exercise', by: 'loop-manager', ratingId: expect.any(String), exerciseId: exercise.id, exerciseTitle: 'Border alarm tabletop', rating: 'S' },
    ]);
    expect([cordonNow.currentLevel, cordonNow.level?.rating]).toEqual([2, 'M']);
    const customsRatings = (await ok(h, 200, 'GET', `/api/programme/agencies/${customs}/dashboard`, manager)).ratings;
    expect(customsRatings.map((r: { capabilityId: string; rating: string; subject: { id: string } }) => [r.capabilityId, r.subject.id, r.rating])).toEqual([
      ['instrument-alarm-assessment', 'verify_alarm', 'S'],
      ['protection-responders-public', 'protect_officers', 'M'],
    ]);
    expect((await ok(h, 200, 'GET', `/api/programme/agencies/${police}/dashboard`, manager)).ratings).toEqual([]);

    // Corrective actions: one joins the open cordon need, one becomes a police need (named by its team), one names nobody in the directory.
    const policeNeeds: NeedView[] = await ok(h, 200, 'GET', `/api/programme/needs?agency=${police}`, manager);
    expect(policeNeeds).toEqual([
      expect.objectContaining({
        agencyId: police,
        capabilityId: 'decision-making-notification',
        function: 'response',
        status: 'open',
        priority: 'medium',
        requiredLevel: 3,
        intervention: 'course',
        reviewDate: `${nextYear}-06-30`,
        fromAction: { exerciseId: exercise.id, itemId: notifyAction.id },
        evidence: [{ kind: 'aar-finding', note: 'Border alarm tabletop, AAR/IP version 1: Notify on time: not done as planned' }],
      }),
    ]);
    const audit = (await storeOf(h).listAudit(50)).find((e: AuditEntry) => e.action === 'programme.absorbed' && e.target === exercise.id);
    expect(audit?.details).toEqual({ version: 1, ratings: 2, levels: 2, actions: 2, unmatched: [{ itemId: strayAction.id, responsibleAgency: 'Ministry of Health' }] });

    // From a need: its activities, exercises, ratings and actions.
    const trace = (kind: string, id: string): Promise<TraceView> => ok(h, 200, 'GET', `/api/programme/trace/${kind}/${id}`, manager);
    const fromAlarm = await trace('need', alarm.id);
    expect([ids(fromAlarm.needs), ids(fromAlarm.activities), ids(fromAlarm.exercises), fromAlarm.ratings.map((r) => r.subject.id), ids(fromAlarm.actions)]).toEqual([
      [alarm.id],
      sorted([course.activity.id, tabletop.activity.id]),
      [exercise.id],
      ['verify_alarm'],
      [],
    ]);
    const fromCordon = await trace('need', cordon.id);
    expect([ids(fromCordon.activities), ids(fromCordon.exercises), fromCordon.ratings.map((r) => r.rating), ids(fromCordon.actions)]).toEqual([[], [exercise.id], ['M'], [cordonAction.id]]);
    const policeNeed = policeNeeds[0]!;
    const fromPoliceNeed = await trace('need', policeNeed.id);
    expect([ids(fromPoliceNeed.exercises), ids(fromPoliceNeed.actions), fromPoliceNeed.ratings]).toEqual([[exercise.id], [notifyAction.id], []]);

    // And back: from the activity, the exercise, a rating and an action to the needs.
    const fromTabletop = await trace('activity', tabletop.activity.id);
    expect([ids(fromTabletop.needs), ids(fromTabletop.exercises), fromTabletop.ratings.map((r) => r.subject.id), ids(fromTabletop.actions)]).toEqual([
      [alarm.id],
      [exercise.id],
      ['verify_alarm'],
      sorted([cordonAction.id, notifyAction.id, strayAction.id]),
    ]);
    const fromExercise = await trace('exercise', exercise.id);
    expect([ids(fromExercise.activities), ids(fromExercise.needs), fromExercise.ratings.length, fromExercise.actions.length, fromExercise.exercises]).toEqual([
      [tabletop.activity.id],
      sorted([alarm.id, cordon.id, policeNeed.id]),
      2,
      3,
      [{ id: exercise.id, title: 'Border alarm tabletop', status: 'ended' }],
    ]);
    const rating = fromAlarm.ratings[0]!;
    expect(rating.needIds).toEqual([alarm.id]);
    const fromRating = await trace('rating', rating.id);
    expect([ids(fromRating.needs), ids(fromRating.exercises), ids(fromRating.activities)]).toEqual([[alarm.id], [exercise.id], [tabletop.activity.id]]);
    const fromAction = await trace('action', notifyAction.id);
    expect([ids(fromAction.needs), ids(fromAction.exercises), ids(fromAction.activities), fromAction.actions[0]?.needIds]).toEqual([[policeNeed.id], [exercise.id], [tabletop.activity.id], [policeNeed.id]]);
    expect(await ok(h, 200, 'GET', `/api/programme/ratings/${rating.id}`, manager)).toEqual(rating);

    // A second finalised version feeds its ratings again but never makes a need twice.
    await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/report/finalise`, director);
    const after: NeedView[] = await ok(h, 200, 'GET', '/api/programme/needs', manager);
    expect(ids(after)).toEqual(sorted([alarm.id, cordon.id, policeNeed.id]));
    expect((await trace('exercise', exercise.id)).ratings.map((r) => r.version)).toEqual([1, 1, 2, 2]);
    expect((await ok(h, 200, 'GET', `/api/programme/exercises/${exercise.id}`, manager)).absorbedVersions).toEqual([1, 2]);

    const missing = await h.request('GET', '/api/programme/trace/need/no-such-need', manager);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NEED_NOT_FOUND']);
  });

  it('catches up with an exercise finalised before it was linked to the plan', async () => {
    const { customs } = await twoAgencies(h, manager, ' (late link)');
    const alarm: NeedView = await ok(h, 201, 'POST', '/api/programme/needs', manager, need(customs));
    const plan = await ok(h, 201, 'POST', '/api/programme/plans', manager, { title: 'Late plan', fromYear: nextYear, toYear: nextYear });
    const drill: ActivitySaved = await ok(h, 201, 'POST', `/api/programme/plans/${plan.id}/activities`, manager, {
      kind: 'drill',
      title: 'Lane drill',
      agencyIds: [customs],
      needIds: [alarm.id],
      when: { kind: 'quarter', year: nextYear, quarter: 2 },
      lead: 'NSSC',
    });
    expect([drill.activity.start, drill.activity.end]).toEqual([`${nextYear}-04-01`, `${nextYear}-06-30`]);
    const exercise: PlannedExerciseSummary = await ok(h, 201, 'POST', '/api/exercises', manager, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    await h.server.identity.setMembership('test', { exerciseId: exercise.id, userId: manager.userId, role: 'director' });
    await ok(h, 200, 'PUT', `/api/exercises/${exercise.id}/team-agencies`, { ...manager, exerciseId: exercise.id }, { mapping: { customs } });
    await play(exercise.id);
    await ok(h, 201, 'POST', `/api/exercises/${exercise.id}/report/finalise`, { ...manager, exerciseId: exercise.id });
    expect((await ok(h, 200, 'GET', `/api/programme/needs?agency=${customs}`, manager))[0].currentLevel).toBe(2);

    await ok(h, 201, 'POST', `/api/programme/activities/${drill.activity.id}/exercise`, manager, { exerciseId: exercise.id });
    const [fed] = (await ok(h, 200, 'GET', `/api/programme/needs?agency=${customs}`, manager)) as NeedView[];
    expect([fed!.currentLevel, fed!.level?.rating, fed!.level?.exerciseId]).toEqual([3, 'S', exercise.id]);
  });
});
