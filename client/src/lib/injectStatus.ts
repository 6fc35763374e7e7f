import type { LogEntry, ReleasedInject } from '@startex/shared';

export type RecipientStatus = 'released' | 'delivered' | 'acknowledged';

export interface InjectState {
  inject: ReleasedInject;
  releasedSeq: number;
  lateByMs?: number | undefined;
  /** Per recipient team, the furthest status reached. */
  teams: Record<string, RecipientStatus>;
}

const rank: Record<RecipientStatus, number> = { released: 0, delivered: 1, acknowledged: 2 };

/** Folds the log into each released inject's per-team status, in release order. */
export function injectStates(entries: LogEntry[]): InjectState[] {
  const byId = new Map<string, InjectState>();
  const raise = (injectId: string, teamId: string, status: RecipientStatus) => {
    const state = byId.get(injectId);
    if (!state) return;
    const current = state.teams[teamId] ?? 'released';
    if (rank[status] > rank[current]) state.teams[teamId] = status;
  };
  for (const entry of entries) {
    if (entry.type === 'inject.released') {
      byId.set(entry.inject.id, {
        inject: entry.inject,
        releasedSeq: entry.seq,
        lateByMs: entry.lateByMs,
        teams: Object.fromEntries(entry.inject.to.map((team) => [team, 'released' as const])),
      });
    } else if (entry.type === 'inject.delivered') {
      raise(entry.injectId, entry.teamId, 'delivered');
    } else if (entry.type === 'inject.acknowledged') {
      raise(entry.injectId, entry.teamId, 'acknowledged');
    }
  }
  return [...byId.values()];
}
