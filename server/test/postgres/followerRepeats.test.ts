import { afterAll, describe, expect, it } from 'vitest';
import { call, until } from '../harness.ts';
import { Play, startCluster, storedLog, text } from './clusterPlay.ts';
import { freshDatabase } from './databases.ts';
import { stopNodes, type Node } from './nodes.ts';

afterAll(stopNodes);

/** What a node's /metrics says it forwarded to the owner and the owner committed. */
async function forwardedCommitted(node: Node): Promise<number> {
  const { body } = await text(node, '/metrics');
  const line = body.split('\n').find((l) => l.startsWith('startex_forwarded_inputs_total{outcome="committed"}'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('a follower node and the repeats of its tablets', () => {
  it('sends the owner one delivery report for a team whose tablets all report an inject at once, and answers each tablet with its seq', async () => {
    const url = await freshDatabase({ empty: true });
    const nodes = await startCluster(['node-a', 'node-b'], url, 1);
    const [owner, follower] = nodes as [Node, Node];
    // Twelve tablets of the demo's customs team on each node; those on the node that does not own the demo report.
    const play = await Play.open([owner, follower], 12, owner);
    const tablets = play.tablets.filter((tablet) => tablet.node === follower);
    expect(await play.send(play.director, 'command', { type: 'start' })).toMatchObject({ ok: true });
    expect(await play.send(play.director, 'command', { type: 'release', injectId: 'portal_alarm' })).toMatchObject({ ok: true }); // to customs
    for (const { mirror } of tablets) await until(() => mirror.entries.some((e) => e.type === 'inject.released' && e.inject.id === 'portal_alarm'), 'the alarm on every tablet');
    const before = await forwardedCommitted(follower);

    const answers = await Promise.all(tablets.map(({ mirror }) => call(mirror.socket!, 'inject.delivered', { injectId: 'portal_alarm' })));
    const seqs = answers.map((answer) => (answer as { ok: true; seq: number }).seq);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(new Set(seqs).size).toBe(1);
    // Once the entry is folded here, a late tablet is answered by this node alone.
    expect(await call(tablets[0]!.mirror.socket!, 'inject.delivered', { injectId: 'portal_alarm' })).toMatchObject({ ok: true, seq: seqs[0] });
    expect((await forwardedCommitted(follower)) - before).toBe(1);

    const { log } = await storedLog(url);
    expect(log.filter((e) => e.type === 'inject.delivered' && e.teamId === 'customs').map((e) => e.seq)).toEqual([seqs[0]]);
    await play.end();
  }, 120_000);
});
