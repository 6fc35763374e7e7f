import type { GlobalRole } from '@startex/shared';
import type { Harness, StaffCredential } from '../harness.ts';

export type Person = StaffCredential & { userId: string; username: string };

let made = 0;

/** An account with global roles (none: a plain account, e.g. to become a focal point), signed in. */
export async function account(h: Harness, roles: GlobalRole[], name = `person-${++made}`): Promise<Person> {
  const password = `${name} password 123`;
  const created = await h.request('POST', '/api/admin/users', h.admin, { username: name, displayName: name, password, roles });
  if (created.statusCode !== 201) throw new Error(`creating ${name}: ${created.statusCode} ${JSON.stringify(created.json())}`);
  return { ...(await h.login(name, password)), userId: created.json().id, username: name };
}

/** A request that must succeed with `status`; its JSON answer. */
export async function ok(h: Harness, status: number, method: Parameters<Harness['request']>[0], url: string, who: StaffCredential | undefined, body?: unknown): Promise<any> {
  const response = await h.request(method, url, who, body);
  if (response.statusCode !== status) throw new Error(`${method} ${url}: expected ${status}, got ${response.statusCode} ${JSON.stringify(response.json())}`);
  return response.json();
}

/** Calendar years relative to today, so that the tests never date. */
export const thisYear = new Date().getUTCFullYear();
export const nextYear = thisYear + 1;

/** Two agencies of the directory: a customs service and a police department. */
export async function twoAgencies(h: Harness, who: StaffCredential, suffix = ''): Promise<{ customs: string; police: string }> {
  const customs = await ok(h, 201, 'POST', '/api/agencies', who, { name: `Customs Department${suffix}`, type: 'customs', functions: ['detection'], contacts: [] });
  const police = await ok(h, 201, 'POST', '/api/agencies', who, { name: `Police Department${suffix}`, type: 'police', functions: ['detection', 'response'], contacts: [] });
  return { customs: customs.id, police: police.id };
}

/** A need body on a catalogue capability. */
export const need = (agencyId: string, extra: Record<string, unknown> = {}) => ({
  agencyId,
  function: 'detection',
  capabilityId: 'instrument-alarm-assessment',
  targetGroup: 'Lane officers at road crossings',
  headcount: 40,
  requiredLevel: 4,
  currentLevel: 2,
  priority: 'high',
  evidence: [{ kind: 'threat-assessment', note: 'National threat assessment 2026' }],
  intervention: 'course',
  ...extra,
});
