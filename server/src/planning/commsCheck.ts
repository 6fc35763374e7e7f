import type { CommsCheckStatus, Presence } from '@startex/shared';
import type { ExerciseHost } from '../runtime/ExerciseHost.ts';

/** Where the communications check stands: per team, tablets connected now and the acknowledgement. */
export function commsCheckStatus(host: ExerciseHost, presence: Presence): CommsCheckStatus {
  const check = host.commsCheck;
  return {
    status: host.status,
    ...(check ? { checkId: check.checkId, sentAt: check.sentAt } : {}),
    ...(check?.confirmedAt !== undefined ? { confirmedAt: check.confirmedAt } : {}),
    teams: host.record.scenario.teams.map((team) => {
      const ack = check?.acknowledged.find((a) => a.teamId === team.id);
      return { teamId: team.id, name: team.name, connected: presence.teams[team.id] ?? 0, ...(ack ? { acknowledgedAt: ack.at } : {}) };
    }),
  };
}
