import { BellRing } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '@startex/shared';
import { formatStoryTime } from '../i18n/index.ts';
import { LongText } from '../lib/LongText.tsx';

type MessageEntry = Extract<LogEntry, { type: 'message.sent' }>;

/** The newest unread message from exercise control, on every tab until it is read: impossible to miss. */
export function ControlBanner({ unread, onOpen, onRead }: { unread: MessageEntry[]; onOpen: () => void; onRead: () => void }) {
  const { t } = useTranslation('tablet');
  const latest = unread.at(-1);
  if (!latest) return null;
  return (
    <section className="control-banner" role="alert" aria-labelledby="control-banner-heading" data-testid="control-banner">
      <h2 id="control-banner-heading">
        <BellRing aria-hidden="true" size={20} />
        {t('banner.heading', { count: unread.length })}
        <span className="banner-time">{formatStoryTime(latest.scenarioTimeMs)}</span>
      </h2>
      <LongText text={latest.text} />
      <div className="banner-actions">
        <button type="button" onClick={onOpen}>{t('banner.open')}</button>
        <button type="button" className="secondary" onClick={onRead}>{t('banner.read')}</button>
      </div>
    </section>
  );
}
