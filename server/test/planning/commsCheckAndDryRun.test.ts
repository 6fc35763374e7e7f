import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { CommsCheckStatus, DryRun, JoinCodeView, LogEntry } from '@startex/shared';
import { call, client, connected, startServer, until, type Harness } from '../harness.ts';
import { planner, plannedExercise, type Planner } from './planningHelpers.ts';

let h: Harness;
let alice: Planner;
beforeAll(async () => {
  h = await startServer();
  alice = await planner(h);
});
afterAll(async () => h.close());

describe('the communications check', () => {
  it('reaches every team\'s tablet, shows who is connected and acknowledged, and readies the exercise when confirmed', async () => {
    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } });
    const codes = (await h.request('POST', `/api/exercises/${exercise.id}/join-codes/teams`, as, { teams: ['customs', 'police'] })).json() as JoinCodeView[];
    const customs = client(h.url, codes[0]!.code);
    const police = client(h.url, codes[1]!.code);
    await Promise.all([connected(customs.socket), connected(police.socket)]);
    try {
      const status = async () => (await h.request('GET', `/api/exercises/${exercise.id}/comms-check`, as)).json() as CommsCheckStatus;
      expect((await h.request('POST', `/api/exercises/${exercise.id}/comms-check/confirm`, as)).json()).toMatchObject({ code: 'COMMS_CHECK_NOT_SENT' });
      await expect.poll(async () => (await status()).teams.map((t) => [t.teamId, t.connected])).toEqual([['customs', 1], ['police', 1], ['regulator', 0]]);

      const sent = (await h.request('POST', `/api/exercises/${exercise.id}/comms-check`, as)).json() as CommsCheckStatus;
      expect(sent).toMatchObject({ status: 'draft', checkId: expect.any(String) });
      const checkId = sent.checkId!;
      const arrived = (mirror: { received: LogEntry[] }) => mirror.received.find((e) => e.type === 'commscheck.sent');
      const toCustoms = await until(() => arrived(customs), 'the check on the customs tablet');
      await until(() => arrived(police), 'the check on the police tablet');
      expect(toCustoms).toMatchObject({ type: 'commscheck.sent', checkId, teams: ['customs', 'police', 'regulator'] });

      expect(await call(customs.socket, 'commscheck.acknowledge', { checkId })).toMatchObject({ ok: true, seq: expect.any(Number) });
      expect(await call(customs.socket, 'commscheck.acknowledge', { checkId: 'c999' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      // A team sees its own acknowledgement, not the other team's.
      expect(police.received.some((e) => e.type === 'commscheck.acknowledged')).toBe(false);
      const half = await status();
      expect(half.teams.map((t) => [t.teamId, t.acknowledgedAt !== undefined])).toEqual([['customs', true], ['police', false], ['regulator', false]]);
      expect(await call(police.socket, 'commscheck.acknowledge', { checkId })).toMatchObject({ ok: true });

      const confirmed = (await h.request('POST', `/api/exercises/${exercise.id}/comms-check/confirm`, as)).json() as CommsCheckStatus;
      expect(confirmed).toMatchObject({ status: 'ready', checkId, confirmedAt: expect.any(Number) });
      expect(confirmed.teams.filter((t) => t.acknowledgedAt !== undefined).map((t) => t.teamId)).toEqual(['customs', 'police']);
      await until(() => customs.received.some((e) => e.type === 'exercise.readied'), 'readiness on the tablet');

      const log = await h.server.runtime.store.readLog(exercise.id);
      expect(log.map((e) => [e.type, e.actor.kind])).toEqual([
        ['commscheck.sent', 'controller'],
        ['commscheck.acknowledged', 'participant'],
        ['commscheck.acknowledged', 'participant'],
        ['commscheck.confirmed', 'controller'],
        ['exercise.readied', 'controller'],
      ]);
      expect(log[3]).toMatchObject({ acknowledgedTeams: ['customs', 'police'] });
      // The check is not play: no inject was released, delivered or acknowledged.
      expect(log.some((e) => e.type.startsWith('inject.'))).toBe(false);
      expect((await h.request('POST', `/api/exercises/${exercise.id}/comms-check/confirm`, as)).json()).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    } finally {
      customs.socket.disconnect();
      police.socket.disconnect();
    }
  });
});

describe('the dry run', () => {
  it('plays the pinned scenario with its default responses and leaves the exercise log untouched', async () => {
    const { exercise, as } = await plannedExercise(h, alice, {
      source: { kind: 'library', scenarioId: 'detection-portal-alarm' },
      settings: { date: '2026-11-27', startTime: '09:30', timeZone: 'Europe/Vilnius', speed: 2 },
    });
    await h.request('POST', `/api/exercises/${exercise.id}/comms-check`, as);
    const before = await h.server.runtime.store.readLog(exercise.id);
    const seqBefore = (await h.server.runtime.get(exercise.id)).lastSeq;

    const response = await h.request('POST', `/api/exercises/${exercise.id}/dry-run`, as);
    expect(response.statusCode).toBe(200);
    const run = response.json() as DryRun;
    const B = LIBRARY['detection-portal-alarm']!;
    expect(run.ended).toBe(true);
    expect(run.speed).toBe(2);
    expect(run.wallDurationMs).toBe(run.durationMs / 2);
    expect(run.timeline[0]).toEqual({ kind: 'startex', exerciseTimeMs: 0, scenarioTimeMs: 10 * 3_600_000, wallTime: Date.parse('2026-11-27T07:30:00Z'), ref: 'StartEx' });
    const first = run.timeline.find((e) => e.kind === 'inject')!;
    expect(first).toMatchObject({ ref: 'portal_alarm', inject: { number: 1, subject: B.injects[0]!.subject, to: ['customs'] } });
    expect(run.releasedInjects).toContain('portal_alarm');
    expect([...run.releasedInjects, ...run.notReleased.map((i) => i.id)].sort()).toEqual(B.injects.map((i) => i.id).sort());
    expect(run.timeline.at(-1)).toMatchObject({ kind: 'endex' });
    // Every event says what it stands for in words: phases by their titles, actions by their labels.
    const phases = run.timeline.filter((e) => e.kind === 'states');
    expect(phases[0]).toMatchObject({ ref: 'primary_alarm', label: 'Portal alarm on lane 3' });
    expect(phases.map((e) => e.label)).toContain('Handling a Cs-137 source › Reachback confirms Cs-137');
    const action = run.timeline.find((e) => e.kind === 'action')!;
    expect(action.label).toBe(B.actions.find((a) => a.id === action.ref)!.label);
    for (const event of run.timeline.filter((e) => !['startex', 'inject', 'endex'].includes(e.kind))) {
      expect(event.label, event.ref).toBeDefined();
      expect(event.label, event.ref).not.toMatch(/[a-z]_[a-z]/);
    }
    for (const missed of run.notReleased) expect(missed).toEqual({ id: missed.id, number: B.injects.find((i) => i.id === missed.id)!.number, subject: B.injects.find((i) => i.id === missed.id)!.subject });

    expect(await h.server.runtime.store.readLog(exercise.id)).toEqual(before);
    expect((await h.server.runtime.get(exercise.id)).lastSeq).toBe(seqBefore);
    expect((await h.server.runtime.get(exercise.id)).status).toBe('draft');
  });

  it("shows a timeline scenario's phase as its storyline's row, once each time it changes: where play waits", async () => {
    const { exercise, as } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'response-city-device' } });
    const run = (await h.request('POST', `/api/exercises/${exercise.id}/dry-run`, as)).json() as DryRun;
    const phases = run.timeline.filter((e) => e.kind === 'states').map((e) => e.label!);
    expect(phases[0]).toMatch(/^StartEx: \S/);
    expect(phases).toContain('T+25: Situation report requested by 11:35');
    // The bug: "Play › Main timeline › T+…; Play › Decision … › Before #…", every region's path, at every step of any region.
    for (const phase of phases) expect(phase).toMatch(/^(StartEx|T\+[\d.]+): [^›;]+$|^EndEx$/);
    phases.slice(1).forEach((phase, i) => expect(phase, `after ${phases[i]}`).not.toBe(phases[i]));
  });
});
