import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_ROUTES,
  COMMS_CHECK_TEXT,
  StartexError,
  withoutBidiControls,
  type Actor,
  type AgencyView,
  type ExercisePlan,
  type ImportCheck,
  type ImportProblem,
  type JoinCodeView,
  type PeopleAdded,
  type Presence,
} from '@startex/shared';
import { requireGlobal } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import { handbook, observerBriefing, playerBriefing, type BriefingInput } from '../planning/briefings.ts';
import { commsCheckStatus } from '../planning/commsCheck.ts';
import { dryRun } from '../planning/dryRun.ts';
import { joinCodeSheet, sheetDisplays, sheetTeams } from '../planning/joinCodeSheet.ts';
import { documentLanguage, type DocumentLanguage } from '../documents/words.ts';
import { readParticipantFile } from '../planning/participantFile.ts';
import { candidateOfRow, checkRoster, personView, saveRoster, updateRosterPerson, type Candidate } from '../planning/roster.ts';
import { doneSteps } from '../planning/planSteps.ts';
import { exerciseSettings } from '../planning/settings.ts';
import type { ExerciseRuntime } from '../runtime/ExerciseRuntime.ts';
import type { ExerciseHost } from '../runtime/ExerciseHost.ts';
import type { Store, UserRecord } from '../store/ExerciseStore.ts';
import { codeView } from './exercisesRoutes.ts';
import { exerciseGuard } from './exerciseGuard.ts';
import { serve } from './typedRoute.ts';

/** A participant list of about 1 MB, base64 in JSON. */
const IMPORT_LIMIT = 2 * 1024 * 1024;

export interface PlanningDeps {
  runtime: ExerciseRuntime;
  store: Store;
  identity: IdentityService;
  /** Devices connected to an exercise now (the realtime gateway's count). */
  presence: (exerciseId: string) => Promise<Presence>;
  /** Where people reach StartEx (STARTEX_PUBLIC_URL); else the address the request came to. */
  publicUrl?: string | undefined;
}

const agencyView = (a: AgencyView): AgencyView => ({ ...a });
const staffActor = (user: UserRecord): Actor => ({ kind: 'controller', id: user.id, name: user.displayName, role: 'director' });

/**
 * Planning an exercise: settings, the agency directory and team mapping, the roster (by hand or a
 * CSV/XLSX list), tablet codes and their printable sheet, briefing packs, the communications check
 * and the dry run. The routes and bodies are listed in shared/src/planning.ts.
 */
export function planningRoutes({ runtime, store, identity, presence, publicUrl }: PlanningDeps) {
  const exercise = exerciseGuard(runtime, identity);

  async function plan(host: ExerciseHost): Promise<ExercisePlan> {
    const { record } = host;
    const mapping = await store.planning.teamAgencies(record.id);
    const view = {
      id: record.id,
      status: host.status,
      settings: exerciseSettings(record),
      scenario: { id: record.scenario.id, version: record.scenario.version, title: record.scenario.title },
      teams: record.scenario.teams.map((t) => ({ id: t.id, name: t.name, agencyType: t.agency, ...(mapping[t.id] ? { agencyId: mapping[t.id] } : {}) })),
      objectives: record.scenario.objectives.map((o) => ({ id: o.id, title: o.title })),
      agencies: (await store.planning.listAgencies()).map(agencyView),
      people: (await store.planning.listPeople(record.id)).map(personView),
    };
    return { ...view, done: doneSteps(view, await store.listGrants(record.id)) };
  }

  /** The address printed on sheets and briefings: a sheet printed from localhost must still work on a tablet. */
  const baseUrl = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;

  const unlocked = (host: ExerciseHost) => {
    if (host.status !== 'draft' && host.status !== 'ready') throw new StartexError('PLAN_LOCKED');
  };

  /** What a briefing draws on, in the viewer's language (`lang`), else the exercise's. */
  async function briefingInput(host: ExerciseHost, request: FastifyRequest, lang: DocumentLanguage | undefined): Promise<BriefingInput> {
    return {
      baseUrl: baseUrl(request),
      language: documentLanguage(lang, exerciseSettings(host.record)),
      record: host.record,
      agencies: await store.planning.listAgencies(),
      mapping: await store.planning.teamAgencies(host.id),
      people: await store.planning.listPeople(host.id),
    };
  }

  /** A PDF the browser shows in a tab (printed from there), never kept in a cache: the body for the handler to return. */
  const inlinePdf = (reply: FastifyReply, name: string, bytes: Buffer) => {
    reply.type('application/pdf').header('content-disposition', `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`).header('cache-control', 'no-store');
    return bytes;
  };

  /** Checks candidates and saves them all, or throws IMPORT_INVALID listing every problem and saves nothing. */
  async function addPeople(host: ExerciseHost, actor: string, candidates: Candidate[], fileProblems: ImportProblem[] = []): Promise<PeopleAdded> {
    const { problems, checked } = await checkRoster(store, host.id, host.record.scenario, candidates);
    const all = [...fileProblems, ...problems];
    if (all.length > 0) throw new StartexError('IMPORT_INVALID', `The list has ${all.length} problem(s); nothing was saved.`, undefined, all);
    const saved = await saveRoster(store, actor, host.id, checked);
    return { people: saved.people.map(personView), accounts: saved.accounts, linked: saved.linked };
  }

  return async (app: FastifyInstance) => {
    // Agency directory
    serve(app, API_ROUTES.agencies, async (_input, request) => {
      requireGlobal(request, 'agencies.read');
      return (await store.planning.listAgencies()).map(agencyView);
    });

    serve(app, API_ROUTES.createAgency, async (input, request) => {
      const user = requireGlobal(request, 'agencies.write');
      const body = input.body();
      if ((await store.planning.listAgencies()).some((a) => a.name.toLowerCase() === body.name.toLowerCase())) throw new StartexError('AGENCY_NAME_TAKEN', undefined, 'name');
      const now = Date.now();
      const agency: AgencyView = { id: randomUUID(), ...body, createdAt: now, updatedAt: now };
      await store.planning.saveAgency(agency);
      await identity.audit(user.username, 'agency.created', agency.id, { name: agency.name });
      return agency;
    });

    serve(app, API_ROUTES.updateAgency, async (input, request) => {
      const user = requireGlobal(request, 'agencies.write');
      const { agencyId } = input.params();
      const body = input.body();
      const existing = await store.planning.getAgency(agencyId);
      if (!existing) throw new StartexError('AGENCY_NOT_FOUND');
      if ((await store.planning.listAgencies()).some((a) => a.id !== agencyId && a.name.toLowerCase() === body.name.toLowerCase())) {
        throw new StartexError('AGENCY_NAME_TAKEN', undefined, 'name');
      }
      const agency: AgencyView = { ...existing, ...body, updatedAt: Date.now() };
      await store.planning.saveAgency(agency);
      await identity.audit(user.username, 'agency.updated', agency.id, { name: agency.name });
      return agency;
    });

    serve(app, API_ROUTES.deleteAgency, async (input, request) => {
      const user = requireGlobal(request, 'agencies.write');
      const { agencyId } = input.params();
      const existing = await store.planning.getAgency(agencyId);
      if (!existing) throw new StartexError('AGENCY_NOT_FOUND');
      if (await store.planning.agencyInUse(agencyId)) throw new StartexError('AGENCY_IN_USE');
      await store.planning.deleteAgency(agencyId);
      await identity.audit(user.username, 'agency.deleted', agencyId, { name: existing.name });
      return { ok: true as const };
    });

    // The plan
    serve(app, API_ROUTES.plan, async (_input, request) => {
      const { host } = await exercise(request, 'exercise.manage');
      return plan(host);
    });

    serve(app, API_ROUTES.setSettings, async (input, request) => {
      const { host, user } = await exercise(request, 'exercise.manage');
      const body = input.body();
      const settings = { ...body, requireCommsCheck: exerciseSettings(host.record).requireCommsCheck };
      await runtime.replan(host.id, settings, (s) => store.planning.updateSettings(host.id, s));
      await identity.audit(user.username, 'exercise.settings', host.id, { speed: settings.speed, scenarioStartMs: settings.scenarioStartMs });
      return plan(host);
    });

    serve(app, API_ROUTES.setTeamAgencies, async (input, request) => {
      const { host, user } = await exercise(request, 'exercise.manage');
      const { mapping } = input.body();
      unlocked(host);
      for (const [teamId, agencyId] of Object.entries(mapping)) {
        if (!host.record.scenario.teams.some((t) => t.id === teamId)) throw new StartexError('UNKNOWN_TEAM', `The exercise has no team "${teamId}".`, `mapping.${teamId}`);
        if (!(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND', undefined, `mapping.${teamId}`);
      }
      await store.planning.setTeamAgencies(host.id, mapping);
      await identity.audit(user.username, 'exercise.team-agencies', host.id, { mapping });
      return plan(host);
    });

    // People
    serve(app, API_ROUTES.people, async (_input, request) => {
      const { host } = await exercise(request, 'exercise.manage');
      return (await store.planning.listPeople(host.id)).map(personView);
    });

    serve(app, API_ROUTES.addPerson, async (input, request) => {
      const { host, user } = await exercise(request, 'exercise.manage');
      const body = input.body();
      const covers = body.covers ? [...body.covers.objectives, ...body.covers.teams].join(' ') : undefined;
      const candidate: Candidate = { row: 1, name: body.name, email: body.email, role: body.role, agency: body.agencyId, team: body.teamId, covers };
      return addPeople(host, user.username, [candidate]);
    });

    serve(
      app,
      API_ROUTES.importPeople,
      async (input, request, reply) => {
        const { host, user } = await exercise(request, 'exercise.manage');
        const body = input.body();
        const file = await readParticipantFile(body);
        const candidates = file.rows.map(candidateOfRow);
        if (body.dryRun) {
          const { problems } = await checkRoster(store, host.id, host.record.scenario, candidates);
          const all = [...file.problems, ...problems];
          const check: ImportCheck = { ok: all.length === 0, rows: candidates.length, problems: all };
          return check;
        }
        // Saved: 201, where a dry run's check is 200 (the table has one status per route).
        reply.status(201);
        return addPeople(host, user.username, candidates, file.problems);
      },
      { bodyLimit: IMPORT_LIMIT },
    );

    serve(app, API_ROUTES.updatePerson, async (input, request) => {
      const { personId } = input.params();
      const { host, user } = await exercise(request, 'exercise.manage', API_ROUTES.updatePerson.params);
      const body = input.body();
      unlocked(host);
      const before = (await store.planning.listPeople(host.id)).find((p) => p.id === personId);
      if (!before) throw new StartexError('PERSON_NOT_FOUND');
      const covers = body.covers ? [...body.covers.objectives, ...body.covers.teams].join(' ') : undefined;
      const candidate: Candidate = { row: 1, name: body.name, email: before.email, role: body.role, agency: body.agencyId, team: body.teamId, covers };
      const { problems, checked } = await checkRoster(store, host.id, host.record.scenario, [candidate], before);
      if (problems.length > 0) throw new StartexError('IMPORT_INVALID', `The person has ${problems.length} problem(s); nothing was saved.`, undefined, problems);
      const { person, accounts, role } = await updateRosterPerson(store, user.username, before, checked[0]!.person);
      // The exercise role goes through identity, which tells open connections that it changed.
      if (role && 'set' in role) await identity.setMembership(user.username, role.set);
      if (role && 'remove' in role) await identity.removeMembership(user.username, host.id, role.remove);
      return { person: personView(person), accounts };
    });

    serve(app, API_ROUTES.removePerson, async (input, request) => {
      const { personId } = input.params();
      const { host, user } = await exercise(request, 'exercise.manage', API_ROUTES.removePerson.params);
      const removed = await store.planning.removePerson(host.id, personId);
      if (!removed) throw new StartexError('PERSON_NOT_FOUND');
      if (removed.userId) await identity.removeMembership(user.username, host.id, removed.userId);
      return { ok: true as const };
    });

    // Tablet join codes per team, and their printable sheet
    serve(app, API_ROUTES.createTeamJoinCodes, async (input, request) => {
      const { host, user } = await exercise(request, 'exercise.manage');
      const body = input.body();
      const teams = body.teams ?? host.record.scenario.teams.map((t) => t.id);
      for (const teamId of teams) {
        if (!host.record.scenario.teams.some((t) => t.id === teamId)) throw new StartexError('UNKNOWN_TEAM', `The exercise has no team "${teamId}".`, 'teams');
      }
      if (body.reissue) {
        for (const grant of await store.listGrants(host.id)) {
          if (grant.role === 'participant' && grant.revokedAt === undefined && grant.teamId !== undefined && teams.includes(grant.teamId)) {
            await identity.revokeJoinCode(user.username, host.id, grant.token);
          }
        }
      }
      const created: JoinCodeView[] = [];
      for (const teamId of teams) {
        created.push(codeView(await identity.createJoinCode(user.username, { exerciseId: host.id, role: 'participant', teamId, expiresInHours: body.expiresInHours })));
      }
      return created;
    });

    serve(app, API_ROUTES.joinCodeSheet, async (input, request, reply) => {
      const { host } = await exercise(request, 'exercise.manage');
      const language = documentLanguage(input.query().lang, exerciseSettings(host.record));
      const grants = await store.listGrants(host.id);
      const teams = withoutBidiControls(sheetTeams(host.record.scenario, grants, await store.planning.teamAgencies(host.id), await store.planning.listAgencies(), language));
      const sheet = await joinCodeSheet(withoutBidiControls(host.record.title), baseUrl(request), teams, withoutBidiControls(sheetDisplays(grants)), exerciseSettings(host.record).timeZone, language);
      return inlinePdf(reply, `join-codes-${host.id}`, sheet);
    });

    // Briefing packs
    serve(app, API_ROUTES.playerBriefing, async (input, request, reply) => {
      const { teamId } = input.params();
      const { host, viewer } = await exercise(request, 'briefing.player');
      if (viewer.role === 'participant' && viewer.teamId !== teamId) throw new StartexError('FORBIDDEN');
      if (!host.record.scenario.teams.some((t) => t.id === teamId)) throw new StartexError('UNKNOWN_TEAM', undefined, 'teamId');
      return inlinePdf(reply, `player-briefing-${teamId}`, await playerBriefing(await briefingInput(host, request, input.query().lang), teamId));
    });

    serve(app, API_ROUTES.handbook, async (input, request, reply) => {
      const { host, viewer, user } = await exercise(request, 'briefing.handbook');
      const briefing = await briefingInput(host, request, input.query().lang);
      // An evaluator's guide covers what the roster assigns them; without an entry there, everything.
      const entry = viewer.role === 'evaluator' ? briefing.people.find((p) => p.userId === user.id) : undefined;
      return inlinePdf(reply, `handbook-${host.id}`, await handbook(briefing, entry?.covers));
    });

    serve(app, API_ROUTES.observerBriefing, async (input, request, reply) => {
      const { host } = await exercise(request, 'briefing.observer');
      return inlinePdf(reply, `observer-briefing-${host.id}`, await observerBriefing(await briefingInput(host, request, input.query().lang)));
    });

    // Communications check
    serve(app, API_ROUTES.commsCheck, async (_input, request) => {
      const { host } = await exercise(request, 'commscheck.view');
      return commsCheckStatus(host, await presence(host.id));
    });

    serve(app, API_ROUTES.sendCommsCheck, async (_input, request) => {
      const { host, user } = await exercise(request, 'exercise.manage');
      await host.sendCommsCheck(staffActor(user), COMMS_CHECK_TEXT);
      return commsCheckStatus(host, await presence(host.id));
    });

    serve(app, API_ROUTES.confirmCommsCheck, async (_input, request) => {
      const { host, user } = await exercise(request, 'exercise.manage');
      await host.confirmCommsCheck(staffActor(user));
      return commsCheckStatus(host, await presence(host.id));
    });

    // Dry run
    serve(app, API_ROUTES.dryRun, async (_input, request) => {
      const { host } = await exercise(request, 'exercise.dryrun');
      return dryRun(host.record);
    });
  };
}
