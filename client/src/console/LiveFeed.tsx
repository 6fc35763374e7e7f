import { useId, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry, Team } from '@startex/shared';
import { formatWallTime } from '../i18n/index.ts';
import { formatExerciseTime } from '../lib/clock.ts';
import { describeEntry } from '../lib/describeEntry.ts';
import { entryTeams, FEED_GROUPS, feedGroup } from './messages.ts';
import { NoteForm } from './NoteForm.tsx';

/** Every log entry, newest first, filterable by kind and team; the controller's note goes in on top. */
export function LiveFeed({
  entries,
  teams,
  canNote,
  onNote,
  noteInput,
  speed,
}: {
  entries: readonly LogEntry[];
  /** The exercise's speed, to read lateness in older logs. */
  speed: number;
  teams: Team[];
  canNote: boolean;
  onNote: (text: string) => Promise<boolean>;
  noteInput?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation('console');
  const [group, setGroup] = useState('');
  const [team, setTeam] = useState('');
  const ids = { group: useId(), team: useId() };
  const teamIds = teams.map((x) => x.id);
  const shown = entries.filter((e) => (!group || feedGroup(e) === group) && (!team || entryTeams(e, teamIds).includes(team))).reverse();
  return (
    <>
      <NoteForm enabled={canNote} onNote={onNote} inputRef={noteInput} />
      <div className="filters" role="search" aria-label={t('feed.filters')}>
        <div>
          <label htmlFor={ids.group}>{t('filter.type')}</label>
          <select id={ids.group} value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{t('filter.allTypes')}</option>
            {FEED_GROUPS.map((g) => (
              <option key={g} value={g}>{t(`feedGroup.${g}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.team}>{t('filter.team')}</label>
          <select id={ids.team} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t('filter.allTeams')}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </select>
        </div>
      </div>
      <ol className="feed console-feed" data-testid="feed" aria-label={t('feed.label')}>
        {shown.map((entry) => (
          <li key={entry.seq} className={`feed-${feedGroup(entry)}${entry.type === 'exercise.halted' ? ' feed-halt' : ''}`}>
            <span className="seq">#{entry.seq}</span> <span className="time">{formatWallTime(entry.wallTime)}</span>{' '}
            <span className="time">{formatExerciseTime(entry.exerciseTimeMs)}</span> {describeEntry(entry, t, speed)}
          </li>
        ))}
        {shown.length === 0 && <li className="empty">{t('feed.empty')}</li>}
      </ol>
    </>
  );
}
