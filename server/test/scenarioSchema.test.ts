import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(async () => h.close());

describe('GET /api/scenarios/schema.json', () => {
  it('serves the committed JSON Schema of the scenario document to anyone, signed in or not', async () => {
    const committed = readFileSync(join(import.meta.dirname, '../../scenarios/schema/scenario.schema.json'), 'utf8');
    for (const who of [undefined, h.admin]) {
      const response = await h.server.app.inject({ method: 'GET', url: '/api/scenarios/schema.json', ...(who ? { headers: { cookie: who.cookie } } : {}) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/schema+json; charset=utf-8');
      expect(response.body).toBe(committed);
    }
  });

  it('leaves scenario ids to GET /api/scenarios/:id', async () => {
    expect((await h.server.app.inject({ method: 'GET', url: '/api/scenarios/demo' })).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });
});
