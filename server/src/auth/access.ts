import fastifyCookie from '@fastify/cookie';
import { StartexError, type Viewer } from '@startex/shared';
import type { AccessGrant, SessionRecord, UserRecord } from '../store/ExerciseStore.ts';
import type { IdentityService } from './IdentityService.ts';
import { allowsGlobal, standingAllows, type Standing } from '@startex/scenarios/engine';
import type { RateLimits } from './rateLimits.ts';
import { sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'startex_session';

/** Who is behind a connection: a signed-in person, or a device that joined with a code. */
export type Principal = { kind: 'user'; user: UserRecord; session: SessionRecord } | { kind: 'code'; grant: AccessGrant };

export interface ExerciseAccess {
  exerciseId: string;
  viewer: Viewer;
  principal: Principal;
}

/** What a realtime connection (socket.io handshake or feed upgrade) presents. */
export interface ConnectionCredentials {
  ip: string;
  joinCode?: string | undefined;
  exerciseId?: string | undefined;
  headers: { cookie?: string | undefined; origin?: string | undefined; host?: string | undefined };
}

/**
 * A cookie rides along with any request the browser makes, even one started by another site.
 * For cookie-authenticated connections the Origin must therefore be this server itself.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true; // not a browser: it cannot be riding someone's cookie
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function userFromCookie(identity: IdentityService, cookieHeader: string | undefined) {
  const token = cookieHeader ? fastifyCookie.parse(cookieHeader)[SESSION_COOKIE] : undefined;
  return token ? identity.sessionFor(token) : undefined;
}

/** Authenticates a realtime connection to one exercise, or throws the catalogue error to refuse it with. */
export async function connectionAccess(identity: IdentityService, limits: RateLimits, credentials: ConnectionCredentials): Promise<ExerciseAccess> {
  const { joinCode } = credentials;
  if (joinCode !== undefined) {
    const grant = await limits.join(credentials.ip, joinCode, () => identity.checkJoinCode(joinCode));
    let viewer: Viewer = { role: 'observer' };
    if (grant.role === 'participant') {
      if (!grant.teamId) throw new StartexError('FORBIDDEN', 'This join code names no team.');
      viewer = { role: 'participant', teamId: grant.teamId };
    }
    return { exerciseId: grant.exerciseId, viewer, principal: { kind: 'code', grant } };
  }
  const found = await userFromCookie(identity, credentials.headers.cookie);
  if (!found) throw new StartexError('UNAUTHENTICATED');
  if (found.user.passwordChangeRequired) throw new StartexError('PASSWORD_CHANGE_REQUIRED');
  if (!sameOrigin(credentials.headers.origin, credentials.headers.host)) {
    throw new StartexError('FORBIDDEN', 'This connection comes from another site.');
  }
  if (credentials.exerciseId === undefined) throw new StartexError('VALIDATION_FAILED', 'Name the exercise to connect to.');
  const standing = await standingIn(identity, found.user, credentials.exerciseId);
  if (!standing || !standingAllows(standing, 'exercise.view')) throw new StartexError('FORBIDDEN', 'You have no role in this exercise.');
  return { exerciseId: credentials.exerciseId, viewer: standing.viewer, principal: { kind: 'user', ...found } };
}

/**
 * How a signed-in person stands in an exercise (policy.ts, standingAllows): by their role there;
 * an administrator or planner without one sees it as an observer. Undefined for someone with
 * neither. As on REST, anyone signed in learns that an id names no exercise (EXERCISE_NOT_FOUND).
 */
export async function standingIn(identity: IdentityService, user: UserRecord, exerciseId: string): Promise<Standing | undefined> {
  const viewer = await identity.viewerFor(user.id, exerciseId);
  if (!viewer && !(await identity.exerciseExists(exerciseId))) throw new StartexError('EXERCISE_NOT_FOUND');
  if (viewer) return { viewer, member: true, globalRoles: user.roles };
  return allowsGlobal(user.roles, 'exercises.plan') ? { viewer: { role: 'observer' }, member: false, globalRoles: user.roles } : undefined;
}

const principalKeys = new WeakMap<Principal, string>();

/** A stable, non-secret key for a principal: rate limits and room names. Hashed once per connection, not per action. */
export function principalKey(principal: Principal): string {
  let key = principalKeys.get(principal);
  if (key === undefined) {
    key = principal.kind === 'user' ? `user:${principal.user.id}` : `code:${sha256(principal.grant.token)}`;
    principalKeys.set(principal, key);
  }
  return key;
}
