import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ExerciseView,
  type ObservationKind,
  type Rating,
  type RecordObservation,
  type ReleasedInject,
} from '@startex/shared';
import { formatStoryTime } from '../i18n/index.ts';
import { formatClockTime } from '../lib/clock.ts';
import { parseTimeField } from './exerciseTime.ts';
import { KindPicker } from './KindPicker.tsx';
import { criticalTasks, type Objectives } from './objectives.ts';
import { RatingPicker } from './RatingPicker.tsx';

/** What tapping "Observe this" in the feed fills in; `nonce` makes each tap count. */
export interface Prefill {
  nonce: number;
  observedAtMs: number;
  teamId?: string | undefined;
  injectId?: string | undefined;
}

export type NewObservation = Omit<RecordObservation, 'idempotencyKey'>;

/** Where the last recorded observation stands: on this device only, in the log, or refused. */
export type SavedState = 'pending' | 'logged' | 'failed';

interface Props {
  view: ExerciseView;
  nowMs: number | undefined;
  injects: ReleasedInject[];
  objectives: Objectives;
  prefill: Prefill | undefined;
  /** False before StartEx and after closing: the server would refuse. */
  enabled: boolean;
  /** Where the observation recorded last stands; undefined before the first one. */
  saved: SavedState | undefined;
  onRecord: (observation: NewObservation) => void;
}

/**
 * One observation: exercise time (the clock's until the evaluator starts writing, then fixed and
 * editable), what was seen, its links to team, inject, objective and critical task, tag and rating.
 */
export function ObservationForm({ view, nowMs, injects, objectives, prefill, enabled, saved, onRecord }: Props) {
  const { t } = useTranslation('evaluator');
  const [timeText, setTimeText] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ObservationKind>('note');
  const [rating, setRating] = useState<Rating | undefined>();
  const [teamId, setTeamId] = useState('');
  const [injectId, setInjectId] = useState('');
  const [objectiveId, setObjectiveId] = useState('');
  const [taskId, setTaskId] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [showSaved, setShowSaved] = useState(false);
  const textArea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!prefill) return;
    setTimeText(formatClockTime(prefill.observedAtMs));
    setTeamId(prefill.teamId ?? '');
    setInjectId(prefill.injectId ?? '');
    setShowSaved(false);
    textArea.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    textArea.current?.focus({ preventScroll: true });
  }, [prefill]);

  const tasks = criticalTasks(objectives).filter((task) => !objectiveId || task.objectiveId === objectiveId);
  const targets = [...new Map(tasks.map((task) => [`${task.objectiveId}/${task.targetId}`, task.targetTitle])).entries()];
  const shownTime = timeText ?? (nowMs === undefined ? '' : formatClockTime(nowMs));
  const parsedTime = parseTimeField(shownTime);

  function chooseTask(id: string) {
    setTaskId(id);
    const task = criticalTasks(objectives).find((x) => x.taskId === id);
    if (task) setObjectiveId(task.objectiveId);
  }

  function submit() {
    if (!text.trim()) return setProblem(t('form.missingText'));
    if (parsedTime === undefined) return setProblem(t('form.badTime'));
    onRecord({
      observedAtMs: parsedTime,
      kind,
      text: text.trim(),
      ...(rating ? { rating } : {}),
      ...(teamId ? { teamId } : {}),
      ...(injectId ? { injectId } : {}),
      ...(objectiveId ? { objectiveId } : {}),
      ...(taskId ? { taskId } : {}),
    });
    setText('');
    setRating(undefined);
    setKind('note');
    setTimeText(null);
    setProblem(undefined);
    setShowSaved(true);
  }

  return (
    <form className="eval-form" aria-labelledby="observation-heading" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2 id="observation-heading">{t('form.heading')}</h2>
      <div className="field">
        <label htmlFor="observed-at">{t('form.observedAt')}</label>
        <div className="eval-time">
          <span aria-hidden="true">T+</span>
          <input
            id="observed-at"
            inputMode="numeric"
            autoComplete="off"
            value={shownTime}
            aria-describedby="observed-at-hint"
            aria-invalid={parsedTime === undefined && shownTime !== ''}
            onChange={(e) => setTimeText(e.target.value)}
          />
          <button type="button" className="secondary" onClick={() => setTimeText(null)}>{t('form.now')}</button>
        </div>
        <p id="observed-at-hint" className="hint">
          {parsedTime !== undefined && <strong>{t('form.scenarioEquivalent', { time: formatStoryTime(view.clock.scenarioStartMs + parsedTime, true) })}. </strong>}
          {t('form.observedAtHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="observation-text">{t('form.text')}</label>
        <textarea
          id="observation-text"
          ref={textArea}
          rows={4}
          maxLength={5000}
          value={text}
          aria-describedby="observation-text-hint"
          onChange={(e) => {
            // The moment writing starts is the best default for when it was seen.
            if (timeText === null && nowMs !== undefined) setTimeText(formatClockTime(nowMs));
            setText(e.target.value);
            setShowSaved(false);
          }}
        />
        <p id="observation-text-hint" className="hint">{t('form.textHint')}</p>
      </div>
      <KindPicker value={kind} onChange={setKind} />
      <RatingPicker value={rating} onChange={setRating} />
      <fieldset className="eval-links">
        <legend>{t('form.links')}</legend>
        <div className="field">
          <label htmlFor="obs-team">{t('form.team')}</label>
          <select id="obs-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('form.none')}</option>
            {view.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="obs-inject">{t('form.inject')}</label>
          <select id="obs-inject" value={injectId} onChange={(e) => setInjectId(e.target.value)}>
            <option value="">{t('form.none')}</option>
            {injects.map((inject) => (
              <option key={inject.id} value={inject.id}>{t('form.injectOption', { number: inject.number, subject: inject.subject })}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="obs-objective">{t('form.objective')}</label>
          <select id="obs-objective" value={objectiveId} onChange={(e) => { setObjectiveId(e.target.value); setTaskId(''); }}>
            <option value="">{t('form.none')}</option>
            {objectives.map((o) => <option key={o.id} value={o.id}>{o.title}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="obs-task">{t('form.task')}</label>
          <select id="obs-task" value={taskId} onChange={(e) => chooseTask(e.target.value)}>
            <option value="">{t('form.none')}</option>
            {targets.map(([key, title]) => (
              <optgroup key={key} label={title}>
                {tasks.filter((task) => `${task.objectiveId}/${task.targetId}` === key).map((task) => (
                  <option key={task.taskId} value={task.taskId}>{task.taskTitle}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </fieldset>
      {!enabled && <p className="hint" role="status">{t('form.notYet')}</p>}
      {problem && <p role="alert" className="error">{problem}</p>}
      <button type="submit" className="eval-submit" disabled={!enabled}>{t('form.submit')}</button>
      {showSaved && saved && !problem && <p className={`sent is-${saved}`} role="status" data-testid="observation-saved">{t(`form.saved.${saved}`)}</p>}
    </form>
  );
}
