import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type AgencyView } from '@startex/shared';
import { AgencyForm } from './AgencyForm.tsx';
import { call, type ApiError } from '../lib/api.ts';
import { ConfirmDialog } from '../lib/ConfirmDialog.tsx';
import type { PlanContext } from './planContext.ts';
import { SaveStatus } from './SaveStatus.tsx';
import { errorText } from '../i18n/errorText.ts';

/** The scenario's teams mapped to real agencies, and the centre's agency directory. */
export function AgenciesSection({ context }: { context: PlanContext }) {
  const { t } = useTranslation('planning');
  const id = useId();
  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.agencies')}</h2>
      <TeamMapping context={context} />
      <AgencyDirectory context={context} />
    </section>
  );
}

function TeamMapping({ context }: { context: PlanContext }) {
  const { t } = useTranslation('planning');
  const { plan } = context;
  const id = useId();
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(plan.teams.flatMap((team) => (team.agencyId ? [[team.id, team.agencyId]] : []))),
  );
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);

  async function save() {
    const result = await call(API_ROUTES.setTeamAgencies, { params: { id: context.exerciseId }, body: { mapping } });
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
    if (result.ok) context.setPlan(result.value);
  }

  // Agencies of the team's kind first: a customs team is usually played by a customs service.
  const choices = (agencyType: string) => [...plan.agencies].sort((a, b) => Number(b.type === agencyType) - Number(a.type === agencyType) || a.name.localeCompare(b.name));
  return (
    <form
      className="plan-card"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-h`}>{t('agencies.mappingHeading')}</h3>
      <p className="hint">{t('agencies.mappingIntro')}</p>
      <table className="plan-table">
        <thead>
          <tr>
            <th scope="col">{t('agencies.team')}</th>
            <th scope="col">{t('agencies.kind')}</th>
            <th scope="col">{t('agencies.agency')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.teams.map((team) => (
            <tr key={team.id} data-testid={`mapping-${team.id}`}>
              <th scope="row">{team.name}</th>
              <td>{t(`agencyType.${team.agencyType}`)}</td>
              <td>
                <select
                  aria-label={t('agencies.agencyFor', { team: team.name })}
                  value={mapping[team.id] ?? ''}
                  disabled={context.locked}
                  onChange={(e) => {
                    setSaved(false);
                    const next = { ...mapping };
                    if (e.target.value) next[team.id] = e.target.value;
                    else delete next[team.id];
                    setMapping(next);
                  }}
                >
                  <option value="">{t('agencies.unmapped')}</option>
                  {choices(team.agencyType).map((agency) => (
                    <option key={agency.id} value={agency.id}>{agency.name}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.agencies.length === 0 && <p className="empty">{t('agencies.noneYet')}</p>}
      <div className="plan-actions">
        <button type="submit" disabled={context.locked}>{t('agencies.saveMapping')}</button>
        <SaveStatus saved={saved} error={error} />
      </div>
    </form>
  );
}

function AgencyDirectory({ context }: { context: PlanContext }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const [editing, setEditing] = useState<AgencyView | 'new' | undefined>();
  const [removing, setRemoving] = useState<AgencyView | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const agencies = [...context.plan.agencies].sort((a, b) => a.name.localeCompare(b.name));

  async function remove(agency: AgencyView) {
    setRemoving(undefined);
    const result = await call(API_ROUTES.deleteAgency, { params: { agencyId: agency.id } });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await context.reload();
  }

  return (
    <div className="plan-card" aria-labelledby={`${id}-h`} role="region">
      <div className="plan-card-head">
        <h3 id={`${id}-h`}>{t('agencies.directoryHeading')}</h3>
        {!editing && (
          <button type="button" className="secondary" onClick={() => setEditing('new')}>+ {t('agencies.add')}</button>
        )}
      </div>
      <p className="hint">{t('agencies.directoryIntro')}</p>
      {editing && (
        <AgencyForm
          agency={editing === 'new' ? undefined : editing}
          onDone={async (changed) => {
            setEditing(undefined);
            if (changed) await context.reload();
          }}
        />
      )}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      <table className="plan-table" data-testid="agency-directory">
        <thead>
          <tr>
            <th scope="col">{t('agencies.name')}</th>
            <th scope="col">{t('agencies.kind')}</th>
            <th scope="col">{t('agencies.functions')}</th>
            <th scope="col">{t('agencies.contacts')}</th>
            <th scope="col"><span className="visually-hidden">{t('agencies.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((agency) => (
            <tr key={agency.id}>
              <th scope="row">{agency.name}</th>
              <td>{t(`agencyType.${agency.type}`)}</td>
              <td>{agency.functions.map((f) => t(`function.${f}`)).join(', ') || '—'}</td>
              <td>
                {agency.contacts.length === 0
                  ? '—'
                  : agency.contacts.map((c) => [c.name, c.role, c.email, c.phone].filter(Boolean).join(' · ')).map((line) => <div key={line}>{line}</div>)}
              </td>
              <td className="plan-row-actions">
                <button type="button" className="secondary small" onClick={() => setEditing(agency)} aria-label={t('agencies.editNamed', { name: agency.name })}>{t('agencies.edit')}</button>
                <button type="button" className="danger-outline small" onClick={() => setRemoving(agency)} aria-label={t('agencies.deleteNamed', { name: agency.name })}>{t('agencies.delete')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {agencies.length === 0 && <p className="empty">{t('agencies.emptyDirectory')}</p>}
      {removing && (
        <ConfirmDialog message={t('agencies.confirmDelete', { name: removing.name })} confirmLabel={t('agencies.delete')} onConfirm={() => void remove(removing)} onClose={() => setRemoving(undefined)} />
      )}
    </div>
  );
}
