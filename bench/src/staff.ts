import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type CommitResult, type ControllerCommand, type ServerToClientEvents } from '@startex/shared';

export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Signs in over HTTP (POST /api/auth/login) and returns the session cookie. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** A controller console's connection: the session cookie and the exercise in the handshake. */
export async function connectStaff(url: string, cookie: string, exerciseId: string): Promise<StaffSocket> {
  const socket: StaffSocket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, exerciseId },
    extraHeaders: { cookie },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends a controller command and waits for its acknowledgement (the entries are durable then). */
export async function command(socket: StaffSocket, cmd: ControllerCommand): Promise<number> {
  const result = await new Promise<CommitResult>((resolve) => socket.emit('command', cmd, resolve));
  if (!result.ok) throw new Error(`command ${cmd.type} refused: ${result.error.code} ${result.error.message}`);
  // The command's own entries come in the acknowledgement, not again as `log`: hand them to the log listeners, as the client does.
  for (const entry of result.entries) for (const listener of socket.listeners('log')) listener(entry);
  return result.seq;
}
