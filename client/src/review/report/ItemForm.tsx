import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPABILITY_ELEMENTS, type AgencyChoice, type CapabilityChoice, type CapabilityElement, type ErrorDetail, type NewImprovementItemBody } from '@startex/shared';
import { errorText } from '../../i18n/errorText.ts';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const TEXT_FIELDS = ['issue', 'recommendation', 'correctiveAction', 'pointOfContact'] as const;
const LONG = new Set(['issue', 'recommendation', 'correctiveAction']);
const OTHER = '';

export interface PlanChoices {
  /** The scenario's objectives, the capabilities a row is for. */
  capabilities: { id: string; title: string }[];
  /** The agency directory. */
  agencies: { id: string; name: string }[];
}

/** A picked id, or OTHER with the words: what a stored row (a title or a name) or a prefill means in the form. */
interface Picked {
  id: string;
  other: string;
}

function picked(value: CapabilityChoice | AgencyChoice | undefined, options: { id: string; label: string }[]): Picked {
  if (value === undefined) return { id: options[0]?.id ?? OTHER, other: '' };
  if (typeof value !== 'string') {
    if ('other' in value) return { id: OTHER, other: value.other };
    const id = 'objectiveId' in value ? value.objectiveId : value.agencyId;
    return { id, other: '' };
  }
  const match = options.find((o) => o.label === value);
  return match ? { id: match.id, other: '' } : { id: OTHER, other: value };
}

/**
 * Adds or edits an improvement plan row: the capability is one of the scenario's objectives and the
 * responsible agency one of the directory, by name; words of one's own only under "Other…".
 */
export function ItemForm({
  choices,
  initial,
  onSubmit,
  onCancel,
}: {
  choices: PlanChoices;
  initial: Partial<NewImprovementItemBody> | undefined;
  onSubmit: (body: NewImprovementItemBody) => Promise<ErrorDetail | undefined>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('report');
  const id = useId();
  const capabilityOptions = choices.capabilities.map((c) => ({ id: c.id, label: c.title }));
  const agencyOptions = choices.agencies.map((a) => ({ id: a.id, label: a.name }));
  const [capability, setCapability] = useState<Picked>(() => picked(initial?.capability, capabilityOptions));
  const [agency, setAgency] = useState<Picked>(() => picked(initial?.responsibleAgency, agencyOptions));
  const [values, setValues] = useState({
    issue: initial?.issue ?? '',
    recommendation: initial?.recommendation ?? '',
    correctiveAction: initial?.correctiveAction ?? '',
    capabilityElement: initial?.capabilityElement ?? ('planning' as CapabilityElement),
    pointOfContact: initial?.pointOfContact ?? '',
    startDate: initial?.startDate ?? today(),
    dueDate: initial?.dueDate ?? inDays(90),
  });
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const body = (): NewImprovementItemBody => ({
    ...values,
    capability: capability.id === OTHER ? { other: capability.other } : { objectiveId: capability.id },
    responsibleAgency: agency.id === OTHER ? { other: agency.other } : { agencyId: agency.id },
  });

  const choice = (field: 'capability' | 'responsibleAgency', options: { id: string; label: string }[], value: Picked, setValue: (next: Picked) => void, otherLabel: string) => (
    <>
      <div className="report-field">
        <label htmlFor={`${id}-${field}`}>{t(`plan.${field}`)}</label>
        <select id={`${id}-${field}`} value={value.id} onChange={(e) => setValue({ ...value, id: e.target.value })}>
          {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          <option value={OTHER}>{t('plan.other')}</option>
        </select>
      </div>
      {value.id === OTHER && (
        <div className="report-field">
          <label htmlFor={`${id}-${field}-other`}>{otherLabel}</label>
          <input id={`${id}-${field}-other`} value={value.other} required maxLength={200} onChange={(e) => setValue({ ...value, other: e.target.value })} />
        </div>
      )}
    </>
  );

  return (
    <form
      className="report-item-form"
      aria-label={t('plan.title')}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onSubmit(body()).then((problem) => {
          setBusy(false);
          setError(problem);
        });
      }}
    >
      {choice('capability', capabilityOptions, capability, setCapability, t('plan.capabilityOther'))}
      {TEXT_FIELDS.map((field) => (
        <div key={field} className={`report-field${LONG.has(field) ? ' wide' : ''}`}>
          <label htmlFor={`${id}-${field}`}>{t(`plan.${field}`)}</label>
          {LONG.has(field) ? (
            <textarea id={`${id}-${field}`} value={values[field]} required maxLength={2000} rows={2} onChange={(e) => set({ [field]: e.target.value })} />
          ) : (
            <input id={`${id}-${field}`} value={values[field]} required maxLength={200} onChange={(e) => set({ [field]: e.target.value })} />
          )}
        </div>
      ))}
      {choice('responsibleAgency', agencyOptions, agency, setAgency, t('plan.agencyOther'))}
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
