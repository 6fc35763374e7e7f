import { afterAll, describe, expect, it } from 'vitest';
import type { CommitResult, TakeAction } from '@startex/shared';
import { callOrLost, client, connected, LogMirror, loginAt, until, type TestSocket } from '../harness.ts';
import { startCluster } from './clusterPlay.ts';
import { freshDatabase } from './databases.ts';
import { ownedBy, stopNodes } from './nodes.ts';

afterAll(stopNodes);

/** An action sent with the raw socket: its answer as it came, its entries not handed to the socket's `log` listeners (which note broadcast frames only). */
const act = (socket: TestSocket, action: TakeAction) =>
  new Promise<CommitResult>((resolve) => (socket.emit as (...args: unknown[]) => void)('action.take', action, resolve));

describe('an input sent to a node that does not own the exercise', () => {
  it('answers the sender with its entries, as one node does, and sends them once to every other connection that may see them, none to the sender', async () => {
    const url = await freshDatabase({ empty: true });
    const [owner, follower] = await startCluster(['node-a', 'node-b'], url, 1);
    expect([await ownedBy(owner!), await ownedBy(follower!)]).toEqual([['demo'], []]);
    const { username, password } = owner!.process.director;
    const director = new LogMirror(await loginAt(follower!.url, username, password!, 'demo'));
    await director.open(follower!.url);
    expect(await callOrLost(director.socket!, 'command', { type: 'start' })).toMatchObject({ ok: true });

    // Three tablets of one team: the sender and another on the follower, a third on the owner.
    const [sender, besideIt, onTheOwner] = [follower!, follower!, owner!].map((node) => client(node.url, owner!.process.joinCode)) as [
      ReturnType<typeof client>,
      ReturnType<typeof client>,
      ReturnType<typeof client>,
    ];
    await Promise.all([sender, besideIt, onTheOwner].map(({ socket }) => connected(socket)));

    const answer = await act(sender.socket, { actionId: 'report_alarm', fields: { dose_rate_usvh: 2.2, vehicle_held: true }, idempotencyKey: 'from-the-follower' });
    expect(answer).toMatchObject({ ok: true, entries: [expect.objectContaining({ type: 'action.taken', idempotencyKey: 'from-the-follower' })] });
    const own = (answer as { seq: number; entries: { seq: number }[] }).entries.map((entry) => entry.seq);
    expect(own[0]).toBe((answer as { seq: number }).seq);

    // A broadcast after it reaches all three: by then each has every frame of the action it will ever get (a connection receives in seq order).
    const later = await callOrLost(director.socket!, 'command', { type: 'broadcast', text: 'After the action' });
    const laterSeq = (later as { seq: number }).seq;
    for (const tablet of [sender, besideIt, onTheOwner]) await until(() => tablet.received.some((entry) => entry.seq === laterSeq), 'the broadcast on every tablet');
    const framesOf = (tablet: ReturnType<typeof client>) => tablet.received.filter((entry) => own.includes(entry.seq)).map((entry) => entry.seq);
    expect([framesOf(sender), framesOf(besideIt), framesOf(onTheOwner)]).toEqual([[], own, own]);
    for (const tablet of [sender, besideIt, onTheOwner]) tablet.socket.disconnect();
    director.close();
  }, 120_000);
});
