import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, RECONNECTION, type ClientToServerEvents, type CommitResult, type ServerToClientEvents, type SyncResult } from '@startex/shared';
import { reportFields } from '../documents.ts';
import { serveWorker } from '../workerProcess.ts';

/** One frame at 60 Hz: a tablet's effects run after the frame that shows what changed. */
const FRAME_MS = 16;

/**
 * Participant tablets as a load generator: socket.io clients that join with a team's code, sync
 * after every (re)connect, record when each released inject arrives, report its delivery as the
 * tablet does, and send `report` actions open-loop at a given rate.
 */

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Device {
  socket: ClientSocket;
  lastSeq: number;
  /** Wall time of the last sync answer. */
  syncedAt: number;
  /** Wall time of the last (re)connect, and the reconnection attempts it took. */
  connectedAt: number;
  attempts: number;
  /** Wall time the connection last dropped (0: never). */
  droppedAt: number;
  clock: { running: boolean; exerciseTimeMs: number; atWallTime: number } | undefined;
  status: string | undefined;
  /** Injects whose delivery to this device's team is in the log. */
  delivered: Set<string>;
}

const devices: Device[] = [];
/** Inject id -> wall times at which devices received its release. */
let receipts = new Map<string, number[]>();
/** Inject id -> wall time of its release entry (when the server made it, before the commit). */
const madeAt = new Map<string, number>();
let reportDelivery = true;

/** `tablet`: the real client's back-off (RECONNECTION, as client/src/lib/useExercise.ts); `default`: socket.io's own. */
export type Backoff = 'tablet' | 'default';

function open(url: string, joinCode: string, reconnection: boolean, backoff: Backoff = 'tablet'): Promise<Device> {
  const socket: ClientSocket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, joinCode },
    transports: ['websocket'],
    reconnection,
    ...(backoff === 'tablet' ? RECONNECTION : {}),
    forceNew: true,
    timeout: 60_000,
  });
  const device: Device = { socket, lastSeq: 0, syncedAt: 0, connectedAt: 0, attempts: 0, droppedAt: 0, clock: undefined, status: undefined, delivered: new Set() };
  socket.io.on('reconnect_attempt', (attempt) => (device.attempts = attempt));
  socket.on('disconnect', () => (device.droppedAt = Date.now()));
  return new Promise((resolve, reject) => {
    socket.on('connect', () => {
      device.connectedAt = Date.now();
      socket.emit('sync', { afterSeq: device.lastSeq }, (result: SyncResult) => {
        if (!result.ok) return reject(new Error(`sync refused: ${result.error.code}`));
        device.syncedAt = Date.now();
        device.status = result.exercise.status;
        device.clock = result.exercise.clock;
        for (const entry of result.entries) device.lastSeq = Math.max(device.lastSeq, entry.seq);
        resolve(device);
      });
    });
    socket.on('connect_error', (error) => {
      if (!reconnection) reject(error);
    });
    socket.on('log', (entry) => {
      device.lastSeq = Math.max(device.lastSeq, entry.seq);
      if (entry.type === 'inject.delivered') device.delivered.add(entry.injectId);
      if (entry.type !== 'inject.released') return;
      const at = Date.now();
      madeAt.set(entry.inject.id, entry.wallTime);
      let list = receipts.get(entry.inject.id);
      if (!list) receipts.set(entry.inject.id, (list = []));
      list.push(at);
      // As the tablet: report the delivery after the inject is shown, unless this team's delivery is in
      // the log by then. The tablet reports from an effect, which React runs after the frame that shows
      // the inject is painted: one frame (16 ms at 60 Hz) is the soonest a real tablet reports.
      if (reportDelivery && !device.delivered.has(entry.inject.id)) {
        setTimeout(() => {
          if (!device.delivered.has(entry.inject.id)) socket.emit('inject.delivered', { injectId: entry.inject.id }, () => {});
        }, FRAME_MS);
      }
    });
    socket.on('exercise', (view) => {
      device.status = view.status;
      device.clock = view.clock;
    });
  });
}

/** Growable sample of numbers, cheap to send over IPC. */
class Samples {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export interface LoadResult {
  target: number;
  sent: number;
  ok: number;
  refused: Record<string, number>;
  /** Sent but not acknowledged within the drain time. */
  lost: number;
  elapsedMs: number;
  /** Acknowledgement latency (ms) of every accepted action. */
  latencies: Float64Array;
  keys: string[];
  seqs: Int32Array;
}

let background: { stop: boolean; done: Promise<LoadResult> } | undefined;

/**
 * Sends `report` actions open-loop at `ratePerSec` for `durationMs` (or until stopped),
 * round-robin over the connected devices, and waits for the acknowledgements.
 */
async function load(options: { ratePerSec: number; durationMs: number; keyPrefix: string; drainMs?: number; record?: boolean }, stopped: () => boolean = () => false): Promise<LoadResult> {
  const latencies = new Samples();
  const keys: string[] = [];
  const seqs: number[] = [];
  const refused: Record<string, number> = {};
  let sent = 0;
  let answered = 0;
  let ok = 0;
  let next = 0;
  const start = performance.now();
  for (;;) {
    const elapsed = performance.now() - start;
    if (elapsed >= options.durationMs || stopped()) break;
    const due = Math.floor((elapsed * options.ratePerSec) / 1000);
    while (sent < due) {
      const device = devices[next++ % devices.length]!;
      if (!device.socket.connected) {
        // A device that is offline skips its turn; the next one takes it.
        if (devices.every((d) => !d.socket.connected)) break;
        continue;
      }
      const n = sent++;
      const key = `${options.keyPrefix}-${n}`;
      const t0 = performance.now();
      device.socket.emit('action.take', { actionId: 'report', fields: reportFields(n), idempotencyKey: key }, (result: CommitResult) => {
        answered++;
        if (result.ok) {
          ok++;
          latencies.push(performance.now() - t0);
          if (options.record !== false) {
            keys.push(key);
            seqs.push(result.seq);
          }
        } else {
          refused[result.error.code] = (refused[result.error.code] ?? 0) + 1;
        }
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const elapsedMs = performance.now() - start;
  const drainUntil = performance.now() + (options.drainMs ?? 10_000);
  while (answered < sent && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 5));
  return { target: options.ratePerSec, sent, ok, refused, lost: sent - answered, elapsedMs, latencies: latencies.toArray(), keys, seqs: Int32Array.from(seqs) };
}

const handlers = {
  /** Opens `count` more devices, spread over `codes` (one per team), `concurrency` at a time. */
  async connect(args: { url: string; codes: string[]; count: number; reconnection?: boolean; backoff?: Backoff; reportDelivery?: boolean; concurrency?: number }) {
    reportDelivery = args.reportDelivery ?? true;
    const concurrency = args.concurrency ?? 25;
    for (let i = 0; i < args.count; i += concurrency) {
      const batch = [];
      for (let j = i; j < Math.min(args.count, i + concurrency); j++) {
        batch.push(open(args.url, args.codes[(devices.length + j - i) % args.codes.length]!, args.reconnection ?? false, args.backoff));
      }
      devices.push(...(await Promise.all(batch)));
    }
    return { devices: devices.length };
  },
  /** The receipts recorded since the last call. */
  takeReceipts() {
    const taken = Object.fromEntries(receipts);
    receipts = new Map();
    return taken;
  },
  /** When the server made each release entry seen so far. */
  madeAt: () => Object.fromEntries(madeAt),
  /** How many devices received each inject so far (without taking the receipts). */
  receiptCounts() {
    return Object.fromEntries([...receipts].map(([id, list]) => [id, list.length]));
  },
  load: (args: { ratePerSec: number; durationMs: number; keyPrefix: string; drainMs?: number }) => load(args),
  startBackground(args: { ratePerSec: number; keyPrefix: string }) {
    const state = { stop: false, done: undefined as unknown as Promise<LoadResult> };
    state.done = load({ ...args, durationMs: Infinity, drainMs: 5_000, record: false }, () => state.stop);
    background = state;
  },
  async stopBackground() {
    if (!background) throw new Error('no background load');
    background.stop = true;
    const { keys: _k, seqs: _s, ...result } = await background.done;
    background = undefined;
    return result;
  },
  /**
   * Devices whose latest sync answered after `since`, and the clock of the latest one; for each of
   * them, when it connected again (ms after `since`), how long its sync took to answer after that,
   * and how many reconnection attempts it made.
   */
  syncStatus(args: { since: number }) {
    const synced = devices.filter((d) => d.syncedAt >= args.since);
    const latest = synced.reduce<Device | undefined>((a, d) => (!a || d.syncedAt > a.syncedAt ? d : a), undefined);
    return {
      devices: devices.length,
      synced: synced.length,
      connectedMs: synced.map((d) => d.connectedAt - args.since),
      syncAnsweredMs: synced.map((d) => d.syncedAt - d.connectedAt),
      attempts: synced.map((d) => d.attempts),
      lastSyncAt: latest?.syncedAt ?? null,
      clock: latest?.clock ?? null,
      status: latest?.status ?? null,
      connected: devices.filter((d) => d.socket.connected).length,
      /** Devices whose connection dropped after `since`, and of them those connected and synced again since (several nodes: the clients of a killed node). */
      dropped: devices.filter((d) => d.droppedAt >= args.since).length,
      resyncedAfterDrop: devices.filter((d) => d.droppedAt >= args.since && d.socket.connected && d.syncedAt > d.droppedAt).length,
    };
  },
  closeAll() {
    for (const device of devices.splice(0)) device.socket.disconnect();
  },
};

export type ParticipantHandlers = typeof handlers;
serveWorker(handlers);
