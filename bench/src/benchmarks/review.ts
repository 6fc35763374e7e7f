import type { Benchmark } from '../benchContext.ts';
import { WorkerProcess } from '../workerProcess.ts';
import type { ReviewHandlers } from '../workers/review.ts';

export const review: Benchmark = {
  name: 'review',
  title: 'after-action review and replay to a moment over a synthetic exercise log',
  async run(ctx) {
    const p = ctx.quick ? { entries: 10_000, every: 200, seeks: 100, baselineSeeks: 2, checks: 3, reviews: 3 } : { entries: 100_000, every: 200, seeks: 500, baselineSeeks: 3, checks: 5, reviews: 5 };
    const worker = WorkerProcess.start<ReviewHandlers>('./workers/review.ts', 'review');
    try {
      const r = await worker.call('run', p);
      ctx.log(`review: log of ${p.entries} entries generated in ${(r.generateMs / 1000).toFixed(1)} s, indexed in ${r.buildMs.toFixed(0)} ms`);
      return {
        parameters: {
          entries: p.entries,
          'exercise span': `${(r.spanMs / 3_600_000).toFixed(1)} h`,
          'snapshot every': `${p.every} entries`,
          seeks: p.seeks,
        },
        figures: [
          ...(['p50', 'max'] as const).map((q) => ({
            name: `review (computeReview over the whole log) ${q}`,
            value: r.review[q],
            unit: 'ms',
            ...(q === 'max' ? { goal: { text: '< 1 s', met: r.review.max < 1000 } } : {}),
            ...(q === 'p50' ? { note: `${p.reviews} runs, review JSON ${(r.reviewBytes / 2 ** 20).toFixed(1)} MiB` } : {}),
          })),
          ...(['p50', 'p99', 'max'] as const).map((q) => ({
            name: `replay seek ${q}`,
            value: r.seek[q],
            unit: 'ms',
            baseline: { name: 'ExerciseHost.load to the moment', value: r.load[q] },
            ...(q === 'p99' ? { goal: { text: '< 100 ms', met: r.seek.p99 < 100 } } : {}),
          })),
          { name: 'index build (fold all + snapshots)', value: r.buildMs, unit: 'ms', note: `${r.snapshots} snapshots, heap ${r.heapMiB.toFixed(0)} MiB after` },
          {
            name: 'seeks equal to ExerciseHost.describe',
            value: r.checks.equal,
            unit: `of ${r.checks.of}`,
            note: r.checks.mismatches.slice(0, 3).join('; '),
          },
        ],
        notes: [
          'Review: server/src/review/computeReview.ts (metrics, evaluation, roll-ups, feedback) over the whole log in memory, as the API computes it (reading the log from SQLite not included).',
          'Replay seek: server/src/review/ReplayIndex.ts, ExerciseHost\'s own fold (ExerciseHost.replayFold) with a snapshot every N entries; maps that only grow are shared by all snapshots. A seek builds the whole moment the review page shows (ReplayIndex.moment).',
          `Synthetic log: a real ExerciseHost on a hand-moved clock (bench/src/review/syntheticLog.ts): ${Object.entries(r.types)
            .sort((a, b) => b[1] - a[1])
            .map(([type, n]) => `${type} ${n}`)
            .join(', ')}.`,
          'Baseline: ExerciseHost.load over the log up to the moment (fold from the start, no snapshots).',
        ],
      };
    } finally {
      await worker.stop();
    }
  },
};
