import { StartexError, type Actor, type LogEntry } from '@startex/shared';
import type { AppendOnlyMap } from './AppendOnlyMap.ts';

/*
 * Retries. A request that may be sent twice (a tablet that lost the answer, an outbox replayed
 * after a reload) has a dedupe key: the sender's idempotency key, or what the request is about
 * (a team's receipt of one inject). Keys belong to their sender within the exercise: a
 * participant's to the team (every tablet and account of it), a staff member's to that person.
 * The same key from the same sender answers the first seq when the request is the same, and is
 * refused with IDEMPOTENCY_KEY_REUSED (nothing committed) when it is not; another sender's key is
 * a new key, so using it reveals nothing. The fold records each entry's key from the entry alone
 * (its team, or its actor): logs written before keys were scoped fold unchanged.
 */

/** What a request asked: its entry type and the fields a retry must repeat (shared with the entry, not copied). */
export type Request = readonly unknown[];

/** One served request: the seq that logged it, and what it asked, to tell a retry from a reuse. */
export interface KeyUse {
  readonly seq: number;
  readonly request: Request;
}

/** Where a request's use is recorded, and what it asks. */
export interface Dedupe {
  readonly key: string;
  readonly request: Request;
}

/** Whose keys a request's are: the team for participants, the signed-in person for staff. */
export function senderOf(actor: Actor): string {
  switch (actor.kind) {
    case 'participant':
      return teamSender(actor.teamId);
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

export const teamSender = (teamId: string): string => `team:${teamId}`;

/** JSON with object keys sorted and undefined left out (null in arrays): equal requests give equal text. Only a key used twice is compared. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  return `{${keys.flatMap((key) => (record[key] === undefined ? [] : [`${JSON.stringify(key)}:${canonical(record[key])}`])).join(',')}}`;
}

/** A request under the sender's own idempotency key. */
export function keyed(sender: string, idempotencyKey: string, request: Request): Dedupe {
  return { key: `${sender}\nkey\n${idempotencyKey}`, request };
}

/** A request that can only be made once by its sender, whatever it carries (a receipt, an acknowledgement). */
export function once(sender: string, what: string): Dedupe {
  return { key: `${sender}\nonce\n${what}`, request: [] };
}

/*
 * What a keyed request asks, from the input or from the entry it was logged as (they share the
 * field names); the entry type keeps a rating and a reconciliation with the same body apart.
 */
export const actionRequest = (a: { actionId: string; fields: Record<string, unknown>; injectId?: string | undefined }) => ['action.taken', a.actionId, a.fields, a.injectId];
export const messageRequest = (m: { to: { teams: readonly string[]; organisations: readonly string[] }; text: string; replyTo?: string | undefined }) => [
  'message.sent',
  m.to.teams,
  m.to.organisations,
  m.text,
  m.replyTo,
];
export const observationRequest = (o: {
  observedAtMs: number;
  teamId?: string | undefined;
  injectId?: string | undefined;
  objectiveId?: string | undefined;
  taskId?: string | undefined;
  kind: string;
  rating?: string | undefined;
  text: string;
}) => ['observation.recorded', o.observedAtMs, o.teamId, o.injectId, o.objectiveId, o.taskId, o.kind, o.rating, o.text];
export const ratingRequest = (type: 'rating.recorded' | 'rating.reconciled', r: { subject: unknown; rating: string; reason: string }) => [type, r.subject, r.rating, r.reason];
export const feedbackRequest = (f: { wentWell: string; toImprove: string; objectives: unknown }) => ['feedback.submitted', f.wentWell, f.toImprove, f.objectives];

export const receiptOnce = (type: 'inject.delivered' | 'inject.acknowledged', teamId: string, injectId: string) => once(teamSender(teamId), `${type}\n${injectId}`);
export const commsCheckOnce = (teamId: string, checkId: string) => once(teamSender(teamId), `commscheck\n${checkId}`);

/** The request an entry served, derived from the entry itself; undefined for entries that are no retryable request. */
export function dedupeOf(entry: LogEntry): Dedupe | undefined {
  switch (entry.type) {
    case 'action.taken':
      return keyed(teamSender(entry.teamId), entry.idempotencyKey, actionRequest(entry));
    case 'message.sent':
      // Only team messages carry a key; control's and the SimCell's are commands.
      return entry.from.kind === 'team' && entry.idempotencyKey !== undefined ? keyed(teamSender(entry.from.teamId), entry.idempotencyKey, messageRequest(entry)) : undefined;
    case 'observation.recorded':
      return keyed(senderOf(entry.actor), entry.idempotencyKey, observationRequest(entry));
    case 'rating.recorded':
    case 'rating.reconciled':
      return keyed(senderOf(entry.actor), entry.idempotencyKey, ratingRequest(entry.type, entry));
    case 'feedback.submitted':
      return keyed(teamSender(entry.teamId), entry.idempotencyKey, feedbackRequest(entry));
    case 'inject.delivered':
    case 'inject.acknowledged':
      return receiptOnce(entry.type, entry.teamId, entry.injectId);
    case 'commscheck.acknowledged':
      return commsCheckOnce(entry.teamId, entry.checkId);
    default:
      return undefined;
  }
}

/** The seq that already served this request, or undefined for a new one; a key reused for another request is refused. */
export function servedSeq(served: AppendOnlyMap<KeyUse>, dedupe: Dedupe): number | undefined {
  const use = served.get(dedupe.key);
  if (use === undefined) return undefined;
  if (canonical(use.request) !== canonical(dedupe.request)) throw new StartexError('IDEMPOTENCY_KEY_REUSED', undefined, 'idempotencyKey');
  return use.seq;
}
