import WebSocket from 'ws';
import { serveWorker } from '../workerProcess.ts';

/** Plain `ws` clients for the raw broadcast baseline: they parse each message and note its arrival. */

const sockets: WebSocket[] = [];
let receipts = new Map<string, number[]>();

function open(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => {
      sockets.push(socket);
      resolve();
    });
    socket.on('error', reject);
    socket.on('message', (data) => {
      const at = Date.now();
      const entry = JSON.parse(data.toString()) as { inject: { id: string } };
      let list = receipts.get(entry.inject.id);
      if (!list) receipts.set(entry.inject.id, (list = []));
      list.push(at);
    });
  });
}

const handlers = {
  async connect(args: { url: string; count: number; concurrency?: number }) {
    const concurrency = args.concurrency ?? 25;
    for (let i = 0; i < args.count; i += concurrency) {
      await Promise.all(Array.from({ length: Math.min(concurrency, args.count - i) }, () => open(args.url)));
    }
    return { devices: sockets.length };
  },
  takeReceipts() {
    const taken = Object.fromEntries(receipts);
    receipts = new Map();
    return taken;
  },
  receiptCounts() {
    return Object.fromEntries([...receipts].map(([id, list]) => [id, list.length]));
  },
  closeAll() {
    for (const socket of sockets.splice(0)) socket.close();
  },
};

export type RawClientHandlers = typeof handlers;
serveWorker(handlers);
