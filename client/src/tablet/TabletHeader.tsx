import { useTranslation } from 'react-i18next';
import type { ExerciseView } from '@startex/shared';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { HaltBanner } from '../lib/HaltBanner.tsx';
import type { ConnectionState } from '../lib/useExercise.ts';
import type { OutboxItem } from '../lib/outbox.ts';
import { QueueStatus } from './QueueStatus.tsx';

interface Props {
  view: ExerciseView | undefined;
  teamName: string | undefined;
  connection: ConnectionState;
  /** The scenario clock as useExerciseClock formats it, in the user's language: "Day 1 09:02:05". */
  scenarioClock: string;
  queue: OutboxItem[];
  unread: number;
}

/** Always on screen: halt banner, team, status, scenario clock, connection, what waits to be sent. */
export function TabletHeader({ view, teamName, connection, scenarioClock, queue, unread }: Props) {
  const { t } = useTranslation('tablet');
  return (
    <header className="tablet-header">
      <HaltBanner view={view} />
      <div className="tablet-bar">
        <h1>{teamName ?? t('header.participant')}</h1>
        <div className="tablet-bar-status">
          <span className={`exercise-status status-${view?.status ?? 'unknown'}`}>
            <span className="visually-hidden">{t('header.status')}: </span>
            <span data-testid="status">{view ? t(`status.${view.status}`, { ns: 'common' }) : '…'}</span>
          </span>
          <span className="scenario-clock" title={t('header.scenarioTime')}>
            <span className="visually-hidden">{t('header.scenarioTime')}: </span>
            {scenarioClock}
          </span>
          <ConnectionBadge state={connection} />
        </div>
      </div>
      <QueueStatus items={queue} online={connection === 'online'} />
      <nav className="tablet-nav" aria-label={t('nav.label')}>
        <a href="#inbox">
          {t('nav.inbox')}
          {unread > 0 && (
            <span className="nav-count">
              <span aria-hidden="true">{unread}</span>
              <span className="visually-hidden">{t('inbox.unread', { count: unread })}</span>
            </span>
          )}
        </a>
        <a href="#actions">{t('nav.actions')}</a>
        <a href="#messages">{t('nav.messages')}</a>
        <a href="#log">{t('nav.log')}</a>
      </nav>
    </header>
  );
}
