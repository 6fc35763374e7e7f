import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential } from '../harness.ts';
import { storeOf } from '../review/reportFixture.ts';
import { artifactPath, launchChromium, openPage } from './browser.ts';

/**
 * From EndEx to a finalised AAR/IP in real Chromium: scenario B is played to EndEx through the
 * harness's sockets (director, the customs tablet, an evaluator). Then, by the links a user clicks:
 * the evaluator opens the review from the home page, scrubs the replay, reads the metrics, adds a
 * post-exercise observation and rates a capability target and a capability; a second evaluator
 * rates the target differently (API) and the director reconciles it in the browser; the customs
 * tablet sends its hot-wash, which the Feedback tab shows; the evaluator goes on to the report,
 * sees the ratings, edits and saves the draft, brings in an observation recorded after saving,
 * adds an improvement plan row and finalises version 1; the director sees the open corrective
 * actions per agency on /actions.
 */
const EXERCISE_ID = 'review-flow';
const LAPTOP = { viewport: { width: 1366, height: 900 } } satisfies BrowserContextOptions;
const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true } satisfies BrowserContextOptions;
const SCENARIO = LIBRARY['detection-portal-alarm']!;
const subjectOf = (injectId: string) => SCENARIO.injects.find((i) => i.id === injectId)!.subject;

let h: Harness;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const open = (name: string, url: string, credential: StaffCredential | undefined, options: BrowserContextOptions = LAPTOP): Promise<Page> =>
  openPage(browser, url, { name, options, cookie: credential?.cookie, errors: pageErrors });

/** Scenario B to EndEx over real sockets: the alarm, customs holds the truck, the evaluator observes, the director ends play. */
async function playToEndex(director: StaffCredential, evaluator: StaffCredential): Promise<void> {
  const tablet = client(h.url, (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token);
  const control = client(h.url, director);
  const judge = client(h.url, evaluator);
  await Promise.all([connected(tablet.socket), connected(control.socket), connected(judge.socket)]);
  const ok = async (socket: typeof tablet.socket, event: Parameters<typeof call>[1], payload: unknown) => expect(await call(socket, event, payload)).toMatchObject({ ok: true });
  await ok(control.socket, 'command', { type: 'start' });
  await ok(tablet.socket, 'inject.delivered', { injectId: 'portal_alarm' });
  await ok(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' });
  await ok(tablet.socket, 'action.take', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, injectId: 'portal_alarm', idempotencyKey: 'flow-hold' });
  await ok(judge.socket, 'observation.record', { observedAtMs: 30_000, teamId: 'customs', taskId: 'ct_hold_rescan', objectiveId: 'verify_alarm', kind: 'strength', text: 'Held the truck and re-scanned at once', idempotencyKey: 'flow-obs-1' });
  await ok(judge.socket, 'observation.record', { observedAtMs: 90_000, teamId: 'customs', objectiveId: 'protect_officers', kind: 'area-for-improvement', text: 'Officers stood next to the truck without a cordon', idempotencyKey: 'flow-obs-2' });
  // On to the next scheduled event (T+5 min): the driver's papers reach customs.
  await ok(control.socket, 'command', { type: 'jump' });
  await ok(control.socket, 'command', { type: 'end' });
  for (const s of [tablet.socket, control.socket, judge.socket]) s.disconnect();
}

/** The review as the evaluators and the director use it: replay, metrics, observations, ratings, reconciliation, hot-wash. */
async function reviewInTheBrowser(director: StaffCredential, evaluator: StaffCredential, secondEvaluator: StaffCredential, tabletCode: string): Promise<Page> {
  // From the home page, the ended exercise's entry leads to the review.
  const page = await open('evaluator', `${h.url}/`, evaluator);
  await page.getByTestId(`exercise-${EXERCISE_ID}`).getByRole('link', { name: 'Vilkupiai border alarm drill', exact: true }).click();
  await page.waitForURL(`${h.url}/review/${EXERCISE_ID}`);

  // Replay: scrub to T+4 min, before the driver's papers were released; then to the end.
  await page.getByTestId('review-tab-replay').click();
  const customs = page.getByTestId('replay-team-customs');
  await customs.getByText(subjectOf('portal_alarm')).waitFor();
  await page.getByTestId('replay-slider').fill('240000');
  await eventually(() => page.getByTestId('replay-at').textContent()).toMatch(/^At 00:04:00: the log up to #\d+, its last entry at 00:00:00$/);
  expect(await page.getByTestId('replay-time').textContent()).toBe('00:04:00');
  await expect.poll(() => customs.textContent()).toContain('Hold the vehicle');
  expect(await customs.textContent()).toContain('acted upon');
  expect(await customs.getByText(subjectOf('driver_papers')).count()).toBe(0);
  await page.screenshot({ path: artifactPath('review-flow-replay.png'), fullPage: true });
  await page.getByTestId('replay-slider').fill('301000');
  await customs.getByText(subjectOf('driver_papers')).waitFor();

  // Metrics: the customs row of the team table, and the response-time chart drawn.
  await page.getByTestId('review-tab-metrics').click();
  const teams = page.getByTestId('team-metrics');
  await teams.getByRole('rowheader', { name: 'Customs post Vilkupiai: officers on lane 3' }).waitFor();
  await expect.poll(() => page.getByTestId('chart-response-times').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Evaluation: a post-exercise observation, then ratings of a capability target and of the capability.
  await page.getByTestId('review-tab-evaluation').click();
  await page.getByTestId('post-observation-text').fill('Nobody checked the officers’ dosimeters after the hold');
  await page.getByTestId('post-observation-form').getByLabel('Tag', { exact: true }).selectOption('area-for-improvement');
  await page.getByTestId('post-observation-form').getByLabel('Objective', { exact: true }).selectOption('protect_officers');
  await page.getByTestId('post-observation-submit').click();
  await page.getByTestId('capability-protect_officers').getByText('Nobody checked the officers’ dosimeters after the hold').waitFor();

  const rate = async (subject: string, rating: string, reason: string) => {
    await page.getByTestId(`rating-form-${subject}`).locator('summary').click();
    await page.getByTestId(`rating-picker-${subject}`).getByRole('radio', { name: new RegExp(`^${rating} `) }).check();
    await page.getByTestId(`rating-reason-${subject}`).fill(reason);
    await page.getByTestId(`rating-submit-${subject}`).click();
    await page.getByTestId(`ratings-${subject}`).getByText(reason).waitFor();
  };
  await rate('target-secondary_within_10', 'S', 'Held and re-scanned at once; the dose rate at 1 m came late.');
  await rate('capability-verify_alarm', 'S', 'Verified per procedure, slower than it could be.');
  await eventually(() => page.getByTestId('final-capability-verify_alarm').textContent()).toMatch(/^S — /);

  // A second evaluator rates the target differently (through the API): a conflict for the director.
  const second = await h.request('POST', `/api/exercises/${EXERCISE_ID}/review/ratings`, secondEvaluator, {
    subject: { kind: 'target', id: 'secondary_within_10' },
    rating: 'M',
    reason: 'Officers stood at the trailer without dosimeters.',
    idempotencyKey: 'flow-second-rating',
  });
  expect(second.statusCode).toBe(201);

  // The director reconciles in the browser, with a reason; both ratings stay beside the final one.
  const lead = await open('director', `${h.url}/`, director);
  await lead.getByTestId(`exercise-${EXERCISE_ID}`).getByRole('link', { name: 'Vilkupiai border alarm drill', exact: true }).click();
  await lead.getByTestId('review-tab-evaluation').click();
  const target = lead.getByTestId('ratings-target-secondary_within_10');
  await target.getByText('Officers stood at the trailer without dosimeters.').waitFor();
  expect(await target.getByText('Held and re-scanned at once; the dose rate at 1 m came late.').count()).toBe(1);
  await lead.getByTestId('reconcile-picker-target-secondary_within_10').getByRole('radio', { name: /^S / }).check();
  await lead.getByTestId('reconcile-reason-target-secondary_within_10').fill('Held at once; the dosimeter gap is a training matter, not a failure of the target.');
  await lead.getByTestId('reconcile-submit-target-secondary_within_10').click();
  await eventually(() => lead.getByTestId('final-target-secondary_within_10').textContent()).toMatch(/^S — .*reconciled/i);
  await target.getByText(/the dosimeter gap is a training matter/).waitFor();
  await lead.screenshot({ path: artifactPath('review-flow-reconciled.png'), fullPage: true });
  await lead.context().close();

  // The customs tablet sends its hot-wash; the form gives way to a clear "sent" state.
  const tablet = await open('tablet', `${h.url}/tablet#code=${tabletCode}`, undefined, TABLET);
  await tablet.getByTestId('hotwash-went-well').fill('The hold was quick and calm.');
  await tablet.getByTestId('hotwash-to-improve').fill('We need dosimeters at lane 3.');
  await tablet.getByTestId('hotwash-submit').click();
  await tablet.getByTestId('hotwash-sent').waitFor();
  expect(await tablet.getByTestId('hotwash-went-well').count()).toBe(0);
  await tablet.screenshot({ path: artifactPath('review-flow-hotwash-sent.png'), fullPage: true });
  await tablet.context().close();

  // The evaluator sees it under Feedback, with the team's name.
  await page.getByTestId('review-tab-feedback').click();
  const feedback = page.getByTestId('feedback-list');
  await feedback.getByText('We need dosimeters at lane 3.').waitFor();
  expect(await feedback.textContent()).toContain('Customs post Vilkupiai: officers on lane 3 (team tablet)');
  await page.screenshot({ path: artifactPath('review-flow-feedback.png'), fullPage: true });
  return page;
}

describe('the review flow in real browsers', () => {
  it('takes an evaluator from EndEx to a finalised AAR/IP with an improvement plan, and shows the director the corrective actions per agency', { timeout: 90_000 }, async () => {
    await h.server.runtime.create({ id: EXERCISE_ID, title: 'Vilkupiai border alarm drill', scenario: LIBRARY['detection-portal-alarm']!, speed: 1 });
    const director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'flow-director' });
    const evaluator = await h.member('evaluator', { exerciseId: EXERCISE_ID, username: 'flow-evaluator' });
    const secondEvaluator = await h.member('evaluator', { exerciseId: EXERCISE_ID, username: 'flow-evaluator-2' });
    await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
    const tabletCode = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token;
    await playToEndex(director, evaluator);
    expect((await h.server.runtime.get(EXERCISE_ID)).status).toBe('ended');
    const page = await reviewInTheBrowser(director, evaluator, secondEvaluator, tabletCode);

    // On to the report: the draft is assembled from the review, with the final ratings.
    await page.getByTestId('to-report').click();
    await page.waitForURL(`${h.url}/report/${EXERCISE_ID}`);
    await page.getByRole('heading', { level: 1, name: 'Vilkupiai border alarm drill' }).waitFor();
    const verify = page.getByTestId('capability-verify_alarm');
    await verify.getByText('S: performed with some challenges').waitFor();
    expect(await verify.getByRole('list', { name: 'Capability targets' }).textContent()).toMatch(/within 10 minutes of the order: S$/);
    const protect = page.getByTestId('capability-protect_officers');
    await protect.getByText('Officers stood next to the truck without a cordon').waitFor();
    await expect.poll(() => protect.locator('textarea').evaluateAll((all: HTMLTextAreaElement[]) => all.map((a) => a.value).join('\n'))).toContain('Nobody checked the officers’ dosimeters after the hold');
    await expect.poll(() => page.getByTestId('strengths-verify_alarm').locator('textarea').first().inputValue()).toContain('Held the truck and re-scanned at once');

    // Edit: executive summary, analysis and root cause of the area for improvement; save.
    await page.getByTestId('executive-summary').fill('Customs held the truck at once. Officers worked without a cordon: a training gap.');
    await protect.getByLabel('Analysis').first().fill('Officers waited for a supervisor before measuring.');
    await protect.getByLabel('Root cause').first().fill('The lane procedure does not mention a cordon.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();

    // Back in the review, one more observation after the draft was saved; the report offers to bring it in, edits kept.
    await page.getByTestId('exercise-nav').getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByTestId('review-tab-evaluation').click();
    await page.getByTestId('post-observation-text').fill('The cordon tape was locked in the office');
    await page.getByTestId('post-observation-form').getByLabel('Tag', { exact: true }).selectOption('area-for-improvement');
    await page.getByTestId('post-observation-form').getByLabel('Objective', { exact: true }).selectOption('protect_officers');
    await page.getByTestId('post-observation-submit').click();
    await page.getByText('The cordon tape was locked in the office').waitFor();
    await page.getByTestId('to-report').click();
    await page.getByTestId('new-findings').getByRole('button', { name: 'Add them as findings' }).click();
    await eventually(() => protect.locator('textarea').evaluateAll((all: HTMLTextAreaElement[]) => all.map((a) => a.value))).toEqual(
      expect.arrayContaining([expect.stringContaining('The cordon tape was locked in the office'), 'Officers waited for a supervisor before measuring.']),
    );
    expect(await page.getByTestId('new-findings').count()).toBe(0);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();

    // An improvement plan row from the area for improvement: capability and issue come prefilled.
    await protect.getByRole('button', { name: 'Add to the improvement plan' }).first().click();
    const form = page.getByRole('form', { name: 'Improvement plan' });
    await eventually(() => form.getByLabel('Issue / area for improvement').inputValue()).toContain('without a cordon');
    await form.getByLabel('Recommendation').fill('Teach the 30 m cordon for an unshielded source');
    await form.getByLabel('Corrective action').fill('Add a cordon drill to the spring refresher course');
    await form.getByLabel('Capability element').selectOption('training');
    // The capability comes picked from the scenario's objectives; an agency outside the directory is "Other…".
    expect(await form.getByLabel('Capability', { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.text)).toBe('Protect officers and preserve evidence');
    await form.getByLabel('Responsible agency').selectOption({ label: 'Other…' });
    await form.getByLabel('Other agency').fill('Customs post Vilkupiai');
    await form.getByLabel('Point of contact').fill('Shift supervisor J. Petraitis');
    await form.getByLabel('Due date').fill('2027-03-31');
    await form.getByRole('button', { name: 'Save row' }).click();
    const plan = page.getByTestId('improvement-plan');
    await plan.getByText('Add a cordon drill to the spring refresher course').waitFor();
    await page.screenshot({ path: artifactPath('review-flow-report-draft.png'), fullPage: true });

    // Finalise, with confirmation.
    await page.getByRole('button', { name: 'Finalise…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Finalise version 1?' });
    await confirm.getByText('can never be changed').waitFor();
    await page.screenshot({ path: artifactPath('review-flow-finalise-confirm.png') });
    await confirm.getByRole('button', { name: 'Finalise version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1 finalised.' }).waitFor();
    await page.getByTestId('version-1').getByRole('button', { name: 'Open' }).click();
    const version = page.getByTestId('version-view');
    await version.getByText('Officers worked without a cordon').waitFor();
    await page.screenshot({ path: artifactPath('review-flow-version-1.png'), fullPage: true });

    const frozen = (await storeOf(h).review.getVersion(EXERCISE_ID, 1))!;
    expect(frozen.finalisedBy).toBe('flow-evaluator');
    expect(frozen.content.executiveSummary).toBe('Customs held the truck at once. Officers worked without a cordon: a training gap.');
    const frozenProtect = frozen.content.capabilities.find((c) => c.id === 'protect_officers')!;
    expect(frozenProtect.areasForImprovement[0]).toMatchObject({
      analysis: 'Officers waited for a supervisor before measuring.',
      rootCause: 'The lane procedure does not mention a cordon.',
    });
    expect(frozenProtect.areasForImprovement.map((a) => a.text)).toEqual([
      expect.stringContaining('Officers stood next to the truck without a cordon'),
      expect.stringContaining('Nobody checked the officers’ dosimeters after the hold'),
      expect.stringContaining('The cordon tape was locked in the office'),
    ]);
    const frozenVerify = frozen.content.capabilities.find((c) => c.id === 'verify_alarm')!;
    expect([frozenVerify.rating, frozenVerify.targets[0]!.rating]).toEqual(['S', 'S']);
    expect(frozen.improvementPlan.map((i) => [i.capability, i.correctiveAction, i.capabilityElement, i.responsibleAgency, i.dueDate, i.status])).toEqual([
      [expect.stringMatching(/officers/i), 'Add a cordon drill to the spring refresher course', 'training', 'Customs post Vilkupiai', '2027-03-31', 'open'],
    ]);
    // The PDF export link serves the finalised version.
    const pdf = await page.request.get(`${h.url}/api/exercises/${EXERCISE_ID}/exports/report.pdf?version=1`);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);

    // A second agency's corrective action, long overdue, added by the director.
    const overdue = await h.request('POST', `/api/exercises/${EXERCISE_ID}/improvement-plan`, director, {
      capability: 'Use expert reachback',
      issue: 'The spectrum reached reachback late',
      recommendation: 'Give each lane a way to send spectra',
      correctiveAction: 'Install a data link at lane 3',
      capabilityElement: 'equipment',
      responsibleAgency: 'Radiation Safety Inspectorate',
      pointOfContact: 'Duty inspector',
      startDate: '2020-01-01',
      dueDate: '2020-03-01',
    });
    expect(overdue.statusCode).toBe(201);

    // The director, from the home page: open corrective actions per agency, the overdue one flagged, filtered by agency.
    const actions = await open('director', `${h.url}/`, director);
    await actions.getByRole('link', { name: 'Corrective actions' }).click();
    await actions.waitForURL(`${h.url}/actions`);
    const customs = actions.getByTestId('agency-Customs post Vilkupiai');
    const inspectorate = actions.getByTestId('agency-Radiation Safety Inspectorate');
    await customs.getByText('Add a cordon drill to the spring refresher course').waitFor();
    await inspectorate.getByText('Install a data link at lane 3').waitFor();
    await expect.poll(() => inspectorate.getByText('⚠ Overdue').count()).toBe(1);
    expect(await customs.getByText('⚠ Overdue').count()).toBe(0);
    await actions.screenshot({ path: artifactPath('review-flow-actions.png'), fullPage: true });
    await actions.getByLabel('Agency').selectOption('Radiation Safety Inspectorate');
    await eventually(() => customs.count()).toBe(0);
    await actions.getByLabel('Agency').selectOption('');
    await actions.getByLabel('Overdue only').check();
    await eventually(() => actions.locator('tbody tr').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
