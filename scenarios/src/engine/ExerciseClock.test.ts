import { describe, expect, it } from 'vitest';
import { clockNow, runClock, STOPPED_AT_START, stopClock, wallDelayUntil } from './ExerciseClock.ts';

describe('ExerciseClock', () => {
  it('runs speed times faster than the wall clock and stands still when stopped', () => {
    expect(clockNow(STOPPED_AT_START, 1_000)).toBe(0);
    const running = runClock(0, 1_000, 30);
    expect(clockNow(running, 3_000)).toBe(60_000);
    const stopped = stopClock(clockNow(running, 3_000));
    expect(clockNow(stopped, 100_000)).toBe(60_000);
    expect(clockNow(runClock(60_000, 200_000, 30), 201_000)).toBe(90_000);
  });

  it('converts a due exercise time into a wall delay, never negative', () => {
    expect(wallDelayUntil(STOPPED_AT_START, 5_000, 0)).toBe(Infinity);
    const running = runClock(0, 0, 10);
    expect(wallDelayUntil(running, 120_000, 2_000)).toBe(10_000);
    expect(wallDelayUntil(running, 1_000, 2_000)).toBe(0);
  });
});
