import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { ExerciseRole, ImprovementItemView, ReportView } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, until, type Harness, type StaffCredential } from '../harness.ts';
import { artifactPath, launchChromium } from './browser.ts';

/**
 * Every piece of stored text a person or an uploaded scenario controls carries payloads that, if they
 * ever ran, would set window.__xss (or open a dialog). Each view that shows the text is opened in real
 * Chromium with the role that may see it, and must (1) show the text as text and (2) hold nothing that
 * could run: no dialog, window.__xss unset, no element with an on* attribute, no inline script, no
 * javascript:/vbscript:/data:text/html link, and no Content-Security-Policy violation.
 */
const payload = (name: string) => ({
  script: `<script>window.__xss='${name}-script'</script>`,
  handler: `<img src=x onerror="window.__xss='${name}-img'">`,
  svg: `<svg onload="window.__xss='${name}-svg'"></svg>`,
  link: `[open me](javascript:window.__xss='${name}-link')`,
  rawLink: `<a href="javascript:window.__xss='${name}-a'">open</a>`,
  mixed: `**${name} in bold** <img src=x onerror="window.__xss='${name}-mixed'"> and [mixed link](javascript:window.__xss='${name}-mixed-link')`,
  encoded: `[encoded link](&#106;avascript:window.__xss='${name}-encoded')`,
  dataLink: `[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9J2RhdGEnPC9zY3JpcHQ+)`,
  autolink: `<javascript:window.__xss='${name}-autolink'>`,
});
// Blank lines between payloads: each is its own markdown block, so the links are parsed as links.
const all = (name: string) => Object.values(payload(name)).join('\n\n');
/** The link texts markdown keeps (with their targets made safe) from `all()`. */
const MARKDOWN_LINKS = ['open me', 'mixed link', 'encoded link', 'data link'];

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
// Each case closes the pages it opened, also when it fails, so none keeps a socket and the CPU busy.
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A page with everything that would betray a running payload recorded from before its first load. */
interface Watched {
  page: Page;
  dialogs: string[];
  cspViolations: string[];
}

async function open(url: string, credential: StaffCredential | undefined, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  if (credential) {
    const at = credential.cookie.indexOf('=');
    await context.addCookies([{ name: credential.cookie.slice(0, at), value: credential.cookie.slice(at + 1), url: h.url }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watched: Watched = { page, dialogs: [], cspViolations: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => message.text().includes('Content Security Policy') && watched.cspViolations.push(message.text()));
  await page.goto(url);
  return watched;
}

/** Whatever in the document could run script: handler attributes, inline scripts, frames, script URLs. */
function hazards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      const tag = element.tagName.toLowerCase();
      if (tag === 'script' && !element.hasAttribute('src')) found.push(`inline <script>: ${element.textContent}`);
      if (['iframe', 'frame', 'object', 'embed'].includes(tag)) found.push(`<${tag}>`);
      for (const name of element.getAttributeNames()) {
        const value = element.getAttribute(name) ?? '';
        if (/^on/i.test(name)) found.push(`<${tag} ${name}="${value}">`);
        // Browsers ignore control characters and blanks in a scheme, so "java\tscript:" counts too.
        // eslint-disable-next-line no-control-regex -- the control characters browsers drop from a scheme
        const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(href|src|action|formaction|xlink:href|srcdoc|data)$/i.test(name) && /^(javascript:|vbscript:|data:text\/html|data:image\/svg)/.test(url)) {
          found.push(`<${tag} ${name}="${value}">`);
        }
      }
    }
    return found;
  });
}

/** Nothing ran and nothing that could run is in the page. */
async function expectInert(watched: Watched): Promise<void> {
  expect(await hazards(watched.page)).toEqual([]);
  expect(await watched.page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(watched.dialogs).toEqual([]);
  expect(watched.cspViolations).toEqual([]);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each text is rendered, as the characters it is, where people see it (not just somewhere in the DOM). */
async function expectShown(scope: Locator, texts: string[]): Promise<void> {
  for (const text of texts) await expect.poll(async () => squash(await scope.innerText())).toContain(squash(text));
}

/** Each text is the value of some field (textarea or input) in the scope. */
async function expectInFields(scope: Locator, texts: string[]): Promise<void> {
  const values = () => scope.locator('textarea, input').evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value).join('\n'));
  for (const text of texts) await expect.poll(values).toContain(text);
}

/** Markdown kept the links from `all()` (so sanitising is what happened to them, not dropping), none of them a script or HTML target. */
async function expectSafeLinks(scope: Locator): Promise<void> {
  for (const text of MARKDOWN_LINKS) {
    const hrefs = await scope.locator('a', { hasText: text }).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length, `links "${text}"`).toBeGreaterThan(0);
    // eslint-disable-next-line no-control-regex -- the control characters browsers drop from a scheme
    for (const href of hrefs) expect(href.replace(/[\u0000-\u0020]/g, '')).not.toMatch(/^(javascript|vbscript|data):/i);
  }
}

async function openAllDetails(page: Page): Promise<void> {
  await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

/** An account with a hostile display name and a role in the exercise, signed in. */
async function person(exerciseId: string, role: ExerciseRole, username: string, displayName: string, teamId?: string): Promise<StaffCredential> {
  const password = `${username} password 123`;
  const created = await h.request('POST', '/api/admin/users', h.admin, { username, displayName, password });
  expect(created.statusCode).toBe(201);
  await h.server.identity.setMembership('test', { exerciseId, userId: (created.json() as { id: string }).id, role, teamId });
  return h.login(username, password, exerciseId);
}

// An uploaded scenario whose every name and text carries payloads.
const base = LIBRARY.demo!;
const objective = base.objectives![0]!;
const target = objective.capabilityTargets[0]!;
const HOSTILE = {
  ...base,
  id: 'xss_drill',
  title: `Drill ${payload('title').handler}`,
  teams: [{ ...base.teams[0]!, name: `Customs ${payload('team').handler}` }],
  simulatedOrganisations: [{ id: 'supervisor', name: `Supervisor ${payload('org').svg}` }],
  objectives: [
    {
      ...objective,
      title: `Verify ${payload('objective').handler}`,
      capabilityTargets: [{ ...target, title: `In time ${payload('target').svg}`, criticalTasks: [{ ...target.criticalTasks[0]!, title: `Report ${payload('task').script}` }] }],
    },
  ],
  metrics: base.metrics!.map((metric) => ({ ...metric, title: `Time to report ${payload('metric').handler}` })),
  injects: base.injects.map((inject) => ({
    ...inject,
    from: `Portal ${payload('from').handler}`,
    subject: `${inject.subject} ${payload('subject').svg}`,
    body: `${inject.body}\n\n${all('body')}`,
  })),
  actions: [
    ...base.actions!.map((action) => ({ ...action, label: `${action.label} ${payload('action').handler}` })),
    // An action no transition waits for: play stays in the alarm state until EndEx is commanded.
    { id: 'log_details', label: `Log details ${payload('action-label').svg}`, teams: ['customs'], fields: [{ name: 'details', label: `Details ${payload('field').svg}`, type: 'text' as const, maxLength: 2000 }] },
  ],
};
const TEAM_NAME = HOSTILE.teams[0]!.name;
const ADHOC_SUBJECT = `Ad hoc ${payload('adhoc').svg}`;
const NAMES = {
  director: `Director ${payload('director').handler}`,
  evaluator: `Evaluator ${payload('evaluator').svg}`,
  participant: `Participant ${payload('participant').handler}`,
};
const TEXT = {
  actionField: `Seen ${payload('action-field').handler}`,
  message: all('message'),
  reply: all('reply'),
  broadcast: all('broadcast'),
  note: `Note ${payload('note').handler}`,
  halt: `Halt ${payload('halt').svg}`,
  observation: `Observed ${payload('observation').handler}`,
  postObservation: `After play ${payload('post').script}`,
  capabilityRating: `Capability reason ${payload('capability-rating').handler}`,
  targetRating: `Target reason ${payload('target-rating').svg}`,
  reconcile: `Reconciled ${payload('reconcile').handler}`,
  wentWell: `Went well ${payload('went-well').handler}`,
  toImprove: `To improve ${payload('to-improve').svg}`,
  objectiveFeedback: `Objective feedback ${payload('objective-feedback').script}`,
  accountFeedback: `Account feedback ${payload('account-feedback').handler}`,
  executiveSummary: all('summary'),
  scope: `Scope ${payload('scope').handler}`,
  dates: `27 November ${payload('dates').svg}`,
  analysis: `Analysis ${payload('analysis').handler}`,
  rootCause: `Root cause ${payload('root-cause').svg}`,
};
const PLAN_ROW = {
  capability: `Capability ${payload('plan-capability').handler}`,
  issue: `Issue ${payload('plan-issue').svg}`,
  recommendation: `Recommendation ${payload('plan-recommendation').script}`,
  correctiveAction: `Corrective ${payload('plan-action').handler}`,
  capabilityElement: 'training',
  responsibleAgency: `Agency ${payload('plan-agency').svg}`,
  pointOfContact: `Contact ${payload('plan-contact').handler}`,
  startDate: '2026-12-01',
  dueDate: '2027-03-31',
} as const;
const STATUS_COMMENT = `Started ${payload('status-comment').handler}`;

const EXERCISE_ID = 'xss';
let director: StaffCredential;
let evaluator: StaffCredential;
let observer: StaffCredential;
let participant: StaffCredential;
let tabletCode: string;

describe('stored XSS is rendered inert', () => {
  beforeAll(async () => {
    const uploaded = await h.request('POST', '/api/scenarios', h.admin, HOSTILE);
    expect(uploaded.statusCode).toBe(201);
    await h.server.runtime.create({ id: EXERCISE_ID, scenario: (await h.server.runtime.store.getScenario('xss_drill'))!.document, speed: 1 });
    director = await person(EXERCISE_ID, 'director', 'xss-director', NAMES.director);
    evaluator = await person(EXERCISE_ID, 'evaluator', 'xss-evaluator', NAMES.evaluator);
    observer = await person(EXERCISE_ID, 'observer', 'xss-observer', 'Wall screen');
    participant = await person(EXERCISE_ID, 'participant', 'xss-participant', NAMES.participant, 'customs');
    await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
    tabletCode = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token;

    // Play through the real socket API: control, the team's tablet and the evaluator each write payloads.
    const control = client(h.url, director);
    const tablet = client(h.url, tabletCode);
    const judge = client(h.url, evaluator);
    await Promise.all([connected(control.socket), connected(tablet.socket), connected(judge.socket)]);
    const ok = async (socket: typeof tablet.socket, event: Parameters<typeof call>[1], body: unknown) => expect(await call(socket, event, body)).toMatchObject({ ok: true });
    await ok(control.socket, 'command', { type: 'start' });
    // Real-time speed, so no scenario timer ends play while the views are looked at; jump to the alarm.
    await ok(control.socket, 'command', { type: 'jump' });
    await until(() => tablet.received.find((e) => e.type === 'inject.released'), 'the alarm');
    await ok(tablet.socket, 'inject.delivered', { injectId: 'portal_alarm' });
    await ok(tablet.socket, 'inject.acknowledge', { injectId: 'portal_alarm' });
    await ok(tablet.socket, 'action.take', { actionId: 'log_details', fields: { details: TEXT.actionField }, injectId: 'portal_alarm', idempotencyKey: 'xss-action-1' });
    await ok(control.socket, 'command', { type: 'adhoc', to: ['customs'], channel: 'email', from: `Control ${payload('adhoc-from').handler}`, subject: ADHOC_SUBJECT, body: all('adhoc') });
    await ok(tablet.socket, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: TEXT.message, idempotencyKey: 'xss-message-1' });
    await ok(control.socket, 'command', { type: 'reply', organisationId: 'supervisor', to: 'customs', text: TEXT.reply });
    await ok(control.socket, 'command', { type: 'broadcast', text: TEXT.broadcast });
    await ok(control.socket, 'command', { type: 'note', text: TEXT.note });
    await ok(control.socket, 'command', { type: 'halt', reason: TEXT.halt });
    await ok(control.socket, 'command', { type: 'resume', reason: TEXT.halt });
    await ok(judge.socket, 'observation.record', { observedAtMs: 60_000, teamId: 'customs', injectId: 'portal_alarm', objectiveId: objective.id, taskId: target.criticalTasks[0]!.id, kind: 'strength', rating: 'S', text: TEXT.observation, idempotencyKey: 'xss-observation-1' });
    for (const s of [control.socket, tablet.socket, judge.socket]) s.disconnect();
  });

  it('the checks see a payload that does get into a page (so their silence below means something)', async () => {
    const watched = await open(`${h.url}/`, director);
    await watched.page.getByRole('heading', { level: 1 }).waitFor();
    await watched.page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), payload('canary').handler);
    expect(await hazards(watched.page)).toEqual([`<img onerror="window.__xss='canary-img'">`]);
    // The strict Content-Security-Policy is a second wall: the handler is refused, and that is seen.
    await expect.poll(() => watched.cspViolations.length).toBeGreaterThan(0);
    expect(await watched.page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  });

  it('console and tablet: scenario content, injects, actions, messages and notes', { timeout: 60_000 }, async () => {
    const consoleView = await open(`${h.url}/console/${EXERCISE_ID}`, director);
    const tabletView = await open(`${h.url}/tablet#code=${tabletCode}`, undefined, { width: 768, height: 1024 });
    const consolePage = consoleView.page;
    const tabletPage = tabletView.page;

    await tabletPage.getByTestId('inject-adhoc-1').waitFor();
    await consolePage.getByTestId('feed').getByText(/^Message from /).first().waitFor();
    await openAllDetails(tabletPage);
    await expectSafeLinks(tabletPage.locator('main'));
    // The text itself is shown, as text: nothing was silently dropped.
    expect(await tabletPage.getByRole('heading', { level: 1 }).textContent()).toBe(TEAM_NAME);
    expect(await tabletPage.getByTestId('inject-adhoc-1').textContent()).toContain(ADHOC_SUBJECT);
    await expectShown(tabletPage.locator('main'), [HOSTILE.injects[0]!.subject, HOSTILE.injects[0]!.from]);
    await tabletPage.getByRole('tab', { name: /^Messages/ }).click();
    await openAllDetails(tabletPage);
    await expectShown(tabletPage.locator('main'), ['message in bold', 'reply in bold', 'broadcast in bold']);
    await expectShown(consolePage.locator('body'), [HOSTILE.title, TEAM_NAME, HOSTILE.injects[0]!.subject, ADHOC_SUBJECT]);
    await expectShown(consolePage.getByTestId('feed'), [TEXT.note, TEXT.halt]);
    // The selected MSEL row shows the inject body as markdown.
    const alarmRow = consolePage.getByTestId('inject-portal_alarm');
    await alarmRow.locator('.msel-select').click();
    await expectSafeLinks(alarmRow);

    await tabletPage.screenshot({ path: artifactPath('xss-tablet.png'), fullPage: true });
    await consolePage.screenshot({ path: artifactPath('xss-console.png') });
    await expectInert(consoleView);
    await expectInert(tabletView);
  });

  it('evaluator view: injects, actions, messages and the evaluator’s own observations', async () => {
    const watched = await open(`${h.url}/evaluate/${EXERCISE_ID}`, evaluator, { width: 1024, height: 1366 });
    const { page } = watched;
    const feed = page.getByTestId('evaluator-feed');
    await feed.locator('li').first().waitFor();
    await openAllDetails(page);
    await expectShown(page.getByRole('heading', { level: 1 }), [HOSTILE.title]);
    await expectShown(feed, [HOSTILE.injects[0]!.subject, HOSTILE.injects[0]!.from, ADHOC_SUBJECT, TEXT.actionField, payload('message').handler, payload('reply').svg, TEAM_NAME, TEXT.halt]);
    await expectShown(page.getByTestId('my-observations'), [TEXT.observation, TEAM_NAME, HOSTILE.objectives[0]!.title, HOSTILE.objectives[0]!.capabilityTargets[0]!.criticalTasks[0]!.title]);
    // The inject body is markdown: its links are kept, their targets made safe.
    await expectSafeLinks(feed);
    await page.screenshot({ path: artifactPath('xss-evaluator.png'), fullPage: true });
    await expectInert(watched);
  });

  it('wall display: title, recent injects and team status', async () => {
    const watched = await open(`${h.url}/display/${EXERCISE_ID}`, observer, { width: 1920, height: 1080 });
    const { page } = watched;
    await expectShown(page.getByRole('heading', { level: 1 }), [HOSTILE.title]);
    await expectShown(page.getByTestId('recent-injects'), [HOSTILE.injects[0]!.subject, HOSTILE.injects[0]!.from, ADHOC_SUBJECT, TEAM_NAME]);
    await expectShown(page.getByTestId('team-status'), [TEAM_NAME]);
    await page.screenshot({ path: artifactPath('xss-display.png') });
    await expectInert(watched);
  });

  describe('after EndEx: review, report and corrective actions', () => {
    beforeAll(async () => {
      const control = client(h.url, director);
      const tablet = client(h.url, tabletCode);
      await Promise.all([connected(control.socket), connected(tablet.socket)]);
      expect(await call(control.socket, 'command', { type: 'end' })).toMatchObject({ ok: true });
      expect(
        await call(tablet.socket, 'feedback.submit', { wentWell: TEXT.wentWell, toImprove: TEXT.toImprove, objectives: [{ objectiveId: objective.id, wentWell: TEXT.objectiveFeedback, toImprove: '' }], idempotencyKey: 'xss-feedback-1' }),
      ).toMatchObject({ ok: true });
      for (const s of [control.socket, tablet.socket]) s.disconnect();

      const review = `/api/exercises/${EXERCISE_ID}/review`;
      const created = async (response: Promise<{ statusCode: number; json(): unknown }>): Promise<unknown> => {
        const answer = await response;
        expect(answer.statusCode, JSON.stringify(answer.json())).toBe(201);
        return answer.json();
      };
      await created(h.request('POST', `${review}/observations`, evaluator, { observedAtMs: 120_000, teamId: 'customs', objectiveId: objective.id, kind: 'area-for-improvement', text: TEXT.postObservation, idempotencyKey: 'xss-post-observation' }));
      await created(h.request('POST', `${review}/ratings`, evaluator, { subject: { kind: 'capability', id: objective.id }, rating: 'S', reason: TEXT.capabilityRating, idempotencyKey: 'xss-rating-capability' }));
      await created(h.request('POST', `${review}/ratings`, evaluator, { subject: { kind: 'target', id: target.id }, rating: 'M', reason: TEXT.targetRating, idempotencyKey: 'xss-rating-target' }));
      await created(h.request('POST', `${review}/reconciliations`, director, { subject: { kind: 'target', id: target.id }, rating: 'S', reason: TEXT.reconcile, idempotencyKey: 'xss-reconcile-target' }));
      await created(h.request('POST', `${review}/feedback`, participant, { wentWell: TEXT.accountFeedback, toImprove: '', objectives: [], idempotencyKey: 'xss-feedback-account' }));

      // The AAR/IP: the assembled draft, edited with payloads in every free-text field, saved and finalised.
      const report = (await h.request('GET', `/api/exercises/${EXERCISE_ID}/report`, evaluator)).json() as ReportView;
      const draft = structuredClone(report.draft);
      draft.executiveSummary = TEXT.executiveSummary;
      draft.overview.scope = TEXT.scope;
      draft.overview.dates = TEXT.dates;
      const area = draft.capabilities[0]!.areasForImprovement[0]!;
      area.analysis = TEXT.analysis;
      area.rootCause = TEXT.rootCause;
      const saved = await h.request('PUT', `/api/exercises/${EXERCISE_ID}/report/draft`, evaluator, draft);
      expect(saved.statusCode, JSON.stringify(saved.json())).toBe(200);
      const item = (await created(h.request('POST', `/api/exercises/${EXERCISE_ID}/improvement-plan`, evaluator, PLAN_ROW))) as ImprovementItemView;
      const status = await h.request('POST', `/api/exercises/${EXERCISE_ID}/improvement-plan/${item.id}/status`, evaluator, { status: 'in-progress', comment: STATUS_COMMENT });
      expect(status.statusCode, JSON.stringify(status.json())).toBe(200);
      // Finalised last, so that version 1 freezes the plan row too.
      await created(h.request('POST', `/api/exercises/${EXERCISE_ID}/report/finalise`, evaluator));
    });

    it('review, replay tab: what each team received and control’s entries', async () => {
      const watched = await open(`${h.url}/review/${EXERCISE_ID}#replay`, evaluator);
      const { page } = watched;
      const slider = page.getByTestId('replay-slider');
      await slider.fill((await slider.getAttribute('max'))!);
      await expectShown(page.getByTestId('replay-team-customs'), [TEAM_NAME, HOSTILE.injects[0]!.subject, ADHOC_SUBJECT]);
      await expectShown(page.getByTestId('replay-control'), [NAMES.director, ADHOC_SUBJECT]);
      await expectInert(watched);
    });

    it('review, metrics tab and its charts: team, metric and inject names', async () => {
      const watched = await open(`${h.url}/review/${EXERCISE_ID}#metrics`, evaluator);
      const { page } = watched;
      await expectShown(page.getByTestId('team-metrics'), [TEAM_NAME]);
      await expectShown(page.getByTestId('scenario-metrics'), [HOSTILE.metrics[0]!.title, TEAM_NAME]);
      await expectShown(page.getByTestId('inject-metrics'), [HOSTILE.injects[0]!.subject, ADHOC_SUBJECT]);
      await expect.poll(() => page.getByTestId('chart-response-times').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await expectInert(watched);

      // A chart opened on its own is an SVG document, where script could run: the team's name is only text there.
      const chart = await watched.page.goto(`${h.url}/api/exercises/${EXERCISE_ID}/review/charts/response-times.svg`);
      expect(chart!.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      expect(await page.evaluate(() => document.documentElement.textContent)).toContain('Customs <img src=x');
      await expectInert(watched);
    });

    it('review, evaluation tab: observations, evaluators’ names, ratings’ and reconciliation reasons', async () => {
      const watched = await open(`${h.url}/review/${EXERCISE_ID}#evaluation`, director);
      const { page } = watched;
      const capability = page.getByTestId(`capability-${objective.id}`);
      await openAllDetails(page);
      await expectShown(capability, [
        HOSTILE.objectives[0]!.title,
        HOSTILE.objectives[0]!.capabilityTargets[0]!.title,
        HOSTILE.objectives[0]!.capabilityTargets[0]!.criticalTasks[0]!.title,
        TEXT.observation,
        TEXT.postObservation,
        NAMES.evaluator,
        TEXT.capabilityRating,
        TEXT.targetRating,
        TEXT.reconcile,
        NAMES.director,
        TEAM_NAME,
      ]);
      await page.screenshot({ path: artifactPath('xss-review-evaluation.png'), fullPage: true });
      await expectInert(watched);
    });

    it('review, feedback tab: the hot-wash from the tablet and from a participant account', async () => {
      const watched = await open(`${h.url}/review/${EXERCISE_ID}#feedback`, evaluator);
      const { page } = watched;
      await expectShown(page.getByTestId('feedback-list'), [TEXT.wentWell, TEXT.toImprove, TEXT.objectiveFeedback, TEXT.accountFeedback, NAMES.participant, TEAM_NAME, HOSTILE.objectives[0]!.title]);
      await expectInert(watched);
    });

    it('report page: the edited draft, the finalised version and the improvement plan', { timeout: 60_000 }, async () => {
      const watched = await open(`${h.url}/report/${EXERCISE_ID}`, evaluator);
      const { page } = watched;
      await expectShown(page.getByRole('heading', { level: 1 }), [HOSTILE.title]);
      // The draft is edited in fields: the payloads are their values, verbatim.
      await expectInFields(page.locator('.report-draft'), [TEXT.executiveSummary, TEXT.scope, TEXT.dates, TEXT.analysis, TEXT.rootCause, TEXT.observation, TEXT.postObservation]);
      await expectShown(page.locator('.report-draft'), [HOSTILE.objectives[0]!.title, HOSTILE.objectives[0]!.capabilityTargets[0]!.title, TEAM_NAME]);
      const plan = page.getByTestId('improvement-plan');
      await openAllDetails(page);
      await expectShown(plan, [PLAN_ROW.capability, PLAN_ROW.issue, PLAN_ROW.recommendation, PLAN_ROW.correctiveAction, PLAN_ROW.responsibleAgency, PLAN_ROW.pointOfContact, STATUS_COMMENT]);

      // The finalised version renders the executive summary as markdown: its links kept and made safe.
      await page.getByTestId('version-1').getByRole('button', { name: 'Open' }).click();
      const version = page.getByTestId('version-view');
      await expectShown(version, ['summary in bold', HOSTILE.objectives[0]!.title, TEXT.observation, TEXT.rootCause, PLAN_ROW.correctiveAction, PLAN_ROW.responsibleAgency]);
      await expectSafeLinks(version);
      await page.screenshot({ path: artifactPath('xss-report.png'), fullPage: true });
      await expectInert(watched);
    });

    it('corrective actions page: the improvement plan row per agency', async () => {
      const watched = await open(`${h.url}/actions`, director);
      const { page } = watched;
      const agency = page.getByTestId(`agency-${PLAN_ROW.responsibleAgency}`);
      await expectShown(agency, [PLAN_ROW.responsibleAgency, PLAN_ROW.correctiveAction, PLAN_ROW.pointOfContact, HOSTILE.title]);
      await expectInert(watched);
    });

    it('home page: the exercise title and the signed-in person’s name', async () => {
      const watched = await open(`${h.url}/`, director);
      const { page } = watched;
      await expectShown(page.getByTestId(`exercise-${EXERCISE_ID}`), [HOSTILE.title]);
      await expectShown(page.locator('main'), [NAMES.director]);
      await expectInert(watched);
    });
  });

  describe('planning page', () => {
    const AGENCY = `Agency ${payload('agency').handler}`;
    const CONTACT = `Contact ${payload('agency-contact').svg}`;
    const PERSON = `Person ${payload('person').handler}`;
    const PLAN_TITLE = `Plan ${payload('plan-title').svg}`;
    let planId: string;

    beforeAll(async () => {
      const exercise = await h.request('POST', '/api/exercises', h.admin, { source: { kind: 'uploaded', scenarioId: 'xss_drill' }, settings: { title: PLAN_TITLE } });
      expect(exercise.statusCode, JSON.stringify(exercise.json())).toBe(201);
      planId = (exercise.json() as { id: string }).id;
      const agency = await h.request('POST', '/api/agencies', h.admin, { name: AGENCY, type: 'customs', functions: ['detection'], contacts: [{ name: CONTACT, role: `Role ${payload('contact-role').handler}` }] });
      expect(agency.statusCode, JSON.stringify(agency.json())).toBe(201);
      const agencyId = (agency.json() as { id: string }).id;
      const mapped = await h.request('PUT', `/api/exercises/${planId}/team-agencies`, h.admin, { mapping: { customs: agencyId } });
      expect(mapped.statusCode, JSON.stringify(mapped.json())).toBe(200);
      const added = await h.request('POST', `/api/exercises/${planId}/people`, h.admin, { name: PERSON, email: 'person@customs.example', role: 'participant', agencyId, teamId: 'customs' });
      expect(added.statusCode, JSON.stringify(added.json())).toBe(201);
      const codes = await h.request('POST', `/api/exercises/${planId}/join-codes/teams`, h.admin, {});
      expect(codes.statusCode, JSON.stringify(codes.json())).toBe(201);
    });

    it('agency, person and team names in every planning step', { timeout: 60_000 }, async () => {
      const watched = await open(`${h.url}/plan/${encodeURIComponent(planId)}#agencies`, h.admin);
      const { page } = watched;
      await expectShown(page.getByRole('heading', { level: 1 }), [PLAN_TITLE]);
      await expectShown(page.locator('main'), [HOSTILE.title]);
      const section = page.locator('.plan-body');
      await expectShown(section, [AGENCY, CONTACT, TEAM_NAME]);
      await expectInert(watched);

      const step = async (name: string) => {
        await page.getByRole('navigation', { name: 'Planning steps' }).getByRole('link', { name }).click();
        await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      };
      await step('People and roles');
      await expectShown(section, [PERSON, AGENCY, TEAM_NAME]);
      await expectInert(watched);
      await step('Join codes');
      await expectShown(section, [TEAM_NAME]);
      await step('Briefings');
      await expectShown(section, [TEAM_NAME]);
      await step('Communications check');
      await expectShown(section, [TEAM_NAME]);
      await step('Dry run');
      await page.getByRole('button', { name: 'Run a dry run' }).click();
      await expectShown(page.getByTestId('dry-run-timeline'), [HOSTILE.injects[0]!.subject]);
      await page.screenshot({ path: artifactPath('xss-planning.png'), fullPage: true });
      await expectInert(watched);
    });
  });
});
