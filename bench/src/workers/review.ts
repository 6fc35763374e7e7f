import { isDeepStrictEqual } from 'node:util';
import { compileScenario } from '@startex/scenarios';
import { computeReview } from '@startex/server/src/review/computeReview.ts';
import { ReplayIndex } from '@startex/server/src/review/ReplayIndex.ts';
import { ExerciseHost } from '@startex/server/src/runtime/ExerciseHost.ts';
import { seededRandom } from '../documents.ts';
import { MemoryLog, reviewRecord, syntheticLog } from '../review/syntheticLog.ts';
import { distribution } from '../stats.ts';
import { serveWorker } from '../workerProcess.ts';

/** The review benchmark in a process of its own: generate the log, index it, seek, and check. */

const handlers = {
  async run(args: { entries: number; every: number; seeks: number; baselineSeeks: number; checks: number; reviews: number }) {
    let t = performance.now();
    const entries = await syntheticLog(args.entries);
    const generateMs = performance.now() - t;
    const types: Record<string, number> = {};
    for (const e of entries) types[e.type] = (types[e.type] ?? 0) + 1;
    const record = reviewRecord();
    compileScenario(record.scenario); // compiled once here so the first review does not pay for it

    // The whole after-action review, as GET /api/exercises/:id/review computes it.
    const reviewMs: number[] = [];
    let reviewBytes = 0;
    for (let i = 0; i < args.reviews; i++) {
      const s = performance.now();
      const review = computeReview(record.scenario, entries);
      reviewMs.push(performance.now() - s);
      reviewBytes = JSON.stringify(review).length;
    }

    t = performance.now();
    const index = new ReplayIndex(record, entries, args.every);
    const buildMs = performance.now() - t;

    const random = seededRandom(99);
    const first = entries[0]!.exerciseTimeMs;
    const last = entries.at(-1)!.exerciseTimeMs;
    const target = () => Math.round(first + random() * (last - first));
    const seekMs: number[] = [];
    for (let i = 0; i < args.seeks; i++) {
      const at = target();
      const s = performance.now();
      index.moment(at);
      seekMs.push(performance.now() - s);
    }

    // Baseline: what replay costs without snapshots, i.e. ExerciseHost loading the log up to the moment.
    const countUpTo = (at: number) => entries.findLastIndex((e) => e.exerciseTimeMs <= at) + 1;
    const loadMs: number[] = [];
    for (let i = 0; i < args.baselineSeeks; i++) {
      const upTo = countUpTo(target());
      const s = performance.now();
      const host = await ExerciseHost.load(MemoryLog.prefix(entries, upTo).asStore(), record);
      loadMs.push(performance.now() - s);
      host.dispose();
    }

    // The seek's state must be the state ExerciseHost folds from the same entries.
    let equal = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < args.checks; i++) {
      const at = target();
      const upTo = countUpTo(at);
      const atWall = entries[Math.max(0, upTo - 1)]!.wallTime;
      const host = await ExerciseHost.load(MemoryLog.prefix(entries, upTo).asStore(), record);
      const expected = host.describe(atWall);
      host.dispose();
      const actual = index.describe(index.seek(at), atWall);
      if (isDeepStrictEqual(actual, expected)) equal++;
      else mismatches.push(`at ${at}: ${Object.keys(expected).filter((k) => !isDeepStrictEqual((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k])).join(', ')}`);
    }
    return {
      generateMs,
      review: distribution(reviewMs),
      reviewBytes,
      buildMs,
      snapshots: index.snapshotCount,
      seek: distribution(seekMs),
      load: distribution(loadMs),
      checks: { equal, of: args.checks, mismatches },
      types,
      spanMs: last - first,
      heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    };
  },
};

export type ReviewHandlers = typeof handlers;
serveWorker(handlers);
