import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ScenarioDocument } from '@startex/shared';
import { LIBRARY } from '@startex/scenarios';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness } from '../harness.ts';
import { violations } from './axe.ts';
import { launchChromium, VIEWPORT } from './browser.ts';
import { analysed, cell, saved, section, setTime, typeInCell, view } from './studioSteps.ts';

/**
 * The studio's views in use in a real browser, beyond what the done-when tests walk through: the
 * MSEL grid's filters and row moves, the flags and decisions forms, the statechart's selection
 * both ways, the YAML source in step with the grid, the diff between two published versions, the
 * MSEL import wizard with a sample workbook, the live analysis's two stages, and axe on the
 * dialogs (import wizard, conditions, merge). Each test works on its own copy of the library's
 * city-square scenario (20 rows, two storylines, a decision).
 */
let h: Harness;
let browser: Browser;
const pageErrors: string[] = [];
const LIBRARY_ID = 'response-city-device';
const library = LIBRARY[LIBRARY_ID]!;
const SAMPLE_WORKBOOK = fileURLToPath(new URL('../fixtures/msel/imt-trailer.xlsx', import.meta.url));

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function copyOfLibrary(id: string): Promise<number> {
  const copied = await h.request('POST', `/api/studio/scenarios/${LIBRARY_ID}/copy`, h.admin, { id });
  expect(copied.statusCode, copied.body).toBe(201);
  return copied.json().revision as number;
}
const stored = async (id: string) => (await h.request('GET', `/api/studio/scenarios/${id}/draft`, h.admin)).json() as { revision: number; document: ScenarioDocument };

/** The administrator's page in a context of its own (axe is injected as a script, so CSP is bypassed). */
async function author(path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...VIEWPORT.console, bypassCSP: true });
  const at = h.admin.cookie.indexOf('=');
  await context.addCookies([{ name: h.admin.cookie.slice(0, at), value: h.admin.cookie.slice(at + 1), url: h.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(`${h.url}${path}`);
  return { context, page };
}

const shownRowIds = (page: Page) => page.locator('.msel-body .msel-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));
const highlightedRowIds = (page: Page) => page.locator('.msel-body .msel-row.highlighted').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));
const rowName = (id: string) => {
  const index = library.timeline.findIndex((r) => r.id === id);
  return `#${library.timeline[index]!.number ?? index + 1} ${library.timeline[index]!.subject}`;
};

describe('the studio´s views in use', () => {
  it('MSEL grid: filtered by team and by storyline; a row duplicated and moved by buttons and keys', { timeout: 120_000 }, async () => {
    await copyOfLibrary('grid');
    const { context, page } = await author('/studio/grid');
    await cell(page, 0, 'subject').waitFor();
    const rows = library.timeline;
    const count = page.locator('.msel-count');
    expect(await count.textContent()).toBe(`${rows.length} of ${rows.length} rows`);

    // By team: the rows sent to the health team, or to all.
    const team = page.locator('.msel-toolbar').getByLabel(/^Team/);
    await team.selectOption({ label: library.teams.find((t) => t.id === 'health')!.name });
    const toHealth = rows.filter((r) => r.to.includes('health') || r.to.includes('all')).map((r) => r.id);
    expect(toHealth.length).toBeGreaterThan(0);
    await expect.poll(() => shownRowIds(page)).toEqual(toHealth);
    expect(await count.textContent()).toBe(`${toHealth.length} of ${rows.length} rows`);
    await team.selectOption({ label: 'Every team' });

    // By storyline: the main storyline is one choice, under the name the scenario gives it.
    const storyline = page.locator('.msel-toolbar').getByLabel(/^Storyline/);
    expect(await storyline.locator('option').allTextContents()).toEqual(['Every storyline', 'Operations', 'Public information']);
    await storyline.selectOption({ label: 'Public information' });
    const publicInformation = rows.filter((r) => r.track === 'public_information').map((r) => r.id);
    expect(publicInformation.length).toBeGreaterThan(1);
    await expect.poll(() => shownRowIds(page)).toEqual(publicInformation);
    await storyline.selectOption({ label: 'Operations' });
    await expect.poll(() => shownRowIds(page)).toEqual(rows.filter((r) => (r.track ?? 'main') === 'main').map((r) => r.id));
    await storyline.selectOption({ label: 'Every storyline' });
    await expect.poll(() => shownRowIds(page)).toHaveLength(rows.length);

    // Duplicate the third row (button), move the copy up (button) and back down (Alt+↓), then duplicate it by Ctrl+D.
    await cell(page, 2, 'subject').click();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => shownRowIds(page)).toHaveLength(rows.length + 1);
    const copyId = (await shownRowIds(page))[3]!;
    expect(copyId).not.toBe(rows[2]!.id);
    expect(await cell(page, 3, 'subject').textContent()).toBe(rows[2]!.subject);
    expect(await cell(page, 3, 'subject').getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: 'Move up' }).click();
    await expect.poll(async () => (await shownRowIds(page)).slice(1, 4)).toEqual([rows[1]!.id, copyId, rows[2]!.id]);
    await page.locator('.msel-grid').press('Alt+ArrowDown');
    await expect.poll(async () => (await shownRowIds(page)).slice(1, 4)).toEqual([rows[1]!.id, rows[2]!.id, copyId]);
    await page.locator('.msel-grid').press('Control+d');
    await expect.poll(() => shownRowIds(page)).toHaveLength(rows.length + 2);
    await saved(page);

    const { document } = await stored('grid');
    expect(document.timeline.map((r) => r.id).slice(0, 6)).toEqual([rows[0]!.id, rows[1]!.id, rows[2]!.id, copyId, expect.any(String), rows[3]!.id]);
    const [original, copy, second] = document.timeline.slice(2, 5);
    expect(new Set([original!.id, copy!.id, second!.id]).size).toBe(3);
    // A copy is the row with a fresh id and no number of its own.
    for (const duplicate of [copy!, second!]) {
      const { id: _id, number: _number, ...rest } = duplicate;
      const { id: _oid, number: _onumber, ...originalRest } = original!;
      expect(rest).toEqual(originalRest);
      expect(duplicate.number).toBeUndefined();
    }
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('flags and decisions: a flag made in its form is offered in a row´s conditions; a decision changed in its row shows in the decisions table', { timeout: 120_000 }, async () => {
    await copyOfLibrary('forms');
    const { context, page } = await author('/studio/forms');
    await cell(page, 0, 'subject').waitFor();

    await section(page, 'Flags');
    await page.getByRole('button', { name: 'Add a flag' }).click();
    const flag = page.locator('fieldset[data-part="flags"][data-index="0"]');
    await flag.getByLabel('Title').fill('Media on the square');
    await flag.getByLabel('Set at StartEx').check();
    await saved(page);
    const flags = (await stored('forms')).document.flags;
    expect(flags).toEqual([{ id: expect.stringMatching(/^[a-z0-9_]+$/), title: 'Media on the square', initial: true }]);

    // The decision the render-safe row offers, as the decisions section lists it.
    await section(page, 'Decisions');
    const decisions = page.locator('.parts-section table');
    const offered = decisions.getByRole('row').filter({ hasText: 'Outcome of the render-safe attempt' });
    expect((await offered.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([
      'Outcome of the render-safe attempt',
      rowName('render_safe_attempt'),
      'A: the bomb squad renders the device safe (default), B: the device functions, six casualties',
      '10 min',
    ]);
    // The rows that depend on it, each with how: its time after the decision, or its condition on it.
    const outcome = (option: string) => `Outcome of the render-safe attempt: ${option}`;
    expect(await offered.getByRole('cell').nth(4).getByRole('listitem').allTextContents()).toEqual([
      `${rowName('device_rendered_safe')}: 0 min after: ${outcome('A: the bomb squad renders the device safe')}`,
      `${rowName('device_functioned')}: 0 min after: ${outcome('B: the device functions, six casualties')}`,
      `${rowName('self_presenters')}: 10 min after: “Outcome of the render-safe attempt” decided`,
      ...library.timeline.flatMap((r) => (r.unless && JSON.stringify(r.unless).includes('device_outcome') ? [`${rowName(r.id)}: unless ${outcome('B: the device functions, six casualties')}`] : [])),
      ...library.timeline.flatMap((r) => (r.when && JSON.stringify(r.when).includes('device_outcome') ? [`${rowName(r.id)}: only if ${outcome('B: the device functions, six casualties')}`] : [])),
    ]);
    // Its row's link opens the MSEL at that row; its conditions change the deadline and the default.
    await offered.getByRole('button', { name: rowName('render_safe_attempt') }).click();
    const row = library.timeline.findIndex((r) => r.id === 'render_safe_attempt');
    await expect.poll(() => cell(page, row, 'subject').getAttribute('aria-selected')).toBe('true');
    await cell(page, row, 'conditions').dblclick();
    const dialog = page.getByRole('dialog');
    // The flag made above is one of the things a row can wait for.
    await dialog.getByRole('radio', { name: 'Only if something happened (a branch)' }).check();
    await dialog.getByLabel('What must have happened').selectOption({ label: 'A flag is set' });
    expect(await dialog.getByLabel('Flag', { exact: true }).locator('option').allTextContents()).toEqual(['Media on the square']);
    await dialog.getByRole('radio', { name: 'Always, at its time' }).check();
    await dialog.getByLabel('Deadline (minutes after the row goes out)').fill('15');
    await dialog.getByLabel('Taken when nobody chooses in time').selectOption({ label: 'B: the device functions, six casualties' });
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await saved(page);
    expect((await stored('forms')).document.timeline[row]!.decision).toMatchObject({ id: 'device_outcome', within: 15, default: 'device_functions' });
    await section(page, 'Decisions');
    expect(await offered.getByRole('cell').nth(2).textContent()).toBe('A: the bomb squad renders the device safe, B: the device functions, six casualties (default)');
    expect(await offered.getByRole('cell').nth(3).textContent()).toBe('15 min');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('statechart: a row selected in the MSEL selects its state; a state selected in the graph selects its rows', { timeout: 120_000 }, async () => {
    await copyOfLibrary('chart');
    const { context, page } = await author('/studio/chart');
    await cell(page, 0, 'subject').waitFor();
    await analysed(page);

    // Row → state: the first row's state is selected, and lists the row among those it sends.
    await cell(page, 0, 'subject').click();
    await view(page, 'Statechart');
    // The graph is drawn at a size one can see (it once had none: bug fixed in studio.css).
    await expect.poll(async () => (await page.locator('.studio-statechart .react-flow').boundingBox())?.height ?? 0).toBeGreaterThan(300);
    const pick = page.locator('.statechart-pick').getByLabel(/^State/);
    const first = await pick.inputValue();
    expect(first).not.toBe('');
    const listed = page.locator('.statechart-rows li');
    await expect.poll(() => listed.allTextContents()).toContain(rowName(library.timeline[0]!.id));
    await expect.poll(() => page.locator(`.react-flow__node[data-id="${first}"]`).getAttribute('class')).toMatch(/\bselected\b/);

    // State → rows: a state that sends several rows, chosen by clicking its node in the graph.
    const states = (await pick.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
    let several: { state: string; rows: string[] } | undefined;
    for (const state of states) {
      await pick.selectOption(state);
      const rows = await listed.allTextContents();
      if (rows.length >= 2) {
        several = { state, rows };
        break;
      }
    }
    expect(several, 'a state that sends two rows or more').toBeDefined();
    await pick.selectOption('');
    // The graph shows the selected state and where it goes: first the whole chart, then the node.
    await page.getByRole('button', { name: 'Show the whole statechart' }).click();
    await page.locator(`.react-flow__node[data-id="${several!.state}"]`).click();
    await expect.poll(() => pick.inputValue()).toBe(several!.state);
    await expect.poll(() => listed.allTextContents()).toEqual(several!.rows);
    await view(page, 'MSEL');
    const highlighted = await highlightedRowIds(page);
    expect(highlighted.map((id) => rowName(id!)).sort()).toEqual([...several!.rows].sort());

    // And a listed row's link opens it in the MSEL.
    await view(page, 'Statechart');
    await page.locator('.statechart-rows').getByRole('button', { name: several!.rows[1]! }).click();
    const index = library.timeline.findIndex((r) => rowName(r.id) === several!.rows[1]);
    await expect.poll(() => cell(page, index, 'subject').getAttribute('aria-selected')).toBe('true');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('YAML source: an edit in the text shows in the grid, and an edit in the grid shows in the text', { timeout: 120_000 }, async () => {
    await copyOfLibrary('source');
    const { context, page } = await author('/studio/source');
    await cell(page, 0, 'subject').waitFor();
    const editor = page.locator('.source-editor .cm-content');
    /** Finds text in the source with CodeMirror's own search (Ctrl+F, Enter) and leaves it selected. */
    const find = async (text: string) => {
      await editor.click();
      await page.keyboard.press('Control+f');
      const search = page.locator('.source-editor .cm-search input[name="search"]');
      // Typed key by key: CodeMirror reads the query on key presses.
      await search.pressSequentially(text);
      await search.press('Enter');
      await search.press('Escape');
    };

    await view(page, 'Source (YAML)');
    await editor.waitFor();
    // (The summary tells of an abandoned bag too: the subject's own words are searched.)
    await find('112: abandoned bag');
    await page.keyboard.type('112: unattended bag');
    // Straight to the grid: the last keys typed are not lost on the way (they once were).
    await view(page, 'MSEL');
    await expect.poll(() => cell(page, 0, 'subject').textContent()).toBe('112: unattended bag with wires on Town Hall Square');
    await saved(page);
    expect((await stored('source')).document.timeline[0]!.subject).toBe('112: unattended bag with wires on Town Hall Square');

    await typeInCell(page, 1, 'subject', 'Patrol: readings at the outer cordon');
    await view(page, 'Source (YAML)');
    await find('Patrol: readings at the outer cordon');
    await expect.poll(() => page.locator('.source-editor .cm-line').filter({ hasText: 'subject: "Patrol: readings at the outer cordon"' }).count()).toBe(1);
    await saved(page);
    expect((await stored('source')).document.timeline[1]!.subject).toBe('Patrol: readings at the outer cordon');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('versions: the differences between two published versions, field by field', { timeout: 180_000 }, async () => {
    const revision = await copyOfLibrary('versions');
    const v1 = (await stored('versions')).document;
    const published = await h.request('POST', '/api/studio/scenarios/versions/publish', h.admin, { revision, note: 'as copied' });
    expect(published.statusCode, published.body).toBe(201);
    const { context, page } = await author('/studio/versions');
    await cell(page, 0, 'subject').waitFor();
    await typeInCell(page, 0, 'subject', '112: a bag with wires by the fountain');
    await section(page, 'Settings');
    await page.getByLabel('Title', { exact: true }).fill('Device on Town Hall Square');
    await saved(page);

    await view(page, 'Versions');
    await page.getByLabel('What changed (for the version list)').fill('Sharper first call');
    await page.getByRole('button', { name: 'Publish as version 2' }).click();
    await page.getByText('Published version 2.').waitFor({ timeout: 60_000 });
    await page.locator('.compare').getByLabel(/^From/).selectOption({ label: 'Version 1' });
    await page.locator('.compare').getByLabel(/^To/).selectOption({ label: 'Version 2' });
    await page.getByRole('button', { name: 'Show the differences' }).click();
    const diff = page.locator('.diff');
    await diff.waitFor();
    expect(await diff.locator('> p').textContent()).toBe('0 added, 0 removed, 1 changed, 0 moved; 1 settings changed.');
    const cells = (table: ReturnType<Page['locator']>) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent)));
    expect(await cells(diff.locator('section').first().locator('table'))).toEqual([['Title', v1.title, 'Device on Town Hall Square']]);
    const changed = diff.locator('.diff-changed');
    expect(await changed.locator('> strong').textContent()).toBe('Changed');
    expect(await cells(changed.locator('table'))).toEqual([['Subject', library.timeline[0]!.subject, '112: a bag with wires by the fountain']]);
    expect(await violations(page)).toEqual([]);
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('MSEL import wizard: a sample workbook through its three steps, each without WCAG violations, to a new scenario', { timeout: 180_000 }, async () => {
    const { context, page } = await author('/studio');
    await page.getByRole('button', { name: 'Import an MSEL' }).click();
    const wizard = page.getByRole('dialog', { name: 'Import an MSEL' });
    const step = () => wizard.locator('.steps [aria-current="step"]').textContent();
    expect(await step()).toBe('The file');
    expect(await violations(page)).toEqual([]);

    await wizard.getByLabel('XLSX or CSV file').setInputFiles(SAMPLE_WORKBOOK);
    await expect.poll(step).toBe('Sheets and columns');
    // The headers proposed their fields; the Metadata sheet is not chosen.
    expect(await wizard.getByLabel('Subject', { exact: true }).locator('option:checked').textContent()).not.toBe('(none)');
    expect(await wizard.getByRole('checkbox', { name: /^Metadata/ }).isChecked()).toBe(false);
    expect(await violations(page)).toEqual([]);

    await wizard.getByRole('button', { name: 'Check every row' }).click();
    await expect.poll(step).toBe('Check every row');
    expect(await wizard.getByText(/^49 rows: 49 injects, 0 left out, 0 with errors, \d+ warnings\. StartEx: Day 1 09:00\.$/).count()).toBe(1);
    const firstRow = wizard.locator('table.preview tbody tr').first();
    expect(await firstRow.locator('td').allTextContents()).toEqual(['Day 1 09:00', 'SimCell', 'all', 'CPKC briefs participants', '']);
    expect(await violations(page)).toEqual([]);

    await wizard.getByLabel('Title', { exact: true }).fill('IMT trailer, imported');
    await wizard.getByRole('button', { name: 'Import as a new scenario' }).click();
    await page.waitForURL(/\/studio\/imt_trailer_imported$/);
    await expect.poll(() => cell(page, 0, 'subject').textContent()).toBe('CPKC briefs participants');
    expect(await page.locator('.msel-count').textContent()).toBe('49 of 49 rows');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('live analysis in two stages: the rules´ problems at once, then what exploring play finds, and which stage is running', { timeout: 120_000 }, async () => {
    await copyOfLibrary('stages');
    const { context, page } = await author('/studio/stages');
    await cell(page, 0, 'subject').waitFor();
    await analysed(page);
    // Every stage the problem list passes through, with what it says while there.
    await page.evaluate(() => {
      const list = document.querySelector('.problems')!;
      const seen: { stage: string | null; says: string }[] = [];
      (window as unknown as { stages: typeof seen }).stages = seen;
      new MutationObserver(() => seen.push({ stage: list.getAttribute('data-stage'), says: list.querySelector('.analysis-stage')?.textContent ?? '' })).observe(list, { attributes: true, attributeFilter: ['data-stage'] });
    });
    // A row after EndEx: the rules accept its time; only play shows that it is never reached.
    const social = library.timeline.findIndex((r) => r.id === 'social_rumours');
    await setTime(page, social, 'T+400');
    await analysed(page);
    const stages = await page.evaluate(() => (window as unknown as { stages: { stage: string; says: string }[] }).stages);
    expect(stages).toEqual([
      { stage: 'rules', says: 'Checking the rules of your last change…' },
      { stage: 'play', says: 'Rules checked; exploring every path of play…' },
      { stage: 'done', says: '' },
    ]);
    await page.locator('.problem').filter({ hasText: 'never reached' }).first().waitFor();

    // An error the rules see is the whole analysis: nothing is explored.
    await page.evaluate(() => (window as unknown as { stages: unknown[] }).stages.splice(0));
    await typeInCell(page, 0, 'subject', '');
    await analysed(page);
    expect((await page.evaluate(() => (window as unknown as { stages: { stage: string }[] }).stages)).map((s) => s.stage)).toEqual(['rules', 'done']);
    await page.locator('.problem').filter({ hasText: '"subject"' }).first().waitFor();
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('merge dialog: a save refused over a newer one opens a merge with no WCAG violations', { timeout: 120_000 }, async () => {
    const revision = await copyOfLibrary('merging');
    const { context, page } = await author('/studio/merging');
    await cell(page, 0, 'subject').waitFor();
    // Someone else saves first.
    const { document } = await stored('merging');
    const theirs = { ...document, timeline: document.timeline.map((r, i) => (i === 1 ? { ...r, subject: 'Theirs: patrol readings' } : r)) };
    expect((await h.request('PUT', '/api/studio/scenarios/merging/draft', h.admin, { revision, document: theirs })).statusCode).toBe(200);
    await typeInCell(page, 0, 'subject', 'Mine: the first call');
    await page.getByRole('button', { name: 'Merge their changes with mine' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge both authors’ changes' });
    await dialog.getByText('You changed different things: nothing is lost by merging. Save the merged scenario.').waitFor();
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save the merged scenario' }).click();
    await saved(page);
    expect((await stored('merging')).document.timeline.slice(0, 2).map((r) => r.subject)).toEqual(['Mine: the first call', 'Theirs: patrol readings']);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
