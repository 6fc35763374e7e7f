import { useTranslation } from 'react-i18next';
import type { Problem } from '@startex/scenarios/browser';
import type { Names } from '../document/names.ts';
import { problemPlace, type ProblemPlace } from './problemPlace.ts';

/**
 * Where the analysis of the newest edit is: its rules being checked, play being explored after
 * rules that found no error, or done.
 */
export type AnalysisStage = 'rules' | 'play' | 'done';

export function analysisStage(analysedSeq: number | undefined, explored: boolean, editSeq: number): AnalysisStage {
  if (analysedSeq !== editSeq) return 'rules';
  return explored ? 'done' : 'play';
}

/**
 * What the live analysis found, each problem with its message and a link that opens the view
 * and the row or field at fault, and which stage is still running. `data-analysed` says which
 * edit it is about, `data-stage` how far its analysis is and `data-current` that it is complete
 * (tests and the benchmark wait on them).
 */
export function ProblemList({ problems, analysedSeq, explored, editSeq, failure, names, onOpen }: {
  problems: Problem[] | undefined;
  analysedSeq: number | undefined;
  explored: boolean;
  editSeq: number;
  failure?: string | undefined;
  names: Names;
  onOpen(place: ProblemPlace): void;
}) {
  const { t } = useTranslation('studio');
  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  const stage = analysisStage(analysedSeq, explored, editSeq);
  const where = (place: ProblemPlace) => {
    switch (place.view) {
      case 'msel':
        return t('problems.inRow', { row: names.rows[place.row]?.name ?? `#${place.row + 1}`, column: t(`column.${place.column}`) });
      case 'parts':
        return t('problems.inSection', { section: t(`section.${place.section}`) });
      case 'source':
        return t('problems.inSource');
      default: {
        const exhaustive: never = place;
        return exhaustive;
      }
    }
  };
  return (
    <section className="problems" aria-labelledby="problems-heading" data-analysed={analysedSeq ?? ''} data-stage={stage} data-current={stage === 'done'}>
      <h2 id="problems-heading">
        {t('problems.title')}{' '}
        <span className="problem-counts" aria-live="polite">
          {problems === undefined ? t('problems.checking') : problems.length === 0 ? t('problems.none') : t('problems.counts', { errors, warnings })}
        </span>
      </h2>
      {/* Always in the page, so the list does not jump as the stages pass. */}
      <p className="analysis-stage" role="status">{problems !== undefined && stage !== 'done' ? t(`problems.stage.${stage}`) : ''}</p>
      {failure && <p className="error">{t('problems.failed', { message: failure })}</p>}
      {problems && problems.length > 0 && (
        <ol className="problem-list">
          {problems.map((problem, i) => {
            const place = problemPlace(problem.path);
            return (
              <li key={`${problem.path}-${i}`} className={`problem problem-${problem.severity}`}>
                <span className="severity">{t(`problems.severity.${problem.severity}`)}</span> {problem.message}{' '}
                <button type="button" className="link" onClick={() => onOpen(place)}>{where(place)}</button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
