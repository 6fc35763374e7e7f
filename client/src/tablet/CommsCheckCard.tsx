import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMS_CHECK_TEXT, type ErrorDetail, type ExerciseStatus, type LogEntry } from '@startex/shared';
import { formatWallTime } from '../i18n/index.ts';
import './commsCheckStrings.ts';
import { errorText } from '../i18n/errorText.ts';

type Sent = Extract<LogEntry, { type: 'commscheck.sent' }>;

/** The latest communications check sent to this team, if play has not started yet. */
export function latestCommsCheck(entries: readonly LogEntry[], teamId: string | undefined): { check: Sent; acknowledgedAt?: number } | undefined {
  let check: Sent | undefined;
  for (const entry of entries) if (entry.type === 'commscheck.sent' && teamId && entry.teams.includes(teamId)) check = entry;
  if (!check) return undefined;
  const ack = entries.find((e) => e.type === 'commscheck.acknowledged' && e.checkId === check.checkId && e.teamId === teamId);
  return ack ? { check, acknowledgedAt: ack.wallTime } : { check };
}

/**
 * The test message before StartEx: not an inject and not part of play, so it stands apart from the
 * inbox; acknowledging it tells the director this tablet receives and answers.
 */
export function CommsCheckCard({
  entries,
  teamId,
  status,
  online,
  acknowledge,
}: {
  entries: readonly LogEntry[];
  teamId: string | undefined;
  status: ExerciseStatus | undefined;
  online: boolean;
  acknowledge: (checkId: string) => Promise<{ ok: true } | { ok: false; error: ErrorDetail }>;
}) {
  const { t } = useTranslation('commscheck');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const latest = latestCommsCheck(entries, teamId);
  if (!latest || (status !== 'draft' && status !== 'ready')) return null;
  const { check } = latest;
  const done = latest.acknowledgedAt !== undefined || acknowledged.has(check.checkId);

  return (
    <section className="comms-check-card" aria-labelledby="comms-check-heading" data-testid="comms-check">
      <h2 id="comms-check-heading">{t('heading')}</h2>
      <p className="comms-check-meta">{t('sentAt', { time: formatWallTime(check.wallTime) })}</p>
      <p>{check.text === COMMS_CHECK_TEXT ? t('text') : check.text}</p>
      {done ? (
        <p className="acknowledged" role="status">✓ {t('acknowledged')}</p>
      ) : (
        <button
          type="button"
          disabled={sending || !online}
          onClick={() => {
            setSending(true);
            void acknowledge(check.checkId).then((result) => {
              setSending(false);
              setError(result.ok ? undefined : result.error);
              if (result.ok) setAcknowledged((s) => new Set(s).add(check.checkId));
            });
          }}
        >
          {t('acknowledge')}
        </button>
      )}
      {!done && !online && <p className="hint">{t('offline')}</p>}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </section>
  );
}
