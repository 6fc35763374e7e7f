import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  RECONNECTION,
  type ClientToServerEvents,
  type CommitResult,
  type ErrorDetail,
  type ExerciseView,
  type LogEntry,
  type Presence,
  type ServerToClientEvents,
} from '@startex/shared';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

export interface ExerciseConnection {
  connection: ConnectionState;
  /** Why the server refused the connection, with its catalogue code. */
  refusal?: ErrorDetail | undefined;
  view?: ExerciseView | undefined;
  /** Staff only: devices connected per team, staff per role. */
  presence?: Presence | undefined;
  /** Every log entry this viewer may see, in sequence order, each once. */
  entries: LogEntry[];
  socket?: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
}

/** Merges entries by seq so a resync after a reconnect never shows anything twice. */
function merge(current: LogEntry[], incoming: LogEntry[]): LogEntry[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const entry of incoming) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Connects to an exercise with a join code or console token, resynchronises from the last
 * sequence number seen after every (re)connect, and keeps the viewer's log.
 */
/** How to reach the exercise: a join code (tablets, displays) or the signed-in person's session. */
export type ExerciseCredentials = { joinCode: string } | { exerciseId: string };

export function useExercise(credentials: ExerciseCredentials | undefined): ExerciseConnection {
  const [state, setState] = useState<ExerciseConnection>({ connection: 'connecting', entries: [] });
  const lastSeq = useRef(0);

  const key = credentials && ('joinCode' in credentials ? `code:${credentials.joinCode}` : `exercise:${credentials.exerciseId}`);
  useEffect(() => {
    if (!credentials) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      auth: { protocolVersion: PROTOCOL_VERSION, ...credentials },
      // Back within a second or two of a server restart, not after socket.io's 5 s back-off.
      ...RECONNECTION,
    });
    // The resync point only moves on what this connection's sync covered: a live entry that
    // arrives before the sync answer must not let a later resync skip what lies before it.
    let synced = false;
    const addEntries = (entries: LogEntry[], fromSync: boolean) => {
      if (fromSync || synced) for (const e of entries) lastSeq.current = Math.max(lastSeq.current, e.seq);
      setState((s) => ({ ...s, entries: merge(s.entries, entries) }));
    };
    socket.on('connect', () => {
      synced = false;
      setState((s) => ({ ...s, connection: 'online', refusal: undefined, socket }));
      socket.emit('sync', { afterSeq: lastSeq.current }, (result) => {
        if (!result.ok) return;
        setState((s) => ({ ...s, view: result.exercise }));
        addEntries(result.entries, true);
        synced = true;
      });
    });
    socket.on('disconnect', () => setState((s) => ({ ...s, connection: 'offline' })));
    socket.on('connect_error', (error) => {
      const refusal = (error as Error & { data?: ErrorDetail }).data;
      if (refusal?.code) {
        setState((s) => ({ ...s, connection: 'refused', refusal }));
        socket.disconnect();
      } else {
        setState((s) => ({ ...s, connection: 'offline' }));
      }
    });
    socket.on('refused', (refusal) => {
      setState((s) => ({ ...s, connection: 'refused', refusal }));
      socket.disconnect();
    });
    socket.on('log', (entry) => addEntries([entry], false));
    socket.on('exercise', (view) => setState((s) => ({ ...s, view })));
    socket.on('presence', (presence) => setState((s) => ({ ...s, presence })));
    setState((s) => ({ ...s, socket }));
    return () => {
      socket.disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` identifies the credentials
  }, [key]);

  return state;
}

/** An acknowledgement, or `transient` when the network (not the server) failed: worth retrying. */
export type RequestResult = CommitResult | { ok: false; error: ErrorDetail; transient: true };

/** Emits an event and resolves with its acknowledgement (or a transient failure). */
export function request<E extends Exclude<keyof ClientToServerEvents, 'sync'>>(
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<RequestResult> {
  return new Promise((resolve) => {
    if (!socket?.connected) return resolve({ ok: false, transient: true, error: { code: 'INTERNAL', message: 'Not connected.' } });
    // socket.io's typed emit cannot see through the generic event name; the payload type is checked above.
    (socket.timeout(10_000) as unknown as Socket).emit(event, payload, (err: Error | null, result: CommitResult) =>
      resolve(err ? { ok: false, transient: true, error: { code: 'INTERNAL', message: 'The server did not answer in time.' } } : result),
    );
  });
}
