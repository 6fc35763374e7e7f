import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import type { ExercisePlan, JoinCodeView, PeopleAdded } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { artifactPath, launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * In real Chromium: a director edits a person on the roster (a participant becomes an evaluator who
 * covers objectives picked by title), the planning steps show which are done, a wall-display code
 * is added in the join-code step, and a person changes their password on the account page.
 */
const B = LIBRARY['detection-portal-alarm']!;
let h: Harness;
let browser: Browser;
let director: StaffCredential & { username: string; password: string };
let exerciseId: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  const username = 'edit-director';
  const password = 'edit director password';
  await h.request('POST', '/api/admin/users', h.admin, { username, displayName: 'Edit Director', password, roles: ['planner'] });
  const signedIn = await h.login(username, password);
  exerciseId = (await h.request('POST', '/api/exercises', signedIn, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } })).json().id;
  director = { ...signedIn, exerciseId, username, password };
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('people, steps and accounts in real browsers', () => {
  it('edits a person in place, picks coverage by objective title, marks finished steps and adds a wall-display code', { timeout: 120_000 }, async () => {
    const added = (await h.request('POST', `/api/exercises/${exerciseId}/people`, director, { name: 'Greta Participant', email: 'greta@customs.example.lt', role: 'participant', teamId: 'customs' })).json() as PeopleAdded;
    const page = await openPage(browser, `${h.url}/plan/${encodeURIComponent(exerciseId)}#people`, { name: 'director', options: VIEWPORT.console, errors: pageErrors });
    await signIn(page, director.username, director.password);
    await page.getByTestId('roster').getByText('Greta Participant').waitFor();

    await page.getByRole('button', { name: 'Edit Greta Participant' }).click();
    const form = page.getByRole('form', { name: 'Edit Greta Participant' });
    expect(await form.getByLabel('E-mail').inputValue()).toBe('greta@customs.example.lt');
    expect(await form.getByLabel('E-mail').getAttribute('readonly')).not.toBeNull();
    await form.getByLabel('Role').selectOption('evaluator');
    // Coverage by title: the page never shows an objective's id.
    await form.getByRole('checkbox', { name: B.objectives[0]!.title }).check();
    await form.getByRole('checkbox', { name: B.objectives[3]!.title }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('New sign-in accounts').waitFor();
    const person = (await h.request('GET', `/api/exercises/${exerciseId}/people`, director)).json().find((p: { id: string }) => p.id === added.people[0]!.id);
    expect(person).toMatchObject({ role: 'evaluator', covers: { objectives: [B.objectives[0]!.id, B.objectives[3]!.id], teams: [] } });
    const row = page.getByTestId('roster').getByRole('row', { name: /Greta Participant/ });
    await eventually(() => row.textContent()).toContain(`${B.objectives[0]!.title} · ${B.objectives[3]!.title}`);
    const text = (await page.locator('main').textContent())!;
    for (const objective of B.objectives) expect(text).not.toContain(objective.id);
    await page.screenshot({ path: artifactPath('planning-person-edited.png'), fullPage: true });

    // People is not done while objectives are uncovered; an evaluator who names none covers them all.
    expect(await page.getByTestId('step-people').getAttribute('class')).toBeNull();
    await h.request('POST', `/api/exercises/${exerciseId}/people`, director, { name: 'Lead Evaluator', email: 'lead@nssc.example.lt', role: 'evaluator' });
    await page.reload();
    await eventually(() => page.getByTestId('step-people').getAttribute('class')).toBe('is-done');
    expect(await page.getByTestId('step-people').getByRole('link').textContent()).toContain('✓');
    expect(((await h.request('GET', `/api/exercises/${exerciseId}/plan`, director)).json() as ExercisePlan).done).toEqual(['people']);
    expect(await page.getByTestId('steps-done').textContent()).toBe('1 of 5 planning steps done (briefings and the dry run are there to look at).');

    // A wall-display code in the join-code step.
    await page.getByRole('navigation', { name: 'Planning steps' }).getByRole('link', { name: 'Join codes' }).click();
    await page.getByRole('button', { name: 'Add a display code' }).click();
    await page.getByTestId('display-codes').getByText('Wall display 1').waitFor();
    const codes = (await h.request('GET', `/api/exercises/${exerciseId}/join-codes`, director)).json() as JoinCodeView[];
    const display = codes.find((c) => c.role === 'observer')!;
    await page.getByTestId('display-codes').getByText(display.code).waitFor();
    await page.screenshot({ path: artifactPath('planning-display-codes.png'), fullPage: true });
    await page.getByRole('button', { name: `Revoke code ${display.code} of wall display 1` }).click();
    await page.getByText('No display code yet.').waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets a signed-in person change their password on /account', { timeout: 60_000 }, async () => {
    const page = await openPage(browser, `${h.url}/account`, { name: 'account', options: VIEWPORT.console, errors: pageErrors });
    await signIn(page, director.username, director.password);
    await page.getByText('Signed in as Edit Director (edit-director).').waitFor();
    await page.getByLabel('Current password').fill(director.password);
    await page.getByLabel('New password', { exact: true }).fill('my own new password');
    await page.getByLabel('New password again').fill('my own new pass');
    await page.getByText('The two new passwords differ.').waitFor();
    await page.getByLabel('New password again').fill('my own new password');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your new password is saved.' }).waitFor();
    expect((await h.request('POST', '/api/auth/login', undefined, { username: director.username, password: 'my own new password' })).statusCode).toBe(200);
    await page.screenshot({ path: artifactPath('account-password-changed.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
