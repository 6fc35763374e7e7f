import { useTranslation } from 'react-i18next';
import type { ExerciseView, LogEntry, ObservationKind, Rating, ReleasedInject } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import { formatExerciseTime } from '../lib/clock.ts';
import type { OutboxItem } from '../lib/outbox.ts';
import { KIND_SYMBOL } from './KindPicker.tsx';
import type { NewObservation } from './ObservationForm.tsx';
import { criticalTasks, type Objectives } from './objectives.ts';

type Recorded = Extract<LogEntry, { type: 'observation.recorded' }>;

interface Row {
  key: string;
  observation: NewObservation;
  /** Undefined once logged. */
  outbox?: OutboxItem;
}

interface Props {
  view: ExerciseView;
  objectives: Objectives;
  injects: ReleasedInject[];
  recorded: Recorded[];
  queued: OutboxItem[];
  onDiscard: (key: string) => void;
}

/** This evaluator's observations: those not yet logged first (pending or refused), then the logged ones, newest first. */
export function MyObservations({ view, objectives, injects, recorded, queued, onDiscard }: Props) {
  const { t } = useTranslation('evaluator');
  const loggedKeys = new Set(recorded.map((o) => o.idempotencyKey));
  const rows: Row[] = [
    ...queued.filter((item) => !loggedKeys.has(item.key)).reverse().map((item) => ({ key: item.key, observation: item.payload as unknown as NewObservation, outbox: item })),
    ...[...recorded].reverse().map((o) => ({ key: o.idempotencyKey, observation: o })),
  ];
  const tasks = criticalTasks(objectives);
  const teamName = (id: string) => view.teams.find((team) => team.id === id)?.name ?? id;
  const injectName = (id: string) => {
    const inject = injects.find((i) => i.id === id);
    return inject ? t('form.injectOption', { number: inject.number, subject: inject.subject }) : id;
  };

  return (
    <section aria-labelledby="mine-heading" className="eval-panel eval-mine-panel">
      <h2 id="mine-heading">{t('mine.heading')} ({rows.length})</h2>
      {rows.length === 0 && <p className="empty">{t('mine.empty')}</p>}
      <ul className="eval-mine" data-testid="my-observations">
        {rows.map(({ key, observation: o, outbox }) => {
          const links = [
            o.teamId && teamName(o.teamId),
            o.injectId && injectName(o.injectId),
            o.objectiveId && objectives.find((x) => x.id === o.objectiveId)?.title,
            o.taskId && tasks.find((x) => x.taskId === o.taskId)?.taskTitle,
          ].filter(Boolean);
          return (
            <li key={key} className={`eval-observation kind-${o.kind} ${outbox ? `is-${outbox.state}` : 'is-logged'}`}>
              <div className="eval-observation-head">
                <span className="eval-time-stamp">{formatExerciseTime(o.observedAtMs)}</span>
                <KindTag kind={o.kind} />
                {o.rating && <RatingTag rating={o.rating} />}
                <SyncState item={outbox} onDiscard={() => onDiscard(key)} />
              </div>
              <p className="eval-observation-text">{o.text}</p>
              {links.length > 0 && <p className="hint">{links.join(' · ')}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function KindTag({ kind }: { kind: ObservationKind }) {
  const { t } = useTranslation('evaluator');
  return <span className={`eval-tag kind-${kind}`}><span aria-hidden="true">{KIND_SYMBOL[kind]} </span>{t(`kind.${kind}`)}</span>;
}

function RatingTag({ rating }: { rating: Rating }) {
  const { t } = useTranslation('evaluator');
  return (
    <span className={`eval-tag rating-${rating}`} title={t(`common:rating.${rating}.name`)}>
      {t('mine.rating')} <span className="eval-rating-letter">{rating}</span><span className="visually-hidden"> — {t(`common:rating.${rating}.name`)}</span>
    </span>
  );
}

function SyncState({ item, onDiscard }: { item: OutboxItem | undefined; onDiscard: () => void }) {
  const { t } = useTranslation('evaluator');
  if (!item) return <span className="eval-sync is-logged"><span aria-hidden="true">✓ </span>{t('mine.logged')}</span>;
  if (item.state === 'pending') return <span className="eval-sync is-pending"><span aria-hidden="true">○ </span>{t('mine.pending')}</span>;
  return (
    <span className="eval-sync is-failed">
      <span role="alert"><span aria-hidden="true">✕ </span>{t('mine.failed', { message: item.error ? errorText(item.error) : '' })}</span>
      <button type="button" className="secondary" aria-label={t('mine.discardLabel')} onClick={onDiscard}>{t('mine.discard')}</button>
    </span>
  );
}
