import { StartexError, ScenarioDocument, type LogEntry } from '@startex/shared';
import { ExerciseHost, type WallClock } from '@startex/server/src/runtime/ExerciseHost.ts';
import type { ExerciseRecord, ExerciseStore } from '@startex/server/src/store/ExerciseStore.ts';
import { reportFields, seededRandom, timersDocument } from '../documents.ts';

/** A log kept in memory: all an ExerciseHost asks of its store. */
export class MemoryLog {
  readonly entries: LogEntry[] = [];
  constructor(private readonly upTo = Infinity) {}
  append = async (entries: LogEntry[]) => void this.entries.push(...entries);
  readLog = async (_exerciseId: string, afterSeq = 0) => this.entries.filter((e) => e.seq > afterSeq && e.seq <= this.upTo);
  asStore(): ExerciseStore {
    return this as unknown as ExerciseStore;
  }
  /** A store that holds only the first `count` entries of `entries`, for loading a host up to a moment. */
  static prefix(entries: readonly LogEntry[], count: number): MemoryLog {
    const log = new MemoryLog();
    log.entries.push(...entries.slice(0, count));
    return log;
  }
}

/** Wall time the generator moves by hand, with the one timeout ExerciseHost keeps. */
class ManualWall implements WallClock {
  time = Date.UTC(2026, 10, 27, 8, 0, 0);
  private pending: { at: number; callback: () => void; handle: number } | undefined;
  private handles = 0;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    this.pending = { at: this.time + ms, callback, handle: ++this.handles };
    return this.handles;
  };
  clearTimeout = (handle: unknown) => {
    if (this.pending?.handle === handle) this.pending = undefined;
  };
  /** Runs the timeout if it is due; true if it ran. */
  fireDue(): boolean {
    if (!this.pending || this.pending.at > this.time) return false;
    const { callback } = this.pending;
    this.pending = undefined;
    callback();
    return true;
  }
}

export const REVIEW_SPEED = 1;

export function reviewRecord(): ExerciseRecord {
  const scenario = ScenarioDocument.parse(timersDocument({ id: 'bench_review', teams: 8, injects: 80, windowMinutes: 600, seed: 7 }));
  return { id: 'bench_review', title: scenario.title, scenario, speed: REVIEW_SPEED, createdAt: 0 };
}

/**
 * Plays an exercise through a real ExerciseHost on a hand-moved clock until its log holds
 * `count` entries: timers releasing injects, team actions and messages, deliveries and
 * acknowledgements, evaluators' observations, control notes and broadcasts, short pauses.
 */
export async function syntheticLog(count: number, seed = 1): Promise<LogEntry[]> {
  const random = seededRandom(seed);
  const record = reviewRecord();
  const log = new MemoryLog();
  const wall = new ManualWall();
  const host = await ExerciseHost.load(log.asStore(), record, wall);
  const director = { kind: 'controller' as const, id: 'director', name: 'Director', role: 'director' as const };
  const evaluator = { kind: 'evaluator' as const, id: 'evaluator', name: 'Evaluator' };
  const teams = record.scenario.teams.map((t) => t.id);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  await host.command({ type: 'ready' }, director);
  await host.command({ type: 'start' }, director);
  let n = 0;
  let pausedUntil = 0;
  const released = () => log.entries.filter((e): e is Extract<LogEntry, { type: 'inject.released' }> => e.type === 'inject.released').slice(-30);
  while (log.entries.length < count) {
    wall.time += Math.round(-Math.log(1 - random()) * 150);
    if (pausedUntil && wall.time >= pausedUntil) {
      pausedUntil = 0;
      await host.command({ type: 'resume' }, director);
    }
    while (wall.fireDue()) await new Promise((resolve) => setImmediate(resolve));
    const team = pick(teams);
    const r = random();
    n++;
    try {
      if (pausedUntil) continue;
      if (r < 0.6) await host.takeAction(team, { actionId: 'report', fields: reportFields(n), idempotencyKey: `synthetic-action-${n}` });
      else if (r < 0.7) {
        await host.sendMessage(team, { to: { teams: [pick(teams)], organisations: [] }, text: `Status ${n}: holding the vehicle.`, idempotencyKey: `synthetic-message-${n}` });
      } else if (r < 0.95) {
        const inject = pick(released());
        if (!inject) continue;
        const to = pick(inject.inject.to);
        if (r < 0.85) await host.markDelivered(to, inject.inject.id);
        else await host.acknowledge(to, inject.inject.id);
      } else if (r < 0.98) {
        await host.recordObservation(
          { observedAtMs: 0, teamId: team, kind: 'note', text: `Team ${team} reported within target.`, idempotencyKey: `synthetic-observation-${n}` },
          evaluator,
        );
      } else if (r < 0.995) await host.command({ type: 'note', text: `Control note ${n}` }, director);
      else if (r < 0.998) await host.command({ type: 'broadcast', text: `All teams: update ${n}` }, director);
      else {
        await host.command({ type: 'pause' }, director);
        pausedUntil = wall.time + 20_000;
      }
    } catch (error) {
      if (!(error instanceof StartexError)) throw error;
    }
  }
  host.dispose();
  return log.entries.slice(0, count);
}

