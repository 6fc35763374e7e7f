import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, CommitResult, LogEntry, Viewer } from '@startex/shared';
import { canSee } from '../../src/runtime/visibility.ts';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { callOrLost, LogMirror, loginAt, seededRandom, until } from '../harness.ts';
import { freshDatabase } from './databases.ts';
import { ownedBy, startNode, stopNodes, type Node } from './nodes.ts';

afterAll(stopNodes);

const TEAM: Viewer = { role: 'participant', teamId: 'customs' };
const DIRECTOR: Viewer = { role: 'director' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Committed = Exclude<keyof ClientToServerEvents, 'sync'>;

/** One request a client made, and what it heard back: nothing if its node died first. */
interface Sent {
  event: Committed;
  payload: Record<string, unknown>;
  result?: CommitResult | undefined;
}

/** The log as stored, with the owner generation of each entry. */
async function storedLog(url: string): Promise<{ log: LogEntry[]; epochs: number[] }> {
  const store = await PostgresStore.open(url);
  const client = new pg.Client(url);
  await client.connect();
  try {
    const log = await store.readLog('demo');
    const { rows } = await client.query<{ epoch: number }>("SELECT epoch FROM log_entries WHERE exercise_id = 'demo' ORDER BY seq");
    return { log, epochs: rows.map((row) => row.epoch) };
  } finally {
    await client.end();
    await store.close();
  }
}

/** The node that owns the demo, once one says so. */
async function ownerAmong(nodes: Node[], timeoutMs = 10_000): Promise<Node> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const node of nodes) if ((await ownedBy(node)).includes('demo')) return node;
    if (Date.now() > deadline) throw new Error(`None of ${nodes.map((n) => n.name).join(', ')} took the demo over`);
    await pause(50);
  }
}

describe('three StartEx nodes on one PostgreSQL database', () => {
  it('runs the demo on one owner, takes inputs on every node, and when the owner is killed another takes over: nothing acknowledged lost, nothing twice, the timer fires once', async () => {
    const url = await freshDatabase({ empty: true });
    // Speed 30: the demo's alarm is due 4 s after StartEx, after the first owner is gone.
    const speed = 30;
    const first = await startNode('node-a', url, speed);
    const nodes = [first, ...(await Promise.all([startNode('node-b', url, speed), startNode('node-c', url, speed)]))];
    // The node that created the demo (and readied it) owns it.
    expect(await ownedBy(first)).toEqual(['demo']);
    for (const node of nodes.slice(1)) expect(await ownedBy(node)).toEqual([]);

    const { username, password } = first.process.director;
    const director = new LogMirror(await loginAt(nodes[1]!.url, username, password!, 'demo'));
    // Three tablets of the team on each node, the director on node-b.
    const tablets = nodes.flatMap((node) => Array.from({ length: 3 }, () => ({ mirror: new LogMirror(first.process.joinCode), node })));
    await director.open(nodes[1]!.url);
    await Promise.all(tablets.map(({ mirror, node }) => mirror.open(node.url)));

    const sent: Sent[] = [];
    const send = async (mirror: LogMirror, event: Committed, payload: Record<string, unknown>) => {
      const request: Sent = { event, payload };
      sent.push(request);
      request.result = mirror.socket ? await callOrLost(mirror.socket, event, payload) : undefined;
      return request.result;
    };
    // StartEx from node-b: forwarded to the owner, acknowledged once committed there.
    expect(await send(director, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const started = await until(() => director.entries.find((e) => e.type === 'exercise.started'), 'StartEx');

    let counter = 0;
    let playing = true;
    const random = seededRandom(18);
    const workers = tablets.map(async ({ mirror }, i) => {
      while (playing) {
        const n = ++counter;
        const action = { actionId: 'report_alarm', fields: { dose_rate_usvh: n / 10, vehicle_held: n % 2 === 0 }, idempotencyKey: `tablet${i}-action-${n}` };
        const message = { to: { teams: [], organisations: ['supervisor'] }, text: `Tablet ${i}, message ${n}`, idempotencyKey: `tablet${i}-message-${n}` };
        await (n % 2 === 0 ? send(mirror, 'action.take', action) : send(mirror, 'message.send', message));
        await pause(20 + random.int(30));
      }
    });

    await pause(1_000 + random.int(500));
    const owner = await ownerAmong(nodes);
    expect(owner).toBe(first);
    const killedAt = Date.now();
    await owner.process.stop('SIGKILL');
    const survivors = nodes.filter((node) => node !== owner);
    const successor = await ownerAmong(survivors);
    const takeoverMs = Date.now() - killedAt;
    // The dead node's tablets reconnect to the survivors (as a proxy would send them) and resync by seq.
    await Promise.all(
      tablets.map(async (tablet, i) => {
        if (tablet.node !== owner) return;
        tablet.node = survivors[i % survivors.length]!;
        await tablet.mirror.open(tablet.node.url);
      }),
    );
    const alarm = await until(() => director.entries.find((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm'), 'the alarm from the new owner', 15_000);
    expect(alarm.wallTime).toBeGreaterThan(killedAt);
    await pause(500);
    playing = false;
    await Promise.all(workers);
    expect(await send(director, 'command', { type: 'end' })).toMatchObject({ ok: true });
    const everyone = [director, ...tablets.map((t) => t.mirror)];
    for (const mirror of everyone) await until(() => mirror.entries.some((e) => e.type === 'exercise.ended'), 'EndEx on every client');
    for (const mirror of everyone) mirror.close();

    const { log, epochs } = await storedLog(url);
    // Gapless; the generation only goes up along the log, and went up once at the takeover.
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(new Set(epochs.slice(started.seq - 1)).size).toBe(2);
    // Every acknowledged request is in the log at the seq it was acknowledged with.
    const acknowledged = sent.filter((s) => s.result?.ok);
    expect(acknowledged.length).toBeGreaterThan(50);
    for (const request of acknowledged) {
      const entry = log[(request.result as { seq: number }).seq - 1]!;
      if (request.event === 'action.take' || request.event === 'message.send') expect(entry).toMatchObject({ idempotencyKey: request.payload.idempotencyKey });
    }
    // Requests in flight at the kill are answered or lost, never refused with another error.
    expect(sent.filter((s) => s.result && !s.result.ok).map((s) => s.result)).toEqual([]);
    const keys = log.flatMap((e) => ((e.type === 'action.taken' || e.type === 'message.sent') && e.idempotencyKey ? [e.idempotencyKey] : []));
    expect(new Set(keys).size).toBe(keys.length);
    // The alarm timer fired once, by the new owner.
    expect(log.filter((e) => e.type === 'timer.fired').map((e) => e.seq)).toEqual([alarm.seq - 2]);
    // Every client ends with exactly its viewer's log, each entry once.
    for (const [mirror, viewer] of [[director, DIRECTOR], ...tablets.map((t) => [t.mirror, TEAM] as const)] as [LogMirror, Viewer][]) {
      expect(mirror.conflicts).toEqual([]);
      expect(mirror.entries).toEqual(log.filter((e) => canSee(viewer, e)));
    }
    console.log(`several nodes: ${acknowledged.length} acknowledged, ${sent.length - sent.filter((s) => s.result).length} lost in flight, successor ${successor.name} owned the demo ${takeoverMs} ms after the kill`);
  }, 120_000);
});
