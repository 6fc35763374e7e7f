import { useTranslation } from 'react-i18next';
import type { ExerciseView, Team } from '@startex/shared';

type SimulatedOrganisation = ExerciseView['simulatedOrganisations'][number];
import { formatExerciseTime } from '../lib/clock.ts';
import type { InboxItem } from './messages.ts';
import { ReplyForm } from './ReplyForm.tsx';

type Reply = { organisationId: string; to: string; text: string; replyTo: string };

/** Messages teams sent to simulated organisations, unanswered first, each with a reply form. */
export function SimCellInbox({
  items,
  teams,
  organisations,
  canReply,
  onReply,
}: {
  items: readonly InboxItem[];
  teams: Team[];
  organisations: SimulatedOrganisation[];
  canReply: boolean;
  onReply: (reply: Reply) => Promise<boolean>;
}) {
  const { t } = useTranslation('console');
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  const orgName = (id: string) => organisations.find((x) => x.id === id)?.name ?? id;
  if (items.length === 0) return <p className="empty">{t('simcell.empty')}</p>;
  return (
    <ul className="simcell-inbox">
      {items.map((item) => {
        const answered = item.replies.length > 0;
        return (
          <li key={item.message.messageId} className={`simcell-item ${answered ? 'answered' : 'unanswered'}`} data-testid={`message-${item.message.messageId}`}>
            <div className="simcell-head">
              <span className={`chip ${answered ? 'chip-acknowledged' : 'chip-late'}`}>{answered ? t('simcell.answered') : t('simcell.unanswered')}</span>{' '}
              <strong>{teamName(item.teamId)}</strong> → {item.organisations.map(orgName).join(', ')}{' '}
              <span className="time">{formatExerciseTime(item.message.exerciseTimeMs)}</span>
            </div>
            <p className="message-text">{item.message.text}</p>
            {item.replies.map((reply) => (
              <p key={reply.seq} className="message-reply">
                <span className="label">
                  {reply.from.kind === 'simcell' ? orgName(reply.from.organisationId) : ''} · {formatExerciseTime(reply.exerciseTimeMs)}
                </span>{' '}
                {reply.text}
              </p>
            ))}
            <ReplyForm
              organisations={item.organisations.map((id) => ({ id, name: orgName(id) }))}
              enabled={canReply}
              label={t('simcell.replyTo', { team: teamName(item.teamId) })}
              onReply={(organisationId, text) => onReply({ organisationId, to: item.teamId, text, replyTo: item.message.messageId })}
            />
          </li>
        );
      })}
    </ul>
  );
}
