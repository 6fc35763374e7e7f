import { PRESENCE_TIMEOUT_MS, type PresenceView } from '@startex/shared';
import type { AuthorRecord } from '../store/StudioStore.ts';

interface Present {
  author: AuthorRecord;
  since: number;
  lastSeen: number;
  revision: number;
}

/**
 * Who has a scenario open in the studio: each open page says so every PRESENCE_HEARTBEAT_MS (a
 * REST heartbeat), and one silent for PRESENCE_TIMEOUT_MS has left. Rooms are made on the first
 * heartbeat and dropped when empty. In memory: a restart forgets everyone until their next beat,
 * 15 s later, and on several nodes each knows the pages that beat on it.
 */
export class StudioPresence {
  private readonly rooms = new Map<string, Map<string, Present>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `author` has the scenario open at `revision`; who else has it open. */
  beat(scenarioId: string, author: AuthorRecord, revision: number): PresenceView[] {
    const at = this.now();
    const room = this.rooms.get(scenarioId) ?? new Map<string, Present>();
    this.rooms.set(scenarioId, room);
    const present = room.get(author.username);
    room.set(author.username, { author, since: present?.since ?? at, lastSeen: at, revision });
    return this.present(scenarioId, author.username);
  }

  leave(scenarioId: string, author: AuthorRecord): PresenceView[] {
    this.rooms.get(scenarioId)?.delete(author.username);
    return this.present(scenarioId, author.username);
  }

  present(scenarioId: string, viewer: string): PresenceView[] {
    const room = this.rooms.get(scenarioId);
    if (!room) return [];
    const at = this.now();
    for (const [username, present] of room) if (at - present.lastSeen > PRESENCE_TIMEOUT_MS) room.delete(username);
    if (room.size === 0) this.rooms.delete(scenarioId);
    return [...room.values()].sort((a, b) => a.since - b.since).map((p) => ({ ...p, you: p.author.username === viewer }));
  }
}
