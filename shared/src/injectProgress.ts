import { actsUponRule, type ActsUpon } from './actsUpon.ts';
import { releaseLateByWallMs, speedAfter, type LogEntry, type ReleasedInject } from './logEntry.ts';

export type RecipientStatus = 'released' | 'delivered' | 'acknowledged' | 'acted';

export interface RecipientProgress {
  status: RecipientStatus;
  deliveredAtMs?: number;
  acknowledgedAtMs?: number;
  actedAtMs?: number;
}

/** Where one inject stands, per recipient team; every field traceable to log entries. */
export interface InjectProgress {
  injectId: string;
  inject?: ReleasedInject;
  releasedSeq?: number;
  /** Exercise time of the release. */
  releasedAtMs?: number;
  /** How late (wall-clock milliseconds) the scenario timer released it, when it was late. */
  lateByWallMs?: number;
  held?: { reason: string };
  skipped?: { reason: string };
  teams: Record<string, RecipientProgress>;
}

const RANK: Record<RecipientStatus, number> = { released: 0, delivered: 1, acknowledged: 2, acted: 3 };

/**
 * Folds a log into every inject's progress. Whether an action acts upon an inject is `actsUpon`
 * (actsUpon.ts); its default knows no scenario, as a tablet or the wall display.
 */
export function foldInjectProgress(entries: readonly LogEntry[], actsUpon: ActsUpon = actsUponRule()): Map<string, InjectProgress> {
  const progress = new Map<string, InjectProgress>();
  const of = (injectId: string) => {
    let p = progress.get(injectId);
    if (!p) progress.set(injectId, (p = { injectId, teams: {} }));
    return p;
  };
  const raise = (injectId: string, teamId: string, status: RecipientStatus, atMs: number) => {
    const team = progress.get(injectId)?.teams[teamId];
    if (!team) return;
    if (status === 'delivered') team.deliveredAtMs ??= atMs;
    if (status === 'acknowledged') team.acknowledgedAtMs ??= atMs;
    if (status === 'acted') team.actedAtMs ??= atMs;
    if (RANK[status] > RANK[team.status]) team.status = status;
  };
  // Older entries say lateness in exercise time: the speed in force turns it into wall time.
  let speed = 1;
  for (const entry of entries) {
    speed = speedAfter(speed, entry);
    switch (entry.type) {
      case 'inject.released': {
        const p = of(entry.inject.id);
        Object.assign(p, { inject: entry.inject, releasedSeq: entry.seq, releasedAtMs: entry.exerciseTimeMs });
        const lateByWallMs = releaseLateByWallMs(entry, speed);
        if (lateByWallMs !== undefined) p.lateByWallMs = lateByWallMs;
        delete p.held;
        p.teams = Object.fromEntries(entry.inject.to.map((team) => [team, { status: 'released' as const }]));
        break;
      }
      case 'inject.held':
        of(entry.injectId).held = { reason: entry.reason };
        break;
      case 'inject.skipped':
        of(entry.injectId).skipped = { reason: entry.reason };
        break;
      case 'inject.delivered':
        raise(entry.injectId, entry.teamId, 'delivered', entry.exerciseTimeMs);
        break;
      case 'inject.acknowledged':
        raise(entry.injectId, entry.teamId, 'acknowledged', entry.exerciseTimeMs);
        break;
      case 'action.taken':
        for (const p of progress.values()) {
          if (p.teams[entry.teamId] && actsUpon(entry, p.injectId)) {
            raise(p.injectId, entry.teamId, 'acted', entry.exerciseTimeMs);
          }
        }
        break;
      default:
        break;
    }
  }
  return progress;
}
