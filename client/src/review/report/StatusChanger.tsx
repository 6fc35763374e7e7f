import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPROVEMENT_STATUSES, type ErrorDetail, type ImprovementStatus } from '@startex/shared';
import { errorText } from '../../i18n/errorText.ts';

/** A status change needs a comment: it goes into the row's history with who and when. */
export function StatusChanger({ current, label, onApply }: { current: ImprovementStatus; label: string; onApply: (status: ImprovementStatus, comment: string) => Promise<ErrorDetail | undefined> }) {
  const { t } = useTranslation('report');
  const id = useId();
  const [status, setStatus] = useState<ImprovementStatus>(IMPROVEMENT_STATUSES.find((s) => s !== current)!);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ErrorDetail | undefined>();
  return (
    <form
      className="report-status-form"
      aria-label={`${t('plan.changeStatus')}: ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        void onApply(status, comment).then((problem) => {
          setError(problem);
          if (!problem) setComment('');
        });
      }}
    >
      <div>
        <label htmlFor={`${id}-status`}>{t('plan.newStatus')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ImprovementStatus)}>
          {IMPROVEMENT_STATUSES.filter((s) => s !== current).map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
        </select>
      </div>
      <div className="grow">
        <label htmlFor={`${id}-comment`}>{t('plan.comment')}</label>
        <input id={`${id}-comment`} value={comment} required maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </div>
      <button type="submit" disabled={comment.trim().length === 0}>{t('plan.apply')}</button>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
    </form>
  );
}
