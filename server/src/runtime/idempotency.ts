import { hash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { StartexError, type Actor, type LogEntry } from '@startex/shared';

/*
 * Idempotency keys belong to whoever sent them, within one exercise: a participant's key to the
 * team (every tablet and account of the team shares it), a staff member's key to that person. A
 * retry of the same request under the same key answers the first seq; the same key with another
 * request is refused (IDEMPOTENCY_KEY_REUSED) and commits nothing; another sender's key is just a
 * new key to this sender, so replaying it reveals nothing. Stored entries carry no scope: it is
 * derived from the entry (its team, or its actor), so logs written before keys were scoped fold
 * unchanged.
 */

/** One use of a key: the seq that logged it, and a digest of what was asked. */
export interface KeyUse {
  seq: number;
  request: string;
}

/** Scoped key -> its use. */
export type KeyLedger = Map<string, KeyUse>;

/** The entries that carry an idempotency key, and the request fields a retry must repeat exactly. */
const REQUEST_FIELDS = {
  'action.taken': ['actionId', 'fields', 'injectId'],
  'message.sent': ['to', 'text', 'replyTo'],
  'observation.recorded': ['observedAtMs', 'teamId', 'injectId', 'objectiveId', 'taskId', 'kind', 'rating', 'text'],
  'rating.recorded': ['subject', 'rating', 'reason'],
  'rating.reconciled': ['subject', 'rating', 'reason'],
  'feedback.submitted': ['wentWell', 'toImprove', 'objectives'],
} as const;

export type KeyedType = keyof typeof REQUEST_FIELDS;

/** A participant's keys are their team's. */
export const teamScope = (teamId: string): string => `team:${teamId}`;

/** A staff member's keys are their own; a participant actor's are the team's. */
export function actorScope(actor: Actor): string {
  switch (actor.kind) {
    case 'participant':
      return teamScope(actor.teamId);
    case 'controller':
    case 'evaluator':
      return `person:${actor.id}`;
    case 'system':
      return 'system';
    default: {
      const exhaustive: never = actor;
      return exhaustive;
    }
  }
}

/** A key as its sender's: the same key from two senders is two keys. Scopes hold no "/" (team and person ids do not). */
export const scopedKey = (scope: string, key: string): string => `${scope}/${key}`;

/**
 * A digest of the request fields of an input or of the entry it was logged as (the same names in
 * both), so that a retry can be told from a different request without keeping the request.
 */
export function requestDigest(type: KeyedType, body: Readonly<Record<string, unknown>>): string {
  const fields = Object.fromEntries(REQUEST_FIELDS[type].map((name) => [name, body[name]]));
  return hash('sha256', `${type}\n${stringify(fields)}`, 'base64');
}

/** Where a keyed entry goes in the ledger, or undefined for an entry that carries no key. */
export function keyUseOf(entry: LogEntry): { scopedKey: string; use: KeyUse } | undefined {
  const use = (scope: string, key: string | undefined, type: KeyedType) =>
    key === undefined ? undefined : { scopedKey: scopedKey(scope, key), use: { seq: entry.seq, request: requestDigest(type, entry) } };
  switch (entry.type) {
    case 'action.taken':
    case 'feedback.submitted':
      return use(teamScope(entry.teamId), entry.idempotencyKey, entry.type);
    case 'message.sent':
      // Only team messages carry a key; control's and the SimCell's are commands.
      return entry.from.kind === 'team' ? use(teamScope(entry.from.teamId), entry.idempotencyKey, entry.type) : undefined;
    case 'observation.recorded':
    case 'rating.recorded':
    case 'rating.reconciled':
      return use(actorScope(entry.actor), entry.idempotencyKey, entry.type);
    default:
      return undefined;
  }
}

/**
 * The seq of an earlier use of this sender's key for this very request, or undefined for a key
 * the sender has not used; throws IDEMPOTENCY_KEY_REUSED when the key was used for another request.
 */
export function earlierUse(ledger: ReadonlyMap<string, KeyUse>, scope: string, key: string, type: KeyedType, body: Readonly<Record<string, unknown>>): number | undefined {
  const use = ledger.get(scopedKey(scope, key));
  if (use === undefined) return undefined;
  if (use.request !== requestDigest(type, body)) throw new StartexError('IDEMPOTENCY_KEY_REUSED', undefined, 'idempotencyKey');
  return use.seq;
}
