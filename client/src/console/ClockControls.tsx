import { useTranslation } from 'react-i18next';
import type { ControllerCommand, ExerciseView } from '@startex/shared';
import { formatStoryTime, formatWallTime } from '../i18n/index.ts';
import { useExerciseClock } from '../lib/clock.ts';
import { allowed } from './commands.ts';
import { exerciseNowMs } from '../lib/clock.ts';
import { formatDuration } from './exerciseTime.ts';
import { shortcutLabel, type ShortcutId } from './shortcuts.ts';

type Lifecycle = 'ready' | 'start' | 'pause' | 'resume' | 'jump' | 'jumpInject' | 'end' | 'close';
const LIFECYCLE: { type: Lifecycle; shortcut: ShortcutId; danger?: boolean }[] = [
  { type: 'ready', shortcut: 'ready' },
  { type: 'start', shortcut: 'start' },
  { type: 'pause', shortcut: 'pauseResume' },
  { type: 'resume', shortcut: 'pauseResume' },
  { type: 'jump', shortcut: 'jump' },
  { type: 'jumpInject', shortcut: 'jumpInject' },
  { type: 'end', shortcut: 'end', danger: true },
  { type: 'close', shortcut: 'close', danger: true },
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
        <strong data-testid="wall-time">{formatWallTime(now)}</strong>
      </div>
      <div>
        <span className="label">{t('clock.exercise', { speed: view?.clock.speed ?? 1 })}</span>
        <strong data-testid="exercise-time">{clock.exercise}</strong>
      </div>
      <div>
        <span className="label">{t('clock.scenario')}</span>
        <strong data-testid="scenario-time">{view ? formatStoryTime(view.clock.scenarioStartMs + exerciseNowMs(view, now), true) : '—'}</strong>
      </div>
      <div>
        <span className="label">{t('clock.next')}</span>
        <strong>{nextIn !== undefined ? formatDuration(nextIn) : '—'}</strong>
      </div>
      <div className="commands">
        {LIFECYCLE.filter((c) => allowed(c.type === 'jumpInject' ? 'jump' : c.type, view)).map((c) => (
          <button
            key={c.type}
            type="button"
            className={c.danger ? 'danger-outline' : c.type === 'start' ? '' : 'secondary'}
            aria-keyshortcuts={shortcutLabel(c.shortcut)}
            onClick={() => onCommand(c.type === 'jumpInject' ? { type: 'jump', to: 'inject' } : { type: c.type })}
          >
            {t(`command.${c.type}`)}
            <kbd aria-hidden="true">{shortcutLabel(c.shortcut)}</kbd>
          </button>
        ))}
      </div>
    </section>
  );
}
