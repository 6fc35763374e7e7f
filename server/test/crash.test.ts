import { afterAll, describe, it } from 'vitest';
import { crashAndRestart, stopCrashedServers } from './crashAndRestart.ts';

afterAll(stopCrashedServers);

describe('a server process killed with SIGKILL mid-play', () => {
  it.concurrent(
    'loses nothing acknowledged, and a timer that came due while it was down fires late on restart',
    async ({ expect }) => {
      // Speed 20: the alarm is due 6 s after StartEx; the process dies at 1.5 s and stays down past 6 s.
      await crashAndRestart(expect, { speed: 20, crashAfterMs: 1_500, late: true });
    },
    90_000,
  );

  it.concurrent(
    'loses nothing acknowledged, and a timer still in the future after restart fires on time',
    async ({ expect }) => {
      // Speed 2: the alarm is due 60 s after StartEx; the process dies at 1.5 s and comes straight back.
      // The restart has over 58 s before the alarm is due (a restart on a loaded machine took 28 s).
      await crashAndRestart(expect, { speed: 2, crashAfterMs: 1_500, late: false });
    },
    180_000,
  );
});
