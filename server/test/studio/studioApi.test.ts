import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { LIBRARY } from '@startex/scenarios';
import { cyclingRegions } from '@startex/scenarios/corpus';
import type { DraftView, ScenarioDocument } from '@startex/shared';
import { startServer, type Harness, type StaffCredential } from '../harness.ts';

/**
 * The studio's drafts and versions over the REST API of a real server on a real SQLite file:
 * copy, edit, publish, pin, revert, history and diff; two authors on one draft; what is refused.
 */

let h: Harness;
let bob: StaffCredential;
const adminAuthor = { username: 'admin', displayName: expect.any(String) };
const bobAuthor = { username: 'bob', displayName: 'Bob Builder' };

type Doc = ScenarioDocument & Record<string, unknown>;

beforeAll(async () => {
  h = await startServer();
  const password = 'bob builds scenarios 123';
  const created = await h.request('POST', '/api/admin/users', h.admin, { username: 'bob', displayName: 'Bob Builder', password, roles: ['planner'] });
  expect(created.statusCode).toBe(201);
  bob = await h.login('bob', password);
});
afterAll(async () => h.close());

const get = async (url: string, who: StaffCredential = h.admin) => {
  const response = await h.request('GET', url, who);
  expect(response.statusCode, url).toBe(200);
  return response.json();
};
const draftOf = async (id: string, who?: StaffCredential): Promise<DraftView & { document: Doc }> => get(`/api/studio/scenarios/${id}/draft`, who);
const save = (id: string, who: StaffCredential, body: Record<string, unknown>) => h.request('PUT', `/api/studio/scenarios/${id}/draft`, who, body);
const withSubject = (document: Doc, index: number, subject: string): Doc => ({ ...document, timeline: document.timeline.map((row, i) => (i === index ? { ...row, subject } : row)) });

describe('the studio: copy, edit, publish, pin, revert', () => {
  it('copies a library scenario, changes an inject, publishes v1, pins it in an exercise, and keeps it there while v2 is published', async () => {
    expect((await h.request('GET', '/api/studio/scenarios/prevention-insider/draft', h.admin)).json()).toMatchObject({ statusCode: 409, code: 'SCENARIO_READ_ONLY' });
    const copied = await h.request('POST', '/api/studio/scenarios/prevention-insider/copy', h.admin, { id: 'store-copy' });
    expect(copied.statusCode).toBe(201);
    const library = LIBRARY['prevention-insider']!;
    expect(copied.json()).toEqual({
      scenarioId: 'store-copy',
      revision: 1,
      baseVersion: null,
      document: { ...JSON.parse(JSON.stringify(library)), id: 'store-copy', version: 1, title: `${library.title} (copy)` },
      savedBy: adminAuthor,
      savedAt: expect.any(Number),
      unpublished: true,
    });

    const edited = withSubject((await draftOf('store-copy')).document, 0, 'Guard: the contractor asks about the source store again');
    const saved = await save('store-copy', h.admin, { revision: 1, document: edited });
    expect(saved.json()).toMatchObject({ revision: 2, unpublished: true });
    const published = await h.request('POST', '/api/studio/scenarios/store-copy/publish', h.admin, { revision: 2, note: 'First cut for the December drill' });
    expect(published.statusCode, JSON.stringify(published.json())).toBe(201);
    expect(published.json()).toEqual({
      scenarioId: 'store-copy',
      version: 1,
      title: edited.title,
      publishedAt: expect.any(Number),
      publishedBy: adminAuthor,
      revision: 2,
      note: 'First cut for the December drill',
      warnings: expect.any(Array),
    });
    const audit = (await get('/api/admin/audit?limit=5')).entries as { action: string; target?: string; details?: unknown }[];
    expect(audit.find((e) => e.action === 'scenario.published')).toMatchObject({ actor: 'admin', target: 'store-copy', details: { version: 1, revision: 2 } });
    // Publishing again with nothing new is refused.
    expect((await h.request('POST', '/api/studio/scenarios/store-copy/publish', h.admin, { revision: 2 })).json()).toMatchObject({ statusCode: 409, code: 'SCENARIO_UNCHANGED' });

    const exercise = await h.request('POST', '/api/exercises', h.admin, { source: { kind: 'uploaded', scenarioId: 'store-copy', version: 1 } });
    expect(exercise.statusCode).toBe(201);
    expect(exercise.json()).toMatchObject({ scenarioId: 'store-copy', scenarioVersion: 1 });

    const v2 = withSubject(edited, 1, 'HR: the contractor´s vetting lapsed in March');
    expect((await save('store-copy', h.admin, { revision: 2, document: v2 })).statusCode).toBe(200);
    expect((await h.request('POST', '/api/studio/scenarios/store-copy/publish', bob, { revision: 3 })).json()).toMatchObject({ version: 2, publishedBy: bobAuthor });
    // The exercise pins v1 with its timeline expanded into injects, one per row under the row's id.
    const pinned = (await h.server.runtime.get(exercise.json().id)).record.scenario;
    const pinnedSubject = (row: number) => pinned.injects.find((inject) => inject.id === library.timeline[row]!.id)?.subject;
    expect([pinned.version, pinnedSubject(0), pinnedSubject(1)]).toEqual([
      1,
      'Guard: the contractor asks about the source store again',
      library.timeline[1]!.subject,
    ]);

    expect((await get('/api/studio/scenarios/store-copy/versions')).map((v: { version: number; publishedBy: unknown }) => [v.version, v.publishedBy])).toEqual([
      [2, bobAuthor],
      [1, adminAuthor],
    ]);
    const diff = await get('/api/studio/scenarios/store-copy/diff?from=v1&to=v2');
    expect(diff).toMatchObject({
      settings: [],
      parts: [{ part: 'timeline', changes: [{ change: 'changed', id: library.timeline[1]!.id, fields: [{ path: ['subject'], before: library.timeline[1]!.subject, after: 'HR: the contractor´s vetting lapsed in March' }] }] }],
      identical: false,
    });
    expect((await get('/api/studio/scenarios/store-copy/diff?from=v1&to=draft')).counts).toMatchObject({ changed: 1 });
  });

  it('reverts to a version as the next draft revision, and tells who changed what, when', async () => {
    const reverted = await h.request('POST', '/api/studio/scenarios/store-copy/revert', bob, { revision: 3, version: 1 });
    expect(reverted.json()).toMatchObject({ revision: 4, baseVersion: 2, unpublished: true, savedBy: bobAuthor });
    expect((await get('/api/studio/scenarios/store-copy/diff?from=v1&to=draft')).identical).toBe(true);
    const history = (await get('/api/studio/scenarios/store-copy/history?limit=20')) as Record<string, unknown>[];
    expect(history.map(({ kind, revision, version, by }) => [kind, revision, version, (by as { username: string }).username])).toEqual([
      ['reverted', 4, 1, 'bob'],
      ['published', 3, 2, 'bob'],
      ['saved', 3, undefined, 'admin'],
      ['published', 2, 1, 'admin'],
      ['saved', 2, undefined, 'admin'],
      ['copied', 1, undefined, 'admin'],
    ]);
    expect(history[2]).toMatchObject({ changes: { settings: 0, added: 0, removed: 0, changed: 1, moved: 0, parts: ['timeline'] } });
    expect(history.at(-1)).toMatchObject({ from: 'prevention-insider v1' });
  });

  it('lists library scenarios (read-only), the centre´s and drafts, searched and filtered', async () => {
    const all = (await get('/api/studio/scenarios')) as { id: string; origin: string; readOnly: boolean }[];
    expect(all.filter((s) => s.origin === 'library').map((s) => [s.id, s.readOnly]).sort()).toEqual(Object.keys(LIBRARY).map((id) => [id, true]).sort());
    expect(all.find((s) => s.id === 'store-copy')).toMatchObject({
      origin: 'centre',
      readOnly: false,
      latestVersion: 2,
      functions: ['prevention'],
      exerciseType: 'tabletop',
      language: 'en',
      draft: { revision: 4, savedBy: bobAuthor, unpublished: true },
      updatedBy: bobAuthor,
    });
    const ids = async (query: string) => ((await get(`/api/studio/scenarios?${query}`)) as { id: string }[]).map((s) => s.id).sort();
    expect(await ids('origin=draft')).toEqual(['store-copy']);
    expect(await ids('q=COBALT')).toEqual(['stolen-cobalt-source']);
    expect(await ids('function=prevention')).toEqual(['store-copy', ...Object.values(LIBRARY).filter((d) => d.functions.includes('prevention')).map((d) => d.id)].sort());
    expect(await ids('type=tabletop&language=en')).toEqual(['store-copy', ...Object.values(LIBRARY).filter((d) => d.exerciseType === 'tabletop').map((d) => d.id)].sort());
    expect((await h.request('GET', '/api/studio/scenarios?type=party', h.admin)).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('downloads a version or the draft as YAML or JSON, and the MSEL as XLSX and CSV', async () => {
    const fetchFile = async (url: string) => {
      const response = await fetch(`${h.url}${url}`, { headers: { cookie: h.admin.cookie } });
      return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const yaml = await fetchFile('/api/studio/scenarios/store-copy/document?ref=v1');
    expect([yaml.status, yaml.type, yaml.disposition]).toEqual([200, 'application/yaml; charset=utf-8', 'attachment; filename="store-copy-v1.yaml"']);
    const v1 = await h.server.runtime.store.getScenario('store-copy', 1);
    expect(parseYaml(yaml.bytes.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(v1!.document)));
    const json = await fetchFile('/api/studio/scenarios/demo/document?format=json');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(LIBRARY.demo)));
    const xlsx = await fetchFile('/api/studio/scenarios/store-copy/msel.xlsx?ref=draft');
    expect([xlsx.status, xlsx.type, xlsx.bytes.subarray(0, 2).toString()]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK']);
    const csv = await fetchFile('/api/studio/scenarios/stolen-cobalt-source/msel.csv');
    expect([csv.status, csv.bytes.toString('utf8').split('\n')[0]]).toEqual([200, 'Inject #,Time,From,To,Delivery method,Subject,Description,Expected action,Storyline,Type,Condition']);
    expect((await h.request('GET', '/api/studio/scenarios/store-copy/document?ref=v9', h.admin)).json()).toMatchObject({ statusCode: 404, code: 'SCENARIO_VERSION_NOT_FOUND' });
  });
});

describe('two authors at once lose nothing', () => {
  it('shows who has the draft open; refuses a save over a newer one with whose it is; merges both into one', async () => {
    const start = await draftOf('store-copy');
    expect((await h.request('POST', '/api/studio/scenarios/store-copy/presence', h.admin, { revision: start.revision })).statusCode).toBe(200);
    const present = (await h.request('POST', '/api/studio/scenarios/store-copy/presence', bob, { revision: start.revision })).json();
    expect(present.map((p: { author: { username: string }; you: boolean; revision: number }) => [p.author.username, p.you, p.revision])).toEqual([
      ['admin', false, start.revision],
      ['bob', true, start.revision],
    ]);

    const alices = withSubject(start.document, 2, 'Admin: the store´s door log shows a late visit');
    const bobs = { ...start.document, timeline: start.document.timeline.map((row, i) => (i === 3 ? { ...row, body: 'Bob rewrote the security officer´s report.' } : row)) };
    expect((await save('store-copy', h.admin, { revision: start.revision, document: alices })).json()).toMatchObject({ revision: start.revision + 1 });
    const refused = await save('store-copy', bob, { revision: start.revision, document: bobs });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      statusCode: 409,
      code: 'SCENARIO_DRAFT_CONFLICT',
      error: 'Conflict',
      message: expect.stringMatching(new RegExp(`saved revision ${start.revision + 1} at .* after the revision you edited \\(${start.revision}\\)`)),
      problems: [{ code: 'SCENARIO_DRAFT_CONFLICT', message: expect.any(String), theirs: { kind: 'draft', revision: start.revision + 1, savedBy: adminAuthor, savedAt: expect.any(Number) } }],
    });
    expect((await draftOf('store-copy')).document).toEqual(alices);

    const merge = await h.request('POST', '/api/studio/scenarios/store-copy/merge', bob, { base: `r${start.revision}`, theirs: 'draft', document: bobs });
    expect(merge.json()).toMatchObject({ base: `r${start.revision}`, theirs: 'draft', conflicts: [] });
    const merged = merge.json().document as Doc;
    expect([merged.timeline[2]!.subject, merged.timeline[3]!.body]).toEqual(['Admin: the store´s door log shows a late visit', 'Bob rewrote the security officer´s report.']);
    expect((await save('store-copy', bob, { revision: start.revision + 1, document: merged, merged: true })).json()).toMatchObject({ revision: start.revision + 2, savedBy: bobAuthor });
    const history = await get('/api/studio/scenarios/store-copy/history?limit=1');
    expect(history).toMatchObject([{ kind: 'merged', revision: start.revision + 2, by: bobAuthor }]);

    // Both change the same subject: the merge keeps Bob's and lists the conflict with all three values.
    const base = await draftOf('store-copy');
    await save('store-copy', h.admin, { revision: base.revision, document: withSubject(base.document, 0, 'Admin´s subject') });
    const clash = (await h.request('POST', '/api/studio/scenarios/store-copy/merge', bob, { base: `r${base.revision}`, theirs: 'draft', document: withSubject(base.document, 0, 'Bob´s subject') })).json();
    expect(clash.conflicts).toEqual([
      { path: ['timeline', base.document.timeline[0]!.id, 'subject'], part: 'timeline', title: 'Bob´s subject', kind: 'both-changed', base: base.document.timeline[0]!.subject, theirs: 'Admin´s subject', yours: 'Bob´s subject' },
    ]);

    expect((await h.request('DELETE', '/api/studio/scenarios/store-copy/presence', bob)).json().map((p: { author: { username: string } }) => p.author.username)).toEqual(['admin']);
  });

  it('refuses to publish over a version published meanwhile, and publishes once that version is merged in', async () => {
    const start = await draftOf('store-copy');
    const uploaded = await h.request('POST', '/api/scenarios', bob, { ...start.document, summary: 'Uploaded as a file meanwhile.' });
    expect(uploaded.json()).toMatchObject({ version: 3 });
    // The admin goes on editing the draft, unaware of version 3.
    const draft = (await save('store-copy', h.admin, { revision: start.revision, document: withSubject(start.document, 4, 'Admin: the regulator asks for the inventory') })).json() as DraftView & { document: Doc };
    const refused = await h.request('POST', '/api/studio/scenarios/store-copy/publish', h.admin, { revision: draft.revision });
    expect(refused.json()).toMatchObject({ statusCode: 409, code: 'SCENARIO_DRAFT_CONFLICT', problems: [{ theirs: { kind: 'version', version: 3, publishedAt: expect.any(Number) } }] });
    const merged = (await h.request('POST', '/api/studio/scenarios/store-copy/merge', h.admin, { base: `v${draft.baseVersion}`, theirs: 'v3', document: draft.document })).json();
    expect([merged.conflicts, merged.document.summary, merged.document.timeline[4].subject]).toEqual([[], 'Uploaded as a file meanwhile.', 'Admin: the regulator asks for the inventory']);
    const saved = await save('store-copy', h.admin, { revision: draft.revision, document: merged.document, baseVersion: 3, merged: true });
    expect(saved.json()).toMatchObject({ baseVersion: 3 });
    expect((await h.request('POST', '/api/studio/scenarios/store-copy/publish', h.admin, { revision: saved.json().revision })).json()).toMatchObject({ version: 4 });
    const v4 = await h.server.runtime.store.getScenario('store-copy', 4);
    expect([v4!.document.summary, v4!.document.timeline[4]!.subject]).toEqual(['Uploaded as a file meanwhile.', 'Admin: the regulator asks for the inventory']);
  });
});

describe('what the studio refuses', () => {
  it('keeps library scenarios read-only, ids unique, documents under their own id, and publishes only what lints', async () => {
    for (const [method, url, body] of [
      ['PUT', '/api/studio/scenarios/demo/draft', { revision: 0, document: LIBRARY.demo }],
      ['POST', '/api/studio/scenarios/demo/publish', { revision: 1 }],
      ['POST', '/api/studio/scenarios/demo/revert', { revision: 0, version: 1 }],
      ['DELETE', '/api/studio/scenarios/demo/draft?revision=1', undefined],
    ] as const) {
      expect((await h.request(method, url, h.admin, body)).json(), url).toMatchObject({ statusCode: 409, code: 'SCENARIO_READ_ONLY' });
    }
    expect((await h.request('POST', '/api/studio/scenarios', h.admin, { id: 'demo', title: 'Mine' })).json()).toMatchObject({ code: 'SCENARIO_ID_RESERVED' });
    expect((await h.request('POST', '/api/studio/scenarios/demo/copy', h.admin, { id: 'store-copy' })).json()).toMatchObject({ code: 'SCENARIO_ID_TAKEN' });

    const created = await h.request('POST', '/api/studio/scenarios', bob, { id: 'parcel-depot', title: 'Pager alarm at a parcel depot', language: 'lt' });
    expect(created.json()).toMatchObject({ scenarioId: 'parcel-depot', revision: 1, document: { teams: [{ id: 'team-1', name: 'Komanda 1', agency: 'other' }], timeline: [], endex: [{ at: 'T+60' }] } });
    const document = created.json().document as Doc;
    expect((await save('parcel-depot', bob, { revision: 1, document: { ...document, id: 'elsewhere' } })).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('"parcel-depot"') });
    // A half-written draft is kept; publishing it is refused with the analyzer's problems, and nothing is published.
    const broken = await save('parcel-depot', bob, { revision: 1, document: { ...document, teams: [] } });
    expect(broken.json()).toMatchObject({ revision: 2 });
    const refused = await h.request('POST', '/api/studio/scenarios/parcel-depot/publish', bob, { revision: 2 });
    expect(refused.json()).toMatchObject({ statusCode: 422, code: 'SCENARIO_INVALID', problems: [{ severity: 'error', path: '$.teams' }] });
    expect((await get('/api/studio/scenarios/parcel-depot/versions')).length).toBe(0);
    // Never published, the draft is dropped whole; the id is free again.
    expect((await h.request('DELETE', '/api/studio/scenarios/parcel-depot/draft?revision=1', bob)).json()).toMatchObject({ code: 'SCENARIO_DRAFT_CONFLICT' });
    expect((await h.request('DELETE', '/api/studio/scenarios/parcel-depot/draft?revision=2', bob)).json()).toEqual({ ok: true });
    expect((await h.request('GET', '/api/studio/scenarios/parcel-depot/draft', bob)).json()).toMatchObject({ statusCode: 404, code: 'SCENARIO_NOT_FOUND' });
    expect((await h.request('POST', '/api/studio/scenarios', bob, { id: 'parcel-depot', title: 'Again' })).json()).toMatchObject({ revision: 4 });
    expect((await h.request('GET', '/api/studio/scenarios/nothing/draft', bob)).json()).toMatchObject({ statusCode: 404, code: 'SCENARIO_NOT_FOUND' });
  });

  it('refuses a stranger and a director before reading the request, and names the field an author got wrong', async () => {
    const malformed = { revision: 'newest', document: [] };
    expect((await h.request('PUT', '/api/studio/scenarios/demo/draft', undefined, malformed)).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await h.request('PUT', '/api/studio/scenarios/demo/draft', h.controllerToken, malformed)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await h.request('PUT', '/api/studio/scenarios/demo/draft', bob, malformed)).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^body\.revision: /) });
    expect((await h.request('GET', '/api/studio/scenarios/demo/history?limit=0', bob)).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^query\.limit: /) });
    expect((await h.request('GET', `/api/studio/scenarios/${'x'.repeat(65)}/versions`, bob)).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^params\.id: /) });
  });
});

describe('the studio checks documents on the analysis workers', () => {
  it('stops a publish whose document takes too long to check, with the workers´ time limit, and publishes nothing', async () => {
    // One worker with a short time limit: a check on the main thread would know no such limit.
    const limited = await startServer({ analysisLimits: { threads: 1, queue: 4, timeLimitMs: 300, memoryMb: 256 } });
    try {
      const created = await limited.request('POST', '/api/studio/scenarios', limited.admin, { id: 'cycling', title: 'Cycling regions' });
      const hostile = { ...cyclingRegions(5), id: 'cycling' };
      expect((await limited.request('PUT', '/api/studio/scenarios/cycling/draft', limited.admin, { revision: created.json().revision, document: hostile })).statusCode).toBe(200);
      const refused = await limited.request('POST', '/api/studio/scenarios/cycling/publish', limited.admin, { revision: created.json().revision + 1 });
      expect(refused.json()).toMatchObject({ statusCode: 422, code: 'SCENARIO_INVALID', problems: [expect.objectContaining({ rule: 'analysis-time-limit', path: '$' })] });
      expect((await limited.request('GET', '/api/studio/scenarios/cycling/versions', limited.admin)).json()).toEqual([]);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
