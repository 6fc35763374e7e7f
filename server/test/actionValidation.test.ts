import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioDocument, type ScriptedResponse } from '@startex/shared';
import { compileScenario, LIBRARY, simulate } from '@startex/scenarios';
import { cyclingRegions } from '@startex/scenarios/corpus';
import { ExerciseHost } from '../src/runtime/ExerciseHost.ts';
import { ManualClock, settle } from './manualClock.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { call, client, connected, createExercise, multiTeamScenario, startServer, type Harness } from './harness.ts';

describe('actions the server refuses', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer();
  });
  afterEach(async () => h.close());

  it('answers UNKNOWN_ACTION, ACTION_NOT_ALLOWED and INVALID_ACTION_PAYLOAD over the socket and logs nothing', async () => {
    // Speed 1: the scenario's first timer is two real minutes away, so the log only moves when we act.
    const exercise = await createExercise(h, multiTeamScenario(), { speed: 1, ready: true });
    await (await h.server.runtime.get(exercise.id)).command({ type: 'start' }, { kind: 'system' });
    const customs = client(h.url, exercise.joinCode('customs'));
    const police = client(h.url, exercise.joinCode('police'));
    await Promise.all([connected(customs.socket), connected(police.socket)]);
    const before = await h.server.runtime.store.readLog(exercise.id);
    const valid = { dose_rate_usvh: 2.4, vehicle_held: true };
    const take = (socket: typeof customs.socket, actionId: string, fields: Record<string, unknown>, key: string) =>
      call(socket, 'action.take', { actionId, fields, idempotencyKey: key });

    expect(await take(customs.socket, 'launch_drone', {}, 'unknown-0001')).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ACTION', message: 'The scenario has no action "launch_drone".', path: 'actionId' },
    });
    expect(await take(police.socket, 'report_alarm', valid, 'police-0001')).toEqual({
      ok: false,
      error: { code: 'ACTION_NOT_ALLOWED', message: 'Your team cannot take this action.' },
    });
    const invalid = (path: string, message: string) => ({ ok: false, error: { code: 'INVALID_ACTION_PAYLOAD', path, message } });
    expect(await take(customs.socket, 'report_alarm', { ...valid, dose_rate_usvh: 'high' }, 'invalid-0001')).toEqual(
      invalid('fields.dose_rate_usvh', '"Dose rate at 1 m (µSv/h)" must be a number.'),
    );
    expect(await take(customs.socket, 'report_alarm', { ...valid, dose_rate_usvh: 100_001 }, 'invalid-0002')).toEqual(
      invalid('fields.dose_rate_usvh', '"Dose rate at 1 m (µSv/h)" must be at most 100000.'),
    );
    expect(await take(customs.socket, 'report_alarm', { dose_rate_usvh: 2 }, 'invalid-0003')).toEqual(invalid('fields.vehicle_held', '"Vehicle held" is required.'));
    expect(await take(customs.socket, 'report_alarm', { ...valid, vehicle_held: 'yes' }, 'invalid-0004')).toEqual(
      invalid('fields.vehicle_held', '"Vehicle held" must be yes or no.'),
    );
    expect(await take(customs.socket, 'report_alarm', { ...valid, lane: 3 }, 'invalid-0005')).toEqual(invalid('fields.lane', '"report_alarm" has no field "lane".'));
    expect(await h.server.runtime.store.readLog(exercise.id)).toEqual(before);

    // A refused key is not spent: the same key with valid fields is taken and logged.
    expect(await take(customs.socket, 'report_alarm', valid, 'invalid-0001')).toMatchObject({ ok: true });
    const after = await h.server.runtime.store.readLog(exercise.id);
    expect(after.slice(before.length, before.length + 1)).toEqual([
      expect.objectContaining({ type: 'action.taken', actionId: 'report_alarm', teamId: 'customs', fields: valid, idempotencyKey: 'invalid-0001' }),
    ]);
    customs.socket.disconnect();
    police.socket.disconnect();
  });

  it('refuses an upload whose play it cannot explore in bounded time, with a catalogue code, and stores nothing', async () => {
    const started = Date.now();
    const response = await h.server.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/json', cookie: h.admin.cookie, 'x-csrf-token': h.admin.csrfToken },
      payload: JSON.stringify({ ...cyclingRegions(6), id: 'cycling' }),
    });
    // A sanity bound only: the analyzer stops itself after a few seconds (it used to run for most of a minute).
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(response.json()).toMatchObject({
      statusCode: 422,
      code: 'SCENARIO_INVALID',
      problems: [{ severity: 'error', rule: 'too-many-plays', path: '$.machine' }],
    });
    expect(await h.server.runtime.store.listScenarios()).toEqual([]);
    expect((await h.server.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
  });
});


describe('simulate and the live server are one engine', () => {
  it.each(Object.keys(LIBRARY))('%s: the live host, given the default responses when simulate gives them, releases the same injects in the same order at the same times', async (id) => {
    const document = ScenarioDocument.parse(LIBRARY[id]!);
    const simulation = simulate(compileScenario(document), document.defaultResponses);
    expect(simulation.problems).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'startex-engine-'));
    const store = new SqliteStore(join(dir, 'startex.sqlite'));
    try {
      // Speed 1: exercise milliseconds are wall milliseconds after StartEx.
      const record = { id: 'engine', title: 'Same engine', scenario: document, speed: 1, createdAt: 1 };
      await store.createExercise(record);
      const clock = new ManualClock();
      const host = await ExerciseHost.load(store, record, clock);
      await host.command({ type: 'ready' }, { kind: 'system' });
      const startWall = clock.time;
      await host.command({ type: 'start' }, { kind: 'controller', id: 'tester' });
      let keys = 0;
      const responses: number[] = [];
      simulation.timeline.forEach((event, i) => (event.kind === 'action' || event.kind === 'decision' ? responses.push(i) : undefined));
      for (const response of responses) {
        const event = simulation.timeline[response]!;
        // As simulate plays it: a response comes before a timer due at the same moment, unless it
        // answers an inject that such a timer released (a delay of 0 after it).
        const afterSameTimeStep = simulation.timeline.slice(0, response).some((e) => e.atMs === event.atMs && (e.kind === 'inject' || e.kind === 'states'));
        await clock.advanceTo(startWall + event.atMs - (afterSameTimeStep ? 0 : 1));
        if (event.kind === 'decision') {
          await host.command({ type: 'decide', decision: event.ref }, { kind: 'controller', id: 'tester' });
        } else {
          const scripted = document.defaultResponses.find((r): r is Extract<ScriptedResponse, { action: string }> => 'action' in r && r.action === event.ref && r.team === event.team)!;
          await host.takeAction(event.team!, { actionId: event.ref, fields: scripted.fields, idempotencyKey: `engine-${response}-${keys++}-key` });
        }
      }
      await clock.advanceTo(startWall + simulation.durationMs + 60_000);
      await settle();
      const log = await store.readLog('engine');
      const started = log.find((e) => e.type === 'exercise.started')!.exerciseTimeMs;
      const live = log.flatMap((e) => (e.type === 'inject.released' ? [{ inject: e.inject.id, atMinute: Math.round((e.exerciseTimeMs - started) / 60_000) }] : []));
      const simulated = simulation.timeline.flatMap((e) => (e.kind === 'inject' ? [{ inject: e.ref, atMinute: Math.round(e.atMs / 60_000) }] : []));
      expect(live).toEqual(simulated);
      expect(log.at(-1)).toMatchObject({ type: 'exercise.ended' });
      host.dispose();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
