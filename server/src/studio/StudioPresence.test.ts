import { describe, expect, it } from 'vitest';
import { PRESENCE_TIMEOUT_MS } from '@startex/shared';
import { StudioPresence } from './StudioPresence.ts';

const alice = { username: 'alice', displayName: 'Alice Author' };
const bob = { username: 'bob', displayName: 'Bob Builder' };

describe('StudioPresence', () => {
  it('lists who has a scenario open, since when and at which revision, until they leave or fall silent', () => {
    let now = 1_000;
    const presence = new StudioPresence(() => now);
    expect(presence.beat('parcel', alice, 3)).toEqual([{ author: alice, since: 1_000, lastSeen: 1_000, revision: 3, you: true }]);
    now = 2_000;
    expect(presence.beat('parcel', bob, 3)).toEqual([
      { author: alice, since: 1_000, lastSeen: 1_000, revision: 3, you: false },
      { author: bob, since: 2_000, lastSeen: 2_000, revision: 3, you: true },
    ]);
    now = 3_000;
    presence.beat('parcel', alice, 4);
    expect(presence.present('parcel', 'bob').map((p) => [p.author.username, p.since, p.revision])).toEqual([['alice', 1_000, 4], ['bob', 2_000, 3]]);
    expect(presence.present('other', 'bob')).toEqual([]);
    // Bob's page stops beating; Alice closes hers.
    now = 2_000 + PRESENCE_TIMEOUT_MS + 1;
    expect(presence.present('parcel', 'alice').map((p) => p.author.username)).toEqual(['alice']);
    expect(presence.leave('parcel', alice)).toEqual([]);
  });
});
