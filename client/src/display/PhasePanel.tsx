import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { phaseNamesItsTime, phaseOf } from '@startex/scenarios/browser';
import type { ExerciseView, LogEntry } from '@startex/shared';
import { formatExerciseTime } from '../lib/clock.ts';

const HISTORY = 3;

/**
 * The scenario's current phase and the few before it, by the scenario's titles (phaseOf: the
 * storyline, not every region), each with the time it began, unless its title already begins with
 * it (a timeline's row: "T+35: …").
 */
export function PhasePanel({ view, entries }: { view: ExerciseView | undefined; entries: LogEntry[] }) {
  const { t } = useTranslation('display');
  const titles = useMemo(() => new Map(Object.entries(view?.stateTitles ?? {})), [view?.stateTitles]);
  // A step of a region that is not the phase (a decision opened, a moment waited for) does not change the phase shown.
  const changes: { seq: number; exerciseTimeMs: number; phase: string; namesItsTime: boolean }[] = [];
  for (const entry of entries) {
    if (entry.type !== 'state.entered') continue;
    const phase = phaseOf(entry.states, titles);
    if (phase !== changes.at(-1)?.phase) changes.push({ seq: entry.seq, exerciseTimeMs: entry.exerciseTimeMs, phase, namesItsTime: phaseNamesItsTime(entry.states) });
  }
  const current = changes.at(-1);
  const earlier = changes.slice(-1 - HISTORY, -1).reverse();
  return (
    <section className="wall-panel wall-phase" aria-labelledby="phase-heading">
      <h2 id="phase-heading">{t('phase.heading')}</h2>
      <p className="wall-phase-now" data-testid="phase">
        {current ? current.phase : t('phase.none')}
        {current && !current.namesItsTime && <span className="wall-since"> · {formatExerciseTime(current.exerciseTimeMs)}</span>}
      </p>
      {earlier.length > 0 && (
        <>
          <h3 className="wall-label">{t('phase.history')}</h3>
          <ol className="wall-phase-history">
            {earlier.map((e) => (
              <li key={e.seq}>{e.namesItsTime ? e.phase : <><span className="wall-since">{formatExerciseTime(e.exerciseTimeMs)}</span> {e.phase}</>}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
