import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { ExerciseView, LogEntry } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';
import { describeEntry } from '../lib/describeEntry.ts';
import { exerciseWords } from '../lib/exerciseWords.ts';
import { LongText } from '../lib/LongText.tsx';
import type { Prefill } from './ObservationForm.tsx';

/** The entries an evaluator follows: injects, what teams do and say, and the exercise's turns. */
const SHOWN = new Set<LogEntry['type']>([
  'inject.released', 'inject.acknowledged', 'action.taken', 'message.sent', 'decision.made', 'milestone.reached',
  'exercise.started', 'exercise.paused', 'exercise.resumed', 'exercise.halted', 'exercise.ended',
]);

/**
 * Play as it happens, newest first; injects, actions and messages can be observed with one tap. The
 * whole exercise stays in the feed: only the rows in view are drawn (@tanstack/react-virtual, as the
 * console's feed), so a long exercise does not slow the evaluator's tablet.
 */
export function PlayFeed({ view, entries, onObserve }: { view: ExerciseView; entries: LogEntry[]; onObserve?: (prefill: Omit<Prefill, 'nonce'>) => void }) {
  const { t } = useTranslation('evaluator');
  const shown = entries.filter((e) => SHOWN.has(e.type)).reverse();
  const words = exerciseWords(view, entries, t);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 72,
    overscan: 8,
    getItemKey: (index) => shown[index]!.seq,
  });

  return (
    <section aria-labelledby="feed-heading" className="eval-panel eval-feed-panel">
      <h2 id="feed-heading">{t('feed.heading')}</h2>
      {shown.length === 0 ? (
        <p className="empty">{t('feed.empty')}</p>
      ) : (
        <div ref={scroller} className="eval-feed-scroll" tabIndex={0} role="region" aria-labelledby="feed-heading">
          <ol className="eval-feed" data-testid="evaluator-feed" style={{ height: rows.getTotalSize() }}>
            {rows.getVirtualItems().map((row) => {
              const entry = shown[row.index]!;
              const line = describeEntry(entry, t, words);
              const lateByWallMs = entry.type === 'inject.released' ? words.lateByWallMs(entry) : undefined;
              const target = onObserve && observable(entry);
              return (
                <li
                  key={row.key}
                  ref={rows.measureElement}
                  data-index={row.index}
                  className={`eval-feed-item type-${entry.type.replace('.', '-')}`}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <span className="eval-time-stamp">{formatExerciseTime(entry.exerciseTimeMs)}</span>
                  <div className="eval-feed-body">
                    <LongText text={line} />
                    {entry.type === 'inject.released' && (
                      <>
                        <p className="hint">
                          {t('feed.via', { channel: t(`channel.${entry.inject.channel}`), from: entry.inject.from })}
                          {lateByWallMs ? ` · ${t('feed.late', { seconds: Math.round(lateByWallMs / 1000) })}` : ''}
                        </p>
                        <details>
                          <summary>{t('feed.body')}</summary>
                          <LongText markdown text={entry.inject.body} />
                        </details>
                      </>
                    )}
                  </div>
                  {target && (
                    <button
                      type="button"
                      className="secondary eval-observe"
                      aria-label={t('feed.observeLabel', { what: line })}
                      onClick={() => onObserve?.({ observedAtMs: Math.floor(entry.exerciseTimeMs), ...target })}
                    >
                      {t('feed.observe')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}

/** The team and inject an observation about this entry links to, when it can have one. */
function observable(entry: LogEntry): { teamId?: string; injectId?: string } | undefined {
  switch (entry.type) {
    case 'inject.released':
      return { injectId: entry.inject.id, ...(entry.inject.to.length === 1 ? { teamId: entry.inject.to[0] } : {}) };
    case 'inject.acknowledged':
      return { teamId: entry.teamId, injectId: entry.injectId };
    case 'action.taken':
      return { teamId: entry.teamId, ...(entry.injectId ? { injectId: entry.injectId } : {}) };
    case 'message.sent':
      return entry.from.kind === 'team' ? { teamId: entry.from.teamId } : {};
    default:
      return undefined;
  }
}
