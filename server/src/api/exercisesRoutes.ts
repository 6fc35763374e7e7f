import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreateExerciseBody,
  CreateJoinCodeBody,
  ExerciseSettings,
  LogQuery,
  MembershipBody,
  StartexError,
  type ExerciseSummary,
  type JoinCodeView,
  type LogResponse,
  type MembershipView,
  type PlannedExerciseSummary,
} from '@startex/shared';
import type { ScenarioAnalysis } from '../analysis/ScenarioAnalysis.ts';
import { requireGlobal, requireUser } from '../auth/httpAuth.ts';
import { resolveScenario } from '../planning/planResolve.ts';
import { defaultSettings, exerciseSettings } from '../planning/settings.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { allowsGlobal } from '../auth/policy.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { AccessGrant, ExerciseRecord, Store } from '../store/ExerciseStore.ts';
import { ExerciseParams, exerciseGuard } from './exerciseGuard.ts';
import { parse } from './parse.ts';

const MemberParams = ExerciseParams.extend({ userId: z.string().min(1).max(64) });
const CodeParams = ExerciseParams.extend({ code: z.string().min(1).max(64) });

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
    app.get('/api/exercises', async (request): Promise<PlannedExerciseSummary[]> => {
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
    app.post('/api/exercises', { bodyLimit: CREATE_LIMIT }, async (request, reply) => {
      const user = requireGlobal(request, 'exercises.create');
      const body = parse(CreateExerciseBody, request.body, 'body');
      const scenario = await resolveScenario(store, analysis, body.source);
      const settings = ExerciseSettings.parse({ ...defaultSettings(scenario, 1), ...body.settings, requireCommsCheck: true });
      const record = await runtime.create({ scenario, speed: settings.speed, settings });
      await identity.audit(user.username, 'exercise.created', record.id, { scenarioId: scenario.id, scenarioVersion: scenario.version, source: body.source.kind });
      return reply.status(201).send(await summary(record));
    });

    app.get('/api/exercises/:id', async (request): Promise<ExerciseSummary> => {
      const { host } = await guard(request, 'exercise.view');
      return { id: host.id, title: host.record.title, scenarioId: host.record.scenario.id, status: host.status };
    });

    app.get('/api/exercises/:id/log', async (request) => {
      // A malformed query is refused before anything is looked up.
      const { afterSeq } = parse(LogQuery, request.query, 'query');
      const { host, viewer } = await guard(request, 'exercise.log');
      const page: LogResponse = { entries: await host.entriesFor(viewer, afterSeq) };
      return page;
    });

    app.get('/api/exercises/:id/members', async (request): Promise<MembershipView[]> => {
      const { params: { id } } = await guard(request, 'exercise.manage');
      return (await store.listMemberships(id)).map((m) => ({ exerciseId: m.exerciseId, userId: m.userId, role: m.role, ...(m.teamId ? { teamId: m.teamId } : {}) }));
    });

    app.put('/api/exercises/:id/members/:userId', async (request) => {
      const { params: { id, userId }, host, user } = await guard(request, 'exercise.manage', MemberParams);
      const body = parse(MembershipBody, request.body, 'body');
      if (body.role === 'participant' && !host.record.scenario.teams.some((t) => t.id === body.teamId)) {
        throw new StartexError('UNKNOWN_TEAM', 'A participant needs one of the exercise\'s teams.', 'teamId');
      }
      await identity.setMembership(user.username, { exerciseId: id, userId, role: body.role, teamId: body.role === 'participant' ? body.teamId : undefined });
      return { ok: true };
    });

    app.delete('/api/exercises/:id/members/:userId', async (request) => {
      const { params: { id, userId }, user } = await guard(request, 'exercise.manage', MemberParams);
      await identity.removeMembership(user.username, id, userId);
      return { ok: true };
    });

    app.get('/api/exercises/:id/join-codes', async (request): Promise<JoinCodeView[]> => {
      const { params: { id } } = await guard(request, 'exercise.manage');
      return (await store.listGrants(id)).map(codeView);
    });

    app.post('/api/exercises/:id/join-codes', async (request, reply) => {
      const { params: { id }, host, user } = await guard(request, 'exercise.manage');
      const body = parse(CreateJoinCodeBody, request.body, 'body');
      if (body.role === 'participant' && !host.record.scenario.teams.some((t) => t.id === body.teamId)) {
        throw new StartexError('UNKNOWN_TEAM', 'A tablet join code needs one of the exercise\'s teams.', 'teamId');
      }
      const grant = await identity.createJoinCode(user.username, { exerciseId: id, ...body });
      return reply.status(201).send(codeView(grant));
    });

    app.delete('/api/exercises/:id/join-codes/:code', async (request) => {
      const { params: { id, code }, user } = await guard(request, 'exercise.manage', CodeParams);
      await identity.revokeJoinCode(user.username, id, code);
      return { ok: true };
    });
  };
}
