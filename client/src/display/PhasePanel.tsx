import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { statePathTitle, type ExerciseView, type LogEntry } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';

type StateEntered = Extract<LogEntry, { type: 'state.entered' }>;
const HISTORY = 3;

/** The scenario's current phase (the latest states entered) and the few before it, by the scenario's titles. */
export function PhasePanel({ view, entries }: { view: ExerciseView | undefined; entries: LogEntry[] }) {
  const { t } = useTranslation('display');
  const titles = useMemo(() => new Map(Object.entries(view?.stateTitles ?? {})), [view?.stateTitles]);
  const phase = (e: StateEntered) => e.states.map((path) => statePathTitle(titles, path)).join(', ');
  const changes = entries.filter((e): e is StateEntered => e.type === 'state.entered');
  const current = changes.at(-1);
  const earlier = changes.slice(-1 - HISTORY, -1).reverse();
  return (
    <section className="wall-panel wall-phase" aria-labelledby="phase-heading">
      <h2 id="phase-heading">{t('phase.heading')}</h2>
      <p className="wall-phase-now" data-testid="phase">
        {current ? phase(current) : t('phase.none')}
        {current && <span className="wall-since"> · {formatExerciseTime(current.exerciseTimeMs)}</span>}
      </p>
      {earlier.length > 0 && (
        <>
          <h3 className="wall-label">{t('phase.history')}</h3>
          <ol className="wall-phase-history">
            {earlier.map((e) => (
              <li key={e.seq}><span className="wall-since">{formatExerciseTime(e.exerciseTimeMs)}</span> {phase(e)}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
