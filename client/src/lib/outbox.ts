import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ErrorDetail, ServerToClientEvents } from '@startex/shared';
import { request } from './useExercise.ts';

/** What a device may queue while offline: each carries an idempotency key or is idempotent anyway. */
export type OutboxEvent = 'action.take' | 'message.send' | 'observation.record' | 'inject.acknowledge' | 'feedback.submit';

export interface OutboxItem {
  /** Idempotency key (or a local id for acknowledgements, which are idempotent on the server). */
  key: string;
  event: OutboxEvent;
  payload: Record<string, unknown>;
  createdAt: number;
  /** Pending until the server says it is committed; failed when the server refused it. */
  state: 'pending' | 'failed';
  error?: ErrorDetail;
}

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Everything a participant or evaluator submits goes through here: kept in localStorage until
 * the server acknowledges the commit, sent in order when the connection is back, so a dead zone,
 * a reload or a sleeping tablet loses nothing. A retry after a lost acknowledgement is harmless:
 * the server logs each idempotency key once.
 */
export class Outbox {
  private items: OutboxItem[];
  private readonly listeners = new Set<() => void>();
  private flushing = false;

  constructor(private readonly storageKey: string) {
    this.items = Outbox.load(storageKey);
  }

  private static load(storageKey: string): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  snapshot = (): OutboxItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private save(items: OutboxItem[]): void {
    this.items = items;
    localStorage.setItem(this.storageKey, JSON.stringify(items));
    for (const listener of this.listeners) listener();
  }

  add(event: OutboxEvent, payload: Record<string, unknown>, key: string): void {
    if (this.items.some((item) => item.key === key)) return;
    this.save([...this.items, { key, event, payload, createdAt: Date.now(), state: 'pending' }]);
  }

  discard(key: string): void {
    this.save(this.items.filter((item) => item.key !== key));
  }

  /** Sends pending items in order; stops at the first one the network did not carry. */
  async flush(socket: AppSocket | undefined): Promise<void> {
    if (this.flushing || !socket?.connected) return;
    this.flushing = true;
    try {
      for (const item of this.items.filter((i) => i.state === 'pending')) {
        const result = await request(socket, item.event, item.payload as never);
        if (result.ok) {
          this.save(this.items.filter((i) => i.key !== item.key));
        } else if ('transient' in result) {
          return;
        } else {
          this.save(this.items.map((i) => (i.key === item.key ? { ...i, state: 'failed' as const, error: result.error } : i)));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

const outboxes = new Map<string, Outbox>();

/** The outbox of one device in one exercise, flushed whenever the connection is up. */
export function useOutbox(storageKey: string | undefined, socket: AppSocket | undefined, online: boolean) {
  const outbox = storageKey ? (outboxes.get(storageKey) ?? outboxes.set(storageKey, new Outbox(storageKey)).get(storageKey)!) : undefined;
  const items = useSyncExternalStore(outbox?.subscribe ?? noopSubscribe, outbox?.snapshot ?? empty);
  const [, setTick] = useState(0);

  useEffect(() => {
    if (!online || !outbox) return;
    void outbox.flush(socket);
    // A send that timed out while the connection stayed up is tried again, not left waiting.
    const retry = setInterval(() => {
      if (outbox.snapshot().some((item) => item.state === 'pending')) void outbox.flush(socket);
    }, 5_000);
    return () => clearInterval(retry);
  }, [online, socket, outbox, items.length]);

  const submit = useCallback(
    (event: OutboxEvent, payload: Record<string, unknown>, key: string) => {
      outbox?.add(event, payload, key);
      void outbox?.flush(socket).then(() => setTick((t) => t + 1));
    },
    [outbox, socket],
  );
  return { items, submit, discard: (key: string) => outbox?.discard(key) };
}

const noopSubscribe = () => () => {};
const emptyItems: OutboxItem[] = [];
const empty = () => emptyItems;
