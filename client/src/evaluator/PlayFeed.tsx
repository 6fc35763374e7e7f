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
const LIMIT = 150;

/** Play as it happens, newest first; injects, actions and messages can be observed with one tap. */
export function PlayFeed({ view, entries, onObserve }: { view: ExerciseView; entries: LogEntry[]; onObserve?: (prefill: Omit<Prefill, 'nonce'>) => void }) {
  const { t } = useTranslation('evaluator');
  const shown = entries.filter((e) => SHOWN.has(e.type)).slice(-LIMIT).reverse();
  const words = exerciseWords(view, entries, t);

  return (
    <section aria-labelledby="feed-heading" className="eval-panel eval-feed-panel">
      <h2 id="feed-heading">{t('feed.heading')}</h2>
      {shown.length === 0 && <p className="empty">{t('feed.empty')}</p>}
      <ol className="eval-feed" data-testid="evaluator-feed">
        {shown.map((entry) => {
          const line = describeEntry(entry, t, words);
          const lateByWallMs = entry.type === 'inject.released' ? words.lateByWallMs(entry) : undefined;
          const target = onObserve && observable(entry);
          return (
            <li key={entry.seq} className={`eval-feed-item type-${entry.type.replace('.', '-')}`}>
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
