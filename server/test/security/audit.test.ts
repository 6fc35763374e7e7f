import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';

/**
 * The audit log as an administrator reads it (GET /api/admin/audit): every administrative action
 * with who did it and to what, and none of the secrets those actions carry.
 */
let h: Harness;
beforeAll(async () => {
  h = await startServer({ speed: 1 });
});
afterAll(async () => h.close());

interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

async function audit(): Promise<AuditEntry[]> {
  const response = await h.request('GET', '/api/admin/audit?limit=1000', h.admin);
  expect(response.statusCode).toBe(200);
  return (response.json() as { entries: AuditEntry[] }).entries;
}

const tokenOf = (credential: StaffCredential) => credential.cookie.slice('startex_session='.length);

describe('the audit log', () => {
  it('records each administrative action with its actor and target, and no password, session token or join code', async () => {
    const director = (await h.request('GET', '/api/auth/me', h.controllerToken)).json().user.username as string;
    const before = await audit();
    const ok = async (status: number, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: StaffCredential, body?: unknown) => {
      const response = await h.request(method, url, who, body);
      expect(response.statusCode, `${method} ${url}: ${JSON.stringify(response.json())}`).toBe(status);
      return response.json();
    };

    const firstPassword = 'audit first password 1';
    const secondPassword = 'audit second password 2';
    const wrongPassword = 'audit second password 3';
    const created = await ok(201, 'POST', '/api/admin/users', h.admin, { username: 'audit-casey', displayName: 'Casey', password: firstPassword, roles: ['planner'] });
    await ok(200, 'PATCH', `/api/admin/users/${created.id}`, h.admin, { displayName: 'Casey Audit', password: secondPassword });
    expect((await h.request('POST', '/api/auth/login', undefined, { username: 'audit-casey', password: wrongPassword })).statusCode).toBe(401);
    const casey = await h.login('audit-casey', secondPassword);
    await ok(200, 'PUT', `/api/exercises/demo/members/${created.id}`, h.controllerToken, { role: 'observer' });
    const code = (await ok(201, 'POST', '/api/exercises/demo/join-codes', h.controllerToken, { role: 'participant', teamId: 'customs' })).code as string;
    await ok(200, 'DELETE', `/api/exercises/demo/join-codes/${code}`, h.controllerToken);
    await ok(201, 'POST', '/api/scenarios', casey, { ...LIBRARY.demo!, id: 'audit-upload', title: 'Audit upload' });
    const agency = (await ok(201, 'POST', '/api/agencies', casey, { name: 'Audit customs', type: 'customs', functions: ['detection'], contacts: [] })).id as string;
    const exercise = (await ok(201, 'POST', '/api/exercises', casey, { source: { kind: 'uploaded', scenarioId: 'audit-upload' } })).id as string;

    const after = await audit();
    const added = after.slice(0, after.length - before.length).reverse();
    expect(after.slice(after.length - before.length)).toEqual(before);
    const at = expect.any(Number);
    expect(added).toEqual([
      { at, actor: 'admin', action: 'user.created', target: 'audit-casey', details: { roles: ['planner'] } },
      { at, actor: 'admin', action: 'user.updated', target: 'audit-casey', details: { fields: ['displayName', 'password'] } },
      { at, actor: 'audit-casey', action: 'login.failed' },
      { at, actor: 'audit-casey', action: 'login' },
      { at, actor: director, action: 'membership.set', target: 'demo', details: { userId: created.id, role: 'observer' } },
      { at, actor: director, action: 'join-code.created', target: 'demo', details: { role: 'participant', teamId: 'customs', codeHash: expect.any(String) } },
      { at, actor: director, action: 'join-code.revoked', target: 'demo', details: { role: 'participant', teamId: 'customs', codeHash: expect.any(String) } },
      { at, actor: 'audit-casey', action: 'scenario.uploaded', target: 'audit-upload', details: { version: 1 } },
      { at, actor: 'audit-casey', action: 'agency.created', target: agency, details: { name: 'Audit customs' } },
      // Creating an exercise gives its planner no role in it (SECURITY.md).
      { at, actor: 'audit-casey', action: 'exercise.created', target: exercise, details: { scenarioId: 'audit-upload', scenarioVersion: 1, source: 'uploaded' } },
    ]);
    // The code is named by a short hash, the same one when it is created and revoked.
    expect(added[5]!.details!.codeHash).toBe(added[6]!.details!.codeHash);

    const secrets = {
      firstPassword,
      secondPassword,
      wrongPassword,
      adminPassword: h.adminPassword,
      adminSession: tokenOf(h.admin),
      directorSession: tokenOf(h.controllerToken),
      caseySession: tokenOf(casey),
      caseyCsrf: casey.csrfToken,
      code,
    };
    const text = JSON.stringify(after);
    for (const [name, secret] of Object.entries(secrets)) expect(text.includes(secret), `${name} in the audit log`).toBe(false);
  });

  it('is for administrators only, and reading it changes nothing', async () => {
    const before = await audit();
    expect((await h.request('GET', '/api/admin/audit', h.controllerToken)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await h.request('GET', '/api/admin/audit')).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(await audit()).toEqual(before);
  });
});
