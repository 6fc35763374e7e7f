import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import { SignedIn } from './SignedIn.tsx';
import { useLoad } from './useLoad.ts';

/** /programme/ratings/<id>: the exercise rating a need's current level comes from (the evidence link). */
export function RatingPage({ ratingId }: { ratingId: string }) {
  return (
    <SignedIn>
      <Rating ratingId={ratingId} />
    </SignedIn>
  );
}

function Rating({ ratingId }: { ratingId: string }) {
  const { t } = useTranslation('programme');
  const rating = useLoad(API_ROUTES.programmeRating, { params: { ratingId } });
  const capabilities = useLoad(API_ROUTES.capabilities, {});
  if (rating.error) return <main className="page plan-page programme"><p role="alert" className="error">{errorText(rating.error)}</p></main>;
  if (!rating.data || !capabilities.data) return <main className="page"><p>{t('loading')}</p></main>;
  const r = rating.data;
  const capability = capabilities.data.find((c) => c.id === r.capabilityId)?.name ?? r.capabilityId;
  return (
    <main className="page plan-page programme">
      <header className="bar">
        <div>
          <p className="plan-crumb"><a href={`/programme/agencies/${encodeURIComponent(r.agencyId)}`}>{t('title')}</a></p>
          <h1>{t('rating.heading', { capability })}</h1>
        </div>
      </header>
      <dl className="plan-card programme-facts" data-testid="rating">
        <dt>{t('rating.exercise')}</dt>
        <dd>{r.exerciseTitle}</dd>
        <dd>{t('rating.version', { version: r.version, date: new Date(r.finalisedAt).toISOString().slice(0, 10) })}</dd>
        <dt>{t('rating.subject')}</dt>
        <dd>{r.subject.title}</dd>
        <dt>{t('field.capability')}</dt>
        <dd>{capability}</dd>
        <dt>HSEEP</dt>
        <dd><strong>{r.rating}</strong>: {t(`common:rating.${r.rating}.name`)} — {t(`common:rating.${r.rating}.definition`)}</dd>
      </dl>
      <p><a href={`/review/${encodeURIComponent(r.exerciseId)}#evaluation`}>{t('rating.review')}</a></p>
    </main>
  );
}
