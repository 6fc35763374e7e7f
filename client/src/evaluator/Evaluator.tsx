import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '@startex/scenarios/engine';
import type { LogEntry } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import { useExerciseClock } from '../lib/clock.ts';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { HaltBanner } from '../lib/HaltBanner.tsx';
import { useOutbox, type OutboxItem } from '../lib/outbox.ts';
import { useExercise } from '../lib/useExercise.ts';
import { useViewCache } from '../lib/useViewCache.ts';
import { useExerciseTimeMs } from './exerciseTime.ts';
import { MyObservations } from './MyObservations.tsx';
import { ObservationForm, type NewObservation, type Prefill, type SavedState } from './ObservationForm.tsx';
import { PlayFeed } from './PlayFeed.tsx';
import { evaluatorKeys } from './useRememberedEvaluator.ts';

type Recorded = Extract<LogEntry, { type: 'observation.recorded' }>;
type Released = Extract<LogEntry, { type: 'inject.released' }>;

/** The server refuses observations before StartEx and once the exercise is closed. */
const RECORDING = new Set(['live', 'paused', 'halted', 'ended']);

/** The evaluator tablet: the clock, play as it happens, the observation form and this evaluator's observations. */
export function Evaluator({ exerciseId, userId }: { exerciseId: string; userId: string }) {
  const { t } = useTranslation('evaluator');
  const exercise = useExercise({ exerciseId });
  const { view, entries, fromCache } = useViewCache(evaluatorKeys.cache(exerciseId, userId), exercise);
  const clock = useExerciseClock(view);
  const nowMs = useExerciseTimeMs(view);
  const online = exercise.connection === 'online';
  const outbox = useOutbox(evaluatorKeys.outbox(exerciseId, userId), exercise.socket, online);
  const [prefill, setPrefill] = useState<Prefill | undefined>();
  const [lastKey, setLastKey] = useState<string | undefined>();

  const injects = entries.filter((e): e is Released => e.type === 'inject.released').map((e) => e.inject);
  const recorded = entries.filter((e): e is Recorded => e.type === 'observation.recorded' && e.actor.kind === 'evaluator' && e.actor.id === userId);
  const queued = outbox.items.filter((item) => item.event === 'observation.record');
  const objectives = view?.evaluation?.objectives ?? [];
  const isEvaluator = view !== undefined && allows(view.viewer.role, 'evaluate');
  const lastSaved = savedState(lastKey, queued, recorded);

  function record(observation: NewObservation) {
    const idempotencyKey = crypto.randomUUID();
    setLastKey(idempotencyKey);
    outbox.submit('observation.record', { ...observation, idempotencyKey }, idempotencyKey);
  }

  function discard(key: string) {
    if (key === lastKey) setLastKey(undefined);
    outbox.discard(key);
  }

  return (
    <main className="page evaluator" id="main">
      <HaltBanner view={view} />
      <header className="bar">
        <div>
          <h1>{view?.title ?? t('title')}</h1>
          <p className="subtitle">
            {t('title')}
            {fromCache && !exercise.view && <span className="notice-inline" data-testid="from-cache"> · {t('fromCache')}</span>}
          </p>
        </div>
        <div className="bar-actions">
          <ConnectionBadge state={exercise.connection} />
        </div>
      </header>
      {exercise.refusal && <p role="alert" className="error">{errorText(exercise.refusal)} ({exercise.refusal.code})</p>}
      <section className="clock eval-clock" aria-label={t('subtitle.exercise')}>
        <div><span className="label">{t('subtitle.status')}</span><strong data-testid="status">{view ? t(`status.${view.status}`, { ns: 'common' }) : '…'}</strong></div>
        <div><span className="label">{t('subtitle.exercise')}</span><strong>{clock.exercise}</strong></div>
        <div><span className="label">{t('subtitle.scenario')}</span><strong>{clock.scenario}</strong></div>
      </section>
      {view && !isEvaluator && <p role="status" className="error">{t('notEvaluator', { role: t(`role.${view.viewer.role}`) })}</p>}
      {view && (
        <div className="eval-layout">
          {isEvaluator && (
            <ObservationForm
              view={view}
              nowMs={nowMs}
              injects={injects}
              objectives={objectives}
              prefill={prefill}
              enabled={RECORDING.has(view.status)}
              saved={lastSaved}
              onRecord={record}
            />
          )}
          <PlayFeed view={view} entries={entries} {...(isEvaluator ? { onObserve: (p: Omit<Prefill, 'nonce'>) => setPrefill({ ...p, nonce: Date.now() }) } : {})} />
          {isEvaluator && (
            <MyObservations view={view} objectives={objectives} injects={injects} recorded={recorded} queued={queued} onDiscard={discard} />
          )}
        </div>
      )}
    </main>
  );
}

/** Logged once the log holds its key or the outbox let go of it (the server acknowledged the commit). */
function savedState(key: string | undefined, queued: OutboxItem[], recorded: Recorded[]): SavedState | undefined {
  if (key === undefined) return undefined;
  const item = queued.find((i) => i.key === key);
  if (!item || recorded.some((o) => o.idempotencyKey === key)) return 'logged';
  return item.state;
}
