import { foldInjectProgress, type RecipientProgress } from '@startex/scenarios/engine';
import type { LogEntry, ReleasedInject } from '@startex/shared';

export interface InboxItem {
  inject: ReleasedInject;
  /** Scenario time of the release, as the log recorded it. */
  receivedAtScenarioMs: number;
  /** This team's progress on it: delivered, acknowledged, acted upon. */
  progress: RecipientProgress;
}

/** The injects released to a team, newest first, each with the team's own progress. */
export function inboxItems(entries: readonly LogEntry[], teamId: string | undefined): InboxItem[] {
  if (!teamId) return [];
  const released = new Map<string, { seq: number; scenarioMs: number }>();
  for (const entry of entries) if (entry.type === 'inject.released') released.set(entry.inject.id, { seq: entry.seq, scenarioMs: entry.scenarioTimeMs });
  const items: (InboxItem & { seq: number })[] = [];
  for (const progress of foldInjectProgress(entries).values()) {
    const team = progress.teams[teamId];
    const at = released.get(progress.injectId);
    if (!progress.inject || !team || !at) continue;
    items.push({ inject: progress.inject, receivedAtScenarioMs: at.scenarioMs, progress: team, seq: at.seq });
  }
  return items.sort((a, b) => b.seq - a.seq).map(({ seq: _, ...item }) => item);
}
