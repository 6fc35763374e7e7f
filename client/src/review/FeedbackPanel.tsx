import { useTranslation } from 'react-i18next';
import type { ExerciseReview } from '@startex/shared';

/** The participants' hot-wash as submitted from their tablets after EndEx. */
export function FeedbackPanel({ review }: { review: ExerciseReview }) {
  const { t } = useTranslation('review');
  const teamName = (id: string) => review.teams.find((x) => x.teamId === id)?.name ?? id;
  const objectiveTitle = (id: string) => review.evaluation.capabilities.find((c) => c.id === id)?.title ?? id;
  return (
    <>
      <h2>{t('feedback.heading')}</h2>
      {review.feedback.length === 0 && <p className="empty">{t('feedback.empty')}</p>}
      <ul className="review-list feedback-list" data-testid="feedback-list">
        {review.feedback.map((f) => (
          <li key={f.seq} className="review-card">
            <h3>{t('feedback.team', { team: teamName(f.teamId), who: f.userName ?? (f.userId ? t('feedback.participant') : t('evaluation.tablet')) })} <span className="review-seq">{t('seq', { seq: f.seq })}</span></h3>
            <dl>
              {f.wentWell && (<><dt>{t('feedback.wentWell')}</dt><dd>{f.wentWell}</dd></>)}
              {f.toImprove && (<><dt>{t('feedback.toImprove')}</dt><dd>{f.toImprove}</dd></>)}
              {f.objectives.filter((o) => o.wentWell || o.toImprove).map((o) => (
                <div key={o.objectiveId}>
                  <dt>{objectiveTitle(o.objectiveId)}</dt>
                  {o.wentWell && <dd>{t('feedback.wentWell')}: {o.wentWell}</dd>}
                  {o.toImprove && <dd>{t('feedback.toImprove')}: {o.toImprove}</dd>}
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
