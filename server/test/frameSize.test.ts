import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { clientFrameBytes, MAX_CLIENT_FRAME_BYTES, ScenarioDocument } from '@startex/shared';
import { call, client, connected, createExercise, startServer, type Harness, type TestExercise, type TestSocket } from './harness.ts';

/**
 * Issue 13: client frames have one limit, MAX_CLIENT_FRAME_BYTES (shared/src/frame.ts). A frame
 * within it is read, however large (the transport used to cut anything over 64 KB without a word);
 * one over it is answered PAYLOAD_TOO_LARGE and commits nothing, and the connection stays; only a
 * frame over twice the limit makes socket.io close the connection unread.
 */
let h: Harness;
let x: TestExercise;
let tablet: TestSocket;
let director: TestSocket;

/** 30 text fields of up to 5,000 characters: an exercise pinned before the analyzer refused such actions. */
const NOTES = Array.from({ length: 30 }, (_, i) => `note_${i}`);

beforeAll(async () => {
  h = await startServer({ speed: 1 });
  const demo = ScenarioDocument.parse(LIBRARY.demo);
  const scenario = ScenarioDocument.parse({
    ...demo,
    actions: [...demo.actions, { id: 'log_notes', label: 'Log notes', teams: ['customs'], fields: NOTES.map((name) => ({ name, label: name, type: 'text', required: false, maxLength: 5000 })) }],
  });
  x = await createExercise(h, scenario, { speed: 1, ready: true });
  tablet = client(h.url, x.joinCode('customs')).socket;
  director = client(h.url, x.director).socket;
  await Promise.all([connected(tablet), connected(director)]);
  expect(await call(director, 'command', { type: 'start' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  tablet.disconnect();
  director.disconnect();
  await h.close();
});

const notes = (text: (i: number) => string) => ({ actionId: 'log_notes', fields: Object.fromEntries(NOTES.map((name, i) => [name, text(i)])), idempotencyKey: `notes-${Math.random()}` });
const lastSeq = async () => (await h.server.runtime.get(x.id)).lastSeq;

describe('client frames up to MAX_CLIENT_FRAME_BYTES', () => {
  it('acknowledges a 150 KB report the scenario allows (the transport used to cut it)', async () => {
    const report = notes((i) => `${i}`.padEnd(5000, '.'));
    expect(clientFrameBytes('action.take', [report])).toBeGreaterThan(64 * 1024);
    const result = await call(tablet, 'action.take', report);
    expect(result).toMatchObject({ ok: true });
    const entries = await h.server.runtime.store.readLog(x.id);
    expect(entries.find((e) => result.ok && e.seq === result.seq)).toMatchObject({ type: 'action.taken', actionId: 'log_notes', fields: report.fields });
  });

  it('answers a frame over the limit PAYLOAD_TOO_LARGE, commits nothing and keeps the connection', async () => {
    // 30 x 5,000 characters of two bytes each: about 300 KB.
    const report = notes(() => 'ė'.repeat(5000));
    const bytes = clientFrameBytes('action.take', [report]);
    expect(bytes).toBeGreaterThan(MAX_CLIENT_FRAME_BYTES);
    const before = await lastSeq();
    expect(await call(tablet, 'action.take', report)).toEqual({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: `This is ${Math.ceil(bytes / 1024)} KB, over the 256 KB that can be sent at once; nothing was saved. Shorten the text and send it again.` },
    });
    expect(await call(director, 'command', { type: 'note', text: 'x'.repeat(300_000) })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await lastSeq()).toBe(before);
    expect(tablet.connected).toBe(true);
    expect(await call(tablet, 'sync', { afterSeq: before })).toMatchObject({ ok: true, entries: [] });
  });

  it('lets socket.io close a connection that sends more than twice the limit, and commits nothing', async () => {
    const flooder = client(h.url, x.joinCode('customs')).socket;
    await connected(flooder);
    const before = await lastSeq();
    const closed = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    flooder.emit('action.take', notes(() => 'ė'.repeat(5000 * 2)) as never, () => {});
    expect(await closed).toMatch(/^transport (close|error)$/);
    expect(await lastSeq()).toBe(before);
  });
});
