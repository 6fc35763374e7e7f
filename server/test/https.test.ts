import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX, PROTOCOL_VERSION, type FeedServerMessage } from '@startex/shared';
import { startServerProcess, type ServerProcess } from './e2e/serverProcess.ts';

const work = mkdtempSync(join(tmpdir(), 'startex-tls-'));
const certFile = join(work, 'cert.pem');
const keyFile = join(work, 'key.pem');
let cert: Buffer;
let server: ServerProcess;
let base: string;

/** An HTTPS request that trusts only the test's own certificate. */
function https(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${base}${path}`, { method, ca: cert, headers: payload ? { 'content-type': 'application/json' } : {} }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

beforeAll(async () => {
  // A self-signed certificate for the loopback address, made by Debian's openssl as a person would.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  cert = readFileSync(certFile);
  server = await startServerProcess({ env: { STARTEX_TLS_CERT: certFile, STARTEX_TLS_KEY: keyFile } });
  base = new URL(server.consoleUrl).origin;
});
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('HTTPS without a proxy (STARTEX_TLS_CERT, STARTEX_TLS_KEY)', () => {
  it('prints https addresses and answers the API over TLS, with Secure session cookies', async () => {
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.tabletUrl.startsWith(`${base}/tablet#code=`)).toBe(true);
    expect(await https('GET', '/api/health')).toMatchObject({ status: 200, text: '{"ok":true}' });
    const login = await https('POST', '/api/auth/login', { username: server.director.username, password: server.director.password });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/startex_session=[^;]+;.*; Secure/);
  });

  it('lets a tablet join over socket.io on wss and a wall display read the log feed over wss', async () => {
    const tablet = io(base, { ca: cert.toString(), transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocolVersion: PROTOCOL_VERSION, joinCode: server.joinCode } });
    try {
      await new Promise<void>((resolve, reject) => {
        tablet.once('connect', resolve);
        tablet.once('connect_error', reject);
      });
      expect(tablet.io.engine.transport.name).toBe('websocket');
    } finally {
      tablet.disconnect();
    }

    const feed = new WebSocket(`${base.replace('https:', 'wss:')}/api/exercises/demo/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${server.joinCode}`], { ca: cert });
    try {
      const first = await new Promise<FeedServerMessage>((resolve, reject) => {
        feed.once('open', () => feed.send(JSON.stringify({ type: 'hello', afterSeq: 0 })));
        feed.once('message', (data) => resolve(JSON.parse(String(data)) as FeedServerMessage));
        feed.once('error', reject);
      });
      expect(first).toMatchObject({ type: 'entry', entry: { exerciseId: 'demo', seq: 1 } });
    } finally {
      feed.close();
    }
  });

  it('refuses to start with only one of the two files', () => {
    let output = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: join(import.meta.dirname, '..'), env: { ...process.env, STARTEX_TLS_CERT: certFile, STARTEX_TLS_KEY: '', PORT: '0', STARTEX_DATA_DIR: join(work, 'refused') }, stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stderr: Buffer }).stderr);
    }
    expect(output.trim()).toBe('Set both STARTEX_TLS_CERT and STARTEX_TLS_KEY (the certificate and its key, PEM files), or neither.');
  });
});
