import { afterAll, describe, expect, it } from 'vitest';
import { callOrLost, LogMirror, loginAt, seededRandom, until } from '../harness.ts';
import { ownerAmong, pause, Play, startCluster, text } from './clusterPlay.ts';
import { freshDatabase } from './databases.ts';
import { eventually, ownedBy, startNode, startProxy, stopNodes, type Node } from './nodes.ts';

afterAll(stopNodes);

describe('three StartEx nodes on one PostgreSQL database', () => {
  it('runs the demo on one owner, takes inputs on every node, and survives three kills of the owner under load: nothing acknowledged lost, nothing twice, every timer once', async () => {
    const url = await freshDatabase({ empty: true });
    // Speed 6: the demo's alarm is due 20 s after StartEx, while owners are being killed; it ends by itself 100 s after StartEx, after the test.
    const speed = 6;
    const nodes = await startCluster(['node-a', 'node-b', 'node-c'], url, speed);
    const [first, second] = nodes as [Node, Node, Node];
    // The node that created the demo (and readied it) owns it.
    expect(await ownedBy(first)).toEqual(['demo']);
    for (const node of nodes.slice(1)) expect(await ownedBy(node)).toEqual([]);
    const play = await Play.open(nodes, 3, second);
    // StartEx from node-b: forwarded to the owner, acknowledged once committed there.
    expect(await play.send(play.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const started = await until(() => play.director.entries.find((e) => e.type === 'exercise.started'), 'StartEx');
    play.startLoad(18);

    const random = seededRandom(18);
    const alive = [...nodes];
    const restarting: Promise<Node>[] = [];
    const takeovers: number[] = [];
    for (let kill = 1; kill <= 3; kill++) {
      await pause(700 + random.int(800));
      // A survivor is needed: wait for a restarted node if only one is up.
      if (alive.length < 2) alive.push(await restarting.shift()!);
      const owner = await ownerAmong(alive);
      const killedAt = Date.now();
      await owner.process.stop('SIGKILL');
      alive.splice(alive.indexOf(owner), 1);
      const successor = await ownerAmong(alive);
      takeovers.push(Date.now() - killedAt);
      expect(successor).not.toBe(owner);
      await play.moveClients(owner, alive);
      // The killed node comes back (as a process manager would restart it) and serves again.
      restarting.push(startNode(`${owner.name.split('-').slice(0, 2).join('-')}-${kill}`, url, speed));
    }
    alive.push(...(await Promise.all(restarting)));
    await until(() => play.director.entries.find((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm'), 'the alarm', 15_000);
    await pause(500);
    await play.stopLoad();
    await play.end();

    const { log, epochs, acknowledged, lost } = await play.check(url);
    expect(acknowledged).toBeGreaterThan(50);
    // The generation went up once per takeover.
    expect(new Set(epochs.slice(started.seq - 1)).size).toBe(4);
    // Every timer fired once, and every inject was released once.
    const fired = log.flatMap((e) => (e.type === 'timer.fired' ? [`${e.timer}@${e.dueExerciseMs}`] : []));
    expect(fired).toContain(`quiet.after.0@${started.exerciseTimeMs + 120_000}`);
    expect(new Set(fired).size).toBe(fired.length);
    const released = log.flatMap((e) => (e.type === 'inject.released' ? [e.inject.id] : []));
    expect(new Set(released).size).toBe(released.length);
    console.log(`several nodes, 3 x kill -9: ${acknowledged} acknowledged, ${lost} lost in flight, new owner after ${takeovers.join(', ')} ms`);
  }, 180_000);

  it('fences an owner frozen with SIGSTOP: another node takes over after the lease, and the old one, continued, gives the exercise up and writes nothing', async () => {
    const url = await freshDatabase({ empty: true });
    const nodes = await startCluster(['node-a', 'node-b', 'node-c'], url, 1);
    const [first, second, third] = nodes as [Node, Node, Node];
    // Ready once the adapter listens (a moment after the node starts), with every check named.
    for (const node of nodes) await eventually(async () => (await text(node, '/api/health/ready')).status === 200, `${node.name} ready`);
    for (const node of nodes) expect(await text(node, '/api/health/ready')).toEqual({ status: 200, body: JSON.stringify({ ready: true, checks: { migrated: true, fanOut: true, ownership: true } }) });
    const play = await Play.open(nodes, 2, second);
    expect(await play.send(play.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
    play.startLoad(19);
    await pause(800);

    // A tablet on the owner's node that acts while the node is frozen: the node reads its request as it continues.
    const probe = new LogMirror(first.process.joinCode);
    await probe.open(first.url);
    const frozenAt = Date.now();
    first.process.child.kill('SIGSTOP');
    const successor = await ownerAmong([second, third]);
    const takeoverMs = Date.now() - frozenAt;
    const probed = play.send(probe, 'action.take', { actionId: 'report_alarm', fields: { dose_rate_usvh: 9.9, vehicle_held: true }, idempotencyKey: 'sent-to-the-frozen-owner' });
    await pause(1_000);
    first.process.child.kill('SIGCONT');
    // Continued, the node either learns first that its lock session ended and forwards the input to
    // the new owner, or runs it as the owner it no longer is and the log refuses its generation.
    const probeResult = await probed;
    if (!probeResult?.ok) expect(probeResult).toEqual({ ok: false, error: { code: 'OWNER_UNAVAILABLE', message: 'Another server has taken this exercise over; this was not recorded. Try again.' } });
    probe.close();
    // Continued, it gives the exercise up at once (its lease ran out long ago) and follows the new owner.
    await eventually(async () => (await ownedBy(first)).length === 0 && (await text(first, '/api/health/ready')).status === 200, 'the old owner giving up');
    await pause(1_000);
    await play.stopLoad();
    await play.end();

    // An input the frozen owner took up as it continued is refused by the fence (or forwarded, if it gave up first).
    const { epochs, acknowledged, refused } = await play.check(url, ['OWNER_UNAVAILABLE']);
    expect(acknowledged).toBeGreaterThan(30);
    expect(new Set(epochs).size).toBe(2);
    // Acknowledged, the probe was written by the new owner's generation.
    if (probeResult?.ok) expect(epochs[probeResult.seq - 1]).toBe(2);
    const oldMetrics = (await text(first, '/metrics')).body;
    expect(oldMetrics).toContain('startex_owner_changes_total{change="given-up"} 1');
    expect((await text(successor, '/metrics')).body).toContain('startex_owner_changes_total{change="taken"} 1');
    expect(oldMetrics).toMatch(/startex_fanout_seconds_count [1-9]/);
    const fenced = /startex_fenced_appends_total (\d+)/.exec(oldMetrics)![1];
    console.log(`several nodes, SIGSTOP: ${acknowledged} acknowledged, ${refused} refused, ${fenced} appends of the old owner fenced, probe ${probeResult?.ok ? 'forwarded' : 'fenced'}; ${successor.name} owned the demo ${takeoverMs} ms after the freeze`);
  }, 120_000);

  it('works behind deploy/nginx-startex-nodes.conf: WebSockets spread over the nodes without sticky sessions, and the clients of a killed node reconnect through nginx to another', async () => {
    const url = await freshDatabase({ empty: true });
    const nodes = await startCluster(['node-a', 'node-b'], url, 1);
    const proxy = await startProxy(nodes);
    try {
      const entry: Node = { name: 'nginx', process: nodes[0]!.process, url: proxy.url };
      const play = await Play.open([entry], 6, entry);
      // The operators' endpoints are not served through the proxy.
      expect((await fetch(`${proxy.url}/metrics`)).status).toBe(403);
      expect(await play.send(play.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
      play.startLoad(20);
      await pause(800);
      const owner = await ownerAmong(nodes);
      await owner.process.stop('SIGKILL');
      await ownerAmong(nodes.filter((node) => node !== owner));
      await pause(300);
      const moved = await play.reconnectDropped(proxy.url);
      await pause(800);
      await play.stopLoad();
      await play.end();
      const { acknowledged } = await play.check(url);
      // nginx spread the seven clients over both nodes: some were on the killed one.
      expect(moved).toBeGreaterThan(0);
      expect(acknowledged).toBeGreaterThan(20);
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  it('plays a plan changed on a node that does not own the exercise: the owner starts it at the new speed', async () => {
    const url = await freshDatabase({ empty: true });
    const [owner, other] = (await startCluster(['node-a', 'node-b'], url, 5)) as [Node, Node];
    const { username, password } = owner.process.director;
    const director = await loginAt(other.url, username, password!, 'demo');
    const headers = { cookie: director.cookie, 'x-csrf-token': director.csrfToken, 'content-type': 'application/json' };
    const plan = (await (await fetch(`${other.url}/api/exercises/demo/plan`, { headers })).json()) as { settings: Record<string, unknown> };
    const { requireCommsCheck: _locked, ...settings } = plan.settings;
    const saved = await fetch(`${other.url}/api/exercises/demo/settings`, { method: 'PUT', headers, body: JSON.stringify({ ...settings, speed: 7 }) });
    expect(saved.status).toBe(200);
    // The owner loads the new plan: StartEx (sent to node-a itself) carries the new speed.
    const console_ = new LogMirror(director);
    await console_.open(owner.url);
    await eventually(async () => {
      const answer = await fetch(`${owner.url}/api/exercises/demo/plan`, { headers });
      return ((await answer.json()) as { settings: { speed: number } }).settings.speed === 7;
    }, 'the owner holding the new plan');
    expect(await callOrLost(console_.socket!, 'command', { type: 'start' })).toMatchObject({ ok: true });
    const started = await until(() => console_.entries.find((e) => e.type === 'exercise.started'), 'StartEx');
    expect(started).toMatchObject({ type: 'exercise.started', speed: 7 });
    console_.close();
  }, 120_000);
});
