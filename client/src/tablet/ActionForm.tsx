import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionField, ParticipantAction, ReleasedInject } from '@startex/shared';
import type { OutboxItem } from '../lib/outbox.ts';
import { checkFields, DEFAULT_MAX_LENGTH, type FieldProblem, type FormValues } from './checkFields.ts';
import { newKey } from './newKey.ts';
import { SubmissionStatus, type Submission } from './SubmissionStatus.tsx';

interface Props {
  action: ParticipantAction;
  /** False while play is not live: the form shows, but nothing can be sent. */
  enabled: boolean;
  online: boolean;
  /** The inject this action answers, when the team pressed "Respond" on it. */
  respondingTo?: ReleasedInject | undefined;
  /** This action's submissions still in the outbox. */
  queued: OutboxItem[];
  /** Idempotency keys of actions the log has committed. */
  committed: ReadonlySet<string>;
  submit: (payload: Record<string, unknown>, key: string) => void;
  discard: (key: string) => void;
  onSubmitted: () => void;
  /** A team's name, for team fields (which hold team ids). */
  teamName?: ((id: string) => string) | undefined;
}

/** Radio buttons up to this many options (one tap each), a select list beyond. */
const MAX_RADIOS = 4;
/** Text fields allowing more than this get a multi-line box. */
const SINGLE_LINE_MAX = 120;

/** One action of the team's catalogue as a form, checked here as the server will check it, then queued. */
export function ActionForm({ action, enabled, online, respondingTo, queued, committed, submit, discard, onSubmitted, teamName = (id) => id }: Props) {
  const { t } = useTranslation('tablet');
  const [values, setValues] = useState<FormValues>({});
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [lastKey, setLastKey] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const idOf = (field: ActionField) => `action-${action.id}-${field.name}`;

  useEffect(() => {
    if (respondingTo) formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
  }, [respondingTo]);

  function set(field: ActionField, value: string | boolean | string[]) {
    const next = { ...values, [field.name]: value };
    setValues(next);
    // Once a problem is shown, it clears as soon as the field is right.
    if (problems[field.name]) setProblems(checkFields(action, next).problems);
  }

  function onSubmit() {
    const checked = checkFields(action, values);
    setProblems(checked.problems);
    const firstBad = action.fields.find((f) => checked.problems[f.name]);
    if (firstBad) {
      document.getElementById(idOf(firstBad))?.focus();
      return;
    }
    const key = newKey();
    submit({ actionId: action.id, fields: checked.fields, ...(respondingTo ? { injectId: respondingTo.id } : {}), idempotencyKey: key }, key);
    setLastKey(key);
    setValues({});
    onSubmitted();
  }

  const last: Submission | undefined =
    lastKey === undefined || queued.some((item) => item.key === lastKey)
      ? undefined
      : committed.has(lastKey)
        ? { state: 'committed' }
        : { state: 'sending' };

  return (
    <form ref={formRef} className="action-form" aria-label={action.label} noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      {respondingTo && <p className="responding-note">↪ {t('actions.inResponse', { number: respondingTo.number, subject: respondingTo.subject })}</p>}
      {action.fields.map((field) => (
        <Field key={field.name} id={idOf(field)} field={field} value={values[field.name]} problem={problems[field.name]} onChange={(v) => set(field, v)} teamName={teamName} />
      ))}
      {Object.keys(problems).length > 0 && <p className="error" role="alert">⚠ {t('field.checkMarked')}</p>}
      <button type="submit" className="primary-wide" disabled={!enabled}>
        {t('actions.send', { label: action.label })}
      </button>
      {queued.map((item) => (
        <SubmissionStatus
          key={item.key}
          submission={item.state === 'failed' ? { state: 'failed', error: item.error } : { state: online ? 'sending' : 'waiting' }}
          onDiscard={() => discard(item.key)}
        />
      ))}
      {last && <SubmissionStatus submission={last} />}
    </form>
  );
}

interface FieldProps {
  id: string;
  field: ActionField;
  value: string | boolean | string[] | undefined;
  problem: FieldProblem | undefined;
  onChange: (value: string | boolean | string[]) => void;
  teamName: (id: string) => string;
}

function Field({ id, field, value, problem, onChange, teamName }: FieldProps) {
  const { t } = useTranslation('tablet');
  const hint = hintFor(field, value, t);
  const described = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const required = field.required && field.type !== 'boolean';
  const label = (
    <>
      {field.label}
      {required ? <span className="required"> *<span className="visually-hidden"> {t('field.required')}</span></span> : field.type !== 'boolean' && <span className="optional"> ({t('field.optional')})</span>}
    </>
  );
  const after = (
    <>
      {hint && <p className="field-hint" id={`${id}-hint`}>{hint}</p>}
      {problem && (
        <p className="field-error" id={`${id}-error`}>
          ⚠ {t(`field.problem.${problem.problem}`, { ...problem })}
        </p>
      )}
    </>
  );
  const common = { id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': described } as const;
  const text = typeof value === 'string' ? value : '';

  switch (field.type) {
    case 'boolean':
      return (
        <div className="field">
          <label className="check" htmlFor={id}>
            <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {field.label}
          </label>
          {after}
        </div>
      );
    case 'choice':
    case 'team': {
      const options = field.options ?? [];
      const labelOf = (option: string) => (field.type === 'team' ? teamName(option) : option);
      if (options.length <= MAX_RADIOS) {
        return (
          <fieldset className={`field radios${problem ? ' is-invalid' : ''}`} aria-describedby={described}>
            <legend>{label}</legend>
            {options.map((option, i) => (
              <label key={option} className="radio">
                <input id={i === 0 ? id : undefined} type="radio" name={id} value={option} checked={text === option} onChange={() => onChange(option)} aria-invalid={problem ? true : undefined} /> {labelOf(option)}
              </label>
            ))}
            {after}
          </fieldset>
        );
      }
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('field.choose')}</option>
            {options.map((o) => <option key={o} value={o}>{labelOf(o)}</option>)}
          </select>
          {after}
        </div>
      );
    }
    case 'multi-choice': {
      const picked = Array.isArray(value) ? value : [];
      return (
        <fieldset className={`field radios${problem ? ' is-invalid' : ''}`} aria-describedby={described}>
          <legend>{label}</legend>
          {(field.options ?? []).map((option, i) => (
            <label key={option} className="check">
              <input
                id={i === 0 ? id : undefined}
                type="checkbox"
                checked={picked.includes(option)}
                onChange={(e) => onChange(e.target.checked ? [...picked, option] : picked.filter((p) => p !== option))}
                aria-invalid={problem ? true : undefined}
              />{' '}
              {option}
            </label>
          ))}
          {after}
        </fieldset>
      );
    }
    case 'time':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input {...common} type="time" value={text} onChange={(e) => onChange(e.target.value)} />
          {after}
        </div>
      );
    case 'number':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input {...common} type="text" inputMode="decimal" autoComplete="off" value={text} onChange={(e) => onChange(e.target.value)} />
          {after}
        </div>
      );
    case 'text': {
      const multiLine = (field.maxLength ?? DEFAULT_MAX_LENGTH) > SINGLE_LINE_MAX;
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          {multiLine ? (
            <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />
          ) : (
            <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} />
          )}
          {after}
        </div>
      );
    }
    default: {
      const exhaustive: never = field.type;
      return exhaustive;
    }
  }
}

function hintFor(field: ActionField, value: string | boolean | string[] | undefined, t: (key: string, options?: Record<string, unknown>) => string): string | undefined {
  if (field.type === 'multi-choice') {
    return field.min !== undefined || field.max !== undefined ? t('field.picksBetween', { min: field.min ?? 0, max: field.max ?? field.options?.length ?? 0 }) : t('field.picks');
  }
  if (field.type === 'number') {
    if (field.min !== undefined && field.max !== undefined) return t('field.between', { min: field.min, max: field.max });
    if (field.min !== undefined) return t('field.atLeast', { min: field.min });
    if (field.max !== undefined) return t('field.atMost', { max: field.max });
    return undefined;
  }
  if (field.type === 'text' && field.maxLength !== undefined) {
    return t('field.length', { length: typeof value === 'string' ? value.length : 0, max: field.maxLength });
  }
  return undefined;
}
