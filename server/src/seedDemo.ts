import { readFileSync } from 'node:fs';
import { hasErrors, LIBRARY, parseScenarioText, type Problem } from '@startex/scenarios';
import type { ScenarioDocument } from '@startex/shared';
import type { ScenarioAnalysis } from './analysis/ScenarioAnalysis.ts';
import { generatedPassword } from './auth/secrets.ts';
import type { IdentityService } from './auth/IdentityService.ts';
import type { ExerciseRuntime } from './runtime/ExerciseRuntime.ts';
import type { AccessGrant, ExerciseRecord, Store } from './store/ExerciseStore.ts';

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
export function seedDemo(runtime: ExerciseRuntime, identity: IdentityService, store: Store, speed: number): Promise<DemoAccess> {
  return seedExercise(runtime, identity, store, { id: DEMO_EXERCISE_ID, title: 'Demo exercise: portal monitor alarm', scenario: () => LIBRARY.demo!, speed });
}

/**
 * Seeds an exercise of a scenario document file (STARTEX_SEED_SCENARIO, for load tests and
 * benchmarks) like the demo: id and title from the document, the demo director as its director.
 * A document the analyzer finds an error in is refused, as on upload; it is analysed like one, off
 * the main thread (exercises resumed at start already play), but with no bound on time: the
 * operator's own file may take as long as it takes.
 */
export async function seedScenarioFile(
  runtime: ExerciseRuntime,
  identity: IdentityService,
  store: Store,
  analysis: ScenarioAnalysis,
  file: string,
  speed: number,
): Promise<DemoAccess & { id: string }> {
  const text = readFileSync(file, 'utf8');
  const format = file.endsWith('.json') ? 'json' : 'yaml';
  const parsed = parseScenarioText(text, format);
  if (!parsed.ok) throw invalidSeed(file, parsed.problems);
  const scenario = parsed.document;
  // Linting explores every play (seconds for a large document): only before the first seeding.
  if (!(await store.getExercise(scenario.id))) {
    const { problems } = await analysis.analyse({ kind: 'text', text, format }, Infinity);
    if (hasErrors(problems)) throw invalidSeed(file, problems);
  }
  return { id: scenario.id, ...(await seedExercise(runtime, identity, store, { id: scenario.id, title: scenario.title, scenario: () => scenario, speed })) };
}

function invalidSeed(file: string, problems: Problem[]): Error {
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `  ${p.rule} at ${p.path}: ${p.message}`);
  return new Error(`STARTEX_SEED_SCENARIO: ${file} is not a valid scenario document:\n${errors.join('\n')}`);
}

async function seedExercise(
  runtime: ExerciseRuntime,
  identity: IdentityService,
  store: Store,
  /** The scenario is read only for a first seeding: a restart needs not even parse the library's demo. */
  seed: { id: string; title: string; scenario: () => ScenarioDocument; speed: number },
): Promise<DemoAccess> {
  const existing = await store.getExercise(seed.id);
  if (existing) return { director: { username: DEMO_DIRECTOR }, joinCodes: await validTeamCodes(identity, store, existing) };
  const exercise = await runtime.create({ ...seed, scenario: seed.scenario() });
  let director = await store.findUserByUsername(DEMO_DIRECTOR);
  let password: string | undefined;
  if (!director) {
    password = generatedPassword();
    director = await identity.createUser('system', { username: DEMO_DIRECTOR, displayName: 'Demo director', password, roles: [] });
  }
  await identity.setMembership('system', { exerciseId: exercise.id, userId: director.id, role: 'director' });
  const joinCodes = await validTeamCodes(identity, store, exercise);
  // A seeded exercise skips planning: it is ready for StartEx as soon as it exists.
  await (await runtime.get(exercise.id)).command({ type: 'ready' }, { kind: 'system' });
  return { director: password === undefined ? { username: DEMO_DIRECTOR } : { username: DEMO_DIRECTOR, password }, joinCodes };
}

/**
 * One usable join code per team: the ones still valid, and a fresh one (valid 30 days) for a team
 * whose codes all expired or were revoked, so a restart always prints a tablet link that works.
 */
async function validTeamCodes(identity: IdentityService, store: Store, exercise: ExerciseRecord): Promise<AccessGrant[]> {
  const now = Date.now();
  const valid = (await store.listGrants(exercise.id)).filter((g) => g.role === 'participant' && g.revokedAt === undefined && (g.expiresAt ?? Infinity) > now);
  const joinCodes: AccessGrant[] = [];
  for (const team of exercise.scenario.teams) {
    const forTeam = valid.filter((g) => g.teamId === team.id);
    if (forTeam.length > 0) joinCodes.push(...forTeam);
    else joinCodes.push(await identity.createJoinCode('system', { exerciseId: exercise.id, role: 'participant', teamId: team.id, expiresInHours: 24 * 30 }));
  }
  return joinCodes;
}
