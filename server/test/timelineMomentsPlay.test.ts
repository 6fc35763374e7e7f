import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioClockTime, type LogEntry, type ScenarioDocument } from '@startex/shared';
import { parseScenarioText } from '@startex/scenarios';
import { call, client, connected, createExercise, startServer, until, type Harness, type TestExercise } from './harness.ts';

/**
 * Deadlines that count from something done or decided (scenarios/test/fixtures/cordonDeadlines.yaml)
 * played on a real server over sockets: customs acknowledge the alarm and report its level at T+2, the
 * police confirm the cordon only at T+20 (its window closed at T+17), the director chooses to send the
 * NSSC team and nobody escorts it.
 */
const parsed = parseScenarioText(readFileSync(join(import.meta.dirname, '../../scenarios/test/fixtures/cordonDeadlines.yaml'), 'utf8'), 'yaml');
if (!parsed.ok) throw new Error('the cordon scenario does not parse');
const cordon: ScenarioDocument = parsed.document;

describe('deadlines after a moment of play on the live server', () => {
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
  const act = async (team: string, actionId: string, fields: Record<string, unknown> = {}) =>
    expect(await call(tablets.get(team)!.socket, 'action.take', { actionId, fields, idempotencyKey: `cordon-${team}-${++key}` })).toMatchObject({ ok: true });

  beforeAll(async () => {
    h = await startServer();
    // Speed 1: nothing fires on its own while the test acts; the director's jumps move the clock.
    exercise = await createExercise(h, cordon, { speed: 1, ready: true });
    director = client(h.url, exercise.director);
    tablets = new Map(cordon.teams.map((team) => [team.id, client(h.url, exercise.joinCode(team.id))]));
    await Promise.all([connected(director.socket), ...[...tablets.values()].map((t) => connected(t.socket))]);

    await command({ type: 'start' });
    expect(await call(tablets.get('customs')!.socket, 'inject.acknowledge', { injectId: 'portal_alarm' })).toMatchObject({ ok: true });
    await jumpTo(2);
    await act('customs', 'report_alarm_level', { level: 'Red' });
    await jumpTo(20);
    await act('police', 'confirm_cordon');
    await command({ type: 'decide', decision: 'send_team' });
    await jumpTo(60);
    const live = await host();
    await until(() => live.status === 'ended', 'EndEx');
  });
  afterAll(async () => {
    director?.socket.disconnect();
    for (const tablet of tablets?.values() ?? []) tablet.socket.disconnect();
    await h?.close();
  });

  it('releases the chaser 15 minutes after the report, the contingencies at their times, each at its planned minute', async () => {
    const entries: LogEntry[] = await h.server.runtime.store.readLog(exercise.id);
    const startedAt = entries.find((e) => e.type === 'exercise.started')!.exerciseTimeMs;
    const minute = (e: LogEntry) => Math.floor((e.exerciseTimeMs - startedAt) / 60_000);
    const released = entries.flatMap((e) => (e.type === 'inject.released' ? [`${minute(e)} ${e.inject.id}`] : []));
    expect(released).toEqual(['0 portal_alarm', '2 cordon_request', '2 quick_report_thanks', '17 cordon_chaser', '20 director_briefing', '40 cordon_review', '50 escort_reminder']);
    // The planned minutes come from the pinned (compiled) document: the chaser's from the default report at T+2.
    const pinned = (await host()).record.scenario;
    const startMinute = parseScenarioClockTime(pinned.scenarioStart);
    for (const entry of released) {
      const id = entry.split(' ')[1]!;
      expect(`${parseScenarioClockTime(pinned.injects.find((i) => i.id === id)!.scenarioTime!) - startMinute} ${id}`).toBe(entry);
    }
    expect(minute(entries.at(-1)!)).toBe(60);
  });

  it('sends the chaser and the reminders to the police tablet only', async () => {
    const got = (team: string) => tablets.get(team)!.received.flatMap((e) => (e.type === 'inject.released' ? [e.inject.id] : []));
    expect(got('police')).toEqual(['cordon_request', 'cordon_chaser', 'director_briefing', 'cordon_review', 'escort_reminder']);
    expect(got('customs')).toEqual(['portal_alarm', 'quick_report_thanks', 'director_briefing']);
  });
});
