import type { ErrorDetail } from '@startex/shared';
import type { ExerciseAccess } from '../auth/access.ts';
import type { AccessEvent, IdentityService } from '../auth/IdentityService.ts';

type Close = (reason: ErrorDetail) => void;

/** How often open connections are checked for a join code or session that ran out. */
const EXPIRY_SWEEP_MS = 15_000;

/**
 * Every open realtime connection (socket.io and feed) with the credential it rests on, so that a
 * revoked join code, an ended session or a changed role cuts it off at once, and an expired one
 * within the sweep interval.
 */
export class ConnectionRegistry {
  private readonly open = new Map<number, { access: ExerciseAccess; close: Close }>();
  private nextId = 1;
  private readonly sweep: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(identity: IdentityService, private readonly now: () => number = Date.now) {
    this.unsubscribe = identity.onAccessEvent((event) => this.onAccessEvent(event));
    this.sweep = setInterval(() => this.closeExpired(), EXPIRY_SWEEP_MS);
    this.sweep.unref();
  }

  register(access: ExerciseAccess, close: Close): () => void {
    const id = this.nextId++;
    this.open.set(id, { access, close });
    return () => this.open.delete(id);
  }

  /** Whether any connection to the exercise is open (its host then stays loaded). */
  connectedTo(exerciseId: string): boolean {
    for (const { access } of this.open.values()) if (access.exerciseId === exerciseId) return true;
    return false;
  }

  stop(): void {
    clearInterval(this.sweep);
    this.unsubscribe();
  }

  private closeWhere(matches: (access: ExerciseAccess) => boolean, reason: ErrorDetail): void {
    for (const [id, connection] of this.open) {
      if (matches(connection.access)) {
        this.open.delete(id);
        connection.close(reason);
      }
    }
  }

  private onAccessEvent(event: AccessEvent): void {
    switch (event.type) {
      case 'join-code-revoked':
        return this.closeWhere((a) => a.principal.kind === 'code' && a.principal.grant.token === event.token, {
          code: 'JOIN_CODE_INVALID',
          message: 'This join code was revoked.',
        });
      case 'session-ended':
        return this.closeWhere((a) => a.principal.kind === 'user' && a.principal.session.tokenHash === event.tokenHash, {
          code: 'SESSION_EXPIRED',
          message: 'You signed out.',
        });
      case 'user-sessions-ended':
        return this.closeWhere((a) => a.principal.kind === 'user' && a.principal.user.id === event.userId, {
          code: 'SESSION_EXPIRED',
          message: 'Your account changed; sign in again.',
        });
      case 'membership-changed':
        return this.closeWhere(
          (a) => a.principal.kind === 'user' && a.principal.user.id === event.userId && a.exerciseId === event.exerciseId,
          { code: 'FORBIDDEN', message: 'Your role in this exercise changed; reconnect.' },
        );
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  }

  private closeExpired(): void {
    const now = this.now();
    this.closeWhere((a) => a.principal.kind === 'code' && a.principal.grant.expiresAt !== undefined && a.principal.grant.expiresAt <= now, {
      code: 'JOIN_CODE_INVALID',
      message: 'This join code has expired.',
    });
    this.closeWhere((a) => a.principal.kind === 'user' && a.principal.session.expiresAt <= now, {
      code: 'SESSION_EXPIRED',
      message: 'Your session has ended; sign in again.',
    });
  }
}
