import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { addFindings, type ImprovementItemView, type ReportContent, type ReportVersion, type ReportView } from '@startex/shared';
import { startServer, type Harness } from '../harness.ts';
import { databaseFile, dumpDatabase } from '../security/databaseDump.ts';
import { CORDON_ROW, playedExercise, storeOf } from './reportFixture.ts';

let h: Harness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(async () => h.close());

const error = (code: string) => expect.objectContaining({ code });

describe('the AAR/IP draft', () => {
  it('is assembled from the review: overview, per capability final ratings, strengths and areas for improvement from observations', async () => {
    const { id, evaluator } = await playedExercise(h, 'assembled');
    await storeOf(h).planning.saveAgency({ id: 'agency-vsat', name: 'State Border Guard Service', type: 'border-guard', functions: ['detection'], contacts: [], createdAt: 0, updatedAt: 0 });
    const response = await h.request('GET', `/api/exercises/${id}/report`, evaluator);
    expect(response.statusCode).toBe(200);
    const view = response.json() as ReportView;
    expect(view).toMatchObject({ exerciseId: id, title: 'Border alarm drill assembled', status: 'ended', draftSaved: null, versions: [] });
    // What an improvement plan row picks from: the scenario's objectives and the agency directory.
    expect(view.capabilities).toEqual(LIBRARY['detection-portal-alarm']!.objectives.map((o) => ({ id: o.id, title: o.title })));
    expect(view.agencies).toEqual([{ id: 'agency-vsat', name: 'State Border Guard Service' }]);
    const { overview, capabilities } = view.draft;
    expect(overview.exerciseName).toBe('Border alarm drill assembled');
    expect(overview.exerciseType).toMatch(/exercise|Drill/);
    expect(overview.objectives).toHaveLength(5);
    expect(overview.participants).toEqual([
      // No team is mapped to an agency of the directory yet: the kind of agency, in words.
      'Customs post Vilkupiai: officers on lane 3: Customs',
      'Police: border district duty unit: Police',
      'Radiation Safety Inspectorate: duty inspector: Regulator',
    ]);
    expect(overview.dates).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d – \d\d:\d\d \(Europe\/Vilnius\)$/);
    expect(capabilities.map((c) => [c.id, c.rating ?? null])).toEqual([
      ['verify_alarm', 'S'],
      ['discriminate_sources', null],
      ['use_reachback', null],
      ['notify_on_time', null],
      ['protect_officers', 'M'],
    ]);
    const verify = capabilities[0]!;
    expect(verify.targets).toEqual([{ id: 'secondary_within_10', title: expect.any(String), rating: 'S' }]);
    expect(verify.strengths).toEqual([
      { id: expect.stringMatching(/^obs-/), text: 'Customs post Vilkupiai: officers on lane 3: Held the truck and re-scanned within a minute', analysis: '', rootCause: '', observationIds: [expect.any(String)] },
    ]);
    expect(verify.areasForImprovement).toEqual([]);
    expect(capabilities[4]!.areasForImprovement.map((a) => a.text)).toEqual(['Customs post Vilkupiai: officers on lane 3: No cordon was set around the truck']);
    expect(view.draft.executiveSummary).toContain('Evaluators observed 1 of');
  });

  it('is saved as edited, refuses a malformed body, and is open to evaluators and the director only', async () => {
    const { id, evaluator, director } = await playedExercise(h, 'edited');
    const draft = ((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).draft;
    const edited: ReportContent = {
      ...draft,
      executiveSummary: 'Customs **held** the truck at once; the cordon was missing.',
      capabilities: draft.capabilities.map((c) =>
        c.id === 'protect_officers' ? { ...c, areasForImprovement: c.areasForImprovement.map((a) => ({ ...a, analysis: 'Officers waited for orders.', rootCause: 'The cordon is not in the lane procedure.' })) } : c,
      ),
    };
    expect((await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, edited)).statusCode).toBe(200);
    const view = (await h.request('GET', `/api/exercises/${id}/report`, director)).json() as ReportView;
    expect(view.draft).toEqual(edited);
    expect(view.draftSaved).toEqual({ at: expect.any(Number), by: 'edited-evaluator' });
    // Ratings live in the log: one given after the draft was saved shows in it, the edits stay.
    const host = await h.server.runtime.get(id);
    await host.recordRating({ subject: { kind: 'capability', id: 'use_reachback' }, rating: 'U', reason: 'No spectrum sent', idempotencyKey: 'edited-rate-late' }, { kind: 'evaluator', id: 'x', name: 'Late rater' });
    const later = ((await h.request('GET', `/api/exercises/${id}/report`, director)).json() as ReportView).draft;
    expect(later).toEqual({ ...edited, capabilities: edited.capabilities.map((c) => (c.id === 'use_reachback' ? { ...c, rating: 'U' } : c)) });

    const before = dumpDatabase(databaseFile(h.dataDir));
    const bad = await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, { ...edited, executiveSummary: 'x'.repeat(20_001) });
    expect(bad.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('body.executiveSummary') });
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
    const observer = await h.member('observer', { exerciseId: id });
    expect((await h.request('GET', `/api/exercises/${id}/report`, observer)).json()).toEqual(error('FORBIDDEN'));
  });

  it('offers observations recorded after the draft was saved as new findings; adding them keeps every edit', async () => {
    const { id, evaluator } = await playedExercise(h, 'refreshed');
    const first = (await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView;
    expect(first.newFindings).toEqual([]);
    const edited: ReportContent = {
      ...first.draft,
      capabilities: first.draft.capabilities.map((c) =>
        c.id === 'protect_officers' ? { ...c, areasForImprovement: c.areasForImprovement.map((a) => ({ ...a, text: 'Rewritten by the evaluator', analysis: 'Waited for orders.' })) } : c,
      ),
    };
    expect((await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, edited)).statusCode).toBe(200);
    expect(((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).newFindings).toEqual([]);

    const post = { observedAtMs: 60_000, teamId: 'customs', objectiveId: 'protect_officers', kind: 'area-for-improvement', text: 'No dosimeters were handed out', idempotencyKey: 'refreshed-late' };
    expect((await h.request('POST', `/api/exercises/${id}/review/observations`, evaluator, post)).statusCode).toBe(201);
    const later = (await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView;
    // The saved draft itself is unchanged; the new observation is offered beside it.
    expect(later.draft).toEqual(edited);
    expect(later.newFindings).toEqual([
      { capabilityId: 'protect_officers', list: 'areasForImprovement', finding: { id: expect.stringMatching(/^obs-/), text: 'Customs post Vilkupiai: officers on lane 3: No dosimeters were handed out', analysis: '', rootCause: '', observationIds: [expect.any(String)] } },
    ]);

    const merged = addFindings(later.draft, later.newFindings);
    expect(merged.capabilities.find((c) => c.id === 'protect_officers')!.areasForImprovement.map((a) => [a.text, a.analysis])).toEqual([
      ['Rewritten by the evaluator', 'Waited for orders.'],
      ['Customs post Vilkupiai: officers on lane 3: No dosimeters were handed out', ''],
    ]);
    // Adding twice adds nothing more.
    expect(addFindings(merged, later.newFindings)).toEqual(merged);
    expect((await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, merged)).statusCode).toBe(200);
    const saved = (await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView;
    expect([saved.draft, saved.newFindings]).toEqual([merged, []]);
  });
});

describe('finalised versions', () => {
  it('are numbered, frozen with the improvement plan of the day, and never change: the API refuses and the store keeps them', async () => {
    const { id, evaluator } = await playedExercise(h, 'versions');
    const base = ((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).draft;
    await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, { ...base, executiveSummary: 'First summary.' });
    await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, CORDON_ROW);
    const first = await h.request('POST', `/api/exercises/${id}/report/finalise`, evaluator);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ version: 1, finalisedAt: expect.any(Number), finalisedBy: 'versions-evaluator' });
    const v1 = (await h.request('GET', `/api/exercises/${id}/report/versions/1`, evaluator)).json() as ReportVersion;
    expect(v1.content.executiveSummary).toBe('First summary.');
    expect(v1.improvementPlan.map((i) => [i.correctiveAction, i.status])).toEqual([[CORDON_ROW.correctiveAction, 'open']]);

    // Editing after finalising changes the draft only; finalising again makes version 2.
    const [row] = (await h.request('GET', `/api/exercises/${id}/improvement-plan`, evaluator)).json() as ImprovementItemView[];
    await h.request('POST', `/api/exercises/${id}/improvement-plan/${row!.id}/status`, evaluator, { status: 'in-progress', comment: 'Course booked' });
    await h.request('PUT', `/api/exercises/${id}/report/draft`, evaluator, { ...base, executiveSummary: 'Second summary.' });
    expect((await h.request('POST', `/api/exercises/${id}/report/finalise`, evaluator)).json()).toMatchObject({ version: 2 });
    const v2 = (await h.request('GET', `/api/exercises/${id}/report/versions/2`, evaluator)).json() as ReportVersion;
    expect([v2.content.executiveSummary, v2.improvementPlan[0]!.status]).toEqual(['Second summary.', 'in-progress']);
    expect((await h.request('GET', `/api/exercises/${id}/report/versions/1`, evaluator)).json()).toEqual(v1);
    expect(((await h.request('GET', `/api/exercises/${id}/report`, evaluator)).json() as ReportView).versions.map((v) => v.version)).toEqual([1, 2]);

    const before = dumpDatabase(databaseFile(h.dataDir));
    const refused = await h.request('PUT', `/api/exercises/${id}/report/versions/1`, evaluator, { ...v1.content, executiveSummary: 'Rewritten history.' });
    expect(refused.json()).toEqual({
      statusCode: 409,
      code: 'REPORT_VERSION_FINAL',
      error: 'Conflict',
      message: 'A finalised report version never changes; edit the draft and finalise again.',
    });
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
    expect((await h.request('GET', `/api/exercises/${id}/report/versions/3`, evaluator)).json()).toEqual(error('REPORT_VERSION_NOT_FOUND'));
    // The store itself offers no way to change a version: finalising inserts, and v1 reads back as it was.
    expect(await storeOf(h).review.getVersion(id, 1)).toEqual(v1);
    const versionMethods = Object.getOwnPropertyNames(Object.getPrototypeOf(storeOf(h).review)).filter((name) => /version|finalise/i.test(name));
    expect(versionMethods.sort()).toEqual(['finalise', 'getVersion', 'listVersions']);
  });

  it('need EndEx first', async () => {
    const { id } = await h.server.runtime.create({ scenario: (await h.server.runtime.get('demo')).record.scenario, speed: 1 });
    const director = await h.member('director', { exerciseId: id });
    await (await h.server.runtime.get(id)).command({ type: 'ready' }, { kind: 'system' });
    const before = dumpDatabase(databaseFile(h.dataDir));
    expect((await h.request('POST', `/api/exercises/${id}/report/finalise`, director)).json()).toEqual(error('EXERCISE_NOT_ENDED'));
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
  });
});

describe('the improvement plan', () => {
  it('takes the capability from the scenario\'s objectives and the responsible agency from the directory, free text only as "other"', async () => {
    const { id, evaluator } = await playedExercise(h, 'picks');
    await storeOf(h).planning.saveAgency({ id: 'agency-rsi', name: 'Radiation Safety Centre', type: 'regulator', functions: ['response'], contacts: [], createdAt: 0, updatedAt: 0 });
    const path = `/api/exercises/${id}/improvement-plan`;
    const picked = await h.request('POST', path, evaluator, { ...CORDON_ROW, capability: { objectiveId: 'protect_officers' }, responsibleAgency: { agencyId: 'agency-rsi' } });
    expect(picked.statusCode).toBe(201);
    expect(picked.json()).toMatchObject({ capability: 'Protect officers and preserve evidence', responsibleAgency: 'Radiation Safety Centre' });
    const other = await h.request('POST', path, evaluator, { ...CORDON_ROW, capability: { other: 'Lane signage' }, responsibleAgency: { other: 'Road administration' } });
    expect(other.json()).toMatchObject({ capability: 'Lane signage', responsibleAgency: 'Road administration' });
    const edited = await h.request('PATCH', `${path}/${picked.json().id}`, evaluator, { capability: { objectiveId: 'notify_on_time' } });
    expect(edited.json()).toMatchObject({ capability: 'Notify on time', responsibleAgency: 'Radiation Safety Centre' });

    expect((await h.request('POST', path, evaluator, { ...CORDON_ROW, capability: { objectiveId: 'no_such_objective' } })).json()).toMatchObject({ code: 'UNKNOWN_OBJECTIVE', message: 'Pick the capability from the scenario\'s objectives, or write it as "other".' });
    expect((await h.request('POST', path, evaluator, { ...CORDON_ROW, responsibleAgency: { agencyId: 'no-such-agency' } })).json()).toMatchObject({ code: 'UNKNOWN_AGENCY', message: 'Pick the agency from the directory, or write it as "other".' });
    expect((await h.request('POST', path, evaluator, { ...CORDON_ROW, capability: { objectiveId: 'protect_officers', other: 'both' } })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await h.request('PATCH', `${path}/${picked.json().id}`, evaluator, { responsibleAgency: { agencyId: 'no-such-agency' } })).json()).toMatchObject({ code: 'UNKNOWN_AGENCY' });
    const rows = (await h.request('GET', path, evaluator)).json() as ImprovementItemView[];
    expect(rows.map((r) => [r.capability, r.responsibleAgency])).toEqual([
      ['Notify on time', 'Radiation Safety Centre'],
      ['Lane signage', 'Road administration'],
    ]);
  });

  it('tracks each corrective action to closure: every status change with who, when, from, to and why, overdue flagged, also after the exercise is closed', async () => {
    const { id, evaluator, director } = await playedExercise(h, 'plan');
    const created = await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, CORDON_ROW);
    expect(created.statusCode).toBe(201);
    const late = (await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, { ...CORDON_ROW, correctiveAction: 'Buy two more dose-rate meters', capabilityElement: 'equipment', startDate: '2020-01-01', dueDate: '2020-06-30' })).json() as ImprovementItemView;
    expect(created.json()).toMatchObject({ ...CORDON_ROW, status: 'open', overdue: false, createdBy: 'plan-evaluator', history: [{ from: null, to: 'open', by: 'plan-evaluator' }] });
    expect(late).toMatchObject({ status: 'open', overdue: true });

    await (await h.server.runtime.get(id)).command({ type: 'close' }, { kind: 'system' });
    const step = (status: string, comment: string) => h.request('POST', `/api/exercises/${id}/improvement-plan/${late.id}/status`, director, { status, comment });
    expect((await step('in-progress', 'Procurement started')).json()).toMatchObject({ status: 'in-progress', overdue: true });
    const done = (await step('completed', 'Meters delivered')).json() as ImprovementItemView;
    expect(done).toMatchObject({ status: 'completed', overdue: false });
    expect(done.history.map(({ by, from, to, comment }) => ({ by, from, to, comment }))).toEqual([
      { by: 'plan-evaluator', from: null, to: 'open', comment: 'Added to the improvement plan.' },
      { by: 'plan-director', from: 'open', to: 'in-progress', comment: 'Procurement started' },
      { by: 'plan-director', from: 'in-progress', to: 'completed', comment: 'Meters delivered' },
    ]);
    expect(done.history.every((c, i, all) => i === 0 || c.at >= all[i - 1]!.at)).toBe(true);

    const edited = await h.request('PATCH', `/api/exercises/${id}/improvement-plan/${late.id}`, evaluator, { pointOfContact: 'Logistics officer' });
    expect(edited.json()).toMatchObject({ pointOfContact: 'Logistics officer', status: 'completed' });

    const before = dumpDatabase(databaseFile(h.dataDir));
    const refusals = [
      await h.request('PATCH', `/api/exercises/${id}/improvement-plan/${late.id}`, evaluator, { dueDate: '2019-01-01' }),
      await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, { ...CORDON_ROW, dueDate: '2026-02-30' }),
      await h.request('POST', `/api/exercises/${id}/improvement-plan`, evaluator, { ...CORDON_ROW, capabilityElement: 'money' }),
      await h.request('POST', `/api/exercises/${id}/improvement-plan/${late.id}/status`, evaluator, { status: 'completed', comment: 'again' }),
      await h.request('POST', `/api/exercises/${id}/improvement-plan/${late.id}/status`, evaluator, { status: 'open', comment: '' }),
      await h.request('POST', `/api/exercises/${id}/improvement-plan/no-such-row/status`, evaluator, { status: 'open', comment: 'x' }),
    ];
    expect(refusals.map((r) => [r.statusCode, r.json().code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      // Already completed: a conflict with the row's state, not a malformed request.
      [409, 'IMPROVEMENT_STATUS_UNCHANGED'],
      [400, 'VALIDATION_FAILED'],
      [404, 'IMPROVEMENT_ITEM_NOT_FOUND'],
    ]);
    expect(dumpDatabase(databaseFile(h.dataDir))).toEqual(before);
  });

  it('shows directors, planners and administrators the open corrective actions per agency across exercises, filtered', async () => {
    const a = await playedExercise(h, 'agencies-a');
    const b = await playedExercise(h, 'agencies-b');
    await h.request('POST', `/api/exercises/${a.id}/improvement-plan`, a.evaluator, CORDON_ROW);
    await h.request('POST', `/api/exercises/${a.id}/improvement-plan`, a.evaluator, { ...CORDON_ROW, responsibleAgency: 'Radiation Safety Inspectorate', correctiveAction: 'Write a reachback checklist', dueDate: '2026-12-15' });
    const closed = (await h.request('POST', `/api/exercises/${b.id}/improvement-plan`, b.evaluator, { ...CORDON_ROW, correctiveAction: 'Old overdue fix', startDate: '2020-01-01', dueDate: '2020-02-01' })).json() as ImprovementItemView;
    const list = async (who: typeof a.director, query = '') => ((await h.request('GET', `/api/corrective-actions${query}`, who)).json() as ImprovementItemView[]).map((i) => [i.exerciseTitle, i.responsibleAgency, i.correctiveAction, i.overdue]);

    expect(await list(a.director)).toEqual([
      ['Border alarm drill agencies-a', 'Customs post Vilkupiai', CORDON_ROW.correctiveAction, false],
      ['Border alarm drill agencies-a', 'Radiation Safety Inspectorate', 'Write a reachback checklist', false],
    ]);
    const mine = (await list(h.admin)).filter(([title]) => String(title).startsWith('Border alarm drill agencies-'));
    expect(mine).toEqual([
      ['Border alarm drill agencies-b', 'Customs post Vilkupiai', 'Old overdue fix', true],
      ['Border alarm drill agencies-a', 'Customs post Vilkupiai', CORDON_ROW.correctiveAction, false],
      ['Border alarm drill agencies-a', 'Radiation Safety Inspectorate', 'Write a reachback checklist', false],
    ]);
    expect(await list(b.director, '?overdue=true')).toEqual([['Border alarm drill agencies-b', 'Customs post Vilkupiai', 'Old overdue fix', true]]);
    expect(await list(a.director, '?agency=Radiation%20Safety%20Inspectorate')).toEqual([['Border alarm drill agencies-a', 'Radiation Safety Inspectorate', 'Write a reachback checklist', false]]);
    await h.request('POST', `/api/exercises/${b.id}/improvement-plan/${closed.id}/status`, b.director, { status: 'cancelled', comment: 'Superseded' });
    expect(await list(b.director, '?status=open')).toEqual([]);
    expect((await h.request('GET', '/api/corrective-actions', a.evaluator)).json()).toEqual(error('FORBIDDEN'));
    expect((await h.request('GET', '/api/corrective-actions?status=lost', a.director)).json()).toEqual(error('VALIDATION_FAILED'));
  });
});
