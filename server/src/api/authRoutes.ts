import type { FastifyInstance } from 'fastify';
import { ChangePasswordBody, LoginBody, StartexError, type SessionView } from '@startex/shared';
import { SESSION_COOKIE } from '../auth/access.ts';
import { requireUser } from '../auth/httpAuth.ts';
import type { IdentityService } from '../auth/IdentityService.ts';
import type { RateLimits } from '../auth/rateLimits.ts';
import { parse } from './parse.ts';

export function authRoutes(identity: IdentityService, limits: RateLimits) {
  return async (app: FastifyInstance) => {
    app.post('/api/auth/login', async (request, reply): Promise<SessionView> => {
      const { username, password } = parse(LoginBody, request.body, 'body');
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

    app.post('/api/auth/logout', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await identity.logout(token);
      app.sessionCookie.clear(reply);
      return { ok: true };
    });

    // Setting one's own password: the only write a session with a generated password may make.
    app.post('/api/auth/password', async (request, reply): Promise<SessionView> => {
      const { user } = requireUser(request);
      const { currentPassword, newPassword } = parse(ChangePasswordBody, request.body, 'body');
      await limits.beforeLogin(request.ip, user.username);
      const result = await identity.changeOwnPassword(user.id, currentPassword, newPassword).catch(async (error: unknown) => {
        if (error instanceof StartexError && error.code === 'CURRENT_PASSWORD_WRONG') await limits.loginFailed(request.ip, user.username);
        throw error;
      });
      await limits.loginSucceeded(request.ip, user.username);
      app.sessionCookie.set(reply, result.token);
      return identity.sessionView(result.user, result.session);
    });

    app.get('/api/auth/me', async (request): Promise<SessionView> => {
      const { user, session } = requireUser(request);
      return identity.sessionView(user, session);
    });
  };
}
