import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';

/** Where one submission stands: in the outbox (waiting or being sent), refused, or in the log. */
export type Submission = { state: 'waiting' | 'sending' | 'committed' } | { state: 'failed'; error?: ErrorDetail | undefined };

/** One line per submission; symbol and words together, never colour alone. */
export function SubmissionStatus({ submission, onDiscard }: { submission: Submission; onDiscard?: (() => void) | undefined }) {
  const { t } = useTranslation('tablet');
  switch (submission.state) {
    case 'waiting':
      return <p className="submission is-waiting" role="status">◷ {t('submission.waiting')}</p>;
    case 'sending':
      return <p className="submission is-sending" role="status">◷ {t('submission.sending')}</p>;
    case 'committed':
      return <p className="submission is-committed sent" role="status">✓ {t('submission.committed')}</p>;
    case 'failed':
      return (
        <div className="submission is-failed" role="alert">
          <p>
            {/* Too large is refused by this device before sending (useExercise.request), not by the server. */}
            ✕ {t(submission.error?.code === 'PAYLOAD_TOO_LARGE' ? 'submission.tooLarge' : 'submission.failed')} {submission.error && errorText(submission.error)}
          </p>
          {onDiscard && (
            <button type="button" className="secondary" onClick={onDiscard}>
              {t('submission.discard')}
            </button>
          )}
        </div>
      );
    default: {
      const exhaustive: never = submission;
      return exhaustive;
    }
  }
}
