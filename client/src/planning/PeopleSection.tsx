import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type NewAccount, type PeopleAdded, type PersonView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { ConfirmDialog } from '../lib/ConfirmDialog.tsx';
import { ImportPeople } from './ImportPeople.tsx';
import { NewAccounts } from './NewAccounts.tsx';
import { PersonForm } from './PersonForm.tsx';
import type { PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

const ROLE_ORDER = ['director', 'controller', 'evaluator', 'observer', 'participant'] as const;

/** The roster: add people by hand or from a file, their roles, and evaluator coverage. */
export function PeopleSection({ context }: { context: PlanContext }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const [accounts, setAccounts] = useState<NewAccount[]>([]);
  const [error, setError] = useState<ApiError | undefined>();
  const [editing, setEditing] = useState<string | undefined>();
  const [removing, setRemoving] = useState<PersonView | undefined>();
  const { plan } = context;

  const saved = async (created: NewAccount[]) => {
    if (created.length > 0) setAccounts((current) => [...current, ...created]);
    setEditing(undefined);
    await context.reload();
  };
  const added = (result: PeopleAdded) => saved(result.accounts);
  async function remove(person: PersonView) {
    setRemoving(undefined);
    const result = await call(API_ROUTES.removePerson, { params: { id: context.exerciseId, personId: person.id } });
    setError(result.ok ? undefined : result.error);
    if (result.ok) await context.reload();
  }

  const people = [...plan.people].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name));
  const agencyName = (agencyId: string | undefined) => plan.agencies.find((a) => a.id === agencyId)?.name ?? '—';
  const teamName = (teamId: string) => plan.teams.find((x) => x.id === teamId)?.name ?? teamId;
  const objectiveTitle = (objectiveId: string) => plan.objectives.find((o) => o.id === objectiveId)?.title ?? objectiveId;
  // As the server counts it for the planning steps: an evaluator whose coverage names no objective covers them all.
  const evaluators = plan.people.filter((p) => p.role === 'evaluator');
  const uncovered = plan.objectives.filter((o) => !evaluators.some((e) => !e.covers?.objectives.length || e.covers.objectives.includes(o.id)));

  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.people')}</h2>
      <NewAccounts accounts={accounts} onDismiss={() => setAccounts([])} />
      <div className="plan-card" role="region" aria-labelledby={`${id}-roster`}>
        <h3 id={`${id}-roster`}>{t('people.rosterHeading', { count: people.length })}</h3>
        {people.length === 0 ? (
          <p className="empty">{t('people.empty')}</p>
        ) : (
          <table className="plan-table" data-testid="roster">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.email')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('people.agency')}</th>
                <th scope="col">{t('people.teamOrCovers')}</th>
                <th scope="col"><span className="visually-hidden">{t('agencies.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">{person.name}</th>
                  <td>{person.email}</td>
                  <td><span className={`plan-role role-${person.role}`}>{t(`role.${person.role}`)}</span></td>
                  <td>{agencyName(person.agencyId)}</td>
                  <td>
                    {person.teamId && teamName(person.teamId)}
                    {person.covers && (
                      <span className="plan-covers">
                        {[...person.covers.objectives.map(objectiveTitle), ...person.covers.teams.map(teamName)].join(' · ') || t('people.coversAll')}
                      </span>
                    )}
                  </td>
                  <td className="plan-row-actions">
                    <button
                      type="button"
                      className="secondary small"
                      disabled={context.locked}
                      onClick={() => setEditing(person.id)}
                      aria-label={t('people.editNamed', { name: person.name })}
                    >
                      {t('people.edit')}
                    </button>
                    <button
                      type="button"
                      className="danger-outline small"
                      disabled={context.locked}
                      onClick={() => setRemoving(person)}
                      aria-label={t('people.removeNamed', { name: person.name })}
                    >
                      {t('people.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {error && <p role="alert" className="error">{errorText(error)}</p>}
        {plan.objectives.length > 0 && (
          <p className={uncovered.length ? 'notice' : 'plan-ok'} data-testid="coverage">
            {uncovered.length
              ? t('people.uncovered', { objectives: uncovered.map((o) => o.title).join('; ') })
              : `✓ ${t('people.allCovered')}`}
          </p>
        )}
      </div>
      {editing && !context.locked && (
        <PersonForm key={editing} context={context} person={plan.people.find((p) => p.id === editing)} onSaved={saved} onCancel={() => setEditing(undefined)} />
      )}
      {!context.locked && (
        <div className="plan-columns">
          <PersonForm context={context} onSaved={saved} />
          <ImportPeople context={context} onAdded={added} />
        </div>
      )}
      {removing && (
        <ConfirmDialog message={t('people.confirmRemove', { name: removing.name })} confirmLabel={t('people.remove')} onConfirm={() => void remove(removing)} onClose={() => setRemoving(undefined)} />
      )}
    </section>
  );
}
