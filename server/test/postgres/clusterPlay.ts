import pg from 'pg';
import { expect } from 'vitest';
import type { ClientToServerEvents, CommitResult, ErrorCode, LogEntry, Viewer } from '@startex/shared';
import { canSee } from '@startex/scenarios/engine';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { callOrLost, LogMirror, loginAt, seededRandom, until } from '../harness.ts';
import { ownedBy, startNode, type Node } from './nodes.ts';

/** The demo played by clients spread over the nodes of a test cluster, and what to check afterwards (severalNodes.test.ts and the outage tests). */

const TEAM: Viewer = { role: 'participant', teamId: 'customs' };
const DIRECTOR: Viewer = { role: 'director' };
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Committed = Exclude<keyof ClientToServerEvents, 'sync'>;

/** One request a client made, and what it heard back: nothing if its node died first. */
interface Sent {
  event: Committed;
  payload: Record<string, unknown>;
  result?: CommitResult | undefined;
}

interface Tablet {
  mirror: LogMirror;
  node: Node;
}

/** The demo played on several nodes: a director, tablets spread over the nodes, and every request they make. */
export class Play {
  readonly sent: Sent[] = [];
  private counter = 0;
  private playing = true;
  private workers: Promise<void>[] = [];

  private constructor(
    readonly director: LogMirror,
    private directorNode: Node,
    readonly tablets: Tablet[],
  ) {}

  static async open(nodes: Node[], tabletsPerNode: number, directorNode: Node): Promise<Play> {
    const { username, password, joinCode } = { ...nodes[0]!.process.director, joinCode: nodes[0]!.process.joinCode };
    const director = new LogMirror(await loginAt(directorNode.url, username, password!, 'demo'));
    const tablets = nodes.flatMap((node) => Array.from({ length: tabletsPerNode }, () => ({ mirror: new LogMirror(joinCode), node })));
    await director.open(directorNode.url);
    await Promise.all(tablets.map(({ mirror, node }) => mirror.open(node.url)));
    return new Play(director, directorNode, tablets);
  }

  get mirrors(): [LogMirror, Viewer][] {
    return [[this.director, DIRECTOR], ...this.tablets.map((t) => [t.mirror, TEAM] as [LogMirror, Viewer])];
  }

  async send(mirror: LogMirror, event: Committed, payload: Record<string, unknown>): Promise<CommitResult | undefined> {
    const request: Sent = { event, payload };
    this.sent.push(request);
    request.result = mirror.socket ? await callOrLost(mirror.socket, event, payload) : undefined;
    return request.result;
  }

  /** Every tablet (or every nth) sends actions and messages, each with its key, until stopped. */
  startLoad(seed: number, options: { everyNth?: number } = {}): void {
    const random = seededRandom(seed);
    // With many tablets, every nth acts (spread over the nodes alike) and the others only receive.
    const every = options.everyNth ?? 1;
    this.workers = this.tablets.map(async ({ mirror }, i) => {
      if (i % every !== 0) return;
      // A tablet stops acting at EndEx (on a slow machine the demo may reach it by itself first).
      while (this.playing && !mirror.entries.some((e) => e.type === 'exercise.ended')) {
        const n = ++this.counter;
        if (n % 2 === 0) {
          await this.send(mirror, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: n / 10, vehicle_held: n % 3 === 0 }, idempotencyKey: `tablet${i}-action-${n}` });
        } else {
          await this.send(mirror, 'message.send', { to: { teams: [], organisations: ['supervisor'] }, text: `Tablet ${i}, message ${n}`, idempotencyKey: `tablet${i}-message-${n}` });
        }
        await pause(20 + random.int(30));
      }
    });
  }

  async stopLoad(): Promise<void> {
    this.playing = false;
    await Promise.all(this.workers);
  }

  /** The clients of a node that went away reconnect to the others (as the proxy sends them) and resync by seq. */
  async moveClients(from: Node, to: Node[]): Promise<void> {
    if (this.directorNode === from) {
      this.directorNode = to[0]!;
      await this.director.open(this.directorNode.url);
    }
    await Promise.all(
      this.tablets.map(async (tablet, i) => {
        if (tablet.node !== from) return;
        tablet.node = to[i % to.length]!;
        await tablet.mirror.open(tablet.node.url);
      }),
    );
  }

  /** Clients whose connection dropped (their node died) open a new one at `url` and resync by seq. */
  async reconnectDropped(url: string): Promise<number> {
    const dropped = this.mirrors.map(([mirror]) => mirror).filter((mirror) => !mirror.connected);
    await Promise.all(dropped.map((mirror) => mirror.open(url)));
    return dropped.length;
  }

  /**
   * Sends again, from a connected tablet, every keyed request refused with one of `codes` (whose
   * answer leaves open whether it was written), as the tablet's offline queue does: each must be
   * acknowledged now, at the seq of its first write if there was one.
   */
  async retryRefused(codes: ErrorCode[]): Promise<number> {
    const unknown = this.sent.filter((s) => s.result && !s.result.ok && codes.includes(s.result.error.code) && s.payload.idempotencyKey !== undefined);
    const tablet = this.tablets.find((t) => t.mirror.connected)!;
    for (const request of unknown) expect(await this.send(tablet.mirror, request.event, request.payload)).toMatchObject({ ok: true });
    return unknown.length;
  }

  /** EndEx (unless the scenario reached it already), seen by every client. */
  async end(): Promise<void> {
    const ended = () => this.director.entries.some((e) => e.type === 'exercise.ended');
    const result = await this.send(this.director, 'command', { type: 'end' });
    if (!result?.ok) expect({ result, ended: ended() }).toMatchObject({ result: { error: { code: 'ILLEGAL_TRANSITION' } }, ended: true });
    for (const [mirror] of this.mirrors) await until(() => mirror.entries.some((e) => e.type === 'exercise.ended'), 'EndEx on every client', 15_000);
    for (const [mirror] of this.mirrors) mirror.close();
  }

  /**
   * The stored log against what the clients were told: gapless, the generation never going back,
   * every acknowledged request at its seq, each key once, every client with exactly its viewer's log.
   */
  async check(url: string, refusable: ErrorCode[] = [], outcomeUnknown: ErrorCode[] = []): Promise<{ log: LogEntry[]; epochs: number[]; acknowledged: number; lost: number; refused: number }> {
    const { log, epochs } = await storedLog(url);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    const acknowledged = this.sent.filter((s) => s.result?.ok);
    for (const request of acknowledged) {
      const entry = log[(request.result as { seq: number }).seq - 1]!;
      if (request.event === 'action.take' || request.event === 'message.send') expect(entry).toMatchObject({ idempotencyKey: request.payload.idempotencyKey });
    }
    // Requests in flight at a node's death are answered or lost, refused only with the codes expected (and then not logged).
    // The scenario may end by itself: inputs that cross its EndEx are refused as not live.
    const endedByScenario = log.some((e) => e.type === 'exercise.ended' && e.actor.kind === 'system');
    const refused = this.sent.filter(
      (s) => s.result && !s.result.ok && !(s.event === 'command' && s.payload.type === 'end') && !(endedByScenario && s.result.error.code === 'EXERCISE_NOT_LIVE'),
    );
    expect(refused.filter((s) => !s.result!.ok && !refusable.includes(s.result!.error.code)).map((s) => s.result)).toEqual([]);
    const keys = log.flatMap((e) => ((e.type === 'action.taken' || e.type === 'message.sent') && e.idempotencyKey ? [e.idempotencyKey] : []));
    expect(new Set(keys).size).toBe(keys.length);
    // A refusal whose outcome the answer leaves open (the owner or the database did not answer in time) may have been written: once, as the keys show.
    expect(refused.filter((s) => !outcomeUnknown.includes(s.result!.ok ? 'INTERNAL' : s.result!.error.code) && keys.includes(s.payload.idempotencyKey as string))).toEqual([]);
    for (const [mirror, viewer] of this.mirrors) {
      expect(mirror.conflicts).toEqual([]);
      expect(mirror.entries).toEqual(log.filter((e) => canSee(viewer, e)));
    }
    return { log, epochs, acknowledged: acknowledged.length, lost: this.sent.filter((s) => !s.result).length, refused: refused.length };
  }
}

/** The log as stored, with the owner generation of each entry. */
export async function storedLog(url: string): Promise<{ log: LogEntry[]; epochs: number[] }> {
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
export async function ownerAmong(nodes: Node[], timeoutMs = 10_000): Promise<Node> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const node of nodes) if ((await ownedBy(node)).includes('demo')) return node;
    if (Date.now() > deadline) {
      const said = nodes.map((n) => `--- ${n.name} said:\n${n.process.output().split('\n').slice(-15).join('\n')}`).join('\n');
      throw new Error(`None of ${nodes.map((n) => n.name).join(', ')} took the demo over\n${said}`);
    }
    await pause(50);
  }
}

export async function startCluster(names: string[], url: string, speed: number): Promise<Node[]> {
  const first = await startNode(names[0]!, url, speed);
  return [first, ...(await Promise.all(names.slice(1).map((name) => startNode(name, url, speed))))];
}

export async function text(node: Node, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${node.url}${path}`);
  return { status: response.status, body: await response.text() };
}
