import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from './inboxItems.ts';
import { InjectCard, type AckState } from './InjectCard.tsx';

interface Props {
  items: InboxItem[];
  teamName: (teamId: string) => string;
  read: ReadonlySet<string>;
  markRead: (injectId: string) => void;
  ackState: (item: InboxItem) => AckState;
  onAcknowledge: (injectId: string) => void;
  onRespond?: ((injectId: string) => void) | undefined;
}

/** The team's injects, newest first; opening, acknowledging or answering one marks it read. */
export function Inbox({ items, teamName, read, markRead, ackState, onAcknowledge, onRespond }: Props) {
  const { t } = useTranslation('tablet');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const isRead = (item: InboxItem) => read.has(item.inject.id) || item.progress.acknowledgedAtMs !== undefined || item.progress.status === 'acted';
  const unread = items.filter((item) => !isRead(item)).length;

  function toggle(injectId: string) {
    markRead(injectId);
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(injectId)) next.add(injectId);
      return next;
    });
  }

  return (
    <section id="inbox" className="tablet-section" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">
        {t('inbox.heading')} {unread > 0 && <span className="count">{t('inbox.unread', { count: unread })}</span>}
      </h2>
      {items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
      <ul className="inbox-list" data-testid="inbox">
        {items.map((item) => (
          <InjectCard
            key={item.inject.id}
            item={item}
            to={item.inject.to.map(teamName).join(', ')}
            unread={!isRead(item)}
            open={open.has(item.inject.id)}
            ack={ackState(item)}
            onToggle={() => toggle(item.inject.id)}
            onAcknowledge={() => {
              markRead(item.inject.id);
              onAcknowledge(item.inject.id);
            }}
            onRespond={onRespond && (() => {
              markRead(item.inject.id);
              onRespond(item.inject.id);
            })}
          />
        ))}
      </ul>
    </section>
  );
}
