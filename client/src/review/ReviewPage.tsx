import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Tabs } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ExerciseReview } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { roleIn, useSession } from '../lib/useSession.ts';
import { EvaluationPanel } from './EvaluationPanel.tsx';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';
import { ReplayPanel } from './ReplayPanel.tsx';
import './review.css';
import './strings.ts';
import { errorText } from '../i18n/errorText.ts';

const TABS = ['replay', 'metrics', 'evaluation', 'feedback'] as const;
type Tab = (typeof TABS)[number];

/** /review/<exerciseId>/<tab>: replay, metrics, the evaluation guide and the hot-wash, all computed from the log. */
export function ReviewPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('review');
  const session = useSession();
  const navigate = useNavigate();
  // The tab is in the path (/review/<id>/replay); links written before that named it in the fragment (#replay).
  const param = useParams().tab ?? window.location.hash.slice(1);
  const tab: Tab = (TABS as readonly string[]).includes(param) ? (param as Tab) : 'metrics';
  const [review, setReview] = useState<ExerciseReview | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const reload = useCallback(async () => {
    const result = await call(API_ROUTES.review, { params: { id: exerciseId } });
    if (result.ok) {
      setReview(result.value);
      setError(undefined);
    } else setError(result.error);
  }, [exerciseId]);
  useEffect(() => {
    if (session.session) void reload();
  }, [session.session, reload]);

  if (session.loading) return <main className="page" id="main"><p>{t('common:loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  const role = roleIn(session.session, exerciseId);
  const choose = (next: string) => {
    void navigate(`/review/${encodeURIComponent(exerciseId)}/${next}`, { replace: true });
    // The log may have grown (ratings, hot-wash from the tablets): each tab shows it as it is now.
    void reload();
  };

  return (
    <main className="page review" id="main">
      <div className="page-head">
        <div>
          <h1>{t('title')}</h1>
          {review && <p className="subtitle">{t('coversLog', { seq: review.lastSeq })} · {t(`common:status.${review.status}`)}</p>}
        </div>
        <Link className="button-link" to={`/report/${encodeURIComponent(exerciseId)}`} data-testid="to-report">{t('toReport')}</Link>
      </div>
      {error && <p role="alert" className="error">{error.code === 'FORBIDDEN' ? t('notAllowed') : t('loadFailed', { message: errorText(error) })}</p>}
      {review && (
        <Tabs.Root value={tab} onValueChange={choose} activationMode="manual">
          <Tabs.List className="review-tabs" aria-label={t('title')}>
            {TABS.map((name) => (
              <Tabs.Trigger key={name} value={name} className="review-tab" data-testid={`review-tab-${name}`}>
                {t(`tabs.${name}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {TABS.map((name) => (
            <Tabs.Content key={name} value={name} className="review-panel">
              <div id={`review-panel-${name}`}>
                {name === 'replay' && <ReplayPanel exerciseId={exerciseId} review={review} />}
                {name === 'metrics' && <MetricsPanel exerciseId={exerciseId} review={review} />}
                {name === 'evaluation' && <EvaluationPanel exerciseId={exerciseId} review={review} role={role} onChanged={reload} />}
                {name === 'feedback' && <FeedbackPanel review={review} />}
              </div>
            </Tabs.Content>
          ))}
        </Tabs.Root>
      )}
    </main>
  );
}
