import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '@startex/scenarios/engine';
import type { ExerciseReview, ExerciseRole, ObservationKind, ObservationReview, Rated, RatingSubject } from '@startex/shared';
import { api } from '../lib/api.ts';
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

/** The evaluation guide: objective (capability) -> capability target -> critical task, every observation traced to its log entry. */
export function EvaluationPanel({ exerciseId, review, role, onChanged }: Props) {
  const { t } = useTranslation('review');
  const submit = useSubmit(exerciseId, onChanged);
  const teamName = (id: string) => review.teams.find((x) => x.teamId === id)?.name ?? id;
  const { coverage } = review.evaluation;

  const ratings = (subject: RatingSubject, rated: Rated) => (
    <div className="review-ratings" data-testid={`ratings-${subject.kind}-${subject.id}`}>
      <p>
        <strong>{t('evaluation.final')}:</strong>{' '}
        <span className={`final final-${rated.final.status}`} data-testid={`final-${subject.kind}-${subject.id}`}>
          {rated.final.rating ? `${rated.final.rating} — ${t(`common:rating.${rated.final.rating}.name`)}` : ''} ({t(`evaluation.finalStatus.${rated.final.status}`)})
        </span>
      </p>
      {rated.final.reconciliation && (
        <p className="review-note">
          {t('evaluation.reconciledBy', { name: rated.final.reconciliation.byName ?? rated.final.reconciliation.by, reason: rated.final.reconciliation.reason, seqs: rated.final.reconciliation.consideredSeqs.map((s) => `#${s}`).join(', ') })}{' '}
          <span className="review-seq">{t('seq', { seq: rated.final.reconciliation.seq })}</span>
        </p>
      )}
      {(rated.ratings.length > 0 || rated.superseded.length > 0) && (
        <ul className="review-list">
          {[...rated.ratings, ...rated.superseded].map((r) => (
            <li key={r.seq} className={rated.superseded.includes(r) ? 'superseded' : ''}>
              <strong>{r.rating}</strong> {r.evaluatorName ?? r.evaluatorId}: {r.reason} <span className="review-seq">{t('seq', { seq: r.seq })}</span>
              {rated.superseded.includes(r) && <em> ({t('evaluation.superseded')})</em>}
            </li>
          ))}
        </ul>
      )}
      {role && allows(role, 'evaluate') && <RatingForm subject={subject} submit={submit} />}
      {role && allows(role, 'review.reconcile') && <ReconcileForm subject={subject} rated={rated} submit={submit} />}
    </div>
  );

  const observations = (list: ObservationReview[]) =>
    list.length === 0 ? (
      <p className="empty">{t('evaluation.noObservations')}</p>
    ) : (
      <ul className="review-list">
        {list.map((o) => (
          <li key={o.seq} data-testid={`observation-${o.seq}`}>
            <span className={`kind kind-${o.kind}`}>{t(`evaluation.kinds.${o.kind}`)}</span>
            {o.rating && <strong> {o.rating}</strong>} {clock(o.observedAtMs)} {o.teamId && `· ${teamName(o.teamId)} `}— {o.text}{' '}
            <span className="review-seq">{o.evaluatorName ?? o.evaluatorId}, {t('seq', { seq: o.seq })}{o.postExercise ? `, ${t('evaluation.post')}` : ''}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <p data-testid="coverage">{t('evaluation.coverage', coverage)}</p>
      {review.evaluation.capabilities.map((capability) => {
        const rollup = review.rollups.find((r) => r.capabilityId === capability.id);
        return (
          <section key={capability.id} className="review-card eeg-capability" data-testid={`capability-${capability.id}`}>
            <h2>{t('evaluation.capability')}: {capability.title}</h2>
            {ratings({ kind: 'capability', id: capability.id }, capability)}
            {capability.observations.length > 0 && (<><h3>{t('evaluation.observationsHere')}</h3>{observations(capability.observations)}</>)}
            {capability.targets.map((target) => (
              <section key={target.id} className="eeg-target" data-testid={`target-${target.id}`}>
                <h3>{t('evaluation.target')}: {target.title}</h3>
                {ratings({ kind: 'target', id: target.id }, target)}
                {target.tasks.map((task) => (
                  <div key={task.id} className="eeg-task">
                    <h4>{t('evaluation.task')}: {task.title}</h4>
                    <p className="review-note">{t('evaluation.evidence', { injects: task.evidence.injectSeqs.map((s) => `#${s}`).join(', ') || '—', actions: task.evidence.actionSeqs.slice(0, 20).map((s) => `#${s}`).join(', ') + (task.evidence.actionSeqs.length > 20 ? ` … (${task.evidence.actionSeqs.length})` : '') || '—' })}</p>
                    {observations(task.observations)}
                  </div>
                ))}
              </section>
            ))}
            {rollup && (
              <details className="eeg-rollup">
                <summary>{t('evaluation.rollups')}</summary>
                <table className="review-table">
                  <thead><tr><th scope="col">{t('evaluation.team')}</th><th scope="col">{t('evaluation.players')}</th><th scope="col">{t('evaluation.observationsHere')}</th></tr></thead>
                  <tbody>
                    {rollup.teams.map((team) => (
                      <tr key={team.teamId}>
                        <th scope="row">{teamName(team.teamId)}</th>
                        <td>{team.players.map((p) => `${p.playerId === 'tablet' ? t('evaluation.tablet') : p.playerId}: ${p.actions} (${p.actionSeqs.slice(0, 10).map((s) => `#${s}`).join(', ')})`).join('; ') || '—'}</td>
                        <td>
                          {t('evaluation.observationCounts', { strength: team.observations.strength, afi: team.observations['area-for-improvement'], note: team.observations.note })}
                          {team.observationSeqs.length > 0 && <span className="review-seq"> {team.observationSeqs.map((s) => `#${s}`).join(', ')}</span>}
                        </td>
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
      void api<{ seq: number }>(`/api/exercises/${encodeURIComponent(exerciseId)}/review/observations`, { method: 'POST', body }).then(async (r) => {
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
