import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseView } from '@startex/shared';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { HaltBanner } from '../lib/HaltBanner.tsx';
import type { ConnectionState } from '../lib/useExercise.ts';
import type { OutboxItem } from '../lib/outbox.ts';
import { QueueStatus } from './QueueStatus.tsx';
import { TabletSettings } from './TabletSettings.tsx';

interface Props {
  view: ExerciseView | undefined;
  teamName: string | undefined;
  title: string | undefined;
  fromCache: boolean;
  connection: ConnectionState;
  /** The scenario clock as useExerciseClock formats it, in the user's language: "Day 1 09:02:05". */
  scenarioClock: string;
  queue: OutboxItem[];
  settings: { alerts: boolean; onAlerts: (on: boolean) => void; onLeave: () => void };
  /** The tabs. */
  children: ReactNode;
}

/** Always on screen: halt banner, team, status, scenario clock, connection, what waits to be sent, and the tabs. */
export function TabletHeader({ view, teamName, title, fromCache, connection, scenarioClock, queue, settings, children }: Props) {
  const { t } = useTranslation('tablet');
  return (
    <header className="tablet-header">
      <HaltBanner view={view} />
      <div className="tablet-bar">
        <div className="tablet-title">
          <h1>{teamName ?? t('header.participant')}</h1>
          <p className="subtitle">
            {title ?? t('header.loading')}
            {fromCache && <span className="notice-inline"> · {t('header.fromCache')}</span>}
          </p>
        </div>
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
          <TabletSettings alerts={settings.alerts} onAlerts={settings.onAlerts} onLeave={settings.onLeave} />
        </div>
      </div>
      <QueueStatus items={queue} online={connection === 'online'} />
      {children}
    </header>
  );
}
