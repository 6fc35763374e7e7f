import { randomUUID } from 'node:crypto';
import { StartexError, type FocalPointAdded, type FocalPointBody, type FocalPointView } from '@startex/shared';
import { generatedPassword, hashPassword } from '../auth/secrets.ts';
import type { Store, UserRecord } from '../store/ExerciseStore.ts';
import type { FocalPointRecord } from '../store/ProgrammeStore.ts';

export async function focalPointViews(store: Store, records: readonly FocalPointRecord[]): Promise<FocalPointView[]> {
  const views: FocalPointView[] = [];
  for (const record of records) {
    const user = await store.getUser(record.userId);
    if (user) views.push({ agencyId: record.agencyId, userId: user.id, username: user.username, displayName: user.displayName, since: record.createdAt });
  }
  return views;
}

/**
 * Names an agency's focal point: the account whose username is their e-mail, made with a
 * generated password when none exists (shown once, for the centre to pass on; only its hash is kept),
 * which the focal point replaces with their own at first sign-in.
 */
export async function addFocalPoint(store: Store, agencyId: string, body: FocalPointBody, actor: string, now: number): Promise<FocalPointAdded> {
  if (!(await store.planning.getAgency(agencyId))) throw new StartexError('AGENCY_NOT_FOUND');
  const existing = await store.findUserByUsername('username' in body ? body.username : body.email);
  if (!existing && 'username' in body) throw new StartexError('USER_NOT_FOUND', `Nobody has the username ${body.username}.`, 'body.username');
  let newUser: UserRecord | undefined;
  let password: string | undefined;
  if (!existing && 'email' in body) {
    password = generatedPassword();
    newUser = { id: randomUUID(), username: body.email, displayName: body.name, passwordHash: await hashPassword(password), roles: [], createdAt: now, passwordChangeRequired: true };
  }
  const user = existing ?? newUser!;
  const record: FocalPointRecord = { agencyId, userId: user.id, createdAt: now };
  await store.programme.addFocalPoint(record, newUser, [
    ...(newUser ? [{ at: now, actor, action: 'user.created', target: newUser.username, details: { roles: [], by: 'focal point' } }] : []),
    { at: now, actor, action: 'programme.focal-point.added', target: agencyId, details: { userId: user.id } },
  ]);
  const [focalPoint] = await focalPointViews(store, [record]);
  return { focalPoint: focalPoint!, ...(password && newUser ? { account: { username: newUser.username, password } } : {}) };
}
