import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { InjectChannel, type Team } from '@startex/shared';
import type { ExerciseWords } from '../lib/exerciseWords.ts';
import { NO_FILTER, type MselFilter } from './msel.ts';

/** Team, phase and channel filters and a search box over the MSEL. */
export function MselFilters({
  filter,
  onChange,
  teams,
  phases,
  words,
}: {
  filter: MselFilter;
  onChange: (filter: MselFilter) => void;
  teams: Team[];
  phases: { key: string; depth: number }[];
  words: ExerciseWords;
}) {
  const { t } = useTranslation('console');
  const ids = { team: useId(), phase: useId(), channel: useId(), search: useId() };
  const set = (change: Partial<MselFilter>) => onChange({ ...filter, ...change });
  const active = filter.team || filter.phase || filter.channel || filter.search;
  return (
    <div className="filters" role="search" aria-label={t('msel.filters')}>
      <div>
        <label htmlFor={ids.team}>{t('filter.team')}</label>
        <select id={ids.team} value={filter.team} onChange={(e) => set({ team: e.target.value })}>
          <option value="">{t('filter.allTeams')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>{team.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.phase}>{t('filter.phase')}</label>
        <select id={ids.phase} value={filter.phase} onChange={(e) => set({ phase: e.target.value })}>
          <option value="">{t('filter.allPhases')}</option>
          {phases.map((p) => (
            <option key={p.key} value={p.key}>{`${'\u00a0\u00a0'.repeat(p.depth)}${words.state(p.key)}`}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.channel}>{t('filter.channel')}</label>
        <select id={ids.channel} value={filter.channel} onChange={(e) => set({ channel: e.target.value })}>
          <option value="">{t('filter.allChannels')}</option>
          {InjectChannel.options.map((c) => (
            <option key={c} value={c}>{t(`channel.${c}`)}</option>
          ))}
        </select>
      </div>
      <div className="filter-search">
        <label htmlFor={ids.search}>{t('filter.search')}</label>
        <input id={ids.search} type="search" value={filter.search} onChange={(e) => set({ search: e.target.value })} placeholder={t('filter.searchPlaceholder')} />
      </div>
      {active && (
        <button type="button" className="secondary small" onClick={() => onChange(NO_FILTER)}>
          {t('filter.clear')}
        </button>
      )}
    </div>
  );
}
