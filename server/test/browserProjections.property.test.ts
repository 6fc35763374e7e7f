import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, ScenarioDocument, Viewer } from '@startex/shared';
import { expandTimeline, LIBRARY } from '@startex/scenarios';
import * as server from '@startex/scenarios/engine';
import type * as ClientControlView from '../../client/src/console/controlView.ts';
import type * as ClientInbox from '../../client/src/tablet/inboxItems.ts';
import { ExerciseHost } from '../src/runtime/ExerciseHost.ts';
import { SqliteStore } from '../src/store/SqliteStore.ts';
import { ManualClock } from './manualClock.ts';
import { ops, play, readmeExample } from './randomPlay.ts';

/**
 * Issue 14: the projections a browser computes from the log equal the server's view. "The
 * browser build" is the client's own modules (the console's controlView.ts, the tablet's
 * inboxItems.ts, and the engine they import through `@startex/scenarios/engine`, as the client's
 * package resolves it) bundled by esbuild for the browser platform into one ES module, which this
 * test loads: a Node built-in reached from that code fails the bundle, and the code run is the
 * code a browser runs, not the server's import of the engine. The browser side gets only what a
 * client gets: the entries its viewer may see and the view of the first sync, both through JSON.
 */
type Browser = typeof ClientControlView & typeof ClientInbox & typeof server;
let browser: Browser;

beforeAll(async () => {
  const clientDir = join(import.meta.dirname, '../../client');
  const bundled = await build({
    stdin: {
      contents: [
        "export { controlView } from './src/console/controlView.ts';",
        "export { inboxItems } from './src/tablet/inboxItems.ts';",
        "export * from '@startex/scenarios/engine';",
      ].join('\n'),
      resolveDir: clientDir,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'startex-browser-')), 'projections.mjs');
  writeFileSync(file, bundled.outputFiles[0]!.text);
  browser = (await import(pathToFileURL(file).href)) as Browser;
  // The bundle is its own copy of the engine, not the module the server imported.
  expect(browser.foldOn).not.toBe(server.foldOn);
}, 60_000);

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What a client holds of the log: its viewer's entries, as they came over the wire, merged by the client's rule. */
const received = (log: readonly LogEntry[], viewer: Viewer) => browser.syncAnswered(browser.emptyLogSync, json(log.filter((e) => browser.canSee(viewer, e)))).entries;

/** A team's inbox as the server's engine folds the whole log: every inject released to the team, newest first. */
function expectedInbox(log: readonly LogEntry[], teamId: string) {
  const progress = server.foldInjectProgress(log);
  return [...progress.values()]
    .flatMap((p) => (p.inject && p.releasedSeq !== undefined && p.teams[teamId] ? [{ ...p, inject: p.inject, releasedSeq: p.releasedSeq, team: p.teams[teamId] }] : []))
    .sort((a, b) => b.releasedSeq - a.releasedSeq)
    .map((p) => ({ inject: p.inject, receivedAtScenarioMs: log.find((e) => e.seq === p.releasedSeq)!.scenarioTimeMs, progress: p.team }));
}

describe('the browser build projects what the server shows', () => {
  // As an exercise pins them: a timeline expanded into states and injects.
  const scenarios = [...Object.entries(LIBRARY), ['readme-example', readmeExample()] as const].map(([id, document]): [string, ScenarioDocument] => [id, expandTimeline(document)]);

  it.each(scenarios)('%s: console view, tablet inboxes and wall display progress equal the server\'s after every input, and the fold at every seq', async (_, document) => {
    await fc.assert(
      fc.asyncProperty(ops(document), fc.integer({ min: 1, max: 120 }), async (steps, speed) => {
        const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'startex-projections-')), 'startex.sqlite'));
        const record = { id: 'prop', title: 'Property', scenario: document, speed, createdAt: 1 };
        await store.createExercise(record);
        const clock = new ManualClock();
        const host = await ExerciseHost.load(store, record, clock);
        const consoles: Viewer[] = [{ role: 'director' }, { role: 'controller' }];
        // The view each console got on its first sync: the static part (names, plan, scenario document).
        const synced = consoles.map((viewer) => json(host.view(viewer)));
        const folds: (ClientControlView.ControlFold | undefined)[] = consoles.map(() => undefined);
        // Every kind of viewer: the view of its first sync, to which the 'exercise' events' changes apply.
        const viewers: Viewer[] = [...consoles, { role: 'evaluator' }, { role: 'observer' }, ...document.teams.map((t): Viewer => ({ role: 'participant', teamId: t.id }))];
        const firstViews = viewers.map((viewer) => json(host.view(viewer)));
        let checks = 0;

        const compare = async () => {
          const log = await store.readLog('prop');
          expect(host.lastSeq).toBe(log.at(-1)?.seq ?? 0);
          consoles.forEach((viewer, i) => {
            const projected = browser.controlView(folds[i], synced[i]!, received(log, viewer), clock.time);
            folds[i] = projected.fold;
            expect(projected.view, `${viewer.role} at seq ${host.lastSeq}`).toEqual(json(host.view(viewer)));
          });
          for (const team of document.teams) {
            const viewer: Viewer = { role: 'participant', teamId: team.id };
            expect(browser.inboxItems(received(log, viewer), team.id), `${team.id}'s inbox at seq ${host.lastSeq}`).toEqual(json(expectedInbox(log, team.id)));
          }
          viewers.forEach((viewer, i) => {
            const change = json(server.viewChange(host.view(viewer)));
            expect(browser.withViewChange(firstViews[i]!, change), `${JSON.stringify(viewer)}'s view after a change frame at seq ${host.lastSeq}`).toEqual(json(host.view(viewer)));
          });
          const display = browser.foldInjectProgress(received(log, { role: 'observer' }));
          expect(display.toObject(), `wall display at seq ${host.lastSeq}`).toEqual(json(server.foldInjectProgress(log).toObject()));
          checks++;
        };

        await compare();
        await host.command({ type: 'ready' }, { kind: 'system' });
        await play(host, clock, document, steps, compare);
        await compare();
        host.dispose();
        const log = await store.readLog('prop');
        await store.close();
        expect(checks).toBeGreaterThan(steps.length);

        // Every seq, not only where an input ended: the browser's fold and the server's, entry by entry.
        const wire = json(log);
        let browserFold: ClientControlView.ControlFold | undefined;
        let serverState = server.initialState(server.compileScenario(document));
        for (let seq = 1; seq <= log.length; seq++) {
          browserFold = browser.controlView(browserFold, synced[0]!, wire.slice(0, seq), clock.time).fold;
          serverState = server.fold(serverState, log[seq - 1]!);
          expect(json(browser.describeState(browserFold!.state, clock.time)), `seq ${seq}`).toEqual(json(server.describeState(serverState, clock.time)));
        }
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});
