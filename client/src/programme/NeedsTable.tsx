import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedView } from '@startex/shared';
import { subjectOf, type Names } from './names.ts';

/**
 * Needs as a table: subject, target group, required and current level (with where the current
 * level comes from: an exercise's rating links to that rating), gap, priority and status.
 */
export function NeedsTable({ needs, names, showAgency, actions }: { needs: readonly NeedView[]; names: Names; showAgency: boolean; actions?: (need: NeedView) => ReactNode }) {
  const { t } = useTranslation('programme');
  if (needs.length === 0) return <p>{t('none')}</p>;
  return (
    <table className="plan-table programme-needs">
      <thead>
        <tr>
          {showAgency && <th scope="col">{t('field.agency')}</th>}
          <th scope="col">{t('field.capability')}</th>
          <th scope="col">{t('field.targetGroup')}</th>
          <th scope="col">{t('field.requiredLevel')}</th>
          <th scope="col">{t('field.currentLevel')}</th>
          <th scope="col">{t('field.gap')}</th>
          <th scope="col">{t('field.priority')}</th>
          <th scope="col">{t('field.status')}</th>
          {actions && <td />}
        </tr>
      </thead>
      <tbody>
        {needs.map((need) => (
          <tr key={need.id} data-testid={`need-${need.id}`}>
            {showAgency && <td>{names.agency(need.agencyId)}</td>}
            <th scope="row">{subjectOf(names, need)}</th>
            <td>{need.targetGroup} ({need.headcount})</td>
            <td>{need.requiredLevel}</td>
            <td data-testid="current-level">
              {need.currentLevel ?? t('field.unknownLevel')}
              {need.level && (
                <span className="programme-evidence">
                  {need.level.ratingId ? (
                    <a href={`/programme/ratings/${encodeURIComponent(need.level.ratingId)}`}>{t('needs.ratedIn', { rating: need.level.rating, exercise: need.level.exerciseTitle })}</a>
                  ) : (
                    t('needs.levelFrom', { source: t(`needs.source.${need.level.source}`) })
                  )}
                </span>
              )}
            </td>
            <td>{need.gap ?? '—'}</td>
            <td className={need.priority === 'high' ? 'bad' : undefined}>{t(`priority.${need.priority}`)}</td>
            <td>
              {t(`needStatus.${need.status}`)}
              {need.fromAction && <span className="programme-evidence">{t('needs.fromAction')}</span>}
            </td>
            {actions && <td className="plan-row-actions">{actions(need)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
