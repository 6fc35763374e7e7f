import { useTranslation } from 'react-i18next';
import type { LogEntry, Presence, Team } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';
import type { InboxItem } from './messages.ts';
import type { MselRow } from './msel.ts';
import { teamStatus } from './msel.ts';

/**
 * Per team: devices connected, last acknowledgement, injects not yet acknowledged, messages waiting for the SimCell.
 * In a narrow pane each team's figures go under its name, each with its column's label (data-label, styles.css).
 */
export function TeamBoard({
  teams,
  presence,
  entries,
  rows,
  inbox,
  onSelectInject,
}: {
  teams: Team[];
  presence: Presence | undefined;
  entries: readonly LogEntry[];
  rows: readonly MselRow[];
  inbox: readonly InboxItem[];
  onSelectInject: (id: string) => void;
}) {
  const { t } = useTranslation('console');
  const lastAck = new Map<string, number>();
  for (const entry of entries) if (entry.type === 'inject.acknowledged') lastAck.set(entry.teamId, entry.exerciseTimeMs);
  return (
    <table className="team-board">
      <thead>
        <tr>
          <th scope="col">{t('team.team')}</th>
          <th scope="col">{t('team.devices')}</th>
          <th scope="col">{t('team.lastAck')}</th>
          <th scope="col">{t('team.unanswered')}</th>
          <th scope="col">{t('team.pending')}</th>
        </tr>
      </thead>
      <tbody>
        {teams.map((team) => {
          const devices = presence?.teams[team.id] ?? 0;
          const pending = rows.filter((row) => row.state === 'released' && row.to.includes(team.id) && ['released', 'delivered'].includes(teamStatus(row, team.id)));
          const unanswered = inbox.filter((item) => item.teamId === team.id && item.replies.length === 0).length;
          const ack = lastAck.get(team.id);
          return (
            <tr key={team.id} data-testid={`team-${team.id}`}>
              <th scope="row" title={team.name}>
                <span className="team-name">{team.name}</span>
              </th>
              <td data-label={t('team.devices')} className={devices ? 'ok' : 'bad'}>{devices ? t('team.deviceCount', { count: devices }) : t('team.noDevice')}</td>
              <td data-label={t('team.lastAck')} className="time">{ack !== undefined ? formatExerciseTime(ack) : '—'}</td>
              <td data-label={t('team.unanswered')} className={unanswered ? 'warn' : 'muted'}>{unanswered ? t('team.messageCount', { count: unanswered }) : t('team.none')}</td>
              <td data-label={t('team.pending')} className={pending.length ? 'warn' : 'muted'}>
                {pending.length === 0
                  ? t('team.none')
                  : pending.map((row) => (
                      <button key={row.id} type="button" className="link-button" title={row.subject} onClick={() => onSelectInject(row.id)}>
                        #{row.number}
                      </button>
                    ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
