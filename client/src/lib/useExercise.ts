import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  clientFrameBytes,
  frameTooLargeMessage,
  MAX_CLIENT_FRAME_BYTES,
  PROTOCOL_VERSION,
  RECONNECTION,
  TRANSPORTS,
  withoutBidiControls,
  withTypedTextCleaned,
  type ClientToServerEvents,
  type CommitResult,
  type ErrorDetail,
  type ExerciseView,
  type LogEntry,
  type Presence,
  type ServerToClientEvents,
} from '@startex/shared';
import { connected, emptyLogSync, liveEntry, syncAnswered, withViewChange, type LogSync } from '@startex/scenarios/engine';

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

/** How to reach the exercise: a join code (tablets, displays) or the signed-in person's session. */
export type ExerciseCredentials = { joinCode: string } | { exerciseId: string };

/**
 * Connects to an exercise with a join code or the signed-in person's session, resynchronises from
 * the last sequence number seen after every (re)connect (the engine's logSync.ts), and keeps the viewer's log.
 */
export function useExercise(credentials: ExerciseCredentials | undefined): ExerciseConnection {
  const [state, setState] = useState<ExerciseConnection>({ connection: 'connecting', entries: [] });
  // Read by the connect handler as it sends the sync, so kept in a ref; the entries are mirrored into state.
  const log = useRef<LogSync>(emptyLogSync);

  const key = credentials && ('joinCode' in credentials ? `code:${credentials.joinCode}` : `exercise:${credentials.exerciseId}`);
  useEffect(() => {
    if (!credentials) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      auth: { protocolVersion: PROTOCOL_VERSION, ...credentials },
      // Back within a second or two of a server restart, not after socket.io's 5 s back-off.
      ...RECONNECTION,
      ...TRANSPORTS,
    });
    const update = (next: LogSync) => {
      log.current = next;
      setState((s) => ({ ...s, entries: next.entries }));
    };
    socket.on('connect', () => {
      log.current = connected(log.current);
      setState((s) => ({ ...s, connection: 'online', refusal: undefined, socket }));
      socket.emit('sync', { afterSeq: log.current.lastSeq }, (answer) => {
        if (!answer.ok) return;
        const result = withoutBidiControls(answer);
        setState((s) => ({ ...s, view: result.exercise }));
        update(syncAnswered(log.current, result.entries));
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
    // What is shown comes without text-direction controls (shared/src/text.ts), whatever the log holds.
    socket.on('log', (entry) => update(liveEntry(log.current, withoutBidiControls(entry))));
    // A change to the view of the sync, which alone carries the static parts (the scenario document, up to 1 MiB).
    socket.on('exercise', (change) => setState((s) => ({ ...s, view: s.view && withViewChange(s.view, withoutBidiControls(change)) })));
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

/**
 * Emits an event and resolves with its acknowledgement (or a transient failure). What people typed
 * goes without text-direction and control characters, which the server refuses; a frame over
 * MAX_CLIENT_FRAME_BYTES is not sent but refused here (PAYLOAD_TOO_LARGE, not transient: the
 * outbox shows it and stops), since socket.io would cut the connection over it. The entries an
 * acknowledgement carries are the sender's own, which the server does not send it again as `log`:
 * they go to the socket's `log` listener (useExercise's log) first.
 */
export function request<E extends Exclude<keyof ClientToServerEvents, 'sync'>>(
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined,
  event: E,
  typed: Parameters<ClientToServerEvents[E]>[0],
): Promise<RequestResult> {
  const payload = withTypedTextCleaned(typed);
  return new Promise((resolve) => {
    const bytes = clientFrameBytes(event, [payload]);
    if (bytes > MAX_CLIENT_FRAME_BYTES) return resolve({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: frameTooLargeMessage(bytes) } });
    if (!socket?.connected) return resolve({ ok: false, transient: true, error: { code: 'INTERNAL', message: 'Not connected.' } });
    // socket.io's typed emit cannot see through the generic event name; the payload type is checked above.
    (socket.timeout(10_000) as unknown as Socket).emit(event, payload, (err: Error | null, result: CommitResult) => {
      if (err) return resolve({ ok: false, transient: true, error: { code: 'INTERNAL', message: 'The server did not answer in time.' } });
      if (result.ok) for (const entry of result.entries) for (const listener of socket.listeners('log')) listener(entry);
      resolve(result);
    });
  });
}
