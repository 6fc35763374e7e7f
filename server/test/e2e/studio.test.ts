import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ExercisePlan, JoinCodeView, LogEntry } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';
import { addRow, analysed, cell, item, saved, section, setAddressees, setBody, setChoice, setCondition, setCriticalTasks, setTime, typeInCell, view } from './studioSteps.ts';

/**
 * Issue 17, done when (1): a controller, from the studio alone and without typing YAML, changes an
 * inject in a copy of a library scenario, then builds a scenario from scratch (3 teams, 6 timed
 * injects, one to all, a branch on an action, a contingency with a deadline, an objective with a
 * critical task and a metric), fixes a problem the live analysis points at, simulates both branches,
 * publishes v1, creates an exercise from it, plays it with two tablets, and edits the scenario to v2
 * while the exercise keeps v1.
 */
let h: Harness;
let browser: Browser;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function desk(url: string): Promise<Page> {
  return openPage(browser, url, { name: 'author', options: VIEWPORT.console, cookie: h.admin.cookie, errors: pageErrors });
}

describe('the scenario studio in a real browser', () => {
  it('a copy of a library scenario, with one inject changed', { timeout: 120_000 }, async () => {
    // From the home page, through the shell's navigation.
    const page = await desk(`${h.url}/`);
    await page.getByRole('link', { name: 'Scenario studio' }).click();
    await page.waitForURL(/\/studio$/);
    await expect.poll(() => page.getByRole('navigation', { name: 'You are here' }).locator('[aria-current="page"]').textContent()).toBe('Scenario studio');
    await page.getByRole('row', { name: /Insider concern at a store of disused sources/ }).getByRole('button', { name: /^Make a copy of/ }).click();
    await page.getByRole('dialog').getByLabel('Title').fill('Insider concern, centre edition');
    await page.getByRole('button', { name: 'Make the copy' }).click();
    await page.waitForURL(/\/studio\/insider_concern_centre_edition/);
    const before = await cell(page, 0, 'subject').textContent();
    await typeInCell(page, 0, 'subject', 'Inventory check finds a gap (centre edition)');
    await saved(page);
    const draft = (await h.request('GET', '/api/studio/scenarios/insider_concern_centre_edition/draft', h.admin)).json() as { document: { timeline: { subject: string }[] } };
    expect(draft.document.timeline[0]!.subject).toBe('Inventory check finds a gap (centre edition)');
    expect(before).not.toBe(draft.document.timeline[0]!.subject);
    // The library's own stays as it was.
    const library = (await h.request('GET', '/api/studio/scenarios?origin=library', h.admin)).json() as { id: string; readOnly: boolean }[];
    expect(library.find((s) => s.id === 'prevention-insider')?.readOnly).toBe(true);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('from scratch to an exercise that plays on two tablets, and a v2 that the exercise does not take', { timeout: 300_000 }, async () => {
    const page = await desk(`${h.url}/studio`);
    await page.getByRole('button', { name: 'New scenario' }).click();
    await page.getByRole('dialog').getByLabel('Title').fill('Harbour radiation alarm');
    await page.getByRole('button', { name: 'Create the scenario' }).click();
    await page.waitForURL(/\/studio\/harbour_radiation_alarm/);

    // Teams, the sender, the action players take, the objective and the metric: forms, no YAML.
    await section(page, 'Teams');
    const teams = ['Port police', 'Customs', 'Fire and rescue'];
    for (let i = 0; i < teams.length; i++) {
      if ((await item(page, 'teams', i).count()) === 0) await page.getByRole('button', { name: 'Add a team' }).click();
      await item(page, 'teams', i).getByLabel('Name').fill(teams[i]!);
    }
    await section(page, 'Simulated organisations');
    await page.getByRole('button', { name: 'Add an organisation' }).click();
    await item(page, 'simulatedOrganisations', 0).getByLabel('Name').fill('Port authority');
    await section(page, 'Objectives');
    await page.getByRole('button', { name: 'Add an objective' }).click();
    await item(page, 'objectives', 0).locator(':scope > .form-grid').getByLabel('Title').fill('Contain the scene');
    await page.getByRole('button', { name: 'Add a capability target' }).click();
    await item(page, 'objectives-0-capabilityTargets', 0).locator(':scope > .form-grid').getByLabel('Title').fill('Scene control');
    await page.getByRole('button', { name: 'Add a critical task' }).click();
    await item(page, 'objectives-0-capabilityTargets-0-criticalTasks', 0).getByLabel('Title').fill('Cordon set in time');
    await section(page, 'Action catalogue');
    await page.getByRole('button', { name: 'Add an action' }).click();
    const action = item(page, 'actions', 0).locator(':scope > .form-grid');
    await action.getByLabel('Label').fill('Set a cordon');
    await action.getByRole('checkbox', { name: 'Cordon set in time' }).check();
    await page.getByRole('button', { name: 'Add a field' }).click();
    const field = item(page, 'actions-0-fields', 0);
    await field.getByLabel('Label').fill('Cordon');
    await field.getByLabel('Type').selectOption({ label: 'One of options' });
    await field.getByLabel('Options').fill('inner\nouter');
    await field.getByLabel('Options').blur();
    await section(page, 'Metrics');
    await page.getByRole('button', { name: 'Add a metric' }).click();
    await item(page, 'metrics', 0).locator(':scope > .form-grid').getByLabel('Title').fill('Time to set the cordon');
    await section(page, 'Settings');
    await page.getByLabel('EndEx at').fill('T+90');

    // Six timed injects in the MSEL grid, one to all teams, a branch on the cordon, a contingency with a deadline.
    await view(page, 'MSEL');
    const injects = [
      { subject: 'Radiation alarm at gate 2', at: 'T+5', to: ['All teams'] },
      { subject: 'Customs confirms the reading', at: 'T+10', to: ['Customs'] },
      { subject: 'Police asked to secure the area', at: 'T+15', to: ['Port police'] },
      { subject: 'Inner cordon holds the crowd', at: 'T+30', to: ['Port police'] },
      { subject: 'Outer cordon: traffic diverted', at: 'T+30', to: ['Fire and rescue'] },
    ];
    for (const inject of injects) {
      const row = await addRow(page, inject.subject);
      await setTime(page, row, inject.at);
      await setChoice(page, row, 'from', 'Port authority');
      if (inject.to[0] !== 'All teams') await setAddressees(page, row, inject.to);
    }
    await setBody(page, 0, 'The **radiation portal** at gate 2 alarms on a container.\n\n- Hold the container\n- Call the duty officer');
    await setCriticalTasks(page, 2, ['Cordon set in time']);
    await setCondition(page, 3, { release: 'when', action: 'Set a cordon', field: 'Cordon', value: 'inner' });
    await setCondition(page, 4, { release: 'when', action: 'Set a cordon', field: 'Cordon', value: 'outer' });
    // The contingency's subject is forgotten at first: the live analysis says so.
    await page.getByRole('button', { name: 'Add a row' }).click();
    await page.getByRole('textbox', { name: /^Subject — / }).press('Escape');
    await setTime(page, 5, 'T+40');
    await setAddressees(page, 5, ['Port police']);
    await setCondition(page, 5, { release: 'unless', action: 'Set a cordon', within: 20, of: '#3 Police asked to secure the area' });
    await analysed(page);
    const problem = page.locator('.problem').filter({ hasText: '"subject"' });
    await problem.waitFor();
    // The live analysis runs the server's analyzer in a Web Worker, off the page's main thread.
    expect(page.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(/\/assets\/analysisWorker-[\w-]+\.js$/));
    await page.screenshot({ path: artifactPath('studio-problem.png') });
    // Its link puts the cursor on the cell at fault, where the author types the fix.
    await problem.getByRole('button', { name: /Go to #6, Subject/ }).click();
    await expect.poll(() => cell(page, 5, 'subject').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /^Subject — / }).fill('Journalists at the gate');
    await page.keyboard.press('Enter');
    await analysed(page);
    await eventually(() => page.locator('.problem-counts').textContent()).toMatch(/^(No problems|0 errors)/);
    await saved(page);
    await page.screenshot({ path: artifactPath('studio-msel.png') });

    // Both branches, simulated in the page.
    await view(page, 'Simulate');
    await page.getByRole('button', { name: 'Explore every path' }).click();
    const paths = page.locator('.path');
    const inner = paths.filter({ hasText: 'Cordon = inner' }).first();
    const outer = paths.filter({ hasText: 'Cordon = outer' }).first();
    await inner.waitFor();
    await inner.getByRole('button', { name: 'Open as a timeline' }).click();
    const timeline = page.locator('.sim-timeline');
    // A release is a team's cell "✉ #n subject" (a state's title may name the row that shares its time).
    const releaseCell = (subject: string) => timeline.getByRole('cell', { name: new RegExp(`^✉ #\\d+ ${subject}$`) });
    await releaseCell('Inner cordon holds the crowd').first().waitFor();
    expect(await releaseCell('Outer cordon: traffic diverted').count()).toBe(0);
    await outer.getByRole('button', { name: 'Open as a timeline' }).click();
    await releaseCell('Outer cordon: traffic diverted').first().waitFor();
    expect(await releaseCell('Inner cordon holds the crowd').count()).toBe(0);
    await page.screenshot({ path: artifactPath('studio-simulate.png'), fullPage: true });

    // Published as version 1, and an exercise made from it.
    await view(page, 'Versions');
    await page.getByLabel('What changed (for the version list)').fill('First version');
    await page.getByRole('button', { name: 'Publish as version 1' }).click();
    await page.getByText('Published version 1.').waitFor();
    await page.getByRole('button', { name: 'Create an exercise from version 1' }).click();
    await page.waitForURL(/\/plan\/[^/#]+#settings$/);
    const exerciseId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    const plan = (await h.request('GET', `/api/exercises/${exerciseId}/plan`, h.admin)).json() as ExercisePlan;
    expect(plan.scenario).toEqual({ id: 'harbour_radiation_alarm', version: 1, title: 'Harbour radiation alarm' });
    // Creating it gave no role in it: the planner makes themselves its director, in the members list for all to see.
    const me = (await h.request('GET', '/api/auth/me', h.admin)).json() as { user: { id: string } };
    expect((await h.request('PUT', `/api/exercises/${exerciseId}/members/${me.user.id}`, h.admin, { role: 'director' })).statusCode).toBe(200);

    // Played on two tablets: faster than life, the check done, StartEx from the console.
    const { requireCommsCheck: _decidedAtCreation, ...editable } = plan.settings;
    const settings = await h.request('PUT', `/api/exercises/${exerciseId}/settings`, h.admin, { ...editable, speed: 60 });
    expect(settings.statusCode, JSON.stringify(settings.json())).toBe(200);
    const teamIds = Object.fromEntries(plan.teams.map((t) => [t.name, t.id]));
    const codes = (await h.request('POST', `/api/exercises/${exerciseId}/join-codes/teams`, h.admin, {})).json() as JoinCodeView[];
    const codeOf = (team: string) => codes.find((c) => c.teamId === teamIds[team])!.code;
    const tablets = await Promise.all(
      ['Port police', 'Customs'].map((team) => openPage(browser, `${h.url}/tablet#code=${codeOf(team)}`, { name: team, options: VIEWPORT.tablet, errors: pageErrors })),
    );
    for (const tablet of tablets) await eventually(() => tablet.getByTestId('connection').textContent()).toBe('Online');
    expect((await h.request('POST', `/api/exercises/${exerciseId}/comms-check`, h.admin)).statusCode).toBe(200);
    expect((await h.request('POST', `/api/exercises/${exerciseId}/comms-check/confirm`, h.admin)).statusCode).toBe(200);
    const consolePage = await desk(`${h.url}/console/${encodeURIComponent(exerciseId)}`);
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('ready');
    await consolePage.getByRole('button', { name: 'Start exercise (StartEx)' }).click();
    await eventually(() => consolePage.getByTestId('status').textContent()).toBe('live');
    // The inject to all teams reaches both tablets; the one to customs only the customs tablet.
    for (const tablet of tablets) await tablet.getByText('Radiation alarm at gate 2').first().waitFor({ timeout: 30_000 });
    await tablets[1]!.getByText('Customs confirms the reading').first().waitFor({ timeout: 30_000 });
    expect(await tablets[0]!.getByText('Customs confirms the reading').count()).toBe(0);
    await tablets[0]!.screenshot({ path: artifactPath('studio-played-tablet.png') });

    // Version 2 in the studio; the exercise keeps version 1.
    await page.goto(`${h.url}/studio/harbour_radiation_alarm`);
    await typeInCell(page, 0, 'subject', 'Radiation alarm at gate 2 (revised)');
    await saved(page);
    await view(page, 'Versions');
    await page.getByRole('button', { name: 'Publish as version 2' }).click();
    await page.getByText('Published version 2.').waitFor();
    const after = (await h.request('GET', `/api/exercises/${exerciseId}/plan`, h.admin)).json() as ExercisePlan;
    expect(after.scenario.version).toBe(1);
    const log = (await h.request('GET', `/api/exercises/${exerciseId}/log`, h.admin)).json().entries as LogEntry[];
    const released = log.flatMap((e) => (e.type === 'inject.released' ? [e.inject.subject] : []));
    expect(released).toContain('Radiation alarm at gate 2');
    expect(released).not.toContain('Radiation alarm at gate 2 (revised)');
    for (const p of [page, consolePage, ...tablets]) await p.context().close();
    expect(pageErrors).toEqual([]);
  });
});
