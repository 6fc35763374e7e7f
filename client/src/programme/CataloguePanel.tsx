import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, PROGRAMME_FUNCTIONS, type CapabilityBody, type CapabilityView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import type { ProgrammeContext } from './ProgrammePage.tsx';

/** The capability catalogue by function: seeded from the domain brief, renamed and extended by the centre. */
export function CataloguePanel({ context }: { context: ProgrammeContext }) {
  const { t } = useTranslation('programme');
  const [editing, setEditing] = useState<CapabilityView | 'new' | undefined>();
  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogue.heading')}</h2>
      <p className="hint">{t('catalogue.intro')}</p>
      {PROGRAMME_FUNCTIONS.map((f) => (
        <div key={f} className="plan-card" data-testid={`catalogue-${f}`}>
          <h3>{t(`function.${f}`)}</h3>
          <ul className="programme-list">
            {context.capabilities.filter((c) => c.function === f).map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong>{c.description ? ` — ${c.description}` : ''}{' '}
                {context.access.manage && <button type="button" className="small secondary" aria-label={`${t('catalogue.rename')}: ${c.name}`} onClick={() => setEditing(c)}>{t('catalogue.rename')}</button>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {context.access.manage &&
        (editing ? (
          <CapabilityForm
            capability={editing === 'new' ? undefined : editing}
            onDone={async (changed) => {
              setEditing(undefined);
              if (changed) await context.reloadCapabilities();
            }}
          />
        ) : (
          <button type="button" onClick={() => setEditing('new')}>+ {t('catalogue.add')}</button>
        ))}
    </section>
  );
}

function CapabilityForm({ capability, onDone }: { capability: CapabilityView | undefined; onDone: (changed: boolean) => Promise<void> }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const [form, setForm] = useState<CapabilityBody>({ function: capability?.function ?? 'detection', name: capability?.name ?? '', description: capability?.description ?? '' });
  const [error, setError] = useState<ApiError | undefined>();
  async function save() {
    const body = { ...form, name: form.name.trim() };
    const result = capability ? await call(API_ROUTES.updateCapability, { params: { capabilityId: capability.id }, body }) : await call(API_ROUTES.createCapability, { body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await onDone(true);
  }
  const heading = capability ? `${t('catalogue.rename')}: ${capability.name}` : t('catalogue.add');
  return (
    <form
      className="plan-subform"
      aria-label={heading}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{heading}</h4>
      <div className="plan-grid">
        <div className="plan-field">
          <label htmlFor={`${id}-function`}>{t('field.function')}</label>
          <select id={`${id}-function`} value={form.function} onChange={(e) => setForm({ ...form, function: e.target.value as CapabilityBody['function'] })}>
            {PROGRAMME_FUNCTIONS.map((f) => <option key={f} value={f}>{t(`function.${f}`)}</option>)}
          </select>
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-name`}>{t('field.name')}</label>
          <input id={`${id}-name`} value={form.name} required maxLength={200} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="plan-field wide">
          <label htmlFor={`${id}-description`}>{t('field.description')}</label>
          <textarea id={`${id}-description`} value={form.description} maxLength={2000} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        </div>
      </div>
      <div className="plan-actions">
        <button type="submit">{t('save')}</button>
        <button type="button" className="secondary" onClick={() => void onDone(false)}>{t('cancel')}</button>
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </form>
  );
}
