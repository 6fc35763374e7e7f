import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlannedExerciseSummary } from '@startex/shared';
import type { Harness, StaffCredential } from '../harness.ts';

export type Planner = StaffCredential & { userId: string; username: string };

let planners = 0;

/** A planner account (global role), signed in. */
export async function planner(h: Harness): Promise<Planner> {
  const username = `planner-${++planners}`;
  const password = `${username} password 123`;
  const created = await h.request('POST', '/api/admin/users', h.admin, { username, displayName: `Planner ${planners}`, password, roles: ['planner'] });
  if (created.statusCode !== 201) throw new Error(`creating ${username}: ${JSON.stringify(created.json())}`);
  return { ...(await h.login(username, password)), userId: created.json().id, username };
}

/** Creates an exercise through the API as `who`; the credential returned is bound to it. */
export async function plannedExercise(h: Harness, who: Planner, body: unknown): Promise<{ exercise: PlannedExerciseSummary; as: Planner }> {
  const response = await h.request('POST', '/api/exercises', who, body);
  if (response.statusCode !== 201) throw new Error(`creating an exercise: ${JSON.stringify(response.json())}`);
  const exercise = response.json() as PlannedExerciseSummary;
  return { exercise, as: { ...who, exerciseId: exercise.id } };
}

/** The text of a PDF, as Debian's poppler-utils reads it. */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'startex-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A GET whose answer is bytes (PDF), with the session cookie. */
export async function download(h: Harness, url: string, who: StaffCredential): Promise<{ statusCode: number; contentType: string; bytes: Buffer; json(): any }> {
  const response = await h.server.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  return { statusCode: response.statusCode, contentType: String(response.headers['content-type']), bytes: response.rawPayload, json: () => response.json() };
}

/** A roster account's first sign-in: its generated password is replaced (as the first-sign-in form does), then the session is used. */
export async function firstSignIn(h: Harness, account: { username: string; password: string }, exerciseId: string): Promise<StaffCredential> {
  const first = await h.login(account.username, account.password, exerciseId);
  const changed = await h.server.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken, 'content-type': 'application/json' },
    payload: JSON.stringify({ currentPassword: account.password, newPassword: `${account.username} chose this` }),
  });
  if (changed.statusCode !== 200) throw new Error(`setting ${account.username}'s password: ${changed.body}`);
  return { cookie: String(changed.headers['set-cookie']).split(';')[0]!, csrfToken: (changed.json() as { csrfToken: string }).csrfToken, exerciseId };
}
