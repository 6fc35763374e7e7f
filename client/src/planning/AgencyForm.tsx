import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Agency as AgencyType, API_ROUTES, SecurityFunction, type AgencyBody, type AgencyView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';

type Contact = AgencyBody['contacts'][number];
const EMPTY_CONTACT = { name: '', role: '', email: '', phone: '' };

/** Adds an agency to the directory, or edits one: name, kind, functions and contacts. */
export function AgencyForm({ agency, onDone }: { agency: AgencyView | undefined; onDone: (changed: boolean) => void | Promise<void> }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const [name, setName] = useState(agency?.name ?? '');
  const [type, setType] = useState<AgencyBody['type']>(agency?.type ?? 'police');
  const [functions, setFunctions] = useState<AgencyBody['functions']>(agency?.functions ?? []);
  const [contacts, setContacts] = useState(() =>
    (agency?.contacts.length ? agency.contacts : [EMPTY_CONTACT]).map((c) => ({ name: c.name, role: c.role ?? '', email: c.email ?? '', phone: c.phone ?? '' })),
  );
  const [error, setError] = useState<ApiError | undefined>();

  async function save() {
    const body: AgencyBody = {
      name: name.trim(),
      type,
      functions,
      contacts: contacts
        .filter((c) => c.name.trim())
        .map((c): Contact => ({
          name: c.name.trim(),
          ...(c.role.trim() ? { role: c.role.trim() } : {}),
          ...(c.email.trim() ? { email: c.email.trim() } : {}),
          ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
        })),
    };
    const result = agency ? await call(API_ROUTES.updateAgency, { params: { agencyId: agency.id }, body }) : await call(API_ROUTES.createAgency, { body });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await onDone(true);
  }

  const heading = agency ? t('agencies.editHeading', { name: agency.name }) : t('agencies.addHeading');
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
          <label htmlFor={`${id}-name`}>{t('agencies.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-type`}>{t('agencies.kind')}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as AgencyBody['type'])}>
            {AgencyType.options.map((option) => <option key={option} value={option}>{t(`agencyType.${option}`)}</option>)}
          </select>
        </div>
        <fieldset className="plan-field wide plan-checks">
          <legend>{t('agencies.functions')}</legend>
          {SecurityFunction.options.map((f) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={functions.includes(f)}
                onChange={(e) => setFunctions(e.target.checked ? [...functions, f] : functions.filter((x) => x !== f))}
              />
              {t(`function.${f}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="plan-field wide plan-contacts">
          <legend>{t('agencies.contacts')}</legend>
          {contacts.map((contact, index) => (
            <div className="plan-contact" key={index} role="group" aria-label={t('agencies.contactN', { n: index + 1 })}>
              {(['name', 'role', 'email', 'phone'] as const).map((key) => (
                <div key={key}>
                  <label htmlFor={`${id}-c${index}-${key}`}>{t(`agencies.contact.${key}`)}</label>
                  <input
                    id={`${id}-c${index}-${key}`}
                    type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
                    value={contact[key]}
                    onChange={(e) => setContacts(contacts.map((c, i) => (i === index ? { ...c, [key]: e.target.value } : c)))}
                  />
                </div>
              ))}
            </div>
          ))}
          <button type="button" className="secondary small" onClick={() => setContacts([...contacts, EMPTY_CONTACT])}>+ {t('agencies.addContact')}</button>
        </fieldset>
      </div>
      <div className="plan-actions">
        <button type="submit">{t('agencies.saveAgency')}</button>
        <button type="button" className="secondary" onClick={() => void onDone(false)}>{t('cancel')}</button>
        {error && <p role="alert" className="error">{errorText(error)}</p>}
      </div>
    </form>
  );
}
