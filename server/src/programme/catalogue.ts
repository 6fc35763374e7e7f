import { randomUUID } from 'node:crypto';
import { StartexError, type CapabilityBody, type CapabilityView } from '@startex/shared';
import type { Store } from '../store/ExerciseStore.ts';

/** The capability catalogue: seeded by the migration, renamed and extended by the centre. */
export async function saveCapability(store: Store, body: CapabilityBody, now: number, id?: string): Promise<CapabilityView> {
  const all = await store.programme.listCapabilities();
  const existing = id === undefined ? undefined : all.find((c) => c.id === id);
  if (id !== undefined && !existing) throw new StartexError('CAPABILITY_NOT_FOUND');
  if (all.some((c) => c.id !== id && c.name.toLowerCase() === body.name.toLowerCase())) throw new StartexError('CAPABILITY_NAME_TAKEN', undefined, 'body.name');
  const capability: CapabilityView = { id: existing?.id ?? randomUUID(), ...body, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await store.programme.saveCapability(capability);
  return capability;
}

export async function deleteCapability(store: Store, id: string): Promise<void> {
  if (!(await store.programme.listCapabilities()).some((c) => c.id === id)) throw new StartexError('CAPABILITY_NOT_FOUND');
  if (await store.programme.capabilityInUse(id)) throw new StartexError('CAPABILITY_IN_USE');
  await store.programme.deleteCapability(id);
}

/** Throws UNKNOWN_CAPABILITY (at `path`.i) for the first id the catalogue does not hold. */
export async function requireCapabilities(store: Store, ids: readonly string[], path: string): Promise<void> {
  const known = new Set((await store.programme.listCapabilities()).map((c) => c.id));
  const at = ids.findIndex((capabilityId) => !known.has(capabilityId));
  if (at >= 0) throw new StartexError('UNKNOWN_CAPABILITY', `The catalogue has no capability "${ids[at]!.slice(0, 64)}".`, `${path}.${at}`);
}
