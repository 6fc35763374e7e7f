import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseScenarioText } from '@startex/scenarios';
import type { LogEntry } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { call, client, connected, startServer, type Harness, type StaffCredential, type TestSocket } from '../harness.ts';
import { launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * The tablet's forms for the newer field types, in real Chromium, on the timeline-only stadium
 * scenario: a time of day, a multi-choice field (tick boxes) and a team picker that shows team
 * names and sends team ids; then the review's yes/no and every-team metrics, per team.
 */
const EXERCISE_ID = 'field-types';
const parsed = parseScenarioText(readFileSync(join(import.meta.dirname, '../../../scenarios/test/fixtures/stadiumFinal.yaml'), 'utf8'), 'yaml');
if (!parsed.ok) throw new Error('the stadium scenario does not parse');

let h: Harness;
let browser: Browser;
let control: TestSocket;
let director: StaffCredential;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });
const taken = async () =>
  (await h.server.runtime.store.readLog(EXERCISE_ID)).flatMap((e: LogEntry) => (e.type === 'action.taken' ? [{ team: e.teamId, action: e.actionId, fields: e.fields }] : []));

beforeAll(async () => {
  h = await startServer({ clientDist: CLIENT_DIST });
  browser = await launchChromium();
  await h.server.runtime.create({ id: EXERCISE_ID, scenario: parsed.document, speed: 1 });
  director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'fields-director' });
  await (await h.server.runtime.get(EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
  control = client(h.url, director).socket;
  await connected(control);
  expect(await call(control, 'command', { type: 'start' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  control?.disconnect();
  await browser?.close();
  await h?.close();
});

describe('the tablet with the newer field types', () => {
  it('requires the time of day, then sends it and the options ticked as the server accepts them', { timeout: 90_000 }, async () => {
    const code = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'police' })).token;
    const tablet = await openPage(browser, `${h.url}/tablet#code=${code}`, { name: 'fields-police', options: VIEWPORT.tablet, errors: pageErrors });
    await tablet.getByTestId('tab-actions').click();
    await tablet.locator('.action-toggle', { hasText: 'Confirm position and readiness' }).click();
    const form = tablet.getByRole('form', { name: 'Confirm position and readiness' });
    await form.getByRole('group', { name: /^Liaison with/ }).waitFor();
    expect(await form.getByText('Pick any that apply').count()).toBe(1);

    // Nothing entered: the time is required; the optional ticks are not.
    await form.getByRole('button', { name: 'Send: Confirm position and readiness' }).click();
    expect(await form.locator('.field-error').allTextContents()).toEqual(['⚠ Fill this in.']);

    await form.getByLabel(/^Ready at/).fill('18:20');
    await form.getByRole('checkbox', { name: 'Medical' }).check();
    await form.getByRole('checkbox', { name: 'Fire and rescue' }).check();
    await form.getByRole('button', { name: 'Send: Confirm position and readiness' }).click();
    await eventually(taken).toEqual([{ team: 'police', action: 'confirm_position', fields: { ready_at: '18:20', liaison_with: ['Fire and rescue', 'Medical'] } }]);
    expect(pageErrors).toEqual([]);
    await tablet.context().close();
  });

  it('offers the teams of a team field by name and sends the team id', { timeout: 90_000 }, async () => {
    const code = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'regulator' })).token;
    const tablet = await openPage(browser, `${h.url}/tablet#code=${code}`, { name: 'fields-regulator', options: VIEWPORT.tablet, errors: pageErrors });
    await tablet.getByTestId('tab-actions').click();
    await tablet.locator('.action-toggle', { hasText: 'Hand the source over' }).click();
    const form = tablet.getByRole('form', { name: 'Hand the source over' });
    const picker = form.getByRole('group', { name: /^Handed to/ });
    expect(await picker.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.parentElement!.textContent!.trim()))).toEqual([
      'Radiation Safety Inspectorate',
      'Nuclear security support centre',
    ]);
    await picker.getByRole('radio', { name: 'Nuclear security support centre' }).check();
    await form.getByRole('button', { name: 'Send: Hand the source over' }).click();
    await eventually(async () => (await taken()).at(-1)).toEqual({ team: 'regulator', action: 'hand_over', fields: { to_team: 'nssc' } });
    expect(pageErrors).toEqual([]);
    await tablet.context().close();
  });

  it('shows the yes/no and every-team metrics per team in the review, with their targets in words', { timeout: 90_000 }, async () => {
    expect(await call(control, 'command', { type: 'end' })).toMatchObject({ ok: true });
    const page = await openPage(browser, `${h.url}/review/${EXERCISE_ID}`, { name: 'fields-review', options: VIEWPORT.tablet, cookie: director.cookie, errors: pageErrors });
    await page.getByTestId('review-tab-metrics').click();
    const table = page.getByTestId('scenario-metrics');
    await table.getByRole('rowheader').first().waitFor();
    // Each row's metric, team, target and value, without the log seqs the value cites.
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.children)
          .slice(0, 4)
          .map((cell) => {
            const copy = cell.cloneNode(true) as HTMLElement;
            copy.querySelectorAll('.review-seq').forEach((seq) => seq.remove());
            return copy.textContent!.trim();
          })
          .join(' | '),
      ),
    );
    const of = (title: string) => rows.filter((row) => row.startsWith(title));
    expect(of('Innocent alarm resolved without raising the alert level')).toEqual(
      ['Stadium security', 'Police event command', 'Fire and rescue', 'Emergency medical service', 'Radiation Safety Inspectorate', 'City crisis centre', 'Nuclear security support centre'].map(
        (team) => `Innocent alarm resolved without raising the alert level | ${team} | yes | yes`,
      ),
    );
    const readiness = of('Every team confirmed its position by T+30');
    expect(readiness).toHaveLength(8);
    // Police confirmed a few seconds after StartEx (speed 1).
    expect(readiness[1]).toMatch(/^Every team confirmed its position by T\+30 \| Police event command \| by T\+30 \| T\+0(\.\d)?$/);
    expect(readiness[7]).toBe('Every team confirmed its position by T+30 | all teams | by T+30 | 1 of 7 teams');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
