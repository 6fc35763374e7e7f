import { actsUponRule, releaseLateByWallMs, speedAfter, type ActsUpon, type LogEntry, type ReleasedInject } from '@startex/shared';
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
  /** How late (wall-clock milliseconds) the scenario timer released it, when it was late. */
  readonly lateByWallMs?: number;
  /** Held or skipped before its release (a release ends both). */
  readonly held?: { readonly reason: string };
  readonly skipped?: { readonly reason: string };
  /** Control's changes to the scenario's subject and body before the release. */
  readonly edited?: { readonly subject?: string; readonly body?: string };
  readonly teams: Readonly<Record<string, RecipientProgress>>;
}

const RANK: Record<RecipientStatus, number> = { released: 0, delivered: 1, acknowledged: 2, acted: 3 };

/** A team's progress raised to `status` at `atMs` (never lowered; each time kept from its first). */
function raised(team: RecipientProgress, status: Exclude<RecipientStatus, 'released'>, atMs: number): RecipientProgress {
  const time = `${status}AtMs` as const;
  if (team[time] !== undefined && RANK[team.status] >= RANK[status]) return team;
  return { ...team, [time]: team[time] ?? atMs, status: RANK[status] > RANK[team.status] ? status : team.status };
}

/**
 * Every inject's progress, folded from the log (or the part of it a viewer sees): the engine's
 * state keeps one, and a client folds the entries it can see into another. Immutable, like the
 * rest of the engine's state.
 */
export class InjectProgressMap {
  static readonly EMPTY = new InjectProgressMap(PersistentMap.empty(), PersistentMap.empty(), 1);

  private constructor(
    private readonly injects: PersistentMap<InjectProgress>,
    /** Team -> injects released to it that it has not acted upon yet: the only ones an action can raise to "acted". */
    private readonly awaiting: PersistentMap<readonly string[]>,
    /** The clock's speed so far: older entries say lateness in exercise time, which it turns into wall time. */
    private readonly speed: number,
  ) {}

  get(injectId: string): InjectProgress | undefined {
    return this.injects.get(injectId);
  }

  values(): InjectProgress[] {
    return this.injects.values();
  }

  /** Plain data, inject ids sorted: for descriptions and tests. */
  toObject(): Record<string, InjectProgress> {
    return this.injects.toObject();
  }

  /**
   * The progress after one log entry. Whether an action acts upon an inject is `actsUpon`
   * (shared actsUpon.ts): the scenario's rule where the scenario is known, the explicit link only
   * on a tablet or the wall display.
   */
  after(entry: LogEntry, actsUpon: ActsUpon): InjectProgressMap {
    const speed = speedAfter(this.speed, entry);
    if (speed !== this.speed) return new InjectProgressMap(this.injects, this.awaiting, speed);
    switch (entry.type) {
      case 'inject.released': {
        const { held: _held, skipped: _skipped, lateByWallMs: _late, ...rest } = this.of(entry.inject.id);
        const lateByWallMs = releaseLateByWallMs(entry, this.speed);
        let awaiting = this.awaiting;
        for (const team of entry.inject.to) awaiting = awaiting.update(team, (ids = []) => [...ids, entry.inject.id]);
        return this.with(
          {
            ...rest,
            inject: entry.inject,
            releasedSeq: entry.seq,
            releasedAtMs: entry.exerciseTimeMs,
            ...(lateByWallMs !== undefined ? { lateByWallMs } : {}),
            teams: Object.fromEntries(entry.inject.to.map((team) => [team, { status: 'released' as const }])),
          },
          awaiting,
        );
      }
      case 'inject.held':
        return this.with({ ...this.of(entry.injectId), held: { reason: entry.reason } });
      case 'inject.skipped':
        return this.with({ ...this.of(entry.injectId), skipped: { reason: entry.reason } });
      case 'inject.edited': {
        const p = this.of(entry.injectId);
        const subject = entry.subject ?? p.edited?.subject;
        const body = entry.body ?? p.edited?.body;
        return this.with({ ...p, edited: { ...(subject !== undefined ? { subject } : {}), ...(body !== undefined ? { body } : {}) } });
      }
      case 'inject.delivered':
        return this.raise(entry.injectId, entry.teamId, 'delivered', entry.exerciseTimeMs);
      case 'inject.acknowledged':
        return this.raise(entry.injectId, entry.teamId, 'acknowledged', entry.exerciseTimeMs);
      case 'action.taken': {
        const waiting = this.awaiting.get(entry.teamId);
        if (!waiting) return this;
        const acted = waiting.filter((injectId) => actsUpon(entry, injectId));
        if (acted.length === 0) return this;
        let next = new InjectProgressMap(this.injects, this.awaiting.set(entry.teamId, waiting.filter((injectId) => !acted.includes(injectId))), this.speed);
        for (const injectId of acted) next = next.raise(injectId, entry.teamId, 'acted', entry.exerciseTimeMs);
        return next;
      }
      default:
        return this;
    }
  }

  private of(injectId: string): InjectProgress {
    return this.injects.get(injectId) ?? { injectId, teams: {} };
  }

  private with(p: InjectProgress, awaiting = this.awaiting): InjectProgressMap {
    return new InjectProgressMap(this.injects.set(p.injectId, p), awaiting, this.speed);
  }

  private raise(injectId: string, teamId: string, status: Exclude<RecipientStatus, 'released'>, atMs: number): InjectProgressMap {
    const p = this.injects.get(injectId);
    const team = p?.teams[teamId];
    if (!p || !team) return this;
    const next = raised(team, status, atMs);
    return next === team ? this : new InjectProgressMap(this.injects.set(injectId, { ...p, teams: { ...p.teams, [teamId]: next } }), this.awaiting, this.speed);
  }
}

/** Folds a log (or the part of it a viewer sees) into every inject's progress. */
export function foldInjectProgress(entries: readonly LogEntry[], actsUpon: ActsUpon = actsUponRule()): InjectProgressMap {
  let progress = InjectProgressMap.EMPTY;
  for (const entry of entries) progress = progress.after(entry, actsUpon);
  return progress;
}
