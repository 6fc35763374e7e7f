import { describe, expect, it } from 'vitest';
import { ExerciseClock } from './ExerciseClock.ts';

describe('ExerciseClock', () => {
  it('runs speed times faster than the wall clock and stands still when stopped', () => {
    const clock = new ExerciseClock(30);
    expect(clock.now(1_000)).toBe(0);
    clock.run(0, 1_000);
    expect(clock.now(3_000)).toBe(60_000);
    clock.stop(clock.now(3_000));
    expect(clock.now(100_000)).toBe(60_000);
    clock.run(60_000, 200_000);
    expect(clock.now(201_000)).toBe(90_000);
  });

  it('converts a due exercise time into a wall delay, never negative', () => {
    const clock = new ExerciseClock(10);
    expect(clock.wallDelayUntil(5_000, 0)).toBe(Infinity);
    clock.run(0, 0);
    expect(clock.wallDelayUntil(120_000, 2_000)).toBe(10_000);
    expect(clock.wallDelayUntil(1_000, 2_000)).toBe(0);
  });
});
