import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { foldInjectProgress } from '@startex/scenarios/engine';
import { ScenarioDocument, type LogEntry } from '@startex/shared';
import { ExerciseHost } from '../src/runtime/ExerciseHost.ts';
import { injectMetrics } from '../src/review/injectMetrics.ts';
import type { ExerciseRecord } from '../src/store/ExerciseStore.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { ManualClock } from './manualClock.ts';

/**
 * Issue 13: a late inject's lateness is wall-clock time. It used to be exercise time, so a timer
 * 10 ms late at speed 120 read "1,200 ms late" and was flagged. Older entries keep their
 * exercise-time `lateByMs`, and every reader turns it into wall time with the exercise's speed.
 */
const SPEED = 120;
/** The demo's alarm: two scenario minutes after StartEx, one wall second at speed 120. */
const ALARM_DUE_WALL_MS = 120_000 / SPEED;
const demo = ScenarioDocument.parse(LIBRARY.demo);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The demo at speed 120 on a hand-moved clock, started; resolves with the alarm's release after it fired `lateWallMs` late. */
async function alarmFiredLate(lateWallMs: number): Promise<Extract<LogEntry, { type: 'inject.released' }>> {
  const dir = mkdtempSync(join(tmpdir(), 'startex-late-'));
  const store = new SqliteStore(join(dir, 'startex.sqlite'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close());
  const record: ExerciseRecord = { id: 'late', title: 'Late', scenario: demo, speed: SPEED, createdAt: 0 };
  await store.createExercise(record);
  const clock = new ManualClock();
  const host = await ExerciseHost.load(store, record, clock);
  cleanups.push(() => host.dispose());
  await host.command({ type: 'ready' }, { kind: 'system' });
  await host.command({ type: 'start' }, { kind: 'system' });
  // The process was busy (or down) past the due moment: the timeout runs late.
  clock.time += ALARM_DUE_WALL_MS + lateWallMs;
  await clock.advance(0);
  const released = (await store.readLog(record.id)).find((e) => e.type === 'inject.released');
  if (released?.type !== 'inject.released') throw new Error('the alarm was not released');
  return released;
}

describe('lateness of a timer-released inject', () => {
  it('is not flagged when the timer fired 10 ms (wall) late at speed 120', async () => {
    const released = await alarmFiredLate(10);
    expect(released.exerciseTimeMs).toBe(120_000 + 10 * SPEED);
    expect(released).not.toHaveProperty('lateByMs');
    expect(released).not.toHaveProperty('lateByWallMs');
  });

  it('is logged in wall-clock milliseconds when the timer fired seconds late', async () => {
    const released = await alarmFiredLate(2_500);
    expect(released).toMatchObject({ type: 'inject.released', inject: { id: 'portal_alarm' }, lateByWallMs: 2_500 });
    expect(released).not.toHaveProperty('lateByMs');
  });

  it('reads an older entry\'s exercise-time lateByMs as wall time in the MSEL progress and the review', () => {
    const envelope = { exerciseId: 'old', wallTime: 0, scenarioTimeMs: 0, actor: { kind: 'system' as const } };
    const alarm = demo.injects.find((i) => i.id === 'portal_alarm')!;
    const log: LogEntry[] = [
      { ...envelope, seq: 1, exerciseTimeMs: 0, type: 'exercise.started', speed: SPEED, scenarioStartMs: 0 },
      {
        ...envelope,
        seq: 2,
        exerciseTimeMs: 360_000,
        type: 'inject.released',
        inject: { id: alarm.id, number: alarm.number, channel: alarm.channel, from: alarm.from, to: alarm.to, subject: alarm.subject, body: alarm.body, kind: alarm.kind },
        // Written before lateness was wall time: four exercise minutes, two wall seconds at speed 120.
        lateByMs: 240_000,
      },
    ];
    expect(foldInjectProgress(log).get('portal_alarm')).toMatchObject({ lateByWallMs: 2_000 });
    const review = injectMetrics(demo, log).injects.find((i) => i.injectId === 'portal_alarm')!;
    expect(review).toMatchObject({ lateByWallMs: 2_000 });
    expect(review).not.toHaveProperty('lateByMs');
  });
});
