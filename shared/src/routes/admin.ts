import { z } from 'zod';
import { AuditEntry, CreateUserBody, UpdateUserBody, UserView } from '../auth.ts';
import { route, type RouteSpec } from './spec.ts';

const UserParams = z.object({ id: z.string().min(1).max(64) });
const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

/** Accounts and the audit trail: administrators only. */
export const ADMIN_ROUTES = {
  users: route({ method: 'GET', path: '/api/admin/users', tag: 'administration', access: 'global-role', summary: 'Every account: username, name, global roles and whether it is disabled.', response: z.array(UserView) }),
  createUser: route({ method: 'POST', path: '/api/admin/users', tag: 'administration', access: 'global-role', summary: 'A new account with its password and global roles.', body: CreateUserBody, status: 201, response: UserView }),
  updateUser: route({ method: 'PATCH', path: '/api/admin/users/:id', tag: 'administration', access: 'global-role', summary: 'Changes an account: its name, password, global roles, or disables it; a new password or disabling ends its sessions.', params: UserParams, body: UpdateUserBody, response: UserView }),
  audit: route({ method: 'GET', path: '/api/admin/audit', tag: 'administration', access: 'global-role', summary: 'The latest lines of the audit trail, newest first.', query: AuditQuery, response: z.object({ entries: z.array(AuditEntry) }) }),
} satisfies Record<string, RouteSpec>;
