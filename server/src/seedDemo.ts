import { LIBRARY } from '@startex/scenarios';
import { generatedPassword } from './auth/secrets.ts';
import type { IdentityService } from './auth/IdentityService.ts';
import type { ExerciseRuntime } from './runtime/ExerciseRuntime.ts';
import type { AccessGrant, Store } from './store/ExerciseStore.ts';

export const DEMO_EXERCISE_ID = 'demo';
export const DEMO_DIRECTOR = 'demo-director';

export interface DemoAccess {
  director: { username: string; /** Only on the start that created the account. */ password?: string };
  joinCodes: AccessGrant[];
}

/**
 * Creates the demo exercise on first start: a director account with a generated password, a
 * join code per team, and the exercise marked ready. Later starts reuse all of it.
 */
export async function seedDemo(runtime: ExerciseRuntime, identity: IdentityService, store: Store, speed: number): Promise<DemoAccess> {
  if (await store.getExercise(DEMO_EXERCISE_ID)) {
    const now = Date.now();
    const joinCodes = (await store.listGrants(DEMO_EXERCISE_ID)).filter((g) => g.revokedAt === undefined && (g.expiresAt ?? Infinity) > now);
    return { director: { username: DEMO_DIRECTOR }, joinCodes };
  }
  const exercise = await runtime.create({ id: DEMO_EXERCISE_ID, title: 'Demo exercise: portal monitor alarm', scenario: LIBRARY.demo!, speed });
  let director = await store.findUserByUsername(DEMO_DIRECTOR);
  let password: string | undefined;
  if (!director) {
    password = generatedPassword();
    director = await identity.createUser('system', { username: DEMO_DIRECTOR, displayName: 'Demo director', password, roles: [] });
  }
  await identity.setMembership('system', { exerciseId: exercise.id, userId: director.id, role: 'director' });
  const joinCodes: AccessGrant[] = [];
  for (const team of exercise.scenario.teams) {
    joinCodes.push(await identity.createJoinCode('system', { exerciseId: exercise.id, role: 'participant', teamId: team.id, expiresInHours: 24 * 30 }));
  }
  // The demo skips planning: it is ready for StartEx as soon as it exists.
  await (await runtime.get(exercise.id)).command({ type: 'ready' }, { kind: 'system' });
  return { director: password === undefined ? { username: DEMO_DIRECTOR } : { username: DEMO_DIRECTOR, password }, joinCodes };
}
