import { EXERCISE_ROLES, type ExerciseRole, type LogEntry, type Viewer } from '@startex/shared';
import { audienceOf, canSee } from '@startex/scenarios/engine';

/**
 * The rooms of an exercise, one per staff role and one per team, plus one for everyone: each
 * connection joins the exercise's room and its viewer's. Both transports (socket.io and the raw
 * WebSocket feed) deliver a committed entry to the rooms `roomsOf` names, so one visibility rule
 * (the engine's audienceOf and canSee) decides who hears of it, once per entry.
 */
export const exerciseRoom = (exerciseId: string) => `exercise:${exerciseId}`;
export const roleRoom = (exerciseId: string, role: ExerciseRole) => `exercise:${exerciseId}:role:${role}`;
const teamRoom = (exerciseId: string, teamId: string) => `exercise:${exerciseId}:team:${teamId}`;
export const STAFF_ROLES = EXERCISE_ROLES.filter((role) => role !== 'participant');

/** The viewer's own room: its team's for a participant, its role's for staff. */
export function viewerRoom(exerciseId: string, viewer: Viewer): string {
  return viewer.role === 'participant' ? teamRoom(exerciseId, viewer.teamId) : roleRoom(exerciseId, viewer.role);
}

/** The rooms whose viewers may see `entry`. */
export function roomsOf(exerciseId: string, entry: LogEntry): string[] {
  const audience = audienceOf(entry);
  if (audience === 'all') return [exerciseRoom(exerciseId)];
  return [
    ...STAFF_ROLES.filter((role) => canSee({ role }, entry)).map((role) => roleRoom(exerciseId, role)),
    ...audience.map((team) => teamRoom(exerciseId, team)),
  ];
}

type Deliver = (entry: LogEntry) => void;

/** The feed's members of each room (socket.io keeps its own): a feed joins its exercise's room and its viewer's. */
export class FeedRooms {
  private readonly members = new Map<string, Set<Deliver>>();

  join(exerciseId: string, viewer: Viewer, deliver: Deliver): () => void {
    const rooms = [exerciseRoom(exerciseId), viewerRoom(exerciseId, viewer)];
    for (const room of rooms) {
      let members = this.members.get(room);
      if (!members) this.members.set(room, (members = new Set()));
      members.add(deliver);
    }
    return () => {
      for (const room of rooms) {
        const members = this.members.get(room);
        members?.delete(deliver);
        if (members?.size === 0) this.members.delete(room);
      }
    };
  }

  /** Hands `entry` to each member of `rooms` once. */
  deliver(rooms: string[], entry: LogEntry): void {
    const reached = new Set<Deliver>();
    for (const room of rooms) for (const deliver of this.members.get(room) ?? []) reached.add(deliver);
    for (const deliver of reached) deliver(entry);
  }
}
