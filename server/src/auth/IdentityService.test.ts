import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/SqliteStore.ts';
import type { UserRecord } from '../store/ExerciseStore.ts';
import { IdentityService, PasswordProvider, type IdentityProvider } from './IdentityService.ts';
import { sha256 } from './secrets.ts';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'startex-identity-'));
  store = new SqliteStore(join(dir, 'startex.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Another way to prove who you are, as an OpenID Connect provider would be: it vouches for an
 * existing account by a one-time ticket, and knows nothing of passwords.
 */
class TicketProvider implements IdentityProvider {
  readonly name = 'ticket';
  constructor(
    private readonly store: SqliteStore,
    private readonly tickets: Map<string, string>,
  ) {}

  async authenticate(username: string, ticket: string): Promise<UserRecord | undefined> {
    if (this.tickets.get(ticket) !== username) return undefined;
    this.tickets.delete(ticket);
    return this.store.findUserByUsername(username);
  }
}

describe('IdentityService behind an IdentityProvider', () => {
  it('checks passwords when given no provider', async () => {
    const identity = new IdentityService(store);
    expect(identity.provider).toBeInstanceOf(PasswordProvider);
    await identity.createUser('test', { username: 'casey', displayName: 'Casey', password: 'casey password 123', roles: [] });
    expect(await identity.login('casey', 'not her password')).toBeUndefined();
    expect((await identity.login('casey', 'casey password 123'))?.user.username).toBe('casey');
  });

  it('signs in through another provider with the same sessions and audit, passwords no longer accepted', async () => {
    const tickets = new Map([['ticket-1', 'casey']]);
    const identity = new IdentityService(store, { provider: new TicketProvider(store, tickets) });
    await identity.createUser('test', { username: 'casey', displayName: 'Casey', password: 'casey password 123', roles: ['planner'] });

    expect(await identity.login('casey', 'casey password 123')).toBeUndefined();
    const signedIn = await identity.login('casey', 'ticket-1');
    expect(signedIn?.user).toMatchObject({ username: 'casey', roles: ['planner'] });
    expect(await identity.sessionFor(signedIn!.token)).toMatchObject({ user: { username: 'casey' }, session: { tokenHash: sha256(signedIn!.token) } });
    // The ticket is spent.
    expect(await identity.login('casey', 'ticket-1')).toBeUndefined();
    expect((await store.listAudit(10)).map((e) => [e.actor, e.action]).reverse()).toEqual([
      ['test', 'user.created'],
      ['casey', 'login.failed'],
      ['casey', 'login'],
      ['casey', 'login.failed'],
    ]);
  });
});
