import { actsUponRule, type ActsUpon, type LogEntry, type ReleasedInject } from '@startex/shared';
import { PersistentMap } from './PersistentMap.ts';

export type RecipientStatus = 'released' | 'delivered' | 'acknowledged' | 'acted';

export interface RecipientProgress {
  readonly status: RecipientStatus;
  readonly deliveredAtMs?: number;
  readonly acknowledgedAtMs?: number;
  readonly actedAtMs?: number;
}

/** Where one inject stands, per recipient team; every field traceable to log entries. */
export interface InjectProgress {
  readonly injectId: string;
  /** The copy the teams were sent, with control's edits in it. */
  readonly inject?: ReleasedInject;
  readonly releasedSeq?: number;
  /** Exercise time of the release. */
  readonly releasedAtMs?: number;
  readonly lateByMs?: number;
  /** Held or skipped before its release (a release ends both). */
  readonly held?: { readonly reason: string };
  readonly skipped?: { readonly reason: string };
  /** Control's changes to the scenario's subject and body before the release. */
  readonly edited?: { readonly subject?: string; readonly body?: string };
  readonly teams: Readonly<Record<string, RecipientProgress>>;
}

export type InjectProgressMap = PersistentMap<InjectProgress>;

const RANK: Record<RecipientStatus, number> = { released: 0, delivered: 1, acknowledged: 2, acted: 3 };

/** A team's progress raised to `status` at `atMs` (never lowered; each time kept from its first). */
function raised(team: RecipientProgress, status: Exclude<RecipientStatus, 'released'>, atMs: number): RecipientProgress {
  const time = `${status}AtMs` as const;
  if (team[time] !== undefined && RANK[team.status] >= RANK[status]) return team;
  return { ...team, [time]: team[time] ?? atMs, status: RANK[status] > RANK[team.status] ? status : team.status };
}

function raiseTeam(progress: InjectProgressMap, injectId: string, teamId: string, status: Exclude<RecipientStatus, 'released'>, atMs: number): InjectProgressMap {
  const p = progress.get(injectId);
  const team = p?.teams[teamId];
  if (!p || !team) return progress;
  const next = raised(team, status, atMs);
  return next === team ? progress : progress.set(injectId, { ...p, teams: { ...p.teams, [teamId]: next } });
}

/**
 * One log entry applied to the progress of every inject: the engine's state keeps it, and a
 * client folds the entries it can see with it. Whether an action acts upon an inject is
 * `actsUpon` (shared actsUpon.ts): the scenario's rule where the scenario is known, the explicit
 * link only on a tablet or the wall display.
 */
export function nextInjectProgress(progress: InjectProgressMap, entry: LogEntry, actsUpon: ActsUpon): InjectProgressMap {
  const of = (injectId: string): InjectProgress => progress.get(injectId) ?? { injectId, teams: {} };
  switch (entry.type) {
    case 'inject.released': {
      const { held: _held, skipped: _skipped, ...rest } = of(entry.inject.id);
      return progress.set(entry.inject.id, {
        ...rest,
        inject: entry.inject,
        releasedSeq: entry.seq,
        releasedAtMs: entry.exerciseTimeMs,
        ...(entry.lateByMs !== undefined ? { lateByMs: entry.lateByMs } : {}),
        teams: Object.fromEntries(entry.inject.to.map((team) => [team, { status: 'released' as const }])),
      });
    }
    case 'inject.held':
      return progress.set(entry.injectId, { ...of(entry.injectId), held: { reason: entry.reason } });
    case 'inject.skipped':
      return progress.set(entry.injectId, { ...of(entry.injectId), skipped: { reason: entry.reason } });
    case 'inject.edited': {
      const p = of(entry.injectId);
      const subject = entry.subject ?? p.edited?.subject;
      const body = entry.body ?? p.edited?.body;
      return progress.set(entry.injectId, { ...p, edited: { ...(subject !== undefined ? { subject } : {}), ...(body !== undefined ? { body } : {}) } });
    }
    case 'inject.delivered':
      return raiseTeam(progress, entry.injectId, entry.teamId, 'delivered', entry.exerciseTimeMs);
    case 'inject.acknowledged':
      return raiseTeam(progress, entry.injectId, entry.teamId, 'acknowledged', entry.exerciseTimeMs);
    case 'action.taken': {
      let next = progress;
      for (const p of progress.values()) {
        if (p.teams[entry.teamId] && actsUpon(entry, p.injectId)) next = raiseTeam(next, p.injectId, entry.teamId, 'acted', entry.exerciseTimeMs);
      }
      return next;
    }
    default:
      return progress;
  }
}

/** Folds a log (or the part of it a viewer sees) into every inject's progress. */
export function foldInjectProgress(entries: readonly LogEntry[], actsUpon: ActsUpon = actsUponRule()): InjectProgressMap {
  let progress = PersistentMap.empty<InjectProgress>();
  for (const entry of entries) progress = nextInjectProgress(progress, entry, actsUpon);
  return progress;
}
