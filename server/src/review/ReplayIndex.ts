import type { LogEntry, ReplayMoment } from '@startex/shared';
import { compileScenario, describeState, fold, foldAll, initialState, type ExerciseState } from '@startex/scenarios/engine';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';

type Action = Extract<LogEntry, { type: 'action.taken' }>;
const CONTROL_RECENT = 30;
const TEAM_RECENT = 20;

/** The last index in `sorted` whose value is <= `limit`, plus one (how many are <= limit). */
function countUpTo(sorted: ArrayLike<number>, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Replay of an exercise to any moment, with the exercise engine's own fold (the one the live
 * host runs): the log is folded once, keeping the state every `every` entries (engine states are
 * immutable and share what did not change, so keeping one costs nothing); a seek folds at most
 * `every - 1` entries on the state before the moment. Entries can be appended while the exercise runs.
 */
export class ReplayIndex {
  private readonly entries: LogEntry[] = [];
  private times: number[] = [];
  private readonly snapshots: ExerciseState[] = [];
  private live: ExerciseState;
  private readonly actionsByTeam = new Map<string, { entries: Action[]; seqs: number[] }>();
  private readonly control: LogEntry[] = [];
  private readonly controlSeqs: number[] = [];

  constructor(
    private readonly record: ExerciseRecord,
    entries: readonly LogEntry[],
    readonly every = 200,
  ) {
    this.live = initialState(compileScenario(record.scenario));
    this.snapshots.push(this.live);
    this.append(entries);
  }

  get lastSeq(): number {
    return this.live.lastSeq;
  }

  get snapshotCount(): number {
    return this.snapshots.length;
  }

  /** Folds entries that follow the ones already indexed (the log of a running exercise grows). */
  append(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      if (entry.seq <= this.live.lastSeq) continue;
      this.live = fold(this.live, entry);
      this.entries.push(entry);
      this.times.push(entry.exerciseTimeMs);
      if (entry.type === 'action.taken') {
        const team = this.actionsByTeam.get(entry.teamId) ?? { entries: [], seqs: [] };
        team.entries.push(entry);
        team.seqs.push(entry.seq);
        this.actionsByTeam.set(entry.teamId, team);
      }
      if (entry.actor.kind === 'controller') {
        this.control.push(entry);
        this.controlSeqs.push(entry.seq);
      }
      if (this.entries.length % this.every === 0) this.snapshots.push(this.live);
    }
  }

  /** The state after the last entry at or before exercise time `atMs` (the initial state before any). */
  seek(atMs: number): ExerciseState {
    return this.seekCount(countUpTo(this.times, atMs));
  }

  /** The state after entry `seq` (seqs are gapless from 1). */
  seekSeq(seq: number): ExerciseState {
    return this.seekCount(Math.min(seq, this.entries.length));
  }

  /** A replayed state as ExerciseHost.describe describes the live one. */
  describe(state: ExerciseState, atWallTime: number): ReturnType<typeof describeState> {
    return describeState(state, atWallTime);
  }

  /** What the review page shows of a moment (NaN: the moment of `state`): scenario state, each team's inbox and actions, control's doings. */
  moment(atMs: number, state = this.seek(atMs)): ReplayMoment {
    const s = state;
    // Inject progress as the engine folds it, with the scenario's "acted upon" rule (as the review counts it).
    const released = [...s.injects.values()].flatMap((p) => (p.inject && p.releasedSeq !== undefined ? [{ ...p, inject: p.inject, releasedSeq: p.releasedSeq }] : []));
    released.sort((a, b) => a.releasedSeq - b.releasedSeq);
    const context = s.run?.machine.context as { flags: Record<string, boolean>; counters: Record<string, number> } | undefined;
    const teams = this.record.scenario.teams.map((team) => {
      const received = released.flatMap((p) => {
        const progress = p.teams[team.id];
        return progress ? [{ injectId: p.injectId, number: p.inject.number, subject: p.inject.subject, releasedSeq: p.releasedSeq, status: progress.status }] : [];
      });
      const { entries: actions, seqs } = this.actionsByTeam.get(team.id) ?? { entries: [], seqs: [] };
      const count = countUpTo(seqs, s.lastSeq);
      return {
        teamId: team.id,
        received,
        actions: actions.slice(Math.max(0, count - TEAM_RECENT), count).map((a) => ({ seq: a.seq, atMs: a.exerciseTimeMs, actionId: a.actionId, ...(a.injectId !== undefined ? { injectId: a.injectId } : {}) })),
        actionCount: count,
      };
    });
    const controlCount = countUpTo(this.controlSeqs, s.lastSeq);
    const last = s.lastSeq > 0 ? this.entries[s.lastSeq - 1] : undefined;
    return {
      atMs: Number.isNaN(atMs) ? (last?.exerciseTimeMs ?? 0) : atMs,
      lastSeq: s.lastSeq,
      exerciseTimeMs: last?.exerciseTimeMs ?? 0,
      status: s.status,
      states: [...(s.run?.states ?? [])],
      flags: { ...context?.flags },
      counters: { ...context?.counters },
      timers: { ...s.run?.timers },
      held: Object.fromEntries([...s.injects.values()].flatMap((p) => (p.held ? [[p.injectId, p.held.reason]] : []))),
      skipped: Object.fromEntries([...s.injects.values()].flatMap((p) => (p.skipped ? [[p.injectId, p.skipped.reason]] : []))),
      teams,
      control: {
        recent: this.control.slice(Math.max(0, controlCount - CONTROL_RECENT), controlCount).map((e) => ({
          seq: e.seq,
          atMs: e.exerciseTimeMs,
          type: e.type,
          by: e.actor.kind === 'controller' ? (e.actor.name ?? e.actor.id) : e.actor.kind,
          summary: summarise(e),
        })),
        count: controlCount,
      },
      span: { fromMs: this.times[0] ?? 0, toMs: this.times.at(-1) ?? 0, lastSeq: this.live.lastSeq },
    };
  }

  private seekCount(count: number): ExerciseState {
    const base = Math.floor(count / this.every);
    return foldAll(this.snapshots[base]!, this.entries.slice(base * this.every, count));
  }
}

function summarise(entry: LogEntry): string {
  switch (entry.type) {
    case 'inject.released':
      return `#${entry.inject.number} ${entry.inject.subject}`;
    case 'inject.held':
    case 'inject.skipped':
      return `${entry.injectId}: ${entry.reason}`;
    case 'inject.edited':
      return entry.injectId;
    case 'decision.made':
      return entry.decision;
    case 'message.sent':
    case 'note.added':
      return entry.text.slice(0, 200);
    case 'exercise.halted':
      return entry.reason;
    default:
      return '';
  }
}
