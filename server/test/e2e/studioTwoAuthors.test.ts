import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HistoryEntry, ScenarioDocument } from '@startex/shared';
import { LIBRARY } from '@startex/scenarios';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';
import { launchChromium, openPage, VIEWPORT } from './browser.ts';
import { cell, saved, setBody, typeInCell, view } from './studioSteps.ts';

/**
 * Issue 17, done when (2): two authors edit the same scenario in two browsers. Each sees the other
 * has it open; the save of the one who edited an older revision is refused with whose save came
 * first, and merging keeps both authors' edits; where both changed the same field, the dialog
 * shows both values and the author's choice is kept with every other edit of both.
 */
let h: Harness;
let browser: Browser;
let bob: StaffCredential;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 });
const row = (i: number) => LIBRARY['prevention-insider']!.timeline[i]!;

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  const password = 'bob builds scenarios 123';
  expect((await h.request('POST', '/api/admin/users', h.admin, { username: 'bob', displayName: 'Bob Builder', password, roles: ['planner'] })).statusCode).toBe(201);
  bob = await h.login('bob', password);
  expect((await h.request('POST', '/api/studio/scenarios/prevention-insider/copy', h.admin, { id: 'two-authors' })).statusCode).toBe(201);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const author = (name: string, cookie: string): Promise<Page> =>
  openPage(browser, `${h.url}/studio/two-authors`, { name, options: VIEWPORT.console, cookie, errors: pageErrors });
const stored = async () => (await h.request('GET', '/api/studio/scenarios/two-authors/draft', h.admin)).json() as { revision: number; document: ScenarioDocument };

describe('two authors in the studio at once', () => {
  it('see each other, and neither loses an edit', { timeout: 240_000 }, async () => {
    const [alice, bobPage] = [await author('admin', h.admin.cookie), await author('bob', bob.cookie)];
    for (const page of [alice, bobPage]) await cell(page, 0, 'subject').waitFor();
    await eventually(() => bobPage.getByTestId('presence').textContent()).toContain('Also open by Administrator');
    await eventually(() => alice.getByTestId('presence').textContent()).toContain('Also open by Bob Builder');

    // Different rows: the administrator saves first; Bob's save over the older revision is refused.
    await typeInCell(alice, 0, 'subject', 'Admin: the inventory gap is two sources');
    await saved(alice);
    await typeInCell(bobPage, 1, 'subject', 'Bob: the contractor asked twice about the store');
    const banner = bobPage.getByRole('alert').filter({ hasText: 'Administrator saved this scenario at' });
    await banner.waitFor();
    expect(await bobPage.locator('.save-status').textContent()).toBe('Not saved: someone saved newer changes');
    await banner.getByRole('button', { name: 'Merge their changes with mine' }).click();
    const dialog = bobPage.getByRole('dialog');
    await dialog.getByText('You changed different things: nothing is lost by merging.').waitFor();
    await dialog.getByRole('button', { name: 'Save the merged scenario' }).click();
    await saved(bobPage);
    await eventually(async () => (await stored()).document.timeline.slice(0, 2).map((r) => r.subject)).toEqual([
      'Admin: the inventory gap is two sources',
      'Bob: the contractor asked twice about the store',
    ]);
    // Bob's page shows the administrator's edit as well.
    expect(await cell(bobPage, 0, 'subject').textContent()).toContain('Admin: the inventory gap is two sources');

    // The same field: Bob changes row 3's subject; the administrator, now behind him, changes it too, and row 4's text.
    await typeInCell(bobPage, 2, 'subject', 'Bob: the door log shows a visit at 02:10');
    await saved(bobPage);
    await typeInCell(alice, 2, 'subject', 'Admin: the guard logs a late visit');
    await setBody(alice, 3, 'Admin rewrote the security officer´s report.');
    await alice.getByRole('alert').filter({ hasText: 'Bob Builder saved this scenario at' }).waitFor();
    await alice.getByRole('button', { name: 'Merge their changes with mine' }).click();
    const clash = alice.getByRole('dialog');
    await clash.getByText('You both changed one field. Choose which to keep:').waitFor();
    const conflict = clash.getByRole('group');
    await expect.poll(() => conflict.getByRole('radio').count()).toBe(3);
    expect(await conflict.textContent()).toContain('Bob: the door log shows a visit at 02:10');
    expect(await conflict.textContent()).toContain('Admin: the guard logs a late visit');
    expect(await conflict.textContent()).toContain(row(2).subject);
    await conflict.getByRole('radio', { name: /^Theirs \(Bob Builder\)/ }).check();
    await clash.getByRole('button', { name: 'Save the merged scenario' }).click();
    await saved(alice);

    const { document } = await stored();
    expect(document.timeline.slice(0, 4).map((r) => [r.subject, r.body])).toEqual([
      ['Admin: the inventory gap is two sources', row(0).body],
      ['Bob: the contractor asked twice about the store', row(1).body],
      ['Bob: the door log shows a visit at 02:10', row(2).body],
      [row(3).subject, 'Admin rewrote the security officer´s report.'],
    ]);
    // The rest is as the library wrote it.
    expect(document.timeline.slice(4).map((r) => r.subject)).toEqual(LIBRARY['prevention-insider']!.timeline.slice(4).map((r) => r.subject));

    // The history says who merged.
    const history = (await h.request('GET', '/api/studio/scenarios/two-authors/history?limit=10', h.admin)).json() as HistoryEntry[];
    expect(history.filter((e) => e.kind === 'merged').map((e) => e.by.username)).toEqual(['admin', 'bob']);
    await view(alice, 'Versions');
    await alice.getByText(/Bob Builder merged and saved revision \d+/).waitFor();

    for (const page of [alice, bobPage]) await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
