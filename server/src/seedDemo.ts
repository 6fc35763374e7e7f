import { LIBRARY } from '@startex/scenarios';
import type { ExerciseRuntime } from './runtime/ExerciseRuntime.ts';
import type { AccessGrant } from './store/ExerciseStore.ts';

export const DEMO_EXERCISE_ID = 'demo';

/** Creates the demo exercise on first start and returns its access grants (reused afterwards). */
export async function seedDemo(runtime: ExerciseRuntime, speed: number): Promise<AccessGrant[]> {
  const existing = await runtime.store.getExercise(DEMO_EXERCISE_ID);
  if (existing) return runtime.store.listGrants(DEMO_EXERCISE_ID);
  const { grants } = await runtime.create({
    id: DEMO_EXERCISE_ID,
    title: 'Demo exercise: portal monitor alarm',
    scenario: LIBRARY.demo!,
    speed,
  });
  // The demo skips planning: it is ready for StartEx as soon as it exists.
  await (await runtime.get(DEMO_EXERCISE_ID)).command({ type: 'ready' }, { kind: 'system' });
  return grants;
}
