import { useTranslation } from 'react-i18next';
import type { ExerciseView } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';
import type { ExerciseWords } from '../lib/exerciseWords.ts';
import { LongText } from '../lib/LongText.tsx';
import type { InboxItem } from './messages.ts';
import { ReplyForm } from './ReplyForm.tsx';

type SimulatedOrganisation = ExerciseView['simulatedOrganisations'][number];
type Reply = { organisationId: string; to: string; text: string; replyTo: string };

/** Messages teams sent to simulated organisations, unanswered first; control staff answer each as the SimCell, others read them. */
export function SimCellInbox({
  items,
  words,
  organisations,
  canReply,
  onReply,
}: {
  items: readonly InboxItem[];
  words: ExerciseWords;
  organisations: SimulatedOrganisation[];
  /** Undefined when the viewer's role never replies (the inbox is read-only for them); false while the status does not allow it. */
  canReply: boolean | undefined;
  onReply: (reply: Reply) => Promise<boolean>;
}) {
  const { t } = useTranslation('console');
  const orgName = (id: string) => organisations.find((x) => x.id === id)?.name ?? words.organisation(id);
  if (items.length === 0) return <p className="empty">{t('simcell.empty')}</p>;
  return (
    <ul className="simcell-inbox">
      {items.map((item) => {
        const answered = item.replies.length > 0;
        return (
          <li key={item.message.messageId} className={`simcell-item ${answered ? 'answered' : 'unanswered'}`} data-testid={`message-${item.message.messageId}`}>
            <div className="simcell-head">
              <span className={`chip ${answered ? 'chip-acknowledged' : 'chip-late'}`}>{answered ? t('simcell.answered') : t('simcell.unanswered')}</span>{' '}
              <strong>{words.team(item.teamId)}</strong> → {item.organisations.map(orgName).join(', ')}{' '}
              <span className="time">{formatExerciseTime(item.message.exerciseTimeMs)}</span>
            </div>
            <LongText className="message-text" text={item.message.text} />
            {item.replies.map((reply) => (
              <div key={reply.seq} className="message-reply">
                <span className="label">
                  {reply.from.kind === 'simcell' ? orgName(reply.from.organisationId) : ''} · {formatExerciseTime(reply.exerciseTimeMs)}
                </span>
                <LongText text={reply.text} />
              </div>
            ))}
            {canReply !== undefined && (
              <ReplyForm
                organisations={item.organisations.map((id) => ({ id, name: orgName(id) }))}
                enabled={canReply}
                label={t('simcell.replyTo', { team: words.team(item.teamId) })}
                onReply={(organisationId, text) => onReply({ organisationId, to: item.teamId, text, replyTo: item.message.messageId })}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
