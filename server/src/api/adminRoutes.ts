import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateUserBody, UpdateUserBody, type UserView } from '@startex/shared';
import { requireGlobal } from '../auth/httpAuth.ts';
import { toUserView, type IdentityService } from '../auth/IdentityService.ts';
import type { Store } from '../store/ExerciseStore.ts';
import { parse } from './parse.ts';

const UserParams = z.object({ id: z.string().min(1).max(64) });
const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

/** Accounts and the audit trail: administrators only. */
export function adminRoutes(store: Store, identity: IdentityService) {
  return async (app: FastifyInstance) => {
    app.get('/api/admin/users', async (request): Promise<UserView[]> => {
      requireGlobal(request, 'users.manage');
      return (await store.listUsers()).map(toUserView);
    });

    app.post('/api/admin/users', async (request, reply) => {
      const admin = requireGlobal(request, 'users.manage');
      const body = parse(CreateUserBody, request.body, 'body');
      const user = await identity.createUser(admin.username, body);
      return reply.status(201).send(toUserView(user));
    });

    app.patch('/api/admin/users/:id', async (request): Promise<UserView> => {
      const admin = requireGlobal(request, 'users.manage');
      const { id } = parse(UserParams, request.params, 'params');
      const body = parse(UpdateUserBody, request.body, 'body');
      return toUserView(await identity.updateUser(admin.username, id, body));
    });

    app.get('/api/admin/audit', async (request) => {
      requireGlobal(request, 'audit.read');
      const { limit } = parse(AuditQuery, request.query, 'query');
      return { entries: await store.listAudit(limit) };
    });
  };
}
