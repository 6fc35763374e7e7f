import type { FastifyInstance } from 'fastify';
import { API_ROUTES } from '@startex/shared';
import { requireGlobal } from '../auth/httpAuth.ts';
import { toUserView, type IdentityService } from '../auth/IdentityService.ts';
import type { Store } from '../store/ExerciseStore.ts';
import { serve } from './typedRoute.ts';

/** Accounts and the audit trail: administrators only. */
export function adminRoutes(store: Store, identity: IdentityService) {
  return async (app: FastifyInstance) => {
    serve(app, API_ROUTES.users, async (_input, request) => {
      requireGlobal(request, 'users.manage');
      return (await store.listUsers()).map(toUserView);
    });

    serve(app, API_ROUTES.createUser, async (input, request) => {
      const admin = requireGlobal(request, 'users.manage');
      return toUserView(await identity.createUser(admin.username, input.body()));
    });

    serve(app, API_ROUTES.updateUser, async (input, request) => {
      const admin = requireGlobal(request, 'users.manage');
      const { id } = input.params();
      return toUserView(await identity.updateUser(admin.username, id, input.body()));
    });

    serve(app, API_ROUTES.audit, async (input, request) => {
      requireGlobal(request, 'audit.read');
      return { entries: await store.listAudit(input.query().limit) };
    });
  };
}
