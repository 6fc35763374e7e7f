import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { releaseLateByWallMs, type ExerciseView, type LogEntry, type Party } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';
import { Markdown } from '../lib/Markdown.tsx';
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
  const numberOf = (injectId: string) =>
    entries.find((e): e is Extract<LogEntry, { type: 'inject.released' }> => e.type === 'inject.released' && e.inject.id === injectId)?.inject.number ?? injectId;
  const teamName = (id: string) => view.teams.find((team) => team.id === id)?.name ?? id;

  return (
    <section aria-labelledby="feed-heading" className="eval-panel eval-feed-panel">
      <h2 id="feed-heading">{t('feed.heading')}</h2>
      {shown.length === 0 && <p className="empty">{t('feed.empty')}</p>}
      <ol className="eval-feed" data-testid="evaluator-feed">
        {shown.map((entry) => {
          const line = describe(entry, t, view, teamName, numberOf);
          const lateByWallMs = entry.type === 'inject.released' ? releaseLateByWallMs(entry, view.clock.speed) : undefined;
          const target = onObserve && observable(entry);
          return (
            <li key={entry.seq} className={`eval-feed-item type-${entry.type.replace('.', '-')}`}>
              <span className="eval-time-stamp">{formatExerciseTime(entry.exerciseTimeMs)}</span>
              <div className="eval-feed-body">
                <p>{line}</p>
                {entry.type === 'inject.released' && (
                  <>
                    <p className="hint">
                      {t('feed.via', { channel: t(`channel.${entry.inject.channel}`), from: entry.inject.from })}
                      {lateByWallMs ? ` · ${t('feed.late', { seconds: Math.round(lateByWallMs / 1000) })}` : ''}
                    </p>
                    <details>
                      <summary>{t('feed.body')}</summary>
                      <Markdown text={entry.inject.body} />
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

function describe(
  entry: LogEntry,
  t: TFunction<'evaluator'>,
  view: ExerciseView,
  teamName: (id: string) => string,
  numberOf: (injectId: string) => number | string,
): string {
  const party = (p: Party) =>
    p.kind === 'team'
      ? teamName(p.teamId)
      : p.kind === 'simcell'
        ? t('feed.simcell', { name: view.simulatedOrganisations.find((o) => o.id === p.organisationId)?.name ?? p.organisationId })
        : t('feed.control');
  switch (entry.type) {
    case 'inject.released':
      return t('feed.released', { number: entry.inject.number, teams: entry.inject.to.map(teamName).join(', '), subject: entry.inject.subject });
    case 'inject.acknowledged':
      return t('feed.acknowledged', { team: teamName(entry.teamId), number: numberOf(entry.injectId) });
    case 'action.taken': {
      const fields = Object.entries(entry.fields).map(([k, v]) => `${k} = ${typeof v === 'boolean' ? t(v ? 'feed.yes' : 'feed.no') : v}`);
      const label = entry.actionId.replaceAll('_', ' ');
      return t('feed.action', { team: teamName(entry.teamId), action: fields.length ? `${label} (${fields.join(', ')})` : label });
    }
    case 'message.sent': {
      const to = entry.to.all
        ? t('feed.everyone')
        : [...entry.to.teams.map(teamName), ...entry.to.organisations.map((id) => party({ kind: 'simcell', organisationId: id }))].join(', ');
      return t('feed.message', { from: party(entry.from), to, text: entry.text });
    }
    case 'decision.made':
      return t('feed.decision', { decision: entry.decision });
    case 'milestone.reached':
      return t('feed.milestone', { milestone: entry.milestone });
    case 'exercise.started':
      return t('feed.started');
    case 'exercise.paused':
      return t('feed.paused');
    case 'exercise.resumed':
      return t('feed.resumed');
    case 'exercise.halted':
      return t('feed.halted', { reason: entry.reason });
    case 'exercise.ended':
      return t('feed.ended');
    default:
      return entry.type;
  }
}
