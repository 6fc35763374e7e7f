import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { parseScenarioClockTime } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';
import type { ExerciseWords } from '../lib/exerciseWords.ts';
import { Markdown } from '../lib/Markdown.tsx';
import { formatStoryTime } from '../i18n/index.ts';
import { formatDuration } from './exerciseTime.ts';
import { teamStatus, type MselRow } from './msel.ts';
import { StatusChip } from '../lib/StatusChip.tsx';

// To the minute: "T+00:12".
const exerciseMinutes = (ms: number) => formatExerciseTime(ms).slice(0, -3);

/** The MSEL on the time line: what is out, a "now" line, and what is still to come, in exercise and scenario time. */
export function MselTimeline({
  rows,
  total,
  nowScenarioMs,
  nowExerciseMs,
  selectedId,
  onSelect,
  words,
}: {
  rows: MselRow[];
  total: number;
  nowScenarioMs: number;
  nowExerciseMs: number;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  words: ExerciseWords;
}) {
  const { t } = useTranslation('console');
  const nowIndex = rows.findIndex((row) => row.sortMs > nowScenarioMs);
  const selectedRef = useRef<HTMLLIElement>(null);
  const nowRef = useRef<HTMLLIElement>(null);
  const scrolledToNow = useRef(false);
  // Scroll inside the MSEL panel only (scrollIntoView would move the whole page too).
  useEffect(() => {
    const row = selectedRef.current;
    const box = row?.closest('.panel-scroll');
    if (!row || !box) return;
    const r = row.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.top < b.top) box.scrollTop += r.top - b.top;
    else if (r.bottom > b.bottom) box.scrollTop += Math.min(r.bottom - b.bottom, r.top - b.top);
  }, [selectedId]);
  useEffect(() => {
    const line = nowRef.current;
    const box = line?.closest('.panel-scroll');
    if (scrolledToNow.current || !line || !box || rows.length === 0) return;
    scrolledToNow.current = true;
    box.scrollTop += line.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  }, [rows.length]);
  const nowText = t('msel.now', { exercise: exerciseMinutes(nowExerciseMs), time: formatStoryTime(nowScenarioMs) });
  const now = (
    <li ref={nowRef} className="msel-now" data-testid="msel-now" aria-label={nowText}>
      <span>{nowText}</span>
    </li>
  );
  return (
    <>
      <p className="hint" aria-live="polite">{t('msel.count', { shown: rows.length, total })}</p>
      <ol className="msel">
        {rows.map((row, index) => {
          const story = storyMs(row);
          const storyText = story !== undefined ? formatStoryTime(story) : undefined;
          return (
            <Fragment key={row.id}>
              {index === nowIndex && now}
              <li
                ref={row.id === selectedId ? selectedRef : undefined}
                data-testid={`inject-${row.id}`}
                className={`msel-row msel-${row.state}${row.id === selectedId ? ' selected' : ''}`}
              >
                <button type="button" className="msel-select" aria-pressed={row.id === selectedId} onClick={() => onSelect(row.id)}>
                  <span className="msel-number">#{row.number}</span>
                  <span className="msel-time">
                    {row.releasedAtExerciseMs !== undefined
                      ? exerciseMinutes(row.releasedAtExerciseMs)
                      : row.plannedExerciseMs !== undefined
                        ? t('msel.planned', { time: exerciseMinutes(row.plannedExerciseMs) })
                        : t('msel.unscheduled')}
                  </span>
                  <span className="msel-subject">{row.subject}</span>
                </button>
                <div className="msel-meta">
                  {storyText && <span className="msel-scenario-time" title={t('msel.scenarioTime', { time: storyText })}>{storyText} · </span>}
                  <span className="channel-tag">{t(`channel.${row.channel}`)}</span> {row.from} → {row.to.map(words.team).join(', ')}
                </div>
                <div className="chips">
                  {row.state === 'upcoming' && <StatusChip tone="pending">{t('chip.upcoming')}</StatusChip>}
                  {row.adHoc && <StatusChip tone="info">{t('chip.adhoc')}</StatusChip>}
                  {row.kind !== 'standard' && <StatusChip tone="info">{t(`kind.${row.kind}`)}</StatusChip>}
                  {row.edited && <StatusChip tone="info">{t('chip.edited')}</StatusChip>}
                  {row.progress?.held && row.state === 'held' && (
                    <StatusChip tone="held" title={row.progress.held.reason}>{t('chip.held', { reason: row.progress.held.reason })}</StatusChip>
                  )}
                  {row.progress?.skipped && (
                    <StatusChip tone="skipped" title={row.progress.skipped.reason}>{t('chip.skipped', { reason: row.progress.skipped.reason })}</StatusChip>
                  )}
                  {row.progress?.lateByWallMs ? <StatusChip tone="late" title={t('chip.lateTitle')}>{t('chip.late', { duration: formatDuration(row.progress.lateByWallMs) })}</StatusChip> : null}
                  {row.state === 'released' &&
                    row.to.map((team) => {
                      const status = teamStatus(row, team);
                      return (
                        <StatusChip key={team} tone={status} title={`${t(`chip.${status}`)} · ${words.team(team)}`}>
                          {t(`chip.${status}`)} · {words.team(team)}
                        </StatusChip>
                      );
                    })}
                </div>
                {row.id === selectedId && (
                  <div className="msel-detail">
                    <Markdown text={row.body} />
                    {row.expectedActions.length > 0 && (
                      <>
                        <h3>{t('msel.expected')}</h3>
                        <ul>
                          {row.expectedActions.map((a) => (
                            <li key={a}>{a}</li>
                          ))}
                        </ul>
                      </>
                    )}
                    {row.phases.length > 0 && <p className="hint">{t('msel.phases', { phases: row.phases.map(words.state).join(', ') })}</p>}
                  </div>
                )}
              </li>
            </Fragment>
          );
        })}
        {nowIndex === -1 && now}
      </ol>
    </>
  );
}

/** The story time of a row: of its release when out, else as planned. */
function storyMs(row: MselRow): number | undefined {
  return row.releasedAtScenarioMs ?? (row.planned ? parseScenarioClockTime(row.planned) * 60_000 : undefined);
}
