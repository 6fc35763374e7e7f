import { randomUUID } from 'node:crypto';
import {
  StartexError,
  type GlobalRole,
  type SessionView,
  type UserView,
  type Viewer,
} from '@startex/shared';
import type { AccessGrant, Membership, SessionRecord, Store, UserRecord } from '../store/ExerciseStore.ts';
import { generatedPassword, hashPassword, joinCode, normalisedJoinCode, randomToken, sha256, verifyPassword } from './secrets.ts';

/**
 * How a person proves who they are. Passwords now; an OpenID Connect provider later implements
 * the same interface, and sessions, roles and policy stay as they are.
 */
export interface IdentityProvider {
  readonly name: string;
  authenticate(username: string, secret: string): Promise<UserRecord | undefined>;
}

export class PasswordProvider implements IdentityProvider {
  readonly name = 'password';
  constructor(private readonly store: Store) {}

  async authenticate(username: string, password: string): Promise<UserRecord | undefined> {
    const user = await this.store.findUserByUsername(username);
    const ok = await verifyPassword(user?.passwordHash, password);
    return ok && user && user.disabledAt === undefined ? user : undefined;
  }
}

/** Sent to the realtime side so that sockets lose access the moment their credential does. */
export type AccessEvent =
  | { type: 'join-code-revoked'; token: string }
  | { type: 'user-sessions-ended'; userId: string }
  | { type: 'session-ended'; tokenHash: string }
  | { type: 'membership-changed'; exerciseId: string; userId: string };

export interface IdentityOptions {
  sessionHours?: number;
  now?: () => number;
  /** How people prove who they are; passwords in the store unless another provider is given. */
  provider?: IdentityProvider;
}

const DEFAULT_JOIN_CODE_HOURS = 24 * 7;

export const toUserView = (user: UserRecord): UserView => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  roles: user.roles,
  disabled: user.disabledAt !== undefined,
});

/** Accounts, sessions, exercise roles and join codes, with every change in the audit log. */
export class IdentityService {
  private readonly listeners = new Set<(event: AccessEvent) => void>();
  private readonly sessionMs: number;
  private readonly now: () => number;
  readonly provider: IdentityProvider;

  constructor(
    private readonly store: Store,
    options: IdentityOptions = {},
  ) {
    this.sessionMs = (options.sessionHours ?? 12) * 3_600_000;
    this.now = options.now ?? Date.now;
    this.provider = options.provider ?? new PasswordProvider(store);
  }

  onAccessEvent(listener: (event: AccessEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: AccessEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async audit(actor: string, action: string, target?: string, details?: Record<string, unknown>): Promise<void> {
    await this.store.appendAudit({ at: this.now(), actor, action, target, details });
  }

  /** Returns the cookie token (never stored) with the new session, or undefined on bad credentials. */
  async login(username: string, password: string): Promise<{ token: string; session: SessionRecord; user: UserRecord } | undefined> {
    const user = await this.provider.authenticate(username, password);
    if (!user) {
      await this.audit(username, 'login.failed');
      return undefined;
    }
    const token = randomToken();
    const session: SessionRecord = {
      tokenHash: sha256(token),
      userId: user.id,
      csrfToken: randomToken(18),
      createdAt: this.now(),
      expiresAt: this.now() + this.sessionMs,
    };
    await this.store.createSession(session);
    await this.audit(user.username, 'login');
    return { token, session, user };
  }

  async logout(token: string): Promise<void> {
    const session = await this.store.getSession(sha256(token));
    if (!session) return;
    await this.store.deleteSession(session.tokenHash);
    const user = await this.store.getUser(session.userId);
    await this.audit(user?.username ?? session.userId, 'logout');
    this.emit({ type: 'session-ended', tokenHash: session.tokenHash });
  }

  /** The live session behind a cookie token; expired ones are removed. */
  async sessionFor(token: string): Promise<{ user: UserRecord; session: SessionRecord } | undefined> {
    const session = await this.store.getSession(sha256(token));
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      await this.store.deleteSession(session.tokenHash);
      return undefined;
    }
    const user = await this.store.getUser(session.userId);
    if (!user || user.disabledAt !== undefined) return undefined;
    return { user, session };
  }

  async sessionView(user: UserRecord, session: SessionRecord): Promise<SessionView> {
    const memberships = await this.store.membershipsOf(user.id);
    return {
      user: toUserView(user),
      memberships: memberships.map((m) => ({ exerciseId: m.exerciseId, userId: m.userId, role: m.role, ...(m.teamId ? { teamId: m.teamId } : {}) })),
      csrfToken: session.csrfToken,
      ...(user.passwordChangeRequired ? { passwordChangeRequired: true as const } : {}),
    };
  }

  async createUser(
    actor: string,
    input: { username: string; displayName: string; password: string; roles: GlobalRole[]; passwordChangeRequired?: boolean },
  ): Promise<UserRecord> {
    if (await this.store.findUserByUsername(input.username)) throw new StartexError('USERNAME_TAKEN', undefined, 'username');
    const user: UserRecord = {
      id: randomUUID(),
      username: input.username.toLowerCase(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      createdAt: this.now(),
      passwordChangeRequired: input.passwordChangeRequired ?? false,
    };
    await this.store.createUser(user);
    await this.audit(actor, 'user.created', user.username, { roles: user.roles });
    return user;
  }

  async updateUser(
    actor: string,
    userId: string,
    patch: { displayName?: string | undefined; password?: string | undefined; roles?: GlobalRole[] | undefined; disabled?: boolean | undefined; passwordChangeRequired?: boolean | undefined },
  ): Promise<UserRecord> {
    const user = await this.store.getUser(userId);
    if (!user) throw new StartexError('USER_NOT_FOUND');
    await this.store.updateUser(userId, {
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.roles !== undefined ? { roles: patch.roles } : {}),
      ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
      ...(patch.disabled !== undefined ? { disabledAt: patch.disabled ? this.now() : undefined } : {}),
      ...(patch.password !== undefined ? { passwordChangeRequired: patch.passwordChangeRequired ?? false } : {}),
    });
    // What changed, never the password itself.
    await this.audit(actor, 'user.updated', user.username, {
      fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
    });
    if (patch.password !== undefined || patch.disabled === true) {
      await this.store.deleteUserSessions(userId);
      this.emit({ type: 'user-sessions-ended', userId });
    }
    return (await this.store.getUser(userId))!;
  }

  /**
   * A person sets their own password, proving the current one: required after a generated one,
   * possible any time. Every other session of theirs ends; the caller gets a fresh one.
   */
  async changeOwnPassword(userId: string, current: string, next: string): Promise<{ token: string; session: SessionRecord; user: UserRecord }> {
    const user = await this.store.getUser(userId);
    if (!user || user.disabledAt !== undefined) throw new StartexError('UNAUTHENTICATED');
    if (!(await verifyPassword(user.passwordHash, current))) {
      await this.audit(user.username, 'password.change-refused', user.username, { reason: 'wrong current password' });
      throw new StartexError('CURRENT_PASSWORD_WRONG');
    }
    if (current === next) throw new StartexError('PASSWORD_UNCHANGED', undefined, 'newPassword');
    await this.store.updateUser(userId, { passwordHash: await hashPassword(next), passwordChangeRequired: false });
    await this.store.deleteUserSessions(userId);
    this.emit({ type: 'user-sessions-ended', userId });
    await this.audit(user.username, 'password.changed', user.username, { wasRequired: user.passwordChangeRequired === true });
    const token = randomToken();
    const session: SessionRecord = { tokenHash: sha256(token), userId, csrfToken: randomToken(18), createdAt: this.now(), expiresAt: this.now() + this.sessionMs };
    await this.store.createSession(session);
    return { token, session, user: (await this.store.getUser(userId))! };
  }

  /** First run: creates the administrator when nobody exists yet. */
  async ensureAdministrator(password: string | undefined): Promise<{ username: string; password?: string } | undefined> {
    if ((await this.store.countUsers()) > 0) return undefined;
    const chosen = password ?? generatedPassword();
    await this.createUser('system', { username: 'admin', displayName: 'Administrator', password: chosen, roles: ['admin', 'planner'] });
    return password === undefined ? { username: 'admin', password: chosen } : { username: 'admin' };
  }

  async setMembership(actor: string, membership: Membership): Promise<void> {
    if (!(await this.store.getUser(membership.userId))) throw new StartexError('USER_NOT_FOUND');
    await this.store.setMembership(membership);
    await this.audit(actor, 'membership.set', membership.exerciseId, { userId: membership.userId, role: membership.role, teamId: membership.teamId });
    this.emit({ type: 'membership-changed', exerciseId: membership.exerciseId, userId: membership.userId });
  }

  async removeMembership(actor: string, exerciseId: string, userId: string): Promise<void> {
    await this.store.removeMembership(exerciseId, userId);
    await this.audit(actor, 'membership.removed', exerciseId, { userId });
    this.emit({ type: 'membership-changed', exerciseId, userId });
  }

  /** Whether an id names an exercise: a realtime refusal says so, as REST does, to anyone signed in. */
  async exerciseExists(exerciseId: string): Promise<boolean> {
    return (await this.store.getExercise(exerciseId)) !== undefined;
  }

  /** What a signed-in person is in an exercise, if anything. */
  async viewerFor(userId: string, exerciseId: string): Promise<Viewer | undefined> {
    const membership = (await this.store.membershipsOf(userId)).find((m) => m.exerciseId === exerciseId);
    if (!membership) return undefined;
    if (membership.role !== 'participant') return { role: membership.role };
    // A participant without a team is a broken record: no access, rather than a team named ''.
    return membership.teamId ? { role: 'participant', teamId: membership.teamId } : undefined;
  }

  async createJoinCode(
    actor: string,
    input: { exerciseId: string; role: 'participant' | 'observer'; teamId?: string | undefined; expiresInHours?: number | undefined },
  ): Promise<AccessGrant> {
    const grant: AccessGrant = {
      token: joinCode(),
      exerciseId: input.exerciseId,
      role: input.role,
      teamId: input.role === 'participant' ? input.teamId : undefined,
      createdAt: this.now(),
      expiresAt: this.now() + (input.expiresInHours ?? DEFAULT_JOIN_CODE_HOURS) * 3_600_000,
    };
    await this.store.createGrant(grant);
    // The code is a credential: the audit names its team and role, not the code.
    await this.audit(actor, 'join-code.created', input.exerciseId, { role: grant.role, teamId: grant.teamId, codeHash: sha256(grant.token).slice(0, 12) });
    return grant;
  }

  async revokeJoinCode(actor: string, exerciseId: string, token: string): Promise<void> {
    const grant = await this.store.findGrant(token);
    if (!grant || grant.exerciseId !== exerciseId) throw new StartexError('JOIN_CODE_INVALID');
    await this.store.revokeGrant(token, this.now());
    await this.audit(actor, 'join-code.revoked', exerciseId, { role: grant.role, teamId: grant.teamId, codeHash: sha256(token).slice(0, 12) });
    this.emit({ type: 'join-code-revoked', token });
  }

  /** A usable join code, or JOIN_CODE_INVALID whatever the reason (unknown, expired, revoked). */
  async checkJoinCode(code: string): Promise<AccessGrant> {
    const grant = await this.store.findGrant(normalisedJoinCode(code));
    if (!grant || grant.revokedAt !== undefined || (grant.expiresAt !== undefined && grant.expiresAt <= this.now())) {
      throw new StartexError('JOIN_CODE_INVALID');
    }
    return grant;
  }
}
