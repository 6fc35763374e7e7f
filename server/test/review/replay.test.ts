import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@startex/shared';
import { ReplayIndex } from '../../src/review/ReplayIndex.ts';
import { createExercise, multiTeamScenario, startServer, until, type Harness } from '../harness.ts';

/**
 * Replay is the live host's own fold with snapshots: at every moment a real exercise went
 * through, the replayed state equals what the live ExerciseHost described at that moment.
 */
let h: Harness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(async () => h.close());

describe('replay to a moment', () => {
  it('equals the live host at every moment of a played exercise, from snapshots at any spacing', async () => {
    // Speed 1: no timer fires on its own during the test; jumps fire them on purpose.
    const exercise = await createExercise(h, multiTeamScenario(), { speed: 1, ready: true });
    const host = await h.server.runtime.get(exercise.id);
    const director: Actor = { kind: 'controller', id: 'd', name: 'Director', role: 'director' };
    const evaluator: Actor = { kind: 'evaluator', id: 'e', name: 'Evaluator' };
    const live: { seq: number; wall: number; described: ReturnType<typeof host.describe> }[] = [];
    const note = () => {
      const wall = Date.now();
      live.push({ seq: host.lastSeq, wall, described: host.describe(wall) });
    };
    const steps: (() => Promise<unknown>)[] = [
      () => host.command({ type: 'start' }, director),
      () => host.command({ type: 'hold', injectId: 'fire_standby', reason: 'Fire crew not on site' }, director),
      () => host.command({ type: 'jump' }, director), // the 2-minute timer: portal_alarm to customs
      () => until(() => host.describe(Date.now()).released.includes('portal_alarm'), 'the alarm'),
      () => host.markDelivered('customs', 'portal_alarm'),
      () => host.acknowledge('customs', 'portal_alarm'),
      () => host.command({ type: 'pause' }, director),
      () => host.recordObservation({ observedAtMs: 60_000, teamId: 'customs', kind: 'strength', text: 'Held at once.', idempotencyKey: 'replay-obs-1' }, evaluator),
      () => host.command({ type: 'resume' }, director),
      () => host.takeAction('customs', { actionId: 'report_alarm', fields: { dose_rate_usvh: 3, vehicle_held: true }, injectId: 'portal_alarm', idempotencyKey: 'replay-act-1' }),
      () => host.markDelivered('police', 'police_call'),
      () => host.command({ type: 'note', text: 'Police slow to answer' }, director),
      () => host.command({ type: 'jump' }, director), // 3 minutes: joint (fire_standby suppressed: held)
      () => until(() => host.describe(Date.now()).released.includes('joint_briefing'), 'the joint briefing'),
      () => host.acknowledge('police', 'joint_briefing'),
      () => host.command({ type: 'end' }, director),
      () => host.recordRating({ subject: { kind: 'target', id: 'report_on_time' }, rating: 'S', reason: 'Dose rate late.', idempotencyKey: 'replay-rate-1' }, evaluator),
      () => host.submitFeedback('customs', { wentWell: 'Fast hold.', toImprove: '', objectives: [], idempotencyKey: 'replay-feedback-1' }),
    ];
    note();
    for (const step of steps) {
      await step();
      note();
    }
    const log = await h.server.runtime.store.readLog(exercise.id);
    expect(log.at(-1)!.type).toBe('feedback.submitted');
    expect(log.map((e) => e.type)).toEqual(expect.arrayContaining(['timer.fired', 'inject.suppressed', 'state.entered', 'exercise.paused', 'rating.recorded']));

    for (const every of [1, 3, 7, 1000]) {
      const index = new ReplayIndex(host.record, log, every);
      for (const moment of live) {
        expect(index.describe(index.seekSeq(moment.seq), moment.wall), `seq ${moment.seq}, snapshots every ${every}`).toEqual(moment.described);
      }
    }

    // By exercise time: the state after the last entry at or before it.
    const index = new ReplayIndex(host.record, log, 4);
    const acknowledged = log.find((e) => e.type === 'inject.acknowledged' && e.injectId === 'portal_alarm')!;
    const moment = index.moment(acknowledged.exerciseTimeMs);
    const lastSeq = log.findLast((e) => e.exerciseTimeMs <= acknowledged.exerciseTimeMs)!.seq;
    const then = live.find((m) => m.seq === lastSeq)!.described;
    expect(moment).toMatchObject({ atMs: acknowledged.exerciseTimeMs, lastSeq, status: then.status, states: then.states, held: then.held });
    expect(moment.held).toEqual({ fire_standby: 'Fire crew not on site' });
    const acted = then.injects.portal_alarm?.teams.customs?.status === 'acted';
    expect(moment.teams.find((t) => t.teamId === 'customs')).toMatchObject({
      teamId: 'customs',
      received: [{ injectId: 'portal_alarm', number: 1, subject: 'Gamma alarm on lane 3', releasedSeq: log.find((e) => e.type === 'inject.released')!.seq, status: acted ? 'acted' : 'acknowledged' }],
      actionCount: acted ? 1 : 0,
    });
    const last = index.moment(log.at(-1)!.exerciseTimeMs);
    expect(last.status).toBe('ended');
    const customs = last.teams.find((t) => t.teamId === 'customs')!;
    expect(customs.received.find((r) => r.injectId === 'portal_alarm')!.status).toBe('acted');
    expect(customs.actionCount).toBe(1);
    expect(last.control.recent.map((c) => c.type)).toEqual(log.filter((e) => e.actor.kind === 'controller').map((e) => e.type));
    expect(last.control.recent.find((c) => c.type === 'note.added')).toMatchObject({ by: 'Director', summary: 'Police slow to answer' });
  });

  it('follows a running exercise as its log grows', async () => {
    const exercise = await createExercise(h, multiTeamScenario(), { speed: 1, ready: true });
    const host = await h.server.runtime.get(exercise.id);
    const director: Actor = { kind: 'controller', id: 'd', role: 'director' };
    await host.command({ type: 'start' }, director);
    const index = new ReplayIndex(host.record, await h.server.runtime.store.readLog(exercise.id), 2);
    const before = index.lastSeq;
    await host.command({ type: 'jump' }, director);
    await until(() => host.describe(Date.now()).released.includes('portal_alarm'), 'the alarm');
    // The host folds entries before the store has made them durable; the review reads the durable log.
    await expect.poll(async () => (await h.server.runtime.store.readLog(exercise.id)).at(-1)?.seq).toBe(host.lastSeq);
    index.append(await h.server.runtime.store.readLog(exercise.id, before));
    const wall = Date.now();
    expect(index.describe(index.seekSeq(host.lastSeq), wall)).toEqual(host.describe(wall));
  });
});
