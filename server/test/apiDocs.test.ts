import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type RouteSpec } from '@startex/shared';
import { startServer, type Harness } from './harness.ts';
import { servedRoutes } from './security/servedRoutes.ts';

/**
 * Issue 14: the REST API is one typed route table (shared/src/routes/) and an OpenAPI 3.1
 * document generated from it is served at /api/docs. A route served but not in the table (one
 * written by hand) fails the test, and so does an entry of the table that is not served.
 */

/** The API reference itself (swagger-ui and the document), served beside the table. */
const isReference = (route: string) => route.includes(' /api/docs');

let h: Harness;
beforeAll(async () => {
  h = await startServer({ speed: 1 });
});
afterAll(async () => h.close());

const tableRoutes = () => (Object.values(API_ROUTES) as RouteSpec[]).map((spec) => `${spec.method} ${spec.path}`);

describe('the route table and its OpenAPI document', () => {
  it('serves every route of the table, and every served route is in the table', () => {
    const served = servedRoutes(h.server.app).filter((route) => !isReference(route));
    expect(new Set(tableRoutes()).size).toBe(tableRoutes().length);
    expect(served.length).toBeGreaterThan(150);
    expect(served.filter((route) => !tableRoutes().includes(route))).toEqual([]);
    expect(tableRoutes().filter((route) => !served.includes(route))).toEqual([]);
  });

  it('describes every route of the table in the OpenAPI 3.1 document at /api/docs/json, with its schemas and who may call it', async () => {
    const response = await h.request('GET', '/api/docs/json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.description).toContain('x-csrf-token');
    const documented = Object.entries(document.paths as Record<string, Record<string, object>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(tableRoutes().sort());
    const createJoinCode = document.paths['/api/exercises/{id}/join-codes'].post;
    expect(createJoinCode.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } }]);
    expect(createJoinCode.requestBody.content['application/json'].schema.properties.role).toMatchObject({ enum: expect.arrayContaining(['participant', 'observer']) });
    expect(Object.keys(createJoinCode.responses)).toEqual(['201', 'default']);
    // A query of one of several forms: each form's parameters, none required on its own.
    const replay = document.paths['/api/exercises/{id}/replay'].get;
    expect(replay.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ['atMs', false],
      ['atSeq', false],
    ]);
    expect(createJoinCode.description).toContain('x-csrf-token');
    // A file: its media type, not JSON.
    expect(Object.keys(document.paths['/api/exercises/{id}/exports/metrics.csv'].get.responses['200'].content)).toEqual(['text/csv; charset=utf-8']);
    expect(document.paths['/api/exercises/{id}/log'].get.parameters).toContainEqual(expect.objectContaining({ name: 'afterSeq', in: 'query', required: false }));
    // The feed: a WebSocket upgrade, answered 101, with the messages the socket carries.
    const feed = document.paths['/api/exercises/{id}/feed'].get;
    expect(Object.keys(feed.responses)).toEqual(['101', 'default']);
    expect(feed.summary).toContain('WebSocket upgrade');
    expect(feed.responses['101']['x-websocket-messages'].oneOf.map((message: { properties: { type: { const: string } } }) => message.properties.type.const)).toEqual(['entry', 'error']);
  });

  it('serves a readable reference of the document at /api/docs', async () => {
    const page = await h.server.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui-bundle.js');
    const initializer = await h.server.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain('./json');
  });

  it("refuses a request the table's schemas refuse, naming the field, and a stranger before looking at the body", async () => {
    const bad = await h.request('POST', '/api/auth/login', undefined, { username: 42 });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.json().message).toMatch(/^body\.username: /);
    const stranger = await h.request('PUT', '/api/exercises/demo/members/someone', undefined, { role: 'pilot' });
    expect([stranger.statusCode, stranger.json().code]).toEqual([401, 'UNAUTHENTICATED']);
    for (const [method, url] of [['POST', '/api/admin/users'], ['PATCH', '/api/admin/users/someone'], ['POST', '/api/agencies'], ['PUT', '/api/agencies/some-agency'], ['POST', '/api/exercises/demo/people/import']] as const) {
      const malformed = await h.request(method, url, undefined, { name: 42 });
      expect([malformed.statusCode, malformed.json().code], `${method} ${url}`).toEqual([401, 'UNAUTHENTICATED']);
    }
    const log = await h.request('GET', '/api/exercises/demo/log?afterSeq=-1', h.admin);
    expect(log.statusCode).toBe(400);
    expect(log.json().message).toMatch(/^query\.afterSeq: /);
  });
});
