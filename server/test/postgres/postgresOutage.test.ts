import { afterAll, describe, expect, it } from 'vitest';
import type { CommitResult, ErrorCode, LogEntry } from '@startex/shared';
import { callOrLost, LogMirror, loginAt, until } from '../harness.ts';
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
/** A node cut off from the database refuses an input it could send nowhere. */
const CUT_OFF = 'This server cannot reach the database just now; this was not recorded. Try again in a moment.';

let postgres: PostgresCluster | undefined;
afterAll(async () => {
  await stopNodes();
  await postgres?.stop();
});

/**
 * The answers of requests made while a link is cut, and how long each took (reported, not asserted),
 * each named 'unanswered' if it still has none long after the node should have given up (the link
 * stays cut until every one is answered).
 */
async function whileCut(requests: Promise<unknown>[]): Promise<{ answers: unknown[]; ms: number[] }> {
  const sentAt = Date.now();
  const ms: number[] = [];
  const unanswered = pause(30_000).then(() => 'unanswered');
  const answers = await Promise.all(requests.map((request, i) => Promise.race([request.finally(() => (ms[i] = Date.now() - sentAt)), unanswered])));
  return { answers, ms };
}

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
    const ownerBefore = await ownerAmong(nodes);

    // A fast shutdown, as `systemctl restart postgresql` does: sessions are ended, the server is gone for a while.
    await cluster.stopServer('fast');
    // Every node notices (its ownership connection ended) and says it is not ready.
    for (const node of nodes) await eventually(async () => (await text(node, '/api/health/ready')).status === 503, `${node.name} not ready`);
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
    // A node that does not own the exercise sends nothing to an owner it cannot reach: refused at once, saying it was not recorded
    // (it used to wait out the 8 s forwarding timeout and answer that the owner did not answer).
    const followers = nodes.flatMap((node, i) => (node === ownerBefore ? [] : [probes[i]]));
    expect(followers).toEqual(followers.map(() => ({ ok: false, error: { code: 'DATABASE_UNAVAILABLE', message: CUT_OFF } })));

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

  it('answers every request on a node cut off from PostgreSQL with a catalogue error while it is cut off, records none of them, and follows the new owner once the link is back', async () => {
    const url = await freshDatabase({ empty: true });
    const link = await cuttableLink(url);
    try {
      // node-a, the owner, reaches the database through the link; node-b directly.
      const cut = await startNode('node-a', link.url, 6);
      const other = await startNode('node-b', url, 6);
      expect(await ownedBy(cut)).toEqual(['demo']);
      const { username, password } = cut.process.director;
      const director = await loginAt(other.url, username, password!, 'demo');
      // Connected to node-a before the cut (connecting needs the database): a tablet and the director's console.
      const tablet = new LogMirror(cut.process.joinCode);
      const console_ = new LogMirror(director);
      await Promise.all([tablet.open(cut.url), console_.open(cut.url)]);
      expect(await callOrLost(console_.socket!, 'command', { type: 'start' })).toMatchObject({ ok: true });

      link.cut();
      const cutAt = Date.now();
      await eventually(async () => (await ownedBy(other)).includes('demo'), 'node-b taking the demo over', 20_000);
      // node-a knows it is cut off once its lease ran out and a new ownership connection could not be opened within a lease.
      await eventually(async () => (await text(cut, '/api/health/ready')).status === 503, 'node-a saying it is not ready', 20_000);
      const sentAfterMs = Date.now() - cutAt;
      // Every kind of request on the cut node, answered while the link is still cut (it used to wait for the link, or answer INTERNAL).
      const headers = { cookie: director.cookie, 'x-csrf-token': director.csrfToken };
      const http = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(`${cut.url}${path}`, init);
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const { answers, ms } = await whileCut([
        callOrLost(tablet.socket!, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 4.4, vehicle_held: true }, idempotencyKey: 'while-cut-off' }),
        callOrLost(console_.socket!, 'command', { type: 'broadcast', text: 'Sent while cut off' }),
        callOrLost(tablet.socket!, 'sync', { afterSeq: 0 }),
        http('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }),
        http('/api/exercises/demo/log', { headers }),
        http('/api/health/ready'),
      ]);
      const [action, command, sync, login, log, ready] = answers;
      const socketCodes = [action, command, sync].map((answer) => (answer as { error?: { code: string } }).error?.code ?? answer);
      const restCodes = [login, log].map((answer) => (answer as { body?: { code: string } }).body?.code ?? answer);
      console.log(`node cut off: answered ${socketCodes.join(', ')} on sockets, ${restCodes.join(', ')} on REST, ${ms.join(', ')} ms after they were sent, ${sentAfterMs} ms after the cut`);
      for (const code of [...socketCodes, ...restCodes]) expect(UNANSWERED).toContain(code);
      expect([login, log].map((answer) => (answer as { status: number }).status)).toEqual([503, 503]);
      expect(ready).toEqual({ status: 503, body: { ready: false, checks: { migrated: true, fanOut: false, ownership: false } } });
      expect(await ownedBy(cut)).toEqual([]);

      link.heal();
      await eventually(async () => (await text(cut, '/api/health/ready')).status === 200, 'the cut node ready again', 20_000);
      // Back, the same tablet acts through node-a again: forwarded to the new owner.
      await eventually(async () => (await callOrLost(tablet.socket!, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 5.5, vehicle_held: true }, idempotencyKey: 'after-the-link' }))?.ok === true, 'an action through node-a acknowledged', 20_000);
      const { log: stored } = await storedLog(url);
      const keys = stored.flatMap((e) => (e.type === 'action.taken' ? [e.idempotencyKey] : []));
      expect(keys).toEqual(['after-the-link']);
      expect(stored.filter((e) => e.type === 'message.sent' && e.text === 'Sent while cut off')).toEqual([]);
      tablet.close();
      console_.close();
    } finally {
      await link.close();
    }
  }, 120_000);

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
      // The tablet on the cut node acts now: refused while the node cannot reach the database, or (the link back in time) sent to
      // the new owner, or refused by the fence.
      const probed = play.send(probe, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 3.3, vehicle_held: false }, idempotencyKey: 'sent-to-the-cut-owner' });
      await pause(1_000);
      link.heal();
      const probeResult = await probed;
      if (!probeResult?.ok && probeResult?.error.code !== 'DATABASE_UNAVAILABLE') {
        expect(probeResult).toEqual({ ok: false, error: { code: 'OWNER_UNAVAILABLE', message: 'Another server has taken this exercise over; this was not recorded. Try again.' } });
      }
      probe.close();
      await eventually(async () => (await ownedBy(first)).length === 0 && (await text(first, '/api/health/ready')).status === 200, 'the cut node following the new owner', 15_000);
      await pause(800);
      await play.stopLoad();
      await play.end();

      // Never two owners at once: the cut node stopped before the new owner started.
      expect(samples.filter((owners) => owners.length > 1)).toEqual([]);
      expect(samples.findIndex((owners) => owners.length === 0)).toBeGreaterThanOrEqual(0);
      expect(samples.at(-1)).toEqual([successor.name]);
      // The cut node's tablets were refused while it could not reach the database, and none of those was written.
      const { epochs, acknowledged } = await play.check(url, UNANSWERED);
      expect(acknowledged).toBeGreaterThan(20);
      expect(new Set(epochs)).toEqual(new Set([1, 2]));
      if (probeResult?.ok) expect(epochs[probeResult.seq - 1]).toBe(2);
      expect((await text(successor, '/metrics')).body).toContain('startex_owner_changes_total{change="taken"} 1');
      const fenced = /startex_fenced_appends_total (\d+)/.exec((await text(first, '/metrics')).body)![1];
      console.log(`owner cut off: ${successor.name} took over after ${samples.length} samples (${samples.filter((o) => o.length === 0).length} with no owner); ${acknowledged} acknowledged; probe ${probeResult?.ok ? 'forwarded' : probeResult?.error.code}; ${fenced} appends of the cut node fenced`);
    } finally {
      await link.close();
    }
  }, 120_000);
});
