/**
 * Exercise time: milliseconds of play since StartEx, running `speed` times faster than the wall
 * clock and standing still while paused. A value folded from the log (StartEx sets the speed and
 * control may change it; pause, resume, halt, EndEx and jumps move it); the functions below return new values.
 */
export type ExerciseClock =
  | { readonly running: false; readonly exerciseMs: number }
  | { readonly running: true; readonly exerciseMs: number; readonly wallMs: number; readonly speed: number };

/** Before StartEx: stopped at zero. */
export const STOPPED_AT_START: ExerciseClock = { running: false, exerciseMs: 0 };

/** Exercise time at wall time `wallMs`. */
export function clockNow(clock: ExerciseClock, wallMs: number): number {
  return clock.running ? clock.exerciseMs + (wallMs - clock.wallMs) * clock.speed : clock.exerciseMs;
}

/** Runs from `exerciseMs` at `wallMs` (StartEx, resume, a jump). */
export function runClock(exerciseMs: number, wallMs: number, speed: number): ExerciseClock {
  return { running: true, exerciseMs, wallMs, speed };
}

/** From `exerciseMs` at `wallMs` on, runs `speed` times the wall clock; a stopped clock keeps standing (the speed is kept beside it). */
export function changeSpeed(clock: ExerciseClock, speed: number, exerciseMs: number, wallMs: number): ExerciseClock {
  return clock.running ? runClock(exerciseMs, wallMs, speed) : clock;
}

export function stopClock(exerciseMs: number): ExerciseClock {
  return { running: false, exerciseMs };
}

/** Wall milliseconds from `wallMs` until the clock reads `exerciseMs` (Infinity while stopped), never negative. */
export function wallDelayUntil(clock: ExerciseClock, exerciseMs: number, wallMs: number): number {
  if (!clock.running) return Infinity;
  return Math.max(0, (exerciseMs - clockNow(clock, wallMs)) / clock.speed);
}
