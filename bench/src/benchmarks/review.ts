import type { Benchmark } from '../benchContext.ts';
import { WorkerProcess } from '../workerProcess.ts';
import type { ReviewHandlers } from '../workers/review.ts';

export const review: Benchmark = {
  name: 'review',
  title: 'after-action review and replay to a moment over a synthetic exercise log',
  async run(ctx) {
    const p = ctx.quick ? { entries: 10_000, every: 50, seeks: 100, baselineSeeks: 2, checks: 3 } : { entries: 100_000, every: 50, seeks: 500, baselineSeeks: 3, checks: 5 };
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
          { name: 'review (full after-action computation)', value: null, unit: 'ms', goal: { text: '< 1 s', met: null }, note: 'review: not built yet' },
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
          'The after-action review module does not exist yet: the review figure is not measured.',
          'Replay seek: bench/src/review/ReplayIndex.ts (a prototype for server/src/review): snapshots of the small state and the immutable engine RunState every N entries, sets that only grow kept once with the seq that wrote each key.',
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
