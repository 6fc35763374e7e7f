import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Info } from 'lucide-react';
import { allows } from '@startex/scenarios/engine';
import { API_ROUTES, type ExerciseReview, type ExerciseRole, type ObservationKind, type ObservationReview, type Rated, type RatingSubject } from '@startex/shared';
import { LongText } from '../lib/LongText.tsx';
import { RatingChip } from './RatingChip.tsx';
import { call } from '../lib/api.ts';
import { newKey } from '../tablet/newKey.ts';
import { clock } from './format.ts';
import { RatingForm, ReconcileForm, useSubmit } from './RatingForms.tsx';
import { errorText } from '../i18n/errorText.ts';

interface Props {
  exerciseId: string;
  review: ExerciseReview;
  role: ExerciseRole | undefined;
  onChanged: () => Promise<void>;
}

/** The final rating's status in words: one evaluator's rating is shown as such, never as "agreed". */
function finalStatus(rated: Rated): string {
  return rated.final.status === 'agreed' && rated.ratings.length === 1 ? 'single' : rated.final.status;
}

/**
 * The exercise evaluation guide as a table per capability (objective): its capability targets with
 * their critical tasks, the evaluators' ratings as chips and the final rating, how a final rating
 * comes about, and every observation traced to its log entry.
 */
export function EvaluationPanel({ exerciseId, review, role, onChanged }: Props) {
  const { t } = useTranslation('review');
  const submit = useSubmit(exerciseId, onChanged);
  const teamName = (id: string) => review.teams.find((x) => x.teamId === id)?.name ?? id;
  const { coverage } = review.evaluation;

  const final = (subject: RatingSubject, rated: Rated, testId = true) => (
    <span className={`final final-${finalStatus(rated)}`} data-testid={testId ? `final-${subject.kind}-${subject.id}` : undefined}>
      {rated.final.rating ? `${rated.final.rating} — ${t(`common:rating.${rated.final.rating}.name`)} ` : ''}({t(`evaluation.finalStatus.${finalStatus(rated)}`)})
    </span>
  );

  const ratings = (subject: RatingSubject, rated: Rated) => (
    <div className="review-ratings" data-testid={`ratings-${subject.kind}-${subject.id}`}>
      {rated.ratings.length + rated.superseded.length === 0 && <p className="empty">{t('evaluation.noRatings')}</p>}
      <ul className="rating-list">
        {[...rated.ratings, ...rated.superseded].map((r) => (
          <li key={r.seq} className={rated.superseded.includes(r) ? 'superseded' : ''}>
            <RatingChip rating={r.rating} /> <strong>{r.evaluatorName ?? t('evaluation.anEvaluator')}</strong>
            {rated.superseded.includes(r) && <em> ({t('evaluation.superseded')})</em>}
            <LongText text={r.reason} />
          </li>
        ))}
      </ul>
      {rated.final.reconciliation && (
        <p className="review-note">
          {t('evaluation.reconciledBy', { name: rated.final.reconciliation.byName ?? t('evaluation.theDirector'), reason: rated.final.reconciliation.reason })}
        </p>
      )}
      {role && allows(role, 'evaluate') && <RatingForm subject={subject} submit={submit} />}
      {role && allows(role, 'review.reconcile') && <ReconcileForm subject={subject} rated={rated} open={finalStatus(rated) === 'conflict' || finalStatus(rated) === 'single'} submit={submit} />}
    </div>
  );

  const observations = (list: ObservationReview[]) =>
    list.length === 0 ? null : (
      <ul className="observation-list">
        {list.map((o) => (
          <li key={o.seq} data-testid={`observation-${o.seq}`}>
            <span className={`kind kind-${o.kind}`}>{t(`evaluation.kinds.${o.kind}`)}</span>
            {o.rating && <RatingChip rating={o.rating} />} <span className="review-seq">{clock(o.observedAtMs)}{o.teamId && ` · ${teamName(o.teamId)}`}</span>
            <LongText text={o.text} />
            <span className="review-seq">{o.evaluatorName ?? t('evaluation.anEvaluator')}{o.postExercise ? `, ${t('evaluation.post')}` : ''}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <section className="review-card how-final" aria-labelledby="how-final-heading">
        <h2 id="how-final-heading"><Info aria-hidden="true" size={18} /> {t('evaluation.howFinalHeading')}</h2>
        <ol>
          <li>{t('evaluation.howFinal.rate')}</li>
          <li>{t('evaluation.howFinal.agree')}</li>
          <li>{t('evaluation.howFinal.single')}</li>
          <li>{t('evaluation.howFinal.director')}</li>
        </ol>
      </section>
      <p data-testid="coverage">{t('evaluation.coverage', coverage)}</p>
      {review.evaluation.capabilities.map((capability) => {
        const rollup = review.rollups.find((r) => r.capabilityId === capability.id);
        const allObservations = [...capability.observations, ...capability.targets.flatMap((x) => x.tasks.flatMap((task) => task.observations))];
        return (
          <section key={capability.id} className="review-card eeg-capability" data-testid={`capability-${capability.id}`} aria-labelledby={`capability-${capability.id}-title`}>
            <div className="eeg-head">
              <h2 id={`capability-${capability.id}-title`}><span className="eeg-kind">{t('evaluation.capability')}</span> {capability.title}</h2>
              {final({ kind: 'capability', id: capability.id }, capability, false)}
            </div>
            <div className="review-scroll">
              <table className="review-table eeg-table">
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.target')}</th>
                    <th scope="col">{t('evaluation.ratings')}</th>
                    <th scope="col">{t('evaluation.final')}</th>
                  </tr>
                </thead>
                <tbody>
                  {capability.targets.map((target) => (
                    <tr key={target.id} data-testid={`target-${target.id}`}>
                      <th scope="row">
                        {target.title}
                        <ul className="eeg-tasks" aria-label={t('evaluation.tasks')}>
                          {target.tasks.map((task) => (
                            <li key={task.id} className={task.observations.length ? 'observed' : ''}>
                              <span aria-hidden="true">{task.observations.length ? '✓' : '○'}</span> {task.title}
                              <span className="review-seq"> · {t('evaluation.observationCount', { count: task.observations.length })}</span>
                            </li>
                          ))}
                        </ul>
                      </th>
                      <td>{ratings({ kind: 'target', id: target.id }, target)}</td>
                      <td>{final({ kind: 'target', id: target.id }, target)}</td>
                    </tr>
                  ))}
                  <tr className="eeg-capability-row">
                    <th scope="row">{t('evaluation.wholeCapability')}</th>
                    <td>{ratings({ kind: 'capability', id: capability.id }, capability)}</td>
                    <td>{final({ kind: 'capability', id: capability.id }, capability)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            {allObservations.length > 0 && (
              <>
                <h3>{t('evaluation.observationsHere')} ({allObservations.length})</h3>
                {observations(allObservations)}
              </>
            )}
            {rollup && (
              <details className="eeg-rollup">
                <summary>{t('evaluation.rollups')}</summary>
                <table className="review-table">
                  <thead><tr><th scope="col">{t('evaluation.team')}</th><th scope="col">{t('evaluation.players')}</th><th scope="col">{t('evaluation.observationsHere')}</th></tr></thead>
                  <tbody>
                    {rollup.teams.map((team) => (
                      <tr key={team.teamId}>
                        <th scope="row">{teamName(team.teamId)}</th>
                        <td>{team.players.map((p) => `${p.playerId === 'tablet' ? t('evaluation.tablet') : t('evaluation.aPlayer')}: ${p.actions}`).join('; ') || '—'}</td>
                        <td>{t('evaluation.observationCounts', { strength: team.observations.strength, afi: team.observations['area-for-improvement'], note: team.observations.note })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </section>
        );
      })}
      {review.evaluation.unlinked.length > 0 && (<><h2>{t('evaluation.unlinked')}</h2>{observations(review.evaluation.unlinked)}</>)}
      {role && allows(role, 'evaluate') && <PostObservationForm exerciseId={exerciseId} review={review} onChanged={onChanged} />}
    </>
  );
}

/** An observation written after play (e.g. from the debrief), linked like those from play. */
function PostObservationForm({ exerciseId, review, onChanged }: { exerciseId: string; review: ExerciseReview; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('review');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ObservationKind>('note');
  const [teamId, setTeamId] = useState('');
  const [objectiveId, setObjectiveId] = useState('');
  const [taskId, setTaskId] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const tasks = review.evaluation.capabilities.filter((c) => !objectiveId || c.id === objectiveId).flatMap((c) => c.targets.flatMap((x) => x.tasks));
  return (
    <form className="review-card post-observation" data-testid="post-observation-form" onSubmit={(e) => {
      e.preventDefault();
      const body = {
        observedAtMs: review.endedAtMs ?? 0,
        kind,
        text,
        ...(teamId ? { teamId } : {}),
        ...(objectiveId ? { objectiveId } : {}),
        ...(taskId ? { taskId } : {}),
        idempotencyKey: newKey(),
      };
      void call(API_ROUTES.recordObservation, { params: { id: exerciseId }, body }).then(async (r) => {
        if (!r.ok) return setMessage(errorText(r.error));
        setText('');
        await onChanged();
        setMessage(t('evaluation.saved', { seq: r.value.seq }));
      });
    }}>
      <h2>{t('evaluation.addObservation')}</h2>
      <label htmlFor="post-text">{t('evaluation.text')}</label>
      <textarea id="post-text" data-testid="post-observation-text" value={text} required maxLength={5000} onChange={(e) => setText(e.target.value)} />
      <div className="review-fields">
        <div>
          <label htmlFor="post-kind">{t('evaluation.kind')}</label>
          <select id="post-kind" value={kind} onChange={(e) => setKind(e.target.value as ObservationKind)}>
            {(['strength', 'area-for-improvement', 'note'] as const).map((k) => <option key={k} value={k}>{t(`evaluation.kinds.${k}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="post-team">{t('evaluation.team')}</label>
          <select id="post-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('evaluation.none')}</option>
            {review.teams.map((team) => <option key={team.teamId} value={team.teamId}>{team.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="post-objective">{t('evaluation.objective')}</label>
          <select id="post-objective" value={objectiveId} onChange={(e) => { setObjectiveId(e.target.value); setTaskId(''); }}>
            <option value="">{t('evaluation.none')}</option>
            {review.evaluation.capabilities.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="post-task">{t('evaluation.taskField')}</label>
          <select id="post-task" value={taskId} onChange={(e) => setTaskId(e.target.value)}>
            <option value="">{t('evaluation.none')}</option>
            {tasks.map((task) => <option key={task.id} value={task.id}>{task.title}</option>)}
          </select>
        </div>
      </div>
      <button type="submit" data-testid="post-observation-submit" disabled={!text.trim()}>{t('evaluation.submitObservation')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
