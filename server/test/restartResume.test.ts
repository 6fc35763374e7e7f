import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { ControllerCommand } from '@startex/shared';
import { buildApp, type StartexApp } from '../src/app.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { client, connected, startServer } from './harness.ts';

const IDLE_MS = 15 * 60_000;

/**
 * A restart resumes only the exercises in play (issue 13: it folded every exercise's log, a
 * server's whole history, before it listened again); the others load when first asked for.
 */
describe('what a restart loads', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'startex-restart-'));
  const file = join(dataDir, 'startex.sqlite');
  const apps: StartexApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const start = async () => {
    const app = await buildApp({ store: new SqliteStore(file) });
    apps.push(app);
    return app;
  };

  it('resumes live, paused and halted exercises at start and loads planned and ended ones on first use', async () => {
    const first = await start();
    const lifecycles: Record<string, ControllerCommand[]> = {
      planned: [{ type: 'ready' }],
      live: [{ type: 'ready' }, { type: 'start' }],
      paused: [{ type: 'ready' }, { type: 'start' }, { type: 'pause' }],
      halted: [{ type: 'ready' }, { type: 'start' }, { type: 'halt', reason: 'A real alarm at the venue.' }],
      ended: [{ type: 'ready' }, { type: 'start' }, { type: 'end' }],
      closed: [{ type: 'ready' }, { type: 'start' }, { type: 'end' }, { type: 'close' }],
    };
    for (const [id, commands] of Object.entries(lifecycles)) {
      await first.runtime.create({ id, scenario: LIBRARY.demo!, speed: 1 });
      const host = await first.runtime.get(id);
      for (const command of commands) await host.command(command, { kind: 'system' });
    }
    await first.close();

    const again = await start();
    expect(again.runtime.loaded().sort()).toEqual(['halted', 'live', 'paused']);
    expect((await again.runtime.get('live')).status).toBe('live');
    expect((await again.runtime.get('ended')).status).toBe('ended');
    expect((await again.runtime.get('closed')).status).toBe('closed');
    expect(again.runtime.loaded().sort()).toEqual(['closed', 'ended', 'halted', 'live', 'paused']);
  });

  it('unloads an exercise out of play once idle and nobody is connected; one in play stays; either loads again on demand', async () => {
    const app = await start();
    const lifecycles: Record<string, ControllerCommand[]> = {
      planned: [{ type: 'ready' }],
      live: [{ type: 'ready' }, { type: 'start' }],
      ended: [{ type: 'ready' }, { type: 'start' }, { type: 'end' }],
    };
    for (const [id, commands] of Object.entries(lifecycles)) {
      await app.runtime.create({ id, scenario: LIBRARY.demo!, speed: 1 });
      const host = await app.runtime.get(id);
      for (const command of commands) await host.command(command, { kind: 'system' });
    }
    const endedAt = (await app.runtime.get('ended')).lastSeq;
    // Just used: nothing is idle yet.
    expect(await app.runtime.unloadIdle()).toEqual([]);
    expect((await app.runtime.unloadIdle(Date.now() + IDLE_MS)).sort()).toEqual(['ended', 'planned']);
    expect(app.runtime.loaded()).toEqual(['live']);
    const ended = await app.runtime.get('ended');
    expect(ended.status).toBe('ended');
    expect(ended.lastSeq).toBe(endedAt);
    expect(app.runtime.loaded().sort()).toEqual(['ended', 'live']);
  });
});

describe('an exercise with devices connected', () => {
  it('stays loaded while a socket is connected to it, however long idle, and unloads after the socket leaves', async () => {
    const h = await startServer({ speed: 1 });
    try {
      const console = client(h.url, h.controllerToken);
      await connected(console.socket);
      const later = () => Date.now() + IDLE_MS;
      expect(await h.server.runtime.unloadIdle(later())).toEqual([]);
      expect(h.server.runtime.loaded()).toEqual(['demo']);
      console.socket.disconnect();
      // The server hears of the disconnect on its own time.
      let unloaded: string[] = [];
      for (const deadline = Date.now() + 10_000; unloaded.length === 0 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
        unloaded = await h.server.runtime.unloadIdle(later());
      }
      expect(unloaded).toEqual(['demo']);
      expect(h.server.runtime.loaded()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
