import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '../lib/outbox.ts';

const KINDS = [
  ['action.take', 'queue.actions'],
  ['message.send', 'queue.messages'],
  ['inject.acknowledge', 'queue.acknowledgements'],
] as const;

/** What this device still holds: "3 actions, 1 message waiting to be sent", and what was refused. */
export function QueueStatus({ items, online }: { items: OutboxItem[]; online: boolean }) {
  const { t } = useTranslation('tablet');
  const pending = items.filter((item) => item.state === 'pending');
  const failed = items.length - pending.length;
  if (items.length === 0) return null;
  const parts = KINDS.map(([event, key]) => [pending.filter((item) => item.event === event).length, key] as const)
    .filter(([count]) => count > 0)
    .map(([count, key]) => t(key, { count }));
  return (
    <div className={`queue-status ${online ? 'is-online' : 'is-offline'}`} role="status" data-testid="queue-status">
      {parts.length > 0 && (
        // On a phone the header shows only the short count (data-short, drawn by CSS); the sentence stays for screen readers.
        <p data-short={t('queue.count', { n: pending.length })}>
          <span aria-hidden="true">◷ </span>
          <span className="queue-long">
            {t(online ? 'queue.sending' : 'queue.waiting', { items: parts.join(', ') })}
            {!online && <span className="queue-hint"> {t('queue.automatic')}</span>}
          </span>
        </p>
      )}
      {failed > 0 && (
        <p className="queue-failed">
          <span aria-hidden="true">✕ </span>
          {t('queue.failed', { count: failed })}
        </p>
      )}
    </div>
  );
}
