import type { LogEntry } from '@startex/shared';

/** What a mark on a team's swimlane stands for. */
export type LaneMarkKind = 'released' | 'delivered' | 'acknowledged' | 'action' | 'message' | 'observation' | 'control';
export const LANE_MARK_KINDS: readonly LaneMarkKind[] = ['released', 'delivered', 'acknowledged', 'action', 'message', 'observation', 'control'];

export interface LaneMark {
  kind: LaneMarkKind;
  atMs: number;
  entry: LogEntry;
}

/** Control's own lane (scenario phases, decisions, commands and notes) sits beside the teams' lanes. */
export const CONTROL_LANE = '';

/**
 * The log as swimlanes: per team, the injects released to it, delivered and acknowledged, its
 * actions, the messages it sent and received, and the observations about it; exercise-wide entries
 * (phases, decisions, lifecycle, notes) on control's lane. Each mark at its exercise time.
 */
export function replayLanes(entries: readonly LogEntry[], teamIds: readonly string[]): Map<string, LaneMark[]> {
  const lanes = new Map<string, LaneMark[]>([...teamIds, CONTROL_LANE].map((id) => [id, []]));
  const mark = (lane: string, kind: LaneMarkKind, entry: LogEntry, atMs = entry.exerciseTimeMs) => {
    lanes.get(lane)?.push({ kind, atMs, entry });
  };
  for (const entry of entries) {
    switch (entry.type) {
      case 'inject.released':
        for (const team of entry.inject.to) mark(team, 'released', entry);
        break;
      case 'inject.delivered':
        mark(entry.teamId, 'delivered', entry);
        break;
      case 'inject.acknowledged':
        mark(entry.teamId, 'acknowledged', entry);
        break;
      case 'action.taken':
        mark(entry.teamId, 'action', entry);
        break;
      case 'message.sent': {
        const teams = new Set(entry.to.all ? teamIds : entry.to.teams);
        if (entry.from.kind === 'team') teams.add(entry.from.teamId);
        for (const team of teams) mark(team, 'message', entry);
        break;
      }
      case 'observation.recorded':
        if (entry.teamId) mark(entry.teamId, 'observation', entry, entry.observedAtMs);
        break;
      case 'state.entered':
      case 'decision.made':
      case 'milestone.reached':
      case 'exercise.started':
      case 'exercise.paused':
      case 'exercise.resumed':
      case 'exercise.halted':
      case 'exercise.ended':
      case 'clock.jumped':
      case 'clock.speed.changed':
      case 'inject.held':
      case 'inject.skipped':
      case 'note.added':
        mark(CONTROL_LANE, 'control', entry);
        break;
      default:
        break;
    }
  }
  return lanes;
}
