import { useTranslation } from 'react-i18next';
import type { ExerciseStatus, ExerciseView } from '@startex/shared';
import { useExerciseClock } from '../lib/clock.ts';

/** A symbol with each status, so it never rests on colour alone. */
const STATUS_SYMBOL: Record<ExerciseStatus, string> = {
  draft: '○', ready: '○', live: '●', paused: '❚❚', halted: '⚠', ended: '■', closed: '■',
};

/** Exercise time, scenario time and status, large enough to read across the room. */
export function WallClock({ view }: { view: ExerciseView | undefined }) {
  const { t } = useTranslation('display');
  const clock = useExerciseClock(view);
  return (
    <section className="wall-clock" aria-label={t('clock.label')}>
      <div className="wall-clock-cell">
        <span className="wall-label">{t('clock.exercise')}</span>
        <strong className="wall-time" data-testid="exercise-time">{clock.exercise}</strong>
      </div>
      <div className="wall-clock-cell">
        <span className="wall-label">{t('clock.scenario')}</span>
        <strong className="wall-time">{clock.scenario}</strong>
      </div>
      <div className="wall-clock-cell">
        <span className="wall-label">{t('clock.status')}</span>
        <strong className={`wall-status status-${view?.status ?? 'none'}`} data-testid="status">
          {view ? <><span aria-hidden="true">{STATUS_SYMBOL[view.status]} </span>{t(`status.${view.status}`, { ns: 'common' })}</> : '…'}
        </strong>
      </div>
    </section>
  );
}
