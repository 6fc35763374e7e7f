import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseReview } from '@startex/shared';
import { api, type ApiError } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useSession } from '../lib/useSession.ts';
import { EvaluationPanel } from './EvaluationPanel.tsx';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';
import { ReplayPanel } from './ReplayPanel.tsx';
import './review.css';
import './strings.ts';
import { errorText } from '../i18n/errorText.ts';

const TABS = ['replay', 'metrics', 'evaluation', 'feedback'] as const;
type Tab = (typeof TABS)[number];

/** /review/<exerciseId>: replay, metrics, the evaluation guide and the hot-wash, all computed from the log. */
export function ReviewPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('review');
  const session = useSession();
  const [review, setReview] = useState<ExerciseReview | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [tab, setTab] = useState<Tab>(() => (TABS as readonly string[]).includes(window.location.hash.slice(1)) ? (window.location.hash.slice(1) as Tab) : 'metrics');
  const reload = useCallback(async () => {
    const result = await api<ExerciseReview>(`/api/exercises/${encodeURIComponent(exerciseId)}/review`);
    if (result.ok) {
      setReview(result.value);
      setError(undefined);
    } else setError(result.error);
  }, [exerciseId]);
  useEffect(() => {
    if (session.session) void reload();
  }, [session.session, reload]);

  if (session.loading) return <main className="page"><p>{t('common:loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  const role = session.session.memberships.find((m) => m.exerciseId === exerciseId)?.role;
  const choose = (next: Tab) => {
    setTab(next);
    history.replaceState(null, '', `#${next}`);
    // The log may have grown (ratings, hot-wash from the tablets): each tab shows it as it is now.
    void reload();
  };

  return (
    <main className="page review">
      <header className="bar">
        <h1>{t('title')}</h1>
        <nav className="bar-actions" aria-label={t('title')}>
          <a className="button-link" href={`/report/${encodeURIComponent(exerciseId)}`} data-testid="to-report">{t('toReport')}</a>
          <a href="/">{t('back')}</a>
          <Preferences />
        </nav>
      </header>
      {error && <p role="alert" className="error">{error.code === 'FORBIDDEN' ? t('notAllowed') : t('loadFailed', { message: errorText(error) })}</p>}
      {review && (
        <>
          <p className="subtitle">{t('coversLog', { seq: review.lastSeq })} · {t(`common:status.${review.status}`)}</p>
          <div role="tablist" className="review-tabs" aria-label={t('title')}>
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`review-tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`review-panel-${name}`}
                className={tab === name ? '' : 'secondary'}
                data-testid={`review-tab-${name}`}
                onClick={() => choose(name)}
              >
                {t(`tabs.${name}`)}
              </button>
            ))}
          </div>
          <section role="tabpanel" id={`review-panel-${tab}`} aria-labelledby={`review-tab-${tab}`} className="review-panel">
            {tab === 'replay' && <ReplayPanel exerciseId={exerciseId} review={review} />}
            {tab === 'metrics' && <MetricsPanel exerciseId={exerciseId} review={review} />}
            {tab === 'evaluation' && <EvaluationPanel exerciseId={exerciseId} review={review} role={role} onChanged={reload} />}
            {tab === 'feedback' && <FeedbackPanel review={review} />}
          </section>
        </>
      )}
    </main>
  );
}
