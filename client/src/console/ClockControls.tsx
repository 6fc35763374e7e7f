import { CirclePlay, FastForward, OctagonAlert, Pause, Play, Power, SkipForward, Square, SquareCheck } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControllerCommand, ExerciseView } from '@startex/shared';
import { formatStoryTime, formatWallTime } from '../i18n/index.ts';
import { exerciseNowMs, useExerciseClock } from '../lib/clock.ts';
import { formatDuration } from './exerciseTime.ts';
import type { CommandAccess } from './permissions.ts';
import { shortcutLabel, type ShortcutId } from './shortcuts.ts';

type Lifecycle = 'ready' | 'start' | 'pause' | 'resume' | 'jump' | 'jumpInject' | 'end' | 'close';
const LIFECYCLE: { type: Lifecycle; shortcut: ShortcutId; icon: LucideIcon; tone: 'primary' | 'secondary' | 'danger' }[] = [
  { type: 'ready', shortcut: 'ready', icon: SquareCheck, tone: 'primary' },
  { type: 'start', shortcut: 'start', icon: CirclePlay, tone: 'primary' },
  { type: 'pause', shortcut: 'pauseResume', icon: Pause, tone: 'secondary' },
  { type: 'resume', shortcut: 'pauseResume', icon: Play, tone: 'primary' },
  { type: 'jump', shortcut: 'jump', icon: FastForward, tone: 'secondary' },
  { type: 'jumpInject', shortcut: 'jumpInject', icon: SkipForward, tone: 'secondary' },
  { type: 'end', shortcut: 'end', icon: Square, tone: 'danger' },
  { type: 'close', shortcut: 'close', icon: Power, tone: 'danger' },
];

/** Speeds offered during play; the planned speed is added when it is none of these. */
const SPEEDS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120];

/**
 * Status, wall, exercise and scenario clocks, the speed, and the lifecycle commands the viewer's
 * role may send (enabled when the status allows them); the halt button stands apart, in red.
 */
export function ClockControls({
  view,
  nextTimerMs,
  access,
  onCommand,
  onHalt,
  onSpeed,
}: {
  view: ExerciseView | undefined;
  /** Exercise time of the next scheduled scenario event, while live. */
  nextTimerMs: number | undefined;
  access: CommandAccess;
  onCommand: (command: ControllerCommand) => void;
  onHalt: () => void;
  onSpeed: (speed: number) => void;
}) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const clock = useExerciseClock(view);
  const speedId = useId();
  const now = Date.now();
  const nextIn = view && nextTimerMs !== undefined ? Math.max(0, nextTimerMs - exerciseNowMs(view, now)) : undefined;
  const speed = view?.clock.speed ?? 1;
  const speeds = [...new Set([...SPEEDS, speed])].sort((a, b) => a - b);
  const lifecycle = LIFECYCLE.filter((c) => {
    const type = c.type === 'jumpInject' ? 'jump' : c.type;
    return access.enabled(type);
  });
  return (
    <div className="ops-clock">
      <section className="clock-readouts" aria-label={t('clock.label')}>
        <div className="readout">
          <span className="label">{t('clock.status')}</span>
          <strong data-testid="status" className={`console-status status-is-${view?.status ?? 'unknown'}`}>{view ? tc(`status.${view.status}`) : '…'}</strong>
        </div>
        <div className="readout">
          <span className="label">{t('clock.wall')}</span>
          <strong data-testid="wall-time">{formatWallTime(now)}</strong>
        </div>
        <div className="readout">
          <span className="label">{t('clock.exercise')}</span>
          <strong data-testid="exercise-time">{clock.exercise}</strong>
        </div>
        <div className="readout">
          <span className="label">{t('clock.scenario')}</span>
          <strong data-testid="scenario-time">{view ? formatStoryTime(view.clock.scenarioStartMs + exerciseNowMs(view, now), true) : '—'}</strong>
        </div>
        <div className="readout">
          <span className="label">{t('clock.next')}</span>
          <strong>{nextIn !== undefined ? formatDuration(nextIn) : '—'}</strong>
        </div>
        <div className="readout">
          {access.shown('speed') ? (
            <>
              <label className="label" htmlFor={speedId}>{t('clock.speed')}</label>
              <select id={speedId} className="speed-select" data-testid="speed" value={speed} disabled={!access.enabled('speed')} onChange={(e) => onSpeed(Number(e.target.value))}>
                {speeds.map((s) => (
                  <option key={s} value={s}>×{s}</option>
                ))}
              </select>
            </>
          ) : (
            <>
              <span className="label">{t('clock.speed')}</span>
              <strong data-testid="speed">×{speed}</strong>
            </>
          )}
        </div>
      </section>
      {lifecycle.length > 0 && (
        <div className="toolbar-group" role="group" aria-label={t('commands.exercise')}>
          {lifecycle.map(({ type, shortcut, icon: Icon, tone }) => (
            <button
              key={type}
              type="button"
              className={tone === 'primary' ? 'tool' : tone === 'danger' ? 'tool danger-outline' : 'tool secondary'}
              aria-keyshortcuts={shortcutLabel(shortcut)}
              title={`${t(`shortcut.${shortcut}`)} (${shortcutLabel(shortcut)})`}
              onClick={() => onCommand(type === 'jumpInject' ? { type: 'jump', to: 'inject' } : { type })}
            >
              <Icon aria-hidden="true" size={16} />
              {t(`command.${type}`)}
            </button>
          ))}
        </div>
      )}
      {access.shown('halt') && (
        <button
          type="button"
          className="tool halt-button"
          disabled={!access.enabled('halt')}
          aria-keyshortcuts={shortcutLabel('halt')}
          title={`${t('shortcut.halt')} (${shortcutLabel('halt')})`}
          onClick={onHalt}
        >
          <OctagonAlert aria-hidden="true" size={16} />
          {t('command.halt')}
        </button>
      )}
    </div>
  );
}
