import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '@startex/shared';
import { expandTimeline, LIBRARY } from '@startex/scenarios';
import { ExerciseHost } from '../src/runtime/ExerciseHost.ts';
import { ManualClock } from './manualClock.ts';
import { ops, play, readmeExample } from './randomPlay.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';

describe('replaying the log reproduces the live state', () => {
  // As an exercise pins them: a timeline expanded into states and injects.
  const scenarios = [...Object.entries(LIBRARY), ['readme-example', readmeExample()] as const].map(([id, document]): [string, ScenarioDocument] => [id, expandTimeline(document)]);

  it.each(scenarios)('%s: any sequence of inputs, replayed from the stored log, gives the same state, statuses and clock', async (_, document) => {
    await fc.assert(
      fc.asyncProperty(ops(document), fc.integer({ min: 1, max: 120 }), async (steps, speed) => {
        const dir = mkdtempSync(join(tmpdir(), 'startex-replay-'));
        const file = join(dir, 'startex.sqlite');
        const store = new SqliteStore(file);
        const record = { id: 'prop', title: 'Property', scenario: document, speed, createdAt: 1 };
        await store.createExercise(record);
        const clock = new ManualClock();
        const live = await ExerciseHost.load(store, record, clock);
        await live.command({ type: 'ready' }, { kind: 'system' });
        await play(live, clock, document, steps);
        live.dispose();
        // Closing waits for every commit asked for (timer releases are not awaited by play).
        await store.close();

        const reopened = new SqliteStore(file);
        const log = await reopened.readLog('prop');
        expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
        if (process.env.REPLAY_STATS) console.log(log.length, [...new Set(log.map((e) => e.type))].join(","), live.status);
        const replayed = await ExerciseHost.load(reopened, record, clock);
        replayed.dispose();
        await reopened.close();
        expect(replayed.describe(clock.time)).toEqual(live.describe(clock.time));
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
