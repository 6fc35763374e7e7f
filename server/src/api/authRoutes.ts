import type { FastifyInstance } from 'fastify';
import { API_ROUTES, StartexError } from '@startex/shared';
import { SESSION_COOKIE } from '../auth/access.ts';
import { requireUser } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import type { RateLimits } from '../auth/rateLimits.ts';
import { serve } from './typedRoute.ts';

export function authRoutes(identity: IdentityService, limits: RateLimits) {
  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.login, async (input, request, reply) => {
      const { username, password } = input.body();
      await limits.beforeLogin(request.ip, username);
      const result = await identity.login(username, password);
      if (!result) {
        await limits.loginFailed(request.ip, username);
        throw new StartexError('LOGIN_FAILED');
      }
      await limits.loginSucceeded(request.ip, username);
      app.sessionCookie.set(reply, result.token);
      return identity.sessionView(result.user, result.session);
    });

    serve(app, API_ROUTES.logout, async (_input, request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await identity.logout(token);
      app.sessionCookie.clear(reply);
      return { ok: true as const };
    });

    // Setting one's own password: the only write a session with a generated password may make.
    serve(app, API_ROUTES.changePassword, async (input, request, reply) => {
      const { user } = requireUser(request);
      const { currentPassword, newPassword } = input.body();
      await limits.beforeLogin(request.ip, user.username);
      const result = await identity.changeOwnPassword(user.id, currentPassword, newPassword).catch(async (error: unknown) => {
        if (error instanceof StartexError && error.code === 'CURRENT_PASSWORD_WRONG') await limits.loginFailed(request.ip, user.username);
        throw error;
      });
      await limits.loginSucceeded(request.ip, user.username);
      app.sessionCookie.set(reply, result.token);
      return identity.sessionView(result.user, result.session);
    });

    serve(app, API_ROUTES.me, async (_input, request) => {
      const { user, session } = requireUser(request);
      return identity.sessionView(user, session);
    });
  };
}
