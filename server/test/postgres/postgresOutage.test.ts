import { afterAll, describe, expect, it } from 'vitest';
import type { CommitResult, ErrorCode, LogEntry } from '@startex/shared';
import { LogMirror, until } from '../harness.ts';
import { startPostgresCluster, type PostgresCluster } from './cluster.ts';
import { ownerAmong, pause, Play, startCluster, storedLog, text } from './clusterPlay.ts';
import { cuttableLink } from './cuttableLink.ts';
import { freshDatabase } from './databases.ts';
import { eventually, ownedBy, startNode, stopNodes, type Node } from './nodes.ts';

/**
 * The database goes away under load while the nodes live on. PostgreSQL restarted (on a server of
 * this file's own: the run's shared one serves the other test files meanwhile): every input while it
 * is down is answered with a catalogue error, and once it is back one node owns the exercise again
 * and play goes on. The owner's network to PostgreSQL cut: it stops acting as owner before another
 * node takes over, and what it tries to write once the link is back is refused by the fence.
 */

/** What an input is answered while the database is down: the owner could not write it, or a follower heard nothing from the owner. */
const UNANSWERED: ErrorCode[] = ['DATABASE_UNAVAILABLE', 'OWNER_UNAVAILABLE'];

let postgres: PostgresCluster | undefined;
afterAll(async () => {
  await stopNodes();
  await postgres?.stop();
});

describe('the database gone while the nodes live', () => {
  it('refuses inputs with a catalogue error while PostgreSQL is down, loses nothing acknowledged, and plays on once it is back: one owner, the log gapless, every client with its log, the timers firing', async () => {
    // A PostgreSQL server of this test's own.
    const cluster = (postgres = await startPostgresCluster());
    const url = await cluster.createDatabase('startex');
    // Speed 6: the demo's alarm is due 20 s after StartEx, after the outage.
    const nodes = await startCluster(['node-a', 'node-b', 'node-c'], url, 6);
    const play = await Play.open(nodes, 3, nodes[1]!);
    expect(await play.send(play.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const started = await until(() => play.director.entries.find((e) => e.type === 'exercise.started'), 'StartEx');
    play.startLoad(21);
    await pause(1_500);

    // A fast shutdown, as `systemctl restart postgresql` does: sessions are ended, the server is gone for a while.
    await cluster.stopServer('fast');
    // One tablet on each node acts while it is down: each is answered (the server is still down when they are), and refused.
    const probes = await Promise.all(
      nodes.map((node: Node, i) => {
        const tablet = play.tablets.find((t) => t.node === node)!;
        return play.send(tablet.mirror, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 7.7, vehicle_held: true }, idempotencyKey: `while-down-${i}` });
      }),
    );
    await cluster.startServer();
    const answers = probes.map((result: CommitResult | undefined) => (result === undefined ? 'lost' : result.ok ? 'acknowledged' : result.error.code));
    console.log(`PostgreSQL down: probes answered ${answers.join(', ')}`);
    for (const answer of answers) expect(UNANSWERED).toContain(answer);

    // Back: a node owns the demo again, and the alarm (due after the outage) fires on it.
    const owner = await ownerAmong(nodes, 20_000);
    await until(() => play.director.entries.find((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm'), 'the alarm after the outage', 30_000);
    await pause(800);
    await play.stopLoad();
    // The probes, refused while the database was down, were not written then.
    const probeKeys = nodes.map((_, i) => `while-down-${i}`);
    const keysIn = (entries: LogEntry[]) => entries.flatMap((e) => (e.type === 'action.taken' && probeKeys.includes(e.idempotencyKey ?? '') ? [e.idempotencyKey] : []));
    expect(keysIn((await storedLog(url)).log)).toEqual([]);
    // Refused while it was down, with answers that leave open whether they were written: sent again, each is logged once.
    const retried = await play.retryRefused(UNANSWERED);
    await play.end();

    const { log, epochs, acknowledged, refused } = await play.check(url, UNANSWERED, UNANSWERED);
    expect(acknowledged).toBeGreaterThan(30);
    expect(keysIn(log).sort()).toEqual(probeKeys);
    expect(log.filter((e) => e.type === 'timer.fired' && e.timer === 'quiet.after.0' && e.dueExerciseMs === started.exerciseTimeMs + 120_000)).toHaveLength(1);
    console.log(`PostgreSQL restarted under load: ${acknowledged} acknowledged, ${refused} refused while down (${retried} sent again), epochs ${[...new Set(epochs)].join(', ')}, owner after: ${owner.name}`);
  }, 180_000);

  it('replaces an owner cut off from PostgreSQL while its process lives: it stops acting as owner before another node takes over, and once the link is back writes nothing under its old generation', async () => {
    const url = await freshDatabase({ empty: true });
    const link = await cuttableLink(url);
    try {
      // node-a, the owner, reaches the database through the link; the others directly.
      const first = await startNode('node-a', link.url, 6);
      const nodes = [first, ...(await Promise.all(['node-b', 'node-c'].map((name) => startNode(name, url, 6))))];
      expect(await ownedBy(first)).toEqual(['demo']);
      const play = await Play.open(nodes, 2, nodes[1]!);
      expect(await play.send(play.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
      play.startLoad(22);
      // A tablet on node-a that will act once the link is cut (connected now: signing in needs the database).
      const probe = new LogMirror(first.process.joinCode);
      await probe.open(first.url);
      await pause(1_000);

      // Who says it owns the demo, sampled on every node at once until another node does.
      const samples: string[][] = [];
      link.cut();
      let successor: Node | undefined;
      while (!successor) {
        const owners = await Promise.all(nodes.map(async (node) => ((await ownedBy(node)).includes('demo') ? [node] : [])));
        samples.push(owners.flat().map((node) => node.name));
        successor = owners.flat().find((node) => node !== first);
        await pause(50);
      }
      // The tablet on the cut node acts now: its request waits for the link, then goes to the new owner or is refused by the fence.
      const probed = play.send(probe, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 3.3, vehicle_held: false }, idempotencyKey: 'sent-to-the-cut-owner' });
      await pause(1_000);
      link.heal();
      const probeResult = await probed;
      if (!probeResult?.ok) expect(probeResult).toEqual({ ok: false, error: { code: 'OWNER_UNAVAILABLE', message: 'Another server has taken this exercise over; this was not recorded. Try again.' } });
      probe.close();
      await eventually(async () => (await ownedBy(first)).length === 0 && (await text(first, '/api/health/ready')).status === 200, 'the cut node following the new owner', 15_000);
      await pause(800);
      await play.stopLoad();
      await play.end();

      // Never two owners at once: the cut node stopped before the new owner started.
      expect(samples.filter((owners) => owners.length > 1)).toEqual([]);
      expect(samples.findIndex((owners) => owners.length === 0)).toBeGreaterThanOrEqual(0);
      expect(samples.at(-1)).toEqual([successor.name]);
      const { epochs, acknowledged } = await play.check(url, ['OWNER_UNAVAILABLE']);
      expect(acknowledged).toBeGreaterThan(20);
      expect(new Set(epochs)).toEqual(new Set([1, 2]));
      if (probeResult?.ok) expect(epochs[probeResult.seq - 1]).toBe(2);
      expect((await text(successor, '/metrics')).body).toContain('startex_owner_changes_total{change="taken"} 1');
      const fenced = /startex_fenced_appends_total (\d+)/.exec((await text(first, '/metrics')).body)![1];
      console.log(`owner cut off: ${successor.name} took over after ${samples.length} samples (${samples.filter((o) => o.length === 0).length} with no owner); ${acknowledged} acknowledged; probe ${probeResult?.ok ? 'forwarded' : 'fenced'}; ${fenced} appends of the cut node fenced`);
    } finally {
      await link.close();
    }
  }, 120_000);
});
