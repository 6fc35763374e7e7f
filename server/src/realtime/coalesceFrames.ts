import type { Socket as TcpSocket } from 'node:net';
import type { Socket } from 'socket.io';

/**
 * One system call per flush instead of one per message. engine.io hands a connection's queued
 * packets (those that arrived while its previous write was in flight: a group commit's log
 * entries and acknowledgements) to ws in one go, but ws writes each frame on its own, and each
 * write to a TCP socket is a `writev` (the largest single cost of the server in the ingest
 * profile). Holding the TCP socket corked for the duration of that flush sends them together.
 */
export function coalesceFrames(socket: Socket): void {
  const connection = socket.conn;
  let corked: TcpSocket | undefined;
  connection.on('flush', () => {
    corked = tcpSocketOf(connection.transport);
    corked?.cork();
  });
  // engine.io emits "drain" right after it handed the flushed packets to the transport.
  connection.on('drain', () => {
    corked?.uncork();
    corked = undefined;
  });
}

/** The TCP socket under a websocket transport (ws keeps it as `_socket`); none for long-polling. */
function tcpSocketOf(transport: unknown): TcpSocket | undefined {
  const tcp = (transport as { socket?: { _socket?: TcpSocket } }).socket?._socket;
  return typeof tcp?.cork === 'function' ? tcp : undefined;
}
