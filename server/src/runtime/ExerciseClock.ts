/**
 * Exercise time: milliseconds of play since StartEx, running `speed` times faster than the wall
 * clock and standing still while paused. Its whole state is four numbers derived from the log.
 */
export class ExerciseClock {
  private running = false;
  private baseExerciseMs = 0;
  private baseWallMs = 0;

  constructor(private currentSpeed: number) {}

  get speed(): number {
    return this.currentSpeed;
  }

  /** Exercise time at wall time `wallMs`. */
  now(wallMs = Date.now()): number {
    return this.running ? this.baseExerciseMs + (wallMs - this.baseWallMs) * this.currentSpeed : this.baseExerciseMs;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts or resumes, reading `exerciseMs` at `wallMs`. */
  run(exerciseMs: number, wallMs: number): void {
    this.running = true;
    this.baseExerciseMs = exerciseMs;
    this.baseWallMs = wallMs;
  }

  /** From `exerciseMs` at `wallMs` on, runs `speed` times the wall clock (a stopped clock keeps standing). */
  setSpeed(speed: number, exerciseMs: number, wallMs: number): void {
    this.currentSpeed = speed;
    this.baseExerciseMs = exerciseMs;
    this.baseWallMs = wallMs;
  }

  stop(exerciseMs: number): void {
    this.running = false;
    this.baseExerciseMs = exerciseMs;
  }

  /** Wall milliseconds until the clock reads `exerciseMs` (Infinity while stopped). */
  wallDelayUntil(exerciseMs: number, wallMs = Date.now()): number {
    if (!this.running) return Infinity;
    return Math.max(0, (exerciseMs - this.now(wallMs)) / this.currentSpeed);
  }
}
