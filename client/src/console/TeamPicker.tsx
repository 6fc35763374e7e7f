import { useTranslation } from 'react-i18next';
import type { Team } from '@startex/shared';

/** Checkboxes for recipient teams, as one labelled group. */
export function TeamPicker({ legend, teams, selected, onChange }: { legend: string; teams: Team[]; selected: string[]; onChange: (teams: string[]) => void }) {
  const { t } = useTranslation('console');
  const all = selected.length === teams.length;
  return (
    <fieldset className="team-picker">
      <legend>{legend}</legend>
      <button type="button" className="secondary small" onClick={() => onChange(all ? [] : teams.map((team) => team.id))}>
        {all ? t('teams.none') : t('teams.all')}
      </button>
      {teams.map((team) => (
        <label key={team.id} className="check">
          <input
            type="checkbox"
            checked={selected.includes(team.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, team.id] : selected.filter((id) => id !== team.id))}
          />
          {team.name}
        </label>
      ))}
    </fieldset>
  );
}
