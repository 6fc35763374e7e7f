import { useTranslation } from 'react-i18next';
import type { ControllerCommand, ExerciseView } from '@startex/shared';
import { formatWallTime } from '../i18n/index.ts';
import { useExerciseClock } from '../lib/clock.ts';
import { allowed } from './commands.ts';
import { exerciseNowMs, formatDuration } from './exerciseTime.ts';

type Lifecycle = 'ready' | 'start' | 'pause' | 'resume' | 'jump' | 'end' | 'close';
const LIFECYCLE: { type: Lifecycle; shortcut?: string; danger?: boolean }[] = [
  { type: 'ready' },
  { type: 'start' },
  { type: 'pause', shortcut: 'Space' },
  { type: 'resume', shortcut: 'Space' },
  { type: 'jump', shortcut: 'N' },
  { type: 'end', danger: true },
  { type: 'close', danger: true },
];

/** Wall, exercise and scenario clocks with the lifecycle commands the status allows. */
export function ClockControls({
  view,
  nextTimerMs,
  onCommand,
}: {
  view: ExerciseView | undefined;
  /** Exercise time of the next scheduled scenario event, while live. */
  nextTimerMs: number | undefined;
  onCommand: (command: ControllerCommand) => void;
}) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const clock = useExerciseClock(view);
  const now = Date.now();
  const nextIn = view && nextTimerMs !== undefined ? Math.max(0, nextTimerMs - exerciseNowMs(view, now)) : undefined;
  return (
    <section className="clock console-clock" aria-label={t('clock.label')}>
      <div>
        <span className="label">{t('clock.status')}</span>
        <strong data-testid="status" className={`console-status status-is-${view?.status ?? 'unknown'}`}>{view ? tc(`status.${view.status}`) : '…'}</strong>
      </div>
      <div>
        <span className="label">{t('clock.wall')}</span>
        <strong>{formatWallTime(now)}</strong>
      </div>
      <div>
        <span className="label">{t('clock.exercise', { speed: view?.clock.speed ?? 1 })}</span>
        <strong>{clock.exercise}</strong>
      </div>
      <div>
        <span className="label">{t('clock.scenario')}</span>
        <strong>{clock.scenario}</strong>
      </div>
      <div>
        <span className="label">{t('clock.next')}</span>
        <strong>{nextIn !== undefined ? formatDuration(nextIn) : '—'}</strong>
      </div>
      <div className="commands">
        {LIFECYCLE.filter((c) => allowed(c.type, view?.status)).map((c) => (
          <button
            key={c.type}
            type="button"
            className={c.danger ? 'danger-outline' : c.type === 'start' ? '' : 'secondary'}
            aria-keyshortcuts={c.shortcut === 'Space' ? 'Space' : c.shortcut}
            onClick={() => onCommand({ type: c.type })}
          >
            {t(`command.${c.type}`)}
            {c.shortcut && <kbd aria-hidden="true">{c.shortcut}</kbd>}
          </button>
        ))}
      </div>
    </section>
  );
}
