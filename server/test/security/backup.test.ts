import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { LogEntry } from '@startex/shared';
import { call, client, connected, loginAt, until, type TestSocket } from '../harness.ts';
import { startServerProcess, type ServerProcess } from '../e2e/serverProcess.ts';
import { adminCli } from './adminCli.ts';
import { databaseFile, dumpDatabase } from './databaseDump.ts';

const work = mkdtempSync(join(tmpdir(), 'startex-backup-'));
const processes: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const server of processes) {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
  rmSync(work, { recursive: true, force: true });
});

async function serverOn(dataDir?: string): Promise<ServerProcess> {
  // Speed 1: the demo's first timer is two minutes away, so only the test writes to the log.
  const server = await startServerProcess({ ...(dataDir ? { dataDir } : {}), env: { STARTEX_DEMO_SPEED: '1' } });
  processes.push(server);
  return server;
}

interface LogRow {
  exercise_id: string;
  seq: number;
  type: string;
  wall_time: number;
  exercise_time_ms: number;
  scenario_time_ms: number;
  actor: string;
  body: string;
  idempotency_key: string | null;
}

function logRows(file: string): LogRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT * FROM log_entries WHERE exercise_id = 'demo' ORDER BY seq").all() as LogRow[];
  } finally {
    db.close();
  }
}

/** A stored row as the API serves it: the envelope columns and the event's own fields. */
const asEntry = (row: LogRow) =>
  ({
    exerciseId: row.exercise_id,
    seq: row.seq,
    wallTime: row.wall_time,
    exerciseTimeMs: row.exercise_time_ms,
    scenarioTimeMs: row.scenario_time_ms,
    actor: JSON.parse(row.actor),
    ...JSON.parse(row.body),
  }) as LogEntry;

/** Every file of a directory with its SHA-256, to prove a failed restore touched nothing. */
const fingerprint = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));

const backupFile = join(work, 'startex-backup.sqlite');
let backupLog: LogRow[];
let director: { username: string; password: string };
let restoredDir: string;

describe('backup and restore with the admin CLI', () => {
  it('takes a consistent backup while the server writes, and restores exactly it into a new data directory', { timeout: 120_000 }, async () => {
    const server = await serverOn();
    director = { username: server.director.username, password: server.director.password! };
    const staff = await loginAt(server.url, director.username, director.password, 'demo');
    const control = client(server.url, staff).socket;
    const tablet = client(server.url, server.joinCode).socket;
    sockets.push(control, tablet);
    await Promise.all([connected(control), connected(tablet)]);
    expect(await call(control, 'command', { type: 'start' })).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) {
      const action = { actionId: 'report_alarm', fields: { dose_rate_usvh: i, vehicle_held: true }, idempotencyKey: `backup-action-${i}` };
      expect(await call(tablet, 'action.take', action)).toMatchObject({ ok: true });
    }

    // Control keeps writing notes, each acknowledged once durable, while the backup runs.
    const acked: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const ack = await call(control, 'command', { type: 'note', text: `note ${i}` });
        if (!ack.ok) throw new Error(`note refused: ${ack.error.code}`);
        acked.push(ack.seq);
      }
    })();
    await until(() => acked.length >= 5, 'notes before the backup');
    const durableBeforeBackup = Math.max(...acked);
    const backup = await adminCli(['backup', backupFile], server.dataDir);
    expect(backup).toEqual({ code: 0, output: `Backed up ${databaseFile(server.dataDir)} to ${backupFile}\n` });
    const ackedDuringBackup = acked.length;
    await until(() => acked.length >= ackedDuringBackup + 5, 'notes after the backup');
    writing = false;
    await writer;
    control.disconnect();
    tablet.disconnect();
    await server.stop();

    backupLog = logRows(backupFile);
    const finalLog = logRows(databaseFile(server.dataDir));
    // Gapless from 1, holding everything acknowledged before it began, and a prefix of the live log.
    expect(backupLog.map((r) => r.seq)).toEqual(backupLog.map((_, i) => i + 1));
    expect(backupLog.length).toBeGreaterThanOrEqual(durableBeforeBackup);
    expect(finalLog.length).toBeGreaterThan(backupLog.length);
    expect(finalLog.slice(0, backupLog.length)).toEqual(backupLog);
    expect(backupLog.filter((r) => r.type === 'action.taken')).toHaveLength(5);

    restoredDir = mkdtempSync(join(tmpdir(), 'startex-restored-'));
    const restore = await adminCli(['restore', backupFile], restoredDir);
    expect(restore).toEqual({ code: 0, output: `Restored ${databaseFile(restoredDir)} from ${backupFile}\n` });
    const restored = await serverOn(restoredDir);
    const again = await loginAt(restored.url, director.username, director.password, 'demo');
    const response = await fetch(`${restored.url}/api/exercises/demo/log`, { headers: { cookie: again.cookie } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { entries: LogEntry[] }).entries).toEqual(backupLog.map(asEntry));
    await restored.stop();

    // On disk, the restored database holds the backup's exercises, people, codes and log as they were.
    const kept = ['exercises', 'users', 'memberships', 'access_grants', 'log_entries', 'scenarios'];
    const pick = (dump: Record<string, unknown[]>) => Object.fromEntries(kept.map((table) => [table, dump[table]]));
    expect(pick(dumpDatabase(databaseFile(restoredDir)))).toEqual(pick(dumpDatabase(backupFile)));
  });

  it('refuses a damaged backup with a non-zero exit and leaves the target untouched', { timeout: 60_000 }, async () => {
    expect(backupLog?.length, 'needs the backup of the test before').toBeGreaterThan(0);
    const original = readFileSync(backupFile);
    const pageSize = original.readUInt16BE(16) === 1 ? 65_536 : original.readUInt16BE(16);
    const damaged: [string, Buffer][] = [
      ['truncated to half', original.subarray(0, Math.floor(original.length / 2))],
      ['truncated mid-page', original.subarray(0, pageSize * 3 + 100)],
      ['header overwritten', Buffer.concat([Buffer.alloc(100, 0x5a), original.subarray(100)])],
      ['a b-tree page header overwritten', Buffer.concat([original.subarray(0, pageSize), Buffer.alloc(12, 0xff), original.subarray(pageSize + 12)])],
      ['empty', Buffer.alloc(0)],
      ['not a database', Buffer.from('PRAGMA nothing; this is a text file\n'.repeat(200))],
    ];
    const before = fingerprint(restoredDir);
    expect(Object.keys(before)).toContain('startex.sqlite');
    for (const [what, bytes] of damaged) {
      const file = join(work, `${what.replaceAll(' ', '-')}.sqlite`);
      writeFileSync(file, bytes);
      const result = await adminCli(['restore', file], restoredDir);
      expect(result.code, `${what}: ${result.output}`).not.toBe(0);
      expect(result.output, what).not.toContain('Restored');
      expect(fingerprint(restoredDir), what).toEqual(before);
    }
    const missing = await adminCli(['restore', join(work, 'no-such-backup.sqlite')], restoredDir);
    expect(missing.code).not.toBe(0);
    expect(fingerprint(restoredDir)).toEqual(before);
    // The untouched target still holds the good restore.
    expect(logRows(databaseFile(restoredDir))).toEqual(backupLog);
  });
});
