import type { ExerciseViewChange, SyncResult } from '@startex/shared';
import type { Benchmark } from '../benchContext.ts';
import { playDocument, writeDocument } from '../documents.ts';
import { command, connectStaff, login } from '../staff.ts';
import { startStartex } from '../startexProcess.ts';
import { until } from '../stats.ts';

const EXERCISE = 'bench_play';

/** Bytes of a socket.io event as its text frame carries it (`42["name",payload]`, less the ack id). */
const frameBytes = (event: string, payload: unknown) => Buffer.byteLength(`42${JSON.stringify([event, payload])}`);

/**
 * What a controller console is sent per state change: a pause or resume changes the view of
 * every connected client. Before issue 14 each change sent the whole view, the pinned scenario
 * document included; now the sync sends the whole view once per connection and each change only
 * what play changes. "Whole view" is measured as the sync answers it at the same moment, which is
 * what every change used to send.
 */
export const viewBytes: Benchmark = {
  name: 'view-bytes',
  title: 'bytes sent to a controller console per state change: the whole view (before) and the change (now)',
  async run(ctx) {
    const p = ctx.quick ? { teams: 20, injects: 100, changes: 10 } : { teams: 50, injects: 380, changes: 40 };
    const server = await startStartex({ seedFiles: [writeDocument(ctx.tmp, playDocument(p))] });
    try {
      const director = await connectStaff(server.url, await login(server.url, server.director.username, server.director.password), EXERCISE);
      const sync = () => new Promise<SyncResult>((resolve) => director.emit('sync', { afterSeq: Number.MAX_SAFE_INTEGER }, resolve));
      const firstSync = await sync();
      if (!firstSync.ok) throw new Error(`sync refused: ${firstSync.error.code}`);
      const changes: ExerciseViewChange[] = [];
      director.on('exercise', (change) => changes.push(change));
      await command(director, { type: 'start' });
      await until(async () => changes.length >= 1, 'the view change of StartEx', 10_000, 10);
      const changeBytes: number[] = [];
      const wholeViewBytes: number[] = [];
      for (let i = 0; i < p.changes; i++) {
        const before = changes.length;
        await command(director, { type: i % 2 === 0 ? 'pause' : 'resume' });
        await until(async () => changes.length > before, 'the view change', 10_000, 5);
        changeBytes.push(frameBytes('exercise', changes.at(-1)));
        const whole = await sync();
        if (!whole.ok) throw new Error(`sync refused: ${whole.error.code}`);
        wholeViewBytes.push(frameBytes('exercise', whole.exercise));
      }
      director.disconnect();
      const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
      const now = mean(changeBytes);
      const before = mean(wholeViewBytes);
      return {
        parameters: { teams: p.teams, injects: p.injects, 'state changes': p.changes, 'scenario document bytes': Buffer.byteLength(JSON.stringify(firstSync.exercise.control?.scenario)) },
        figures: [
          { name: 'bytes per state change to a console', value: now, unit: 'B', baseline: { name: 'whole view, as sent before', value: before } },
          { name: 'whole view in the sync answer (once per connection)', value: frameBytes('sync', firstSync), unit: 'B' },
          { name: 'reduction per state change', value: Math.round((1 - now / before) * 1000) / 10, unit: '%' },
        ],
        notes: ['Bytes of the socket.io text frame of the event (its JSON with the packet type), before compression.'],
      };
    } finally {
      await server.stop();
    }
  },
};
