import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, FEED_TOKEN_PREFIX, type ClientToServerEvents, type ExerciseView, type ExerciseViewChange, type LogEntry, type Viewer } from '@startex/shared';
import { PostgresStore } from '../../src/store/postgres/PostgresStore.ts';
import { call, client, connected, refused, until, type Credential, type StaffCredential } from '../harness.ts';
import { concernsTeam, concernsViewer } from '../teamVisibility.ts';
import { freshDatabase } from './databases.ts';
import { ownedBy, startNode, stopNodes, type Node } from './nodes.ts';

/**
 * The leakage test of the security suite (policyMatrix.test.ts, "no leakage between teams and
 * roles") on three nodes: two exercises owned by two different nodes, every viewer's sockets on
 * two nodes, inputs sent through owners and followers alike. Every socket, feed and sync must carry
 * exactly what its viewer may see of its own exercise, and an input for another team or another
 * exercise is refused by the owner, whichever node took it, writing nothing.
 */

afterAll(stopNodes);

const DETECTION = 'detection-portal-alarm';
const DEMO = 'demo';
const ADMIN_PASSWORD = 'cluster isolation administrator';
const SCENARIO_FILE = join(import.meta.dirname, '../../../scenarios/src/library/detection-portal-alarm.yaml');

interface Watched {
  name: string;
  exerciseId: string;
  viewer: Viewer;
  node: Node;
  socket: ReturnType<typeof client>['socket'];
  received: LogEntry[];
  /** The view changes play sent it (the whole view comes once, in the sync answer). */
  views: ExerciseViewChange[];
}

/** Over HTTP to a node process, with a signed-in session's cookie and CSRF token. */
async function send(node: Node, session: StaffCredential, method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function signIn(node: Node, username: string, password: string, exerciseId: string): Promise<StaffCredential> {
  const response = await fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken, exerciseId };
}

/** The join code a node printed for a seeded exercise's team. */
function seededCode(node: Node, exerciseId: string, teamId: string): string {
  const match = new RegExp(`^Seeded tablet:.*\\(exercise ${exerciseId}, team ${teamId}, join code (\\w+)\\)`, 'm').exec(node.process.output());
  if (!match) throw new Error(`${node.name} printed no join code for ${exerciseId}/${teamId}:\n${node.process.output()}`);
  return match[1]!;
}

function watch(name: string, exerciseId: string, viewer: Viewer, node: Node, credential: Credential): Watched {
  const { socket, received } = client(node.url, credential);
  const watched: Watched = { name: `${name}@${node.name}`, exerciseId, viewer, node, socket, received, views: [] };
  socket.on('exercise', (view) => watched.views.push(view));
  return watched;
}

/** The plain WebSocket feed of an exercise for a join code, from the start of the log. */
function feed(node: Node, exerciseId: string, code: string) {
  const ws = new WebSocket(`${node.url.replace(/^http/, 'ws')}/api/exercises/${exerciseId}/feed`, [FEED_SUBPROTOCOL, `${FEED_TOKEN_PREFIX}${code}`]);
  const entries: LogEntry[] = [];
  const others: unknown[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; entry?: LogEntry };
    if (message.type === 'entry') entries.push(message.entry!);
    else others.push(message);
  });
  const open = new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)).then(() => ws.send(JSON.stringify({ type: 'hello', afterSeq: 0 })));
  return { ws, entries, others, open };
}

describe('isolation across nodes', () => {
  it('sends each socket, feed and sync on every node only what its viewer may see of its own exercise, and refuses inputs for another team or exercise on nodes that do not own it', async () => {
    const url = await freshDatabase({ empty: true });
    // Speed 1: no scenario timer fires during the test; the jump below fires one on purpose.
    const a = await startNode('node-a', url, 1, { STARTEX_ADMIN_PASSWORD: ADMIN_PASSWORD });
    // node-b creates the second exercise, so it owns it; node-c owns neither.
    const b = await startNode('node-b', url, 1, { STARTEX_SEED_SCENARIO: SCENARIO_FILE });
    const c = await startNode('node-c', url, 1);
    expect(await ownedBy(a)).toEqual([DEMO]);
    expect(await ownedBy(b)).toEqual([DETECTION]);
    expect(await ownedBy(c)).toEqual([]);
    const nodes = [a, b, c];

    // People of the detection exercise, made over HTTP on different nodes (one database: each node knows them at once).
    const { username, password } = a.process.director;
    const director = await signIn(c, username, password!, DETECTION);
    const admin = await signIn(b, 'admin', ADMIN_PASSWORD, DETECTION);
    const person = async (name: string, role: Viewer['role'], teamId?: string) => {
      const user = (await send(b, admin, 'POST', '/api/admin/users', { username: name, displayName: `Officer ${name}`, password: `${name} password 123` })) as { id: string };
      await send(a, director, 'PUT', `/api/exercises/${DETECTION}/members/${user.id}`, { role, ...(teamId ? { teamId } : {}) });
      return signIn(c, name, `${name} password 123`, DETECTION);
    };
    const people = {
      controller: await person('iso-controller', 'controller'),
      evaluator: await person('iso-evaluator', 'evaluator'),
      observer: await person('iso-observer', 'observer'),
      police: await person('iso-police', 'participant', 'police'),
    };
    const wallCode = ((await send(c, director, 'POST', `/api/exercises/${DETECTION}/join-codes`, { role: 'observer' })) as { code: string }).code;
    const policeCode = ((await send(a, director, 'POST', `/api/exercises/${DETECTION}/join-codes`, { role: 'participant', teamId: 'police' })) as { code: string }).code;
    // A controller of the demo only, who must not get into the detection exercise on any node.
    const demoController = (await send(b, admin, 'POST', '/api/admin/users', { username: 'iso-demo-controller', displayName: 'Demo controller', password: 'iso-demo-controller password 123' })) as { id: string };
    const demoDirector = { ...director, exerciseId: DEMO };
    await send(c, demoDirector, 'PUT', `/api/exercises/${DEMO}/members/${demoController.id}`, { role: 'controller' });

    // Every viewer on two nodes, so that each exercise has sockets on its owner and on followers.
    const detectionViewers: [string, Viewer, Credential][] = [
      ['director', { role: 'director' }, director],
      ['controller', { role: 'controller' }, people.controller],
      ['evaluator', { role: 'evaluator' }, people.evaluator],
      ['observer', { role: 'observer' }, people.observer],
      ['wall', { role: 'observer' }, wallCode],
      ['customs', { role: 'participant', teamId: 'customs' }, seededCode(b, DETECTION, 'customs')],
      ['police', { role: 'participant', teamId: 'police' }, people.police],
      ['regulator', { role: 'participant', teamId: 'regulator' }, seededCode(b, DETECTION, 'regulator')],
    ];
    const s: Record<string, [Watched, Watched]> = {};
    detectionViewers.forEach(([name, viewer, credential], i) => {
      s[name] = [watch(name, DETECTION, viewer, nodes[i % 3]!, credential), watch(name, DETECTION, viewer, nodes[(i + 1) % 3]!, credential)];
    });
    const demoCode = a.process.joinCode;
    const d = {
      director: [watch('demo director', DEMO, { role: 'director' }, c, demoDirector), watch('demo director', DEMO, { role: 'director' }, a, demoDirector)] as const,
      customs: [watch('demo customs', DEMO, { role: 'participant', teamId: 'customs' }, b, demoCode), watch('demo customs', DEMO, { role: 'participant', teamId: 'customs' }, c, demoCode)] as const,
    };
    const all = [...Object.values(s).flat(), ...d.director, ...d.customs];
    await Promise.all(all.map((w) => connected(w.socket)));
    const feeds = [feed(c, DETECTION, policeCode), feed(b, DEMO, demoCode)];
    await Promise.all(feeds.map((f) => f.open));
    await until(() => feeds.every((f) => f.entries.length > 0), "the feeds' backlog");

    // Each input from one of its viewer's two sockets in turn: through the owner, or forwarded to it.
    let turn = 0;
    const ok = async (pair: readonly [Watched, Watched], event: keyof ClientToServerEvents, payload: unknown) => {
      const from = pair[turn++ % 2]!;
      const ack = await call(from.socket, event, payload);
      expect(ack, `${from.name}: ${event} ${JSON.stringify(payload)} -> ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
    };
    const adhoc = (to: string, subject: string) => ({ type: 'adhoc', to: [to], channel: 'phone', from: 'Exercise control', subject, body: `${subject}.` });
    const message = (key: string, text: string, to: { teams?: string[]; organisations?: string[] }) => ({
      to: { teams: to.teams ?? [], organisations: to.organisations ?? [] },
      text,
      idempotencyKey: key,
    });

    await ok(s.director!, 'command', { type: 'start' }); // releases portal_alarm to customs
    await ok(d.director, 'command', { type: 'start' });
    await ok(s.customs!, 'inject.delivered', { injectId: 'portal_alarm' });
    await ok(s.customs!, 'inject.acknowledge', { injectId: 'portal_alarm' });
    await ok(s.customs!, 'action.take', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, idempotencyKey: 'customs-hold' });
    await ok(d.director, 'command', { type: 'release', injectId: 'portal_alarm' }); // the demo's customs only
    await ok(s.controller!, 'command', { type: 'release', injectId: 'recall_order' }); // customs and police
    await ok(s.controller!, 'command', adhoc('police', 'Police only'));
    await ok(s.controller!, 'command', adhoc('regulator', 'Regulator only'));
    await ok(s.controller!, 'command', adhoc('customs', 'Customs only'));
    await ok(d.customs, 'inject.acknowledge', { injectId: 'portal_alarm' });
    await ok(d.customs, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 4.2, vehicle_held: true }, idempotencyKey: 'demo-report' });
    await ok(s.police!, 'inject.acknowledge', { injectId: 'adhoc-1' });
    await ok(s.police!, 'action.take', { actionId: 'set_cordon', fields: { radius_m: 30 }, idempotencyKey: 'police-cordon' });
    await ok(s.regulator!, 'action.take', { actionId: 'classify_event', fields: { classification: 'Material out of regulatory control' }, idempotencyKey: 'reg-classify' });
    // The same key in both exercises: two messages, each in its own exercise's log.
    await ok(s.customs!, 'message.send', message('same-key', 'Customs to police', { teams: ['police'] }));
    await ok(d.customs, 'message.send', message('same-key', 'Demo customs to the supervisor', { organisations: ['supervisor'] }));
    await ok(s.police!, 'message.send', message('police-msg', 'Police to regulator', { teams: ['regulator'] }));
    await ok(s.regulator!, 'message.send', message('regulator-msg', 'Regulator to reachback', { organisations: ['reachback'] }));
    await ok(s.controller!, 'command', { type: 'reply', organisationId: 'reachback', to: 'regulator', text: 'Reachback to regulator' });
    await ok(s.controller!, 'command', { type: 'note', text: 'Control only: police slow to cordon' });
    await ok(d.director, 'command', { type: 'note', text: 'Demo control only' });
    await ok(s.evaluator!, 'observation.record', { observedAtMs: 60_000, teamId: 'customs', kind: 'strength', text: 'Customs held the truck at once', idempotencyKey: 'eval-observation' });
    await ok(s.director!, 'command', { type: 'jump' }); // fires the 5-minute timer: driver_papers to customs

    // Inputs for another team or another exercise, each sent on a node that does not own the exercise: the owner refuses them.
    const store = await PostgresStore.open(url);
    try {
      const lengths = async () => [(await store.readLog(DETECTION)).length, (await store.readLog(DEMO)).length];
      const before = await lengths();
      const onFollower = (pair: readonly [Watched, Watched], exerciseId: string) => {
        const owner = exerciseId === DEMO ? a : b;
        return pair.find((w) => w.node !== owner)!;
      };
      const refusedWith = async (w: Watched, event: keyof ClientToServerEvents, payload: unknown) => {
        const ack = await call(w.socket, event, payload);
        return ack.ok ? 'accepted' : ack.error.code;
      };
      const police = onFollower(s.police!, DETECTION);
      const demoCustoms = onFollower(d.customs, DEMO);
      expect({
        // Another team's action and another team's inject, in the same exercise.
        policeTakesCustomsAction: await refusedWith(police, 'action.take', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, idempotencyKey: 'police-steals' }),
        policeAcknowledgesCustomsInject: await refusedWith(police, 'inject.acknowledge', { injectId: 'portal_alarm' }),
        policeAcknowledgesRegulatorInject: await refusedWith(police, 'inject.acknowledge', { injectId: 'adhoc-2' }),
        // The other exercise's action, inject and team, from the demo's customs tablet (its team id is the same).
        demoCustomsTakesDetectionAction: await refusedWith(demoCustoms, 'action.take', { actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: true }, idempotencyKey: 'demo-steals' }),
        demoCustomsAcknowledgesDetectionInject: await refusedWith(demoCustoms, 'inject.acknowledge', { injectId: 'recall_order' }),
        demoCustomsMessagesDetectionTeam: await refusedWith(demoCustoms, 'message.send', message('demo-to-police', 'To the other exercise', { teams: ['police'] })),
        // Roles: an evaluator and an observer may not command.
        evaluatorCommands: await refusedWith(onFollower(s.evaluator!, DETECTION), 'command', { type: 'note', text: 'Not mine to write' }),
        wallCommands: await refusedWith(onFollower(s.wall!, DETECTION), 'command', { type: 'broadcast', text: 'Not mine to send' }),
      }).toEqual({
        policeTakesCustomsAction: 'ACTION_NOT_ALLOWED',
        policeAcknowledgesCustomsInject: 'INJECT_NOT_RELEASED',
        policeAcknowledgesRegulatorInject: 'INJECT_NOT_RELEASED',
        demoCustomsTakesDetectionAction: 'UNKNOWN_ACTION',
        demoCustomsAcknowledgesDetectionInject: 'INJECT_NOT_RELEASED',
        demoCustomsMessagesDetectionTeam: 'UNKNOWN_TEAM',
        evaluatorCommands: 'FORBIDDEN',
        wallCommands: 'FORBIDDEN',
      });
      expect(await lengths()).toEqual(before);
      // Staff of one exercise get no connection to the other, on any node.
      const demoControllerSession = await signIn(a, 'iso-demo-controller', 'iso-demo-controller password 123', DETECTION);
      for (const node of nodes) {
        for (const credential of [demoControllerSession, { ...people.police, exerciseId: DEMO }]) {
          const intruder = client(node.url, credential);
          expect((await refused(intruder.socket)).code).toBe('FORBIDDEN');
          intruder.socket.disconnect();
        }
      }

      await ok(s.director!, 'command', { type: 'broadcast', text: 'Everyone: weather update' });
      await ok(d.director, 'command', { type: 'broadcast', text: 'Demo: weather update' });
      const isLast = (e: LogEntry) => e.type === 'message.sent' && e.to.all === true && e.text.endsWith('weather update');
      await until(() => all.every((w) => w.received.some(isLast)), 'the broadcast on every socket');
      const logs: Record<string, LogEntry[]> = { [DETECTION]: await store.readLog(DETECTION), [DEMO]: await store.readLog(DEMO) };
      // The logs hold what must not leak, so the comparisons below can fail.
      const detectionTypes = logs[DETECTION]!.map((e) => e.type);
      expect(detectionTypes.filter((t) => t === 'note.added')).toHaveLength(1);
      expect(detectionTypes.filter((t) => t === 'observation.recorded')).toHaveLength(1);
      expect(detectionTypes).toEqual(expect.arrayContaining(['state.entered', 'timer.fired', 'inject.released', 'action.taken', 'message.sent']));
      expect(logs[DEMO]!.map((e) => e.type)).toEqual(expect.arrayContaining(['note.added', 'inject.released', 'action.taken', 'message.sent']));
      expect(logs[DETECTION]!.at(-1)).toSatisfy(isLast);
      expect(logs[DEMO]!.at(-1)).toSatisfy(isLast);
      // Each key once per exercise: the same key made one message in each.
      for (const log of Object.values(logs)) expect(log.filter((e) => e.type === 'message.sent' && e.idempotencyKey === 'same-key')).toHaveLength(1);

      // Live: every socket got exactly its viewer's entries of its own exercise after its connection (all connected after seq 1), in order.
      for (const w of all) {
        const live = logs[w.exerciseId]!.slice(1);
        expect(w.received, w.name).toEqual(live.filter((e) => concernsViewer(w.viewer, e)));
        expect(w.views.length, w.name).toBeGreaterThan(0);
        for (const change of w.views) expect(change.control === undefined, w.name).toBe(w.viewer.role !== 'director' && w.viewer.role !== 'controller');
      }
      // The teams got different things: a socket that got everything would not pass the checks above.
      expect(s.police![0].received.some((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm')).toBe(false);
      expect(s.customs![0].received.some((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm')).toBe(true);

      // A sync from the start, on every node, answers with the same filter over the whole log.
      for (const w of all) {
        const sync = await call(w.socket, 'sync', { afterSeq: 0 });
        if (!sync.ok) throw new Error(`${w.name}: sync refused with ${sync.error.code}`);
        expect(sync.entries, w.name).toEqual(logs[w.exerciseId]!.filter((e) => concernsViewer(w.viewer, e)));
        expect(sync.exercise.id, w.name).toBe(w.exerciseId);
        const view: ExerciseView = sync.exercise;
        const viewer = w.viewer;
        expect(view.viewer, w.name).toEqual(viewer);
        expect(view.control === undefined, w.name).toBe(viewer.role !== 'director' && viewer.role !== 'controller');
        if (viewer.role === 'participant') expect(view.actions.every((action) => action.teams.includes(viewer.teamId)), w.name).toBe(true);
      }
      for (const w of all) w.socket.disconnect();

      // The feeds, on nodes that do not own their exercise: the police code gets the police's entries, the demo code the demo customs'.
      await until(() => feeds.every((f) => f.entries.some(isLast)), 'the broadcast on every feed');
      expect(feeds[0]!.entries).toEqual(logs[DETECTION]!.filter((e) => concernsTeam('police', e)));
      expect(feeds[1]!.entries).toEqual(logs[DEMO]!.filter((e) => concernsTeam('customs', e)));
      for (const f of feeds) {
        expect(f.others).toEqual([]);
        f.ws.terminate();
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
