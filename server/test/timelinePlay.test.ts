import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioClockTime, type LogEntry, type MetricReview, type ScenarioDocument } from '@startex/shared';
import { parseScenarioText } from '@startex/scenarios';
import { call, client, connected, createExercise, startServer, until, type Harness, type TestExercise } from './harness.ts';

/**
 * The scenario written in the timeline form only (scenarios/test/fixtures/stadiumFinal.yaml) played
 * on a real server over sockets: seven tablets and the director's console, the director jumping the
 * exercise clock from one scheduled event to the next.
 */
const text = readFileSync(join(import.meta.dirname, '../../scenarios/test/fixtures/stadiumFinal.yaml'), 'utf8');
const parsed = parseScenarioText(text, 'yaml');
if (!parsed.ok) throw new Error('the stadium scenario does not parse');
const stadium: ScenarioDocument = parsed.document;
const TEAMS = stadium.teams.map((t) => t.id);

describe('a timeline scenario on the live server', () => {
  let h: Harness;
  let exercise: TestExercise;
  let director: ReturnType<typeof client>;
  let tablets: Map<string, ReturnType<typeof client>>;
  let key = 0;

  const host = () => h.server.runtime.get(exercise.id);
  const minuteNow = async () => (await host()).describe(Date.now()).exerciseTimeMs / 60_000;
  const command = async (payload: unknown) => expect(await call(director.socket, 'command', payload)).toMatchObject({ ok: true });
  /** Jumps the exercise clock from one scheduled event to the next until `minute`. */
  const jumpTo = async (minute: number) => {
    while ((await minuteNow()) < minute - 0.5) await command({ type: 'jump' });
  };
  const act = async (team: string, actionId: string, fields: Record<string, unknown>) =>
    expect(await call(tablets.get(team)!.socket, 'action.take', { actionId, fields, idempotencyKey: `stadium-${team}-${++key}` })).toMatchObject({ ok: true });

  beforeAll(async () => {
    h = await startServer();
    // Speed 1: nothing fires on its own while the test acts; the director's jumps move the clock.
    exercise = await createExercise(h, stadium, { speed: 1, ready: true });
    director = client(h.url, exercise.director);
    tablets = new Map(TEAMS.map((team) => [team, client(h.url, exercise.joinCode(team))]));
    await Promise.all([connected(director.socket), ...[...tablets.values()].map((t) => connected(t.socket))]);

    await command({ type: 'start' });
    // Acknowledged on the tablet within three minutes: the reminder row does not go out.
    expect(await call(tablets.get('stadium_security')!.socket, 'inject.acknowledge', { injectId: 'portal_alarm' })).toMatchObject({ ok: true });
    await jumpTo(10);
    await act('police', 'report_nuclide', { nuclide: 'I-131', dose_rate_usvh: 4.2 });
    await act('police', 'notify_regulator', { nuclide: 'I-131' });
    await jumpTo(15);
    for (const team of TEAMS.filter((t) => t !== 'nssc')) await act(team, 'confirm_position', { ready_at: '18:20', ...(team === 'police' ? { liaison_with: ['Fire and rescue', 'Medical'] } : {}) });
    await jumpTo(40);
    await act('nssc', 'confirm_position', { ready_at: '18:45' });
    await act('crisis_centre', 'raise_alert_level', { level: 'Heightened' });
    await jumpTo(45);
    await command({ type: 'decide', decision: 'kickoff_delayed' });
    await jumpTo(70);
    await act('regulator', 'hand_over', { to_team: 'nssc' });
    await jumpTo(90);
    const live = await host();
    await until(() => live.status === 'ended', 'EndEx');
  });
  afterAll(async () => {
    director?.socket.disconnect();
    for (const tablet of tablets?.values() ?? []) tablet.socket.disconnect();
    await h?.close();
  });

  const log = async (): Promise<LogEntry[]> => h.server.runtime.store.readLog(exercise.id);

  it('releases each inject at its planned minute, on the branches play took, and ends at T+90', async () => {
    const entries = await log();
    const startedAt = entries.find((e) => e.type === 'exercise.started')!.exerciseTimeMs;
    const minute = (e: LogEntry) => Math.floor((e.exerciseTimeMs - startedAt) / 60_000);
    const released = entries.flatMap((e) => (e.type === 'inject.released' ? [`${minute(e)} ${e.inject.id}`] : []));
    expect(released).toEqual([
      '0 portal_alarm',
      '5 match_brief',
      '10 secondary_screen',
      '15 readiness_call',
      '25 medical_explanation',
      '35 readiness_chaser',
      '45 crowd_briefing',
      '45 delay_announcement',
      '55 media_query',
      '60 nssc_lab',
      '70 source_handover',
      '85 hot_wash',
    ]);
    // The planned minutes the MSEL shows come from the pinned (compiled) document.
    const pinned = (await host()).record.scenario;
    const startMinute = parseScenarioClockTime(pinned.scenarioStart);
    for (const entry of released) {
      const [at, id] = entry.split(' ');
      const planned = pinned.injects.find((i) => i.id === id)!.scenarioTime;
      if (planned !== undefined) expect(`${parseScenarioClockTime(planned) - startMinute} ${id}`).toBe(entry);
      else expect(id).toBe('delay_announcement');
      expect(Number(at)).toBeGreaterThanOrEqual(0);
    }
    expect(entries.at(-1)).toMatchObject({ type: 'exercise.ended' });
    expect(minute(entries.at(-1)!)).toBe(90);
  });

  it('delivers a row to the team it names and a row to all to every tablet', async () => {
    const got = (team: string) => tablets.get(team)!.received.flatMap((e) => (e.type === 'inject.released' ? [e.inject.id] : []));
    for (const team of TEAMS) expect(got(team)).toEqual(expect.arrayContaining(['match_brief', 'readiness_call', 'readiness_chaser', 'delay_announcement', 'hot_wash']));
    expect(got('health')).toContain('medical_explanation');
    expect(got('police')).not.toContain('medical_explanation');
    expect(got('nssc')).toContain('nssc_lab');
    expect(got('regulator')).not.toContain('nssc_lab');
  });

  it('shows the yes/no, duration and every-team metrics per team in the review', async () => {
    const review = (await h.request('GET', `/api/exercises/${exercise.id}/review`, exercise.director)).json();
    const metric = (id: string) => (review.metrics as MetricReview[]).find((m) => m.metricId === id)!;
    const byTeam = (m: MetricReview) => Object.fromEntries(m.results.map((r) => [r.teamId ?? 'all', { value: r.value, status: r.status }]));

    expect(metric('no_needless_escalation')).toMatchObject({ kind: 'yes-no', target: 1, comparison: 'equals', perTeam: true });
    expect(byTeam(metric('no_needless_escalation'))).toEqual({
      stadium_security: { value: 1, status: 'met' },
      police: { value: 1, status: 'met' },
      fire_rescue: { value: 1, status: 'met' },
      health: { value: 1, status: 'met' },
      regulator: { value: 1, status: 'met' },
      crisis_centre: { value: 0, status: 'not-met' },
      nssc: { value: 1, status: 'met' },
    });

    expect(metric('time_to_notify')).toMatchObject({ unit: 'minutes', target: 15, perTeam: true });
    expect(metric('time_to_notify').kind).toBeUndefined();
    const notify = byTeam(metric('time_to_notify'));
    expect(notify.police).toMatchObject({ status: 'met' });
    expect(notify.police!.value).toBeLessThan(1);
    // Stadium security never notified, and more than 15 minutes passed before EndEx.
    expect(notify.stadium_security).toEqual({ value: undefined, status: 'not-met' });
    expect(Object.keys(notify)).toEqual(['stadium_security', 'police']);

    expect(metric('readiness_by_t30')).toMatchObject({ kind: 'every-team', target: 30 });
    const readiness = byTeam(metric('readiness_by_t30'));
    for (const team of TEAMS.filter((t) => t !== 'nssc')) expect(readiness[team]).toMatchObject({ status: 'met' });
    expect(readiness.nssc).toMatchObject({ status: 'not-met' });
    expect(Math.floor(readiness.nssc!.value!)).toBe(40);
    expect(readiness.all).toEqual({ value: 6, status: 'not-met' });
  });
});
