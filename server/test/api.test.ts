import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startServer();
});
afterEach(async () => h.close());

describe('REST API', () => {
  it('describes an exercise to its members', async () => {
    const response = await h.request('GET', '/api/exercises/demo', h.controllerToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 'demo', title: 'Demo exercise: portal monitor alarm', scenarioId: 'demo', status: 'ready' });
  });

  it('answers an unknown exercise id with EXERCISE_NOT_FOUND and creates nothing', async () => {
    const response = await h.request('GET', '/api/exercises/no-such-exercise', h.controllerToken);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      code: 'EXERCISE_NOT_FOUND',
      error: 'Not Found',
      message: 'No exercise has this id.',
    });
    expect((await h.server.runtime.store.listExercises()).map((e) => e.id)).toEqual(['demo']);
  });

  it('rejects an over-long id and a bad query with VALIDATION_FAILED', async () => {
    const long = await h.request('GET', `/api/exercises/${'x'.repeat(65)}`, h.controllerToken);
    expect(long.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const query = await h.request('GET', '/api/exercises/demo/log?afterSeq=-4', h.controllerToken);
    expect(query.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('afterSeq') });
  });

  it('serves the log to control staff, not to strangers or participants', async () => {
    expect((await h.request('GET', '/api/exercises/demo/log')).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    const participant = await h.member('participant', { teamId: 'customs' });
    expect((await h.request('GET', '/api/exercises/demo/log', participant)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const stranger = await h.member('controller', { exerciseId: 'demo', username: 'stranger' });
    await h.server.identity.removeMembership('test', 'demo', stranger.userId);
    expect((await h.request('GET', '/api/exercises/demo/log', stranger)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const controller = await h.request('GET', '/api/exercises/demo/log', h.controllerToken);
    expect(controller.json()).toMatchObject({ entries: [{ seq: 1, type: 'exercise.readied', actor: { kind: 'system' } }] });
  });

  it('answers unknown routes and malformed JSON with catalogue codes', async () => {
    const route = await h.server.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(route.json()).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', error: 'Not Found', message: 'No route GET /api/nothing-here.' });
    const json = await h.server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken',
    });
    expect(json.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });
});
