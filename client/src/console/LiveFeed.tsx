import { useId, useMemo, useRef, useState, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { LogEntry, Team } from '@startex/shared';
import { formatWallTime } from '../i18n/index.ts';
import { formatExerciseTime } from '../lib/clock.ts';
import { describeEntry } from '../lib/describeEntry.ts';
import type { ExerciseWords } from '../lib/exerciseWords.ts';
import { LongText } from '../lib/LongText.tsx';
import { entryTeams, FEED_GROUPS, feedGroup } from './messages.ts';
import { NoteForm } from './NoteForm.tsx';

/**
 * Every log entry, newest first, filterable by kind and team; control's note goes in on top. A
 * scenario step that leaves the phase as it was (a decision's or a waited-for moment's region moved)
 * is not repeated as the same phase: the decision or timer beside it says what happened; a timer of
 * such a region that did nothing people see is left out. A long
 * exercise logs thousands of entries: only those in view are drawn (@tanstack/react-virtual, which
 * measures rows of any height, rather than a hand-written windowing).
 */
export function LiveFeed({
  entries,
  teams,
  words,
  canNote,
  onNote,
  noteInput,
}: {
  entries: readonly LogEntry[];
  teams: Team[];
  words: ExerciseWords;
  /** Undefined when the viewer's role writes no notes (the form is not shown). */
  canNote: boolean | undefined;
  onNote: (text: string) => Promise<boolean>;
  noteInput?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation('console');
  const [group, setGroup] = useState('');
  const [team, setTeam] = useState('');
  const ids = { group: useId(), team: useId() };
  const scroller = useRef<HTMLDivElement>(null);
  const teamIds = teams.map((x) => x.id);
  const quiet = useMemo(() => quietEntries(entries, words), [entries, words]);
  const shown = entries.filter((e) => !quiet.has(e.seq) && (!group || feedGroup(e) === group) && (!team || entryTeams(e, teamIds).includes(team))).reverse();
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 44,
    overscan: 12,
    getItemKey: (index) => shown[index]!.seq,
  });
  return (
    <>
      {canNote !== undefined && <NoteForm enabled={canNote} onNote={onNote} inputRef={noteInput} />}
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
      <div ref={scroller} className="panel-scroll feed-scroll" tabIndex={0} role="region" aria-label={t('feed.label')}>
        {shown.length === 0 ? (
          <p className="empty">{t('feed.empty')}</p>
        ) : (
          <ol className="feed console-feed" data-testid="feed" aria-label={t('feed.label')} style={{ height: rows.getTotalSize() }}>
            {rows.getVirtualItems().map((row) => {
              const entry = shown[row.index]!;
              return (
                <li
                  key={row.key}
                  ref={rows.measureElement}
                  data-index={row.index}
                  className={`feed-${feedGroup(entry)}${entry.type === 'exercise.halted' ? ' feed-halt' : ''}`}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <span className="feed-times">
                    <span className="time">{formatWallTime(entry.wallTime)}</span> <span className="time">{formatExerciseTime(entry.exerciseTimeMs)}</span>
                  </span>
                  <LongText text={describeEntry(entry, t, words)} />
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </>
  );
}

/**
 * The entries that tell nothing about the phase people follow: a `state.entered` whose phase
 * (ExerciseWords.phase) is the one the entry before them entered, and a timer of a region outside
 * the phase that did nothing people see (ExerciseWords.quietTimer).
 */
function quietEntries(entries: readonly LogEntry[], words: ExerciseWords): Set<number> {
  const quiet = new Set<number>();
  let last: string | undefined;
  for (const entry of entries) {
    if (entry.type === 'timer.fired' && words.quietTimer(entry)) quiet.add(entry.seq);
    if (entry.type !== 'state.entered') continue;
    const phase = words.phase(entry.states);
    if (phase === last) quiet.add(entry.seq);
    last = phase;
  }
  return quiet;
}
