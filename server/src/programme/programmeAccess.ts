import type { FastifyRequest } from 'fastify';
import { StartexError, SURVEY_TOKEN_HEADER } from '@startex/shared';
import { requireUser } from '../auth/httpAuth.ts';
import { allowsAgency, allowsGlobal, type AgencyVerb, type GlobalVerb } from '@startex/scenarios/engine';
import { sha256 } from '../auth/secrets.ts';
import type { Store, UserRecord } from '../store/ExerciseStore.ts';
import type { SurveyRecord } from '../store/ProgrammeStore.ts';

/**
 * Who is asking, as the programme sees it: the centre (a global role the verb allows) sees every
 * agency; a focal point sees the agencies it is the focal point of, and no other.
 */
export type AgencyScope = { kind: 'centre'; user: UserRecord } | { kind: 'agencies'; user: UserRecord; agencyIds: ReadonlySet<string> };

/** The agencies a signed-in person is the focal point of. */
export async function focalAgencies(store: Store, userId: string): Promise<Set<string>> {
  return new Set((await store.programme.listFocalPoints()).filter((f) => f.userId === userId).map((f) => f.agencyId));
}

/**
 * The caller's scope for reading across agencies: the centre when `global` allows their roles,
 * else the agencies where their focal-point role allows `verb`; FORBIDDEN when neither.
 */
export async function agencyScope(store: Store, request: FastifyRequest, global: GlobalVerb, verb: AgencyVerb): Promise<AgencyScope> {
  const { user } = requireUser(request);
  if (allowsGlobal(user.roles, global)) return { kind: 'centre', user };
  const agencyIds = allowsAgency('focal-point', verb) ? await focalAgencies(store, user.id) : new Set<string>();
  if (agencyIds.size === 0) throw new StartexError('FORBIDDEN');
  return { kind: 'agencies', user, agencyIds };
}

/** The caller may act on one agency: the centre, or that agency's focal point. */
export async function requireAgency(store: Store, request: FastifyRequest, agencyId: string, global: GlobalVerb, verb: AgencyVerb): Promise<AgencyScope> {
  const scope = await agencyScope(store, request, global, verb);
  if (scope.kind === 'agencies' && !scope.agencyIds.has(agencyId)) throw new StartexError('FORBIDDEN');
  return scope;
}

export const inScope = (scope: AgencyScope, agencyId: string) => scope.kind === 'centre' || scope.agencyIds.has(agencyId);

/** The survey a request's one-time token opens, if it carries one; SURVEY_TOKEN_INVALID when it opens none. */
export async function tokenSurvey(store: Store, request: FastifyRequest): Promise<SurveyRecord | undefined> {
  const header = request.headers[SURVEY_TOKEN_HEADER];
  if (typeof header !== 'string' || header.length === 0) return undefined;
  const survey = header.length <= 200 ? await store.programme.findSurveyByToken(sha256(header)) : undefined;
  if (!survey || !allowsAgency('survey-token', 'agency.survey')) throw new StartexError('SURVEY_TOKEN_INVALID');
  return survey;
}

/** Who answers a survey: a signed-in person (named in the audit by username), or the holder of its one-time token. */
export type Respondent = { kind: 'user'; user: UserRecord; centre: boolean } | { kind: 'token' };

export const respondentName = (respondent: Respondent) => (respondent.kind === 'user' ? respondent.user.username : 'survey link');

/**
 * Access to one survey: its one-time token (in the x-survey-token header, for that survey only and
 * while it is open), the focal point of its agency, or the centre. A token that fits no open survey
 * is SURVEY_TOKEN_INVALID, whichever survey it was meant for.
 */
export async function surveyAccess(store: Store, request: FastifyRequest, surveyId: string, global: GlobalVerb): Promise<{ survey: SurveyRecord; respondent: Respondent }> {
  const byToken = await tokenSurvey(store, request);
  if (byToken) {
    if (byToken.id !== surveyId) throw new StartexError('SURVEY_TOKEN_INVALID');
    return { survey: byToken, respondent: { kind: 'token' } };
  }
  const { user } = requireUser(request);
  const survey = await store.programme.getSurvey(surveyId);
  const centre = allowsGlobal(user.roles, global);
  if (!survey) {
    // Like exercises: anyone who may answer surveys learns that an id names none; others are refused.
    if (centre || (await focalAgencies(store, user.id)).size > 0) throw new StartexError('SURVEY_NOT_FOUND');
    throw new StartexError('FORBIDDEN');
  }
  if (!centre && !(allowsAgency('focal-point', 'agency.survey') && (await focalAgencies(store, user.id)).has(survey.agencyId))) throw new StartexError('FORBIDDEN');
  return { survey, respondent: { kind: 'user', user, centre } };
}
