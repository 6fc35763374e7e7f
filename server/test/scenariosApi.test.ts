import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { LIBRARY } from '@startex/scenarios';
import { BROKEN_SCENARIOS } from '@startex/scenarios/corpus';
import { startServer, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startServer();
});
afterEach(async () => h.close());

const upload = (payload: string, contentType = 'application/json') =>
  h.server.app.inject({
    method: 'POST',
    url: '/api/scenarios',
    headers: { 'content-type': contentType, cookie: h.admin.cookie, 'x-csrf-token': h.admin.csrfToken },
    payload,
  });

const fifth = () => ({ ...LIBRARY.demo!, id: 'fifth', title: 'A fifth scenario' });

describe('scenario upload API', () => {
  it('stores a valid JSON document as version 1, then 2, and lists it', async () => {
    const first = await upload(JSON.stringify(fifth()));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      id: 'fifth',
      version: 1,
      title: 'A fifth scenario',
      source: 'uploaded',
      exerciseType: 'drill',
      functions: ['detection'],
      warnings: [],
    });
    expect((await upload(JSON.stringify(fifth()))).json()).toMatchObject({ version: 2 });
    const list = (await h.request('GET', '/api/scenarios', h.admin)).json() as { id: string; version: number }[];
    expect(list.find((s) => s.id === 'fifth')).toMatchObject({ version: 2, source: 'uploaded' });
    expect(list.find((s) => s.id === 'demo')).toMatchObject({ source: 'library' });
    const stored = await h.request('GET', '/api/scenarios/fifth', h.admin);
    expect(stored.json()).toMatchObject({ id: 'fifth', version: 2, injects: LIBRARY.demo!.injects });
  });

  it('accepts YAML', async () => {
    const response = await upload(stringify({ ...fifth(), id: 'fifth_yaml' }), 'application/yaml');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ id: 'fifth_yaml', version: 1 });
  });

  it('refuses an id of the built-in library', async () => {
    const response = await upload(JSON.stringify(LIBRARY.demo));
    expect(response.json()).toMatchObject({ statusCode: 409, code: 'SCENARIO_ID_RESERVED' });
  });

  it.each(BROKEN_SCENARIOS.filter((b) => b.expect.severity !== 'warning'))('refuses "$name" with its problem and stores nothing', async ({ text, format, expect: wanted }) => {
    const response = await upload(text, format === 'yaml' ? 'application/yaml' : 'application/json');
    expect(response.statusCode).toBe(422);
    const body = response.json() as { code: string; problems: { rule: string; path: string; severity: string }[] };
    expect(body.code).toBe('SCENARIO_INVALID');
    expect(body.problems.map((p) => `${p.rule} ${p.path}`)).toContain(`${wanted.rule} ${wanted.path}`);
    expect(await h.server.runtime.store.listScenarios()).toEqual([]);
  });

  it.each(BROKEN_SCENARIOS.filter((b) => b.expect.severity === 'warning'))('stores "$name" and answers with its warning', async ({ text, format, expect: wanted }) => {
    const response = await upload(text, format === 'yaml' ? 'application/yaml' : 'application/json');
    expect(response.statusCode).toBe(201);
    const body = response.json() as { warnings: { rule: string; path: string; severity: string }[] };
    expect(body.warnings.map((p) => `${p.severity} ${p.rule} ${p.path}`)).toContain(`warning ${wanted.rule} ${wanted.path}`);
    expect(await h.server.runtime.store.listScenarios()).toHaveLength(1);
  });

  it('survives a document nested ten thousand levels deep', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const response = await upload(deep);
    expect(response.json()).toMatchObject({ statusCode: 422, code: 'SCENARIO_INVALID', problems: [{ rule: 'too-deep' }] });
    expect((await h.server.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
  });

  it('lets only planners and administrators read or upload scenarios', async () => {
    const director = h.controllerToken;
    expect((await h.request('GET', '/api/scenarios', director)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await h.request('POST', '/api/scenarios', director, fifth())).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await h.request('GET', '/api/scenarios')).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(await h.server.runtime.store.listScenarios()).toEqual([]);
  });

  it('is described in the API reference: an upload as YAML or JSON text, the JSON Schema as a file anyone may fetch', async () => {
    const paths = (await h.request('GET', '/api/docs/json')).json().paths;
    expect(Object.keys(paths['/api/scenarios'].post.requestBody.content)).toEqual(['application/yaml', 'application/x-yaml', 'text/yaml', 'application/json']);
    expect(Object.keys(paths['/api/scenarios'].post.responses)).toEqual(['201', 'default']);
    expect(paths['/api/scenarios/schema.json'].get).toMatchObject({ security: [], responses: { '200': { content: { 'application/schema+json; charset=utf-8': {} } } } });
    const schema = await h.request('GET', '/api/scenarios/schema.json');
    expect([schema.statusCode, schema.json().$schema]).toEqual([200, expect.stringContaining('json-schema.org')]);
  });

  it('lints without storing', async () => {
    const response = await h.request('POST', '/api/scenarios/lint', h.admin, fifth());
    expect(response.json()).toEqual({ ok: true, problems: [] });
    expect(await h.server.runtime.store.listScenarios()).toEqual([]);
  });
});
