import type { FastifyInstance } from 'fastify';
import { API_ROUTES, ExerciseSettings, StartexError, type JoinCodeView, type PlannedExerciseSummary } from '@startex/shared';
import type { ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import { requireGlobal, requireUser } from '../auth/httpAuth.ts';
import { resolveScenario } from '../planning/planResolve.ts';
import { defaultSettings, exerciseSettings } from '../planning/settings.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allowsGlobal } from '@startex/scenarios/engine';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { AccessGrant, ExerciseRecord, Store } from '../store/ExerciseStore.ts';
import { exerciseGuard } from './exerciseGuard.ts';
import { serve } from './typedRoute.ts';

/** Inline scenario documents may be as large as uploads. */
const CREATE_LIMIT = 2 * 1024 * 1024;

export const codeView = (grant: AccessGrant): JoinCodeView => ({
  code: grant.token,
  exerciseId: grant.exerciseId,
  role: grant.role,
  ...(grant.teamId ? { teamId: grant.teamId } : {}),
  createdAt: grant.createdAt,
  ...(grant.expiresAt !== undefined ? { expiresAt: grant.expiresAt } : {}),
  ...(grant.revokedAt !== undefined ? { revokedAt: grant.revokedAt } : {}),
});

export function exercisesRoutes(runtime: ExerciseRuntime, store: Store, identity: IdentityService, analysis: ScenarioAnalysis) {
  const guard = exerciseGuard(runtime, identity);

  const summary = async (record: ExerciseRecord): Promise<PlannedExerciseSummary> => ({
    id: record.id,
    title: record.title,
    scenarioId: record.scenario.id,
    status: (await runtime.get(record.id)).status,
    scenarioVersion: record.scenario.version,
    createdAt: record.createdAt,
    settings: exerciseSettings(record),
  });

  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.listExercises, async (_input, request) => {
      const { user } = requireUser(request);
      const all = await store.listExercises();
      const mine = new Set((await store.membershipsOf(user.id)).map((m) => m.exerciseId));
      const visible = allowsGlobal(user.roles, 'exercises.create') ? all : all.filter((e) => mine.has(e.id));
      // The live record: settings changed since loading are the host's.
      return Promise.all(visible.map(async (record) => summary((await runtime.get(record.id)).record)));
    });

    /**
     * A new exercise in draft, pinning a copy of its scenario. The planner who creates it plans it by
     * their global role and gets no role in it: who runs play is on its roster (SECURITY.md).
     */
    serve(
      app,
      API_ROUTES.createExercise,
      async (input, request) => {
        const user = requireGlobal(request, 'exercises.create');
        const body = input.body();
        const scenario = await resolveScenario(store, analysis, body.source);
        const settings = ExerciseSettings.parse({ ...defaultSettings(scenario, 1), ...body.settings, requireCommsCheck: true });
        const record = await runtime.create({ scenario, speed: settings.speed, settings });
        await identity.audit(user.username, 'exercise.created', record.id, { scenarioId: scenario.id, scenarioVersion: scenario.version, source: body.source.kind });
        return summary(record);
      },
      { bodyLimit: CREATE_LIMIT },
    );

    serve(app, API_ROUTES.exercise, async (_input, request) => {
      const { host } = await guard(request, 'exercise.view');
      return { id: host.id, title: host.record.title, scenarioId: host.record.scenario.id, status: host.status };
    });

    serve(app, API_ROUTES.exerciseLog, async (input, request) => {
      // A malformed query is refused before anything is looked up.
      const { afterSeq } = input.query();
      const { host, viewer } = await guard(request, 'exercise.log');
      return { entries: await host.entriesFor(viewer, afterSeq) };
    });

    serve(app, API_ROUTES.members, async (_input, request) => {
      const { params: { id } } = await guard(request, 'exercise.manage');
      return (await store.listMemberships(id)).map((m) => ({ exerciseId: m.exerciseId, userId: m.userId, role: m.role, ...(m.teamId ? { teamId: m.teamId } : {}) }));
    });

    serve(app, API_ROUTES.setMember, async (input, request) => {
      const { params: { id, userId }, host, user } = await guard(request, 'exercise.manage', API_ROUTES.setMember.params);
      const body = input.body();
      if (body.role === 'participant' && !host.record.scenario.teams.some((t) => t.id === body.teamId)) {
        throw new StartexError('UNKNOWN_TEAM', 'A participant needs one of the exercise\'s teams.', 'teamId');
      }
      await identity.setMembership(user.username, { exerciseId: id, userId, role: body.role, teamId: body.role === 'participant' ? body.teamId : undefined });
      return { ok: true as const };
    });

    serve(app, API_ROUTES.removeMember, async (_input, request) => {
      const { params: { id, userId }, user } = await guard(request, 'exercise.manage', API_ROUTES.removeMember.params);
      await identity.removeMembership(user.username, id, userId);
      return { ok: true as const };
    });

    serve(app, API_ROUTES.joinCodes, async (_input, request) => {
      const { params: { id } } = await guard(request, 'exercise.manage');
      return (await store.listGrants(id)).map(codeView);
    });

    serve(app, API_ROUTES.createJoinCode, async (input, request) => {
      const { params: { id }, host, user } = await guard(request, 'exercise.manage');
      const body = input.body();
      if (body.role === 'participant' && !host.record.scenario.teams.some((t) => t.id === body.teamId)) {
        throw new StartexError('UNKNOWN_TEAM', 'A tablet join code needs one of the exercise\'s teams.', 'teamId');
      }
      const grant = await identity.createJoinCode(user.username, { exerciseId: id, ...body });
      return codeView(grant);
    });

    serve(app, API_ROUTES.revokeJoinCode, async (_input, request) => {
      const { params: { id, code }, user } = await guard(request, 'exercise.manage', API_ROUTES.revokeJoinCode.params);
      await identity.revokeJoinCode(user.username, id, code);
      return { ok: true as const };
    });
  };
}
