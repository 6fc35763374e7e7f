import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, Rating, type Rated, type RatingSubject, type RecordRatingBody } from '@startex/shared';
import { call } from '../lib/api.ts';
import { newKey } from '../tablet/newKey.ts';
import { errorText } from '../i18n/errorText.ts';

type Submit = (kind: 'ratings' | 'reconciliations', body: RecordRatingBody) => Promise<{ ok: boolean; message: string }>;

/** P/S/M/U as radio buttons, each with its HSEEP definition beside it. */
function RatingChoice({ name, value, onChange, testId }: { name: string; value: Rating | undefined; onChange: (r: Rating) => void; testId: string }) {
  const { t } = useTranslation('review');
  return (
    <div className="rating-choice" data-testid={testId} role="radiogroup" aria-label={t('evaluation.rate')}>
      {Rating.options.map((r) => (
        <label key={r} className={`rating-option rating-${r}`} title={t(`common:rating.${r}.definition`)}>
          <input type="radio" name={name} value={r} checked={value === r} onChange={() => onChange(r)} />
          <span><strong>{r}</strong> {t(`common:rating.${r}.name`)}</span>
          <small>{t(`common:rating.${r}.definition`)}</small>
        </label>
      ))}
    </div>
  );
}

/** An evaluator's rating of a target or capability, with the reason; a new one replaces their earlier. */
export function RatingForm({ subject, submit }: { subject: RatingSubject; submit: Submit }) {
  const { t } = useTranslation('review');
  const [rating, setRating] = useState<Rating | undefined>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const id = `${subject.kind}-${subject.id}`;
  return (
    // Folded until asked for: a scenario has dozens of targets, and open forms made the guide pages long.
    <details className="rating-form-fold" data-testid={`rating-form-${id}`}>
      <summary>{t('evaluation.rate')}</summary>
      <form className="rating-form" onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return;
        void submit('ratings', { subject, rating, reason, idempotencyKey: newKey() }).then((r) => {
          setMessage(r.message);
          if (r.ok) setReason('');
        });
      }}>
        <fieldset>
          <RatingChoice name={`rate-${id}`} value={rating} onChange={setRating} testId={`rating-picker-${id}`} />
          <label htmlFor={`reason-${id}`}>{t('evaluation.reason')}</label>
          <textarea id={`reason-${id}`} data-testid={`rating-reason-${id}`} value={reason} maxLength={5000} required onChange={(e) => setReason(e.target.value)} />
          <button type="submit" disabled={!rating || !reason.trim()} data-testid={`rating-submit-${id}`}>{t('evaluation.submitRating')}</button>
          {message && <p role="status">{message}</p>}
        </fieldset>
      </form>
    </details>
  );
}

/**
 * The director's final rating, with a reason; the evaluators' current ratings are shown above it and
 * kept. Open where the director must act (ratings differ, one evaluator's only, or none); folded where
 * the evaluators agree or the director has decided.
 */
export function ReconcileForm({ subject, rated, open, submit }: { subject: RatingSubject; rated: Rated; open: boolean; submit: Submit }) {
  const { t } = useTranslation('review');
  const [rating, setRating] = useState<Rating | undefined>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const id = `${subject.kind}-${subject.id}`;
  return (
    <details className="rating-form-fold" open={open} data-testid={`reconcile-fold-${id}`}>
      <summary>{rated.ratings.length === 0 ? t('evaluation.rateAsDirector') : t('evaluation.reconcile')}</summary>
    <form className="rating-form reconcile-form" data-testid={`reconcile-form-${id}`} onSubmit={(e) => {
      e.preventDefault();
      if (!rating) return;
      void submit('reconciliations', { subject, rating, reason, idempotencyKey: newKey() }).then((r) => {
        setMessage(r.message);
        if (r.ok) {
          setReason('');
          setRating(undefined);
        }
      });
    }}>
      <fieldset>
        <RatingChoice name={`reconcile-${id}`} value={rating} onChange={setRating} testId={`reconcile-picker-${id}`} />
        <label htmlFor={`reconcile-reason-${id}`}>{t('evaluation.reconcileReason')}</label>
        <textarea id={`reconcile-reason-${id}`} data-testid={`reconcile-reason-${id}`} value={reason} maxLength={5000} required onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={!rating || !reason.trim()} data-testid={`reconcile-submit-${id}`}>{t('evaluation.submitReconcile')}</button>
        {message && <p role="status">{message}</p>}
      </fieldset>
    </form>
    </details>
  );
}

/** Posts to the review API and says what became of it (the seq, or the error). */
export function useSubmit(exerciseId: string, onChanged: () => Promise<void>): Submit {
  const { t } = useTranslation('review');
  return async (kind, body) => {
    const route = kind === 'ratings' ? API_ROUTES.recordRating : API_ROUTES.reconcileRating;
    const result = await call(route, { params: { id: exerciseId }, body });
    if (!result.ok) return { ok: false, message: errorText(result.error) };
    await onChanged();
    return { ok: true, message: t('evaluation.saved', { seq: result.value.seq }) };
  };
}
