import { serveWorker } from '../workerProcess.ts';

/**
 * The timers baseline: a bare Node process that sets one `setTimeout` per due time and notes how
 * late each fires, at the same moments as StartEx's releases, on the same loaded machine.
 */

const handlers = {
  async run(args: { dueWallTimes: number[] }) {
    const lateness = await Promise.all(
      args.dueWallTimes.map(
        (due) =>
          new Promise<number>((resolve) => {
            setTimeout(() => resolve(Date.now() - due), Math.max(0, due - Date.now()));
          }),
      ),
    );
    return lateness;
  },
};

export type TimerProbeHandlers = typeof handlers;
serveWorker(handlers);
