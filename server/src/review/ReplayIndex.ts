import type { LogEntry, ReplayMoment } from '@startex/shared';
import { ScenarioRun } from '@startex/scenarios';
import { ExerciseClock } from '../runtime/ExerciseClock.ts';
import { ExerciseHost } from '../runtime/ExerciseHost.ts';
import type { HostState } from '../runtime/HostState.ts';
import type { ExerciseRecord } from '../store/ExerciseStore.ts';
import { injectMetrics } from './injectMetrics.ts';

/**
 * HostState maps that only grow, each key written once with the seq that wrote it: one copy is
 * shared by every snapshot (the state at seq S holds the keys with seq <= S), so a snapshot costs
 * the small part of the state only. Folding an entry again writes the same key and value.
 */
const GROWN = new Set(['delivered', 'acknowledged', 'actionKeys', 'messageKeys', 'observationKeys', 'reviewKeys', 'messages']);

/** A copy of a host state to fold on from, sharing what only grows. */
function snapshot(state: HostState): HostState {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (GROWN.has(key)) copy[key] = value;
    else if (value instanceof Map) copy[key] = new Map(value);
    else if (value instanceof ExerciseClock) copy[key] = Object.assign(new ExerciseClock(value.speed), value);
    else if (value instanceof ScenarioRun) copy[key] = new ScenarioRun(value.scenario, value.snapshot);
    else copy[key] = value;
  }
  return copy as unknown as HostState;
}

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
 * Replay of an exercise to any moment, with ExerciseHost's own fold (ExerciseHost.replayFold):
 * the log is folded once, keeping a snapshot every `every` entries; a seek copies the snapshot
 * before the moment and folds at most `every - 1` entries on top. Entries can be appended while
 * the exercise runs.
 */
export class ReplayIndex {
  private readonly host: ReturnType<typeof ExerciseHost.replayFold>;
  private readonly entries: LogEntry[] = [];
  private times: number[] = [];
  private readonly snapshots: HostState[] = [];
  private readonly live: HostState;
  private readonly actionsByTeam = new Map<string, { entries: Action[]; seqs: number[] }>();
  private readonly control: LogEntry[] = [];
  private readonly controlSeqs: number[] = [];
  private readonly releaseSeqs = new Map<string, number>();
  private firstAction: Map<string, number> | undefined;

  constructor(
    private readonly record: ExerciseRecord,
    entries: readonly LogEntry[],
    readonly every = 200,
  ) {
    this.host = ExerciseHost.replayFold(record);
    this.live = this.host.fresh();
    this.snapshots.push(snapshot(this.live));
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
      this.host.fold(this.live, entry);
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
      if (entry.type === 'inject.released' && !this.releaseSeqs.has(entry.inject.id)) this.releaseSeqs.set(entry.inject.id, entry.seq);
      if (this.entries.length % this.every === 0) this.snapshots.push(snapshot(this.live));
    }
    if (entries.length > 0) this.firstAction = undefined;
  }

  /** The host state after the last entry at or before exercise time `atMs` (the fresh state before any). */
  seek(atMs: number): HostState {
    return this.seekCount(countUpTo(this.times, atMs));
  }

  /** The host state after entry `seq` (seqs are gapless from 1). */
  seekSeq(seq: number): HostState {
    return this.seekCount(Math.min(seq, this.entries.length));
  }

  /** ExerciseHost.describe of a replayed state (which cuts the keys that only grow at its seq). */
  describe(state: HostState, atWallTime: number): ReturnType<ExerciseHost['describe']> {
    return this.host.describe(state, atWallTime);
  }

  /** What the review page shows of a moment (NaN: the moment of `state`): scenario state, each team's inbox and actions, control's doings. */
  moment(atMs: number, state = this.seek(atMs)): ReplayMoment {
    const s = state;
    const has = (map: Map<string, number>, key: string) => (map.get(key) ?? Infinity) <= s.lastSeq;
    this.firstAction ??= this.firstActions();
    const firstAction = this.firstAction;
    const run = s.run;
    const teams = this.record.scenario.teams.map((team) => {
      const received = [...s.released.values()]
        .filter((inject) => inject.to.includes(team.id))
        .map((inject) => {
          const key = `${inject.id}|${team.id}`;
          const status = (firstAction.get(key) ?? Infinity) <= s.lastSeq ? 'acted' : has(s.acknowledged, key) ? 'acknowledged' : has(s.delivered, key) ? 'delivered' : 'released';
          return { injectId: inject.id, number: inject.number, subject: inject.subject, releasedSeq: this.releaseSeq(inject.id), status } as const;
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
      states: [...run.states],
      flags: { ...run.context.flags },
      counters: { ...run.context.counters },
      timers: Object.fromEntries(run.pendingTimers),
      held: Object.fromEntries(s.held),
      skipped: Object.fromEntries(s.skipped),
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

  private seekCount(count: number): HostState {
    const base = Math.floor(count / this.every);
    const state = snapshot(this.snapshots[base]!);
    for (let i = base * this.every; i < count; i++) this.host.fold(state, this.entries[i]!);
    return state;
  }

  private releaseSeq(injectId: string): number {
    return this.releaseSeqs.get(injectId) ?? 0;
  }

  /** inject|team -> seq of the team's first action upon it, counted as the review counts it. */
  private firstActions(): Map<string, number> {
    const map = new Map<string, number>();
    for (const inject of injectMetrics(this.record.scenario, this.entries).injects) {
      for (const team of inject.teams) if (team.firstActionSeq !== undefined) map.set(`${inject.injectId}|${team.teamId}`, team.firstActionSeq);
    }
    return map;
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
