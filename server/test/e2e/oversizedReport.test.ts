import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LIBRARY } from '@startex/scenarios';
import { ScenarioDocument } from '@startex/shared';
import { CLIENT_DIST } from '../../src/app.ts';
import { startServer, type Harness } from '../harness.ts';
import { launchChromium, openPage, VIEWPORT } from './browser.ts';

/**
 * Issue 13: a report too large for one frame used to be cut by the transport, and the tablet's
 * outbox sent it again after every reconnect, forever. Now the tablet does not send it: the
 * submission shows as refused, too large, and stays out of the outbox's sending, also after the
 * tablet reloads and connects again. The exercise was pinned before the analyzer refused such
 * actions (30 text fields of 5,000 characters).
 */
const EXERCISE_ID = 'oversized-report';
const NOTES = Array.from({ length: 30 }, (_, i) => `note_${i}`);

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

describe('a report too large to send, in real Chromium', () => {
  it('is shown as refused on the tablet and not sent again', { timeout: 90_000 }, async () => {
    const demo = ScenarioDocument.parse(LIBRARY.demo);
    const scenario = ScenarioDocument.parse({
      ...demo,
      actions: [...demo.actions, { id: 'log_notes', label: 'Log notes', teams: ['customs'], fields: NOTES.map((name, i) => ({ name, label: `Note ${i + 1}`, type: 'text', required: false, maxLength: 5000 })) }],
    });
    await h.server.runtime.create({ id: EXERCISE_ID, scenario, speed: 1 });
    const host = await h.server.runtime.get(EXERCISE_ID);
    await host.command({ type: 'ready' }, { kind: 'system' });
    await host.command({ type: 'start' }, { kind: 'system' });
    const code = (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role: 'participant', teamId: 'customs' })).token;

    const tablet = await openPage(browser, 'about:blank', { name: 'tablet', errors: pageErrors, options: VIEWPORT.tablet });
    // Every socket.io packet the tablet sends, by WebSocket or by long-polling, from its first connection on.
    const sent: string[] = [];
    tablet.on('websocket', (socket) => socket.on('framesent', ({ payload }) => sent.push(String(payload))));
    tablet.on('request', (request) => {
      if (request.url().includes('/socket.io/') && request.method() === 'POST') sent.push(request.postData() ?? '');
    });
    await tablet.goto(`${h.url}/tablet#code=${code}`);
    const sentOf = (event: string) => sent.filter((packet) => packet.includes(`"${event}"`));
    const online = () => expect.poll(() => tablet.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('Online');
    await online();
    await expect.poll(() => sentOf('sync').length).toBeGreaterThan(0);
    await tablet.getByRole('tab', { name: /^Actions/ }).click();
    await tablet.locator('.action-toggle', { hasText: 'Log notes' }).click();
    const form = tablet.getByRole('form', { name: 'Log notes' });
    // Every field full, of two-byte letters: about 300 KB as one frame.
    for (const name of NOTES) await form.locator(`#action-log_notes-${name}`).fill('ė'.repeat(5000));
    await form.getByRole('button', { name: 'Send: Log notes' }).click();

    const refusal = form.locator('.submission.is-failed');
    await refusal.waitFor();
    expect(await refusal.locator('p').textContent()).toMatch(/^✕ Too large to send, so not sent: This is \d+ KB, over the 256 KB that can be sent at once; nothing was saved\. Shorten the text and send it again\.$/);
    const outbox = await tablet.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as { state: string; error?: { code: string } }[], `startex.tablet.outbox.${code}`);
    expect(outbox.map((item) => [item.state, item.error?.code])).toEqual([['failed', 'PAYLOAD_TOO_LARGE']]);
    // The connection stayed up and nothing reached the log; the outbox's retry (every 5 s) leaves a refused item alone.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await tablet.getByTestId('connection').textContent()).toBe('Online');
    expect((await h.server.runtime.store.readLog(EXERCISE_ID)).filter((e) => e.type === 'action.taken')).toEqual([]);
    expect(await tablet.getByTestId('queue-status').textContent()).toContain('1 item was refused: see below.');
    expect(sentOf('action.take')).toEqual([]);

    // Reloaded, the tablet connects and syncs again, and still does not send the refused report.
    const syncsBefore = sentOf('sync').length;
    await tablet.reload();
    await online();
    await expect.poll(() => sentOf('sync').length).toBeGreaterThan(syncsBefore);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(sentOf('action.take')).toEqual([]);
    expect(await tablet.getByTestId('queue-status').textContent()).toContain('1 item was refused');
    expect((await h.server.runtime.store.readLog(EXERCISE_ID)).filter((e) => e.type === 'action.taken')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
