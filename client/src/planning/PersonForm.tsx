import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, EXERCISE_ROLES, type ExerciseRole, type ImportProblem, type NewAccount, type PersonBody, type PersonUpdateBody, type PersonView } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import type { PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

/**
 * Adds one person by hand, or edits one (`person`): their role, a participant's team, an
 * evaluator's coverage picked by objective title and team name. The e-mail is who they are: fixed once added.
 */
export function PersonForm({
  context,
  person,
  onSaved,
  onCancel,
}: {
  context: PlanContext;
  person?: PersonView | undefined;
  /** New accounts (their passwords shown once) of the people saved. */
  onSaved: (accounts: NewAccount[]) => Promise<void>;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useTranslation('planning');
  const { plan } = context;
  const id = useId();
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [role, setRole] = useState<ExerciseRole>(person?.role ?? 'participant');
  const [agencyId, setAgencyId] = useState(person?.agencyId ?? '');
  const [teamId, setTeamId] = useState(person?.teamId ?? plan.teams[0]?.id ?? '');
  const [objectives, setObjectives] = useState<string[]>(person?.covers?.objectives ?? []);
  const [teams, setTeams] = useState<string[]>(person?.covers?.teams ?? []);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function save() {
    const fields: PersonUpdateBody = {
      name: name.trim(),
      role,
      ...(agencyId ? { agencyId } : {}),
      ...(role === 'participant' ? { teamId } : {}),
      ...(role === 'evaluator' ? { covers: { objectives, teams } } : {}),
    };
    setBusy(true);
    const result = person
      ? await call(API_ROUTES.updatePerson, { params: { id: context.exerciseId, personId: person.id }, body: fields })
      : await call(API_ROUTES.addPerson, { params: { id: context.exerciseId }, body: { ...fields, email: email.trim() } satisfies PersonBody });
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    if (!person) {
      setName('');
      setEmail('');
      setObjectives([]);
      setTeams([]);
    }
    await onSaved(result.value.accounts);
  }

  const toggle = (list: string[], set: (next: string[]) => void, value: string, on: boolean) => set(on ? [...list, value] : list.filter((x) => x !== value));
  const problems = (error?.problems ?? []) as ImportProblem[];
  return (
    <form
      className="plan-card plan-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-h`}>{person ? t('people.editHeading', { name: person.name }) : t('people.addHeading')}</h3>
      <div className="plan-grid">
        <div className="plan-field">
          <label htmlFor={`${id}-name`}>{t('people.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoComplete="off" />
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-email`}>{t('people.email')}</label>
          <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={64} autoComplete="off" readOnly={person !== undefined} />
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-role`}>{t('people.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as ExerciseRole)}>
            {EXERCISE_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </div>
        <div className="plan-field">
          <label htmlFor={`${id}-agency`}>{t('people.agency')}</label>
          <select id={`${id}-agency`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">{t('people.noAgency')}</option>
            {plan.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        {role === 'participant' && (
          <div className="plan-field wide">
            <label htmlFor={`${id}-team`}>{t('people.team')}</label>
            <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              {plan.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          </div>
        )}
        {role === 'evaluator' && (
          <>
            <fieldset className="plan-field wide plan-checks-column">
              <legend>{t('people.coversObjectives')}</legend>
              {plan.objectives.map((o) => (
                <label key={o.id} className="check">
                  <input type="checkbox" checked={objectives.includes(o.id)} onChange={(e) => toggle(objectives, setObjectives, o.id, e.target.checked)} />
                  {o.title}
                </label>
              ))}
            </fieldset>
            <fieldset className="plan-field wide plan-checks-column">
              <legend>{t('people.coversTeams')}</legend>
              {plan.teams.map((team) => (
                <label key={team.id} className="check">
                  <input type="checkbox" checked={teams.includes(team.id)} onChange={(e) => toggle(teams, setTeams, team.id, e.target.checked)} />
                  {team.name}
                </label>
              ))}
            </fieldset>
          </>
        )}
      </div>
      <p className="hint">{role === 'participant' ? t('people.participantHint') : t('people.staffHint')}</p>
      <div className="plan-actions">
        <button type="submit" disabled={busy}>{person ? t('people.save') : t('people.add')}</button>
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>}
      </div>
      {error && (
        <div role="alert" className="error">
          {problems.length > 0 ? problems.map((p, i) => <p key={i}>{p.message}</p>) : <p>{errorText(error)}</p>}
        </div>
      )}
    </form>
  );
}
