import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CSRF_HEADER, StartexError, type Viewer } from '@startex/shared';
import type { SessionRecord, UserRecord } from '../store/ExerciseStore.ts';
import { SESSION_COOKIE, sameOrigin, standingIn } from './access.ts';
import type { IdentityService } from './IdentityService.ts';
import { allowsGlobal, standingAllows, type ExerciseVerb, type GlobalVerb } from '@startex/scenarios/engine';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, when the request carries a live session cookie. */
    auth: { user: UserRecord; session: SessionRecord } | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface HttpAuthOptions {
  identity: IdentityService;
  /** Send cookies only over HTTPS (set when StartEx is served behind TLS). */
  secureCookies: boolean;
  sessionHours: number;
}

/**
 * Reads the session cookie on every request and, for writes, demands the session's CSRF token
 * in a header and a same-site Origin: a cookie alone never authorises a change.
 */
export const httpAuth = fp(async (app: FastifyInstance, options: HttpAuthOptions) => {
  await app.register(fastifyCookie);
  app.decorateRequest('auth', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await options.identity.sessionFor(token) : undefined;
    // A generated password is replaced before anything else: only the sign-in routes answer until then.
    if (request.auth?.user.passwordChangeRequired && request.url.startsWith('/api/') && !request.url.startsWith('/api/auth/')) {
      throw new StartexError('PASSWORD_CHANGE_REQUIRED');
    }
    if (request.auth && !SAFE_METHODS.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== request.auth.session.csrfToken || !sameOrigin(request.headers.origin, request.headers.host)) {
        throw new StartexError('CSRF_FAILED');
      }
    }
  });
  app.decorate('sessionCookie', {
    set(reply: FastifyReply, token: string) {
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        maxAge: options.sessionHours * 3600,
      });
    },
    clear(reply: FastifyReply) {
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    sessionCookie: { set(reply: FastifyReply, token: string): void; clear(reply: FastifyReply): void };
  }
}

export function requireUser(request: FastifyRequest): { user: UserRecord; session: SessionRecord } {
  if (!request.auth) throw new StartexError('UNAUTHENTICATED');
  return request.auth;
}

export function requireGlobal(request: FastifyRequest, verb: GlobalVerb): UserRecord {
  const { user } = requireUser(request);
  if (!allowsGlobal(user.roles, verb)) throw new StartexError('FORBIDDEN');
  return user;
}

/** The caller's viewer in an exercise, if their standing there (access.ts, standingIn) allows `verb`. */
export async function requireExercise(
  identity: IdentityService,
  request: FastifyRequest,
  exerciseId: string,
  verb: ExerciseVerb,
): Promise<{ user: UserRecord; viewer: Viewer }> {
  const { user } = requireUser(request);
  const standing = await standingIn(identity, user, exerciseId);
  if (!standing || !standingAllows(standing, verb)) throw new StartexError('FORBIDDEN');
  return { user, viewer: standing.viewer };
}
