import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPABILITY_ELEMENTS, type CapabilityElement, type ErrorDetail, type NewImprovementItemBody } from '@startex/shared';
import { errorText } from '../../i18n/errorText.ts';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const TEXT_FIELDS = ['capability', 'issue', 'recommendation', 'correctiveAction', 'responsibleAgency', 'pointOfContact'] as const;
const LONG = new Set(['issue', 'recommendation', 'correctiveAction']);

/** Adds or edits an improvement plan row; the responsible agency is a plain name, the exercise's teams suggested. */
export function ItemForm({
  agencies,
  initial,
  onSubmit,
  onCancel,
}: {
  agencies: string[];
  initial: Partial<NewImprovementItemBody> | undefined;
  onSubmit: (body: NewImprovementItemBody) => Promise<ErrorDetail | undefined>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('report');
  const id = useId();
  const [values, setValues] = useState<NewImprovementItemBody>({
    capability: initial?.capability ?? '',
    issue: initial?.issue ?? '',
    recommendation: initial?.recommendation ?? '',
    correctiveAction: initial?.correctiveAction ?? '',
    capabilityElement: initial?.capabilityElement ?? 'planning',
    responsibleAgency: initial?.responsibleAgency ?? '',
    pointOfContact: initial?.pointOfContact ?? '',
    startDate: initial?.startDate ?? today(),
    dueDate: initial?.dueDate ?? inDays(90),
  });
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewImprovementItemBody>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <form
      className="report-item-form"
      aria-label={t('plan.title')}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onSubmit(values).then((problem) => {
          setBusy(false);
          setError(problem);
        });
      }}
    >
      {TEXT_FIELDS.map((field) => (
        <div key={field} className={`report-field${LONG.has(field) ? ' wide' : ''}`}>
          <label htmlFor={`${id}-${field}`}>{t(`plan.${field}`)}</label>
          {LONG.has(field) ? (
            <textarea id={`${id}-${field}`} value={values[field]} required maxLength={2000} rows={2} onChange={(e) => set({ [field]: e.target.value })} />
          ) : (
            <input id={`${id}-${field}`} value={values[field]} required maxLength={200} list={field === 'responsibleAgency' ? `${id}-agencies` : undefined} onChange={(e) => set({ [field]: e.target.value })} />
          )}
        </div>
      ))}
      <datalist id={`${id}-agencies`}>
        {agencies.map((agency) => <option key={agency} value={agency} />)}
      </datalist>
      <div className="report-field">
        <label htmlFor={`${id}-element`}>{t('plan.capabilityElement')}</label>
        <select id={`${id}-element`} value={values.capabilityElement} onChange={(e) => set({ capabilityElement: e.target.value as CapabilityElement })}>
          {CAPABILITY_ELEMENTS.map((element) => <option key={element} value={element}>{t(`elements.${element}`)}</option>)}
        </select>
      </div>
      <div className="report-field">
        <label htmlFor={`${id}-start`}>{t('plan.startDate')}</label>
        <input id={`${id}-start`} type="date" value={values.startDate} required onChange={(e) => set({ startDate: e.target.value })} />
      </div>
      <div className="report-field">
        <label htmlFor={`${id}-due`}>{t('plan.dueDate')}</label>
        <input id={`${id}-due`} type="date" value={values.dueDate} required min={values.startDate} onChange={(e) => set({ dueDate: e.target.value })} />
      </div>
      {error && <p className="error wide" role="alert">{errorText(error)}</p>}
      <div className="report-actions wide">
        <button type="submit" disabled={busy}>{t('plan.saveRow')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
