import type { Locator, Page } from 'playwright-core';

/**
 * What an author does in the studio, step by step, as a person would: by labels, buttons and the
 * keyboard (never the YAML). Shared by the studio's browser tests and the studio benchmark.
 */

/** The MSEL grid's columns, in order (client/src/studio/msel/columns.ts). */
const COLUMNS = ['number', 'time', 'from', 'to', 'channel', 'subject', 'body', 'expectedActions', 'criticalTasks', 'conditions', 'track'] as const;
export type Column = (typeof COLUMNS)[number];

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every edit so far is saved as a draft revision (autosave). */
export async function saved(page: Page): Promise<void> {
  await page.locator('.save-status.save-saved').waitFor();
}

/** The live analysis has caught up with the last edit. */
export async function analysed(page: Page): Promise<void> {
  await page.locator('.problems[data-current="true"]').waitFor();
}

export const cell = (page: Page, row: number, column: Column): Locator => page.locator(`#msel-cell-${row}-${COLUMNS.indexOf(column)}`);

export async function view(page: Page, name: 'MSEL' | 'Teams, actions, objectives' | 'Statechart' | 'Source (YAML)' | 'Simulate' | 'Versions' | 'Export and import'): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** A line of text into a cell: select it, Enter, type, Enter. */
export async function typeInCell(page: Page, row: number, column: 'subject', text: string): Promise<void> {
  await cell(page, row, column).click();
  await page.keyboard.press('Enter');
  const input = page.getByRole('textbox', { name: new RegExp(`^Subject — `) });
  await input.fill(text);
  await input.press('Enter');
}

export async function setBody(page: Page, row: number, text: string): Promise<void> {
  await cell(page, row, 'body').dblclick();
  const box = page.getByRole('textbox', { name: /^Text — / });
  await box.fill(text);
  await box.press('Control+Enter');
}

export async function setTime(page: Page, row: number, time: string): Promise<void> {
  await cell(page, row, 'time').dblclick();
  await page.getByLabel('Time (T+45, T+1:30 or Day 1 10:45)').fill(time);
  await page.getByRole('button', { name: 'Done' }).click();
}

/** Chooses the row's addressees by name (and unticks the rest). */
export async function setAddressees(page: Page, row: number, names: string[]): Promise<void> {
  await cell(page, row, 'to').dblclick();
  const box = page.locator('.cell-choices');
  for (const checkbox of await box.getByRole('checkbox').all()) {
    const label = (await checkbox.locator('xpath=..').textContent())?.trim() ?? '';
    if (names.includes(label) !== (await checkbox.isChecked())) await checkbox.click();
  }
  await box.getByRole('button', { name: 'Done' }).click();
}

export async function setChoice(page: Page, row: number, column: 'from' | 'channel' | 'track', option: string): Promise<void> {
  await cell(page, row, column).dblclick();
  // Choosing commits the cell, as a spreadsheet's drop-down does.
  await page.locator('.msel-cell.editing select').selectOption({ label: option });
  await page.locator('.msel-cell.editing').waitFor({ state: 'detached' });
}

export async function setCriticalTasks(page: Page, row: number, tasks: string[]): Promise<void> {
  await cell(page, row, 'criticalTasks').dblclick();
  const box = page.locator('.cell-choices');
  for (const task of tasks) await box.getByRole('checkbox', { name: task }).check();
  await box.getByRole('button', { name: 'Done' }).click();
}

/** A row that goes out only if, or unless, a team took an action (with a field's value), from the conditions dialog. */
export async function setCondition(
  page: Page,
  row: number,
  condition: { release: 'when' | 'unless'; action: string; field?: string; value?: string; within?: number; of?: string },
): Promise<void> {
  await cell(page, row, 'conditions').dblclick();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: condition.release === 'when' ? 'Only if something happened (a branch)' : 'Unless something happened (a contingency)' }).check();
  await dialog.getByLabel('What must have happened').selectOption({ label: 'A team took an action' });
  await dialog.getByLabel('Action', { exact: true }).selectOption({ label: condition.action });
  if (condition.field) {
    await dialog.getByLabel('With the field').selectOption({ label: condition.field });
    await dialog.getByLabel(`${condition.field} is`).selectOption({ label: condition.value! });
  }
  if (condition.within !== undefined) await dialog.getByLabel('Within (minutes)').fill(String(condition.within));
  if (condition.of) await dialog.getByLabel('Counted from').selectOption({ label: condition.of });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** A row added below the selected one; its subject is open for typing at once. */
export async function addRow(page: Page, subject: string): Promise<number> {
  await page.getByRole('button', { name: 'Add a row' }).click();
  const input = page.getByRole('textbox', { name: /^Subject — / });
  await input.fill(subject);
  await input.press('Enter');
  const id = await page.locator('.msel-row.current').getAttribute('data-row-id');
  const rows = await page.locator('.msel-body .msel-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-row-id')));
  return rows.indexOf(id);
}

/** The forms' view at a section (Teams, Action catalogue, ...). */
export async function section(page: Page, name: string): Promise<void> {
  await view(page, 'Teams, actions, objectives');
  await page.getByRole('navigation', { name: 'Parts of the scenario' }).getByRole('button', { name, exact: true }).click();
}

/** The form of the index-th item of a list part (`teams`, `actions-0-fields`, ...). */
export const item = (page: Page, part: string, index: number): Locator => page.locator(`fieldset[data-part="${part}"][data-index="${index}"]`);
