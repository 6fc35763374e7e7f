import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, IMPROVEMENT_STATUSES, type ErrorDetail, type ImprovementItemView, type NewImprovementItemBody } from '@startex/shared';
import { call, type ApiResult } from '../../lib/api.ts';
import { ItemForm, type PlanChoices } from './ItemForm.tsx';
import { StatusChanger } from './StatusChanger.tsx';
import { errorText } from '../../i18n/errorText.ts';
import { formatDateTime } from '../../i18n/index.ts';

/** The improvement plan of one exercise: rows, their status history, adding and editing. */
export function ImprovementPlan({
  exerciseId,
  canWrite,
  choices,
  prefill,
  onPrefillUsed,
}: {
  exerciseId: string;
  canWrite: boolean;
  choices: PlanChoices;
  prefill: Partial<NewImprovementItemBody> | undefined;
  onPrefillUsed: () => void;
}) {
  const { t } = useTranslation('report');
  const [items, setItems] = useState<ImprovementItemView[]>([]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [error, setError] = useState<ErrorDetail | undefined>();
  const load = useCallback(async () => {
    const result = await call(API_ROUTES.improvementPlan, { params: { id: exerciseId } });
    if (result.ok) setItems(result.value);
    else setError(result.error);
  }, [exerciseId]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (prefill) {
      setAdding(true);
      document.getElementById('plan-title')?.scrollIntoView({ block: 'start' });
    }
  }, [prefill]);

  /** A write to the plan; the rows are loaded again after it. */
  const submit = async (request: Promise<ApiResult<ImprovementItemView>>): Promise<ErrorDetail | undefined> => {
    const result = await request;
    if (!result.ok) return result.error;
    await load();
    return undefined;
  };

  return (
    <section className="report-panel report-plan" aria-labelledby="plan-title">
      <div className="report-version-head">
        <h2 id="plan-title">{t('plan.title')}</h2>
        {canWrite && !adding && <button type="button" onClick={() => setAdding(true)}>{t('plan.add')}</button>}
      </div>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
      {adding && (
        <ItemForm
          choices={choices}
          initial={prefill}
          onCancel={() => {
            setAdding(false);
            onPrefillUsed();
          }}
          onSubmit={async (body) => {
            const problem = await submit(call(API_ROUTES.addImprovementItem, { params: { id: exerciseId }, body }));
            if (!problem) {
              setAdding(false);
              onPrefillUsed();
            }
            return problem;
          }}
        />
      )}
      {items.length === 0 && <p className="empty">{t('plan.empty')}</p>}
      {items.length > 0 && (
        <div className="report-table-wrap">
          <table className="report-table" data-testid="improvement-plan">
            <thead>
              <tr>
                {(['capability', 'issue', 'recommendation', 'correctiveAction', 'capabilityElement', 'responsibleAgency', 'pointOfContact', 'startDate', 'dueDate', 'status'] as const).map((key) => (
                  <th key={key} scope="col">{t(`plan.${key}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <PlanRow
                  key={item.id}
                  item={item}
                  canWrite={canWrite}
                  editing={editing === item.id}
                  choices={choices}
                  onEdit={() => setEditing(item.id)}
                  onCancel={() => setEditing(undefined)}
                  onSave={async (body) => {
                    const problem = await submit(call(API_ROUTES.updateImprovementItem, { params: { id: exerciseId, itemId: item.id }, body }));
                    if (!problem) setEditing(undefined);
                    return problem;
                  }}
                  onStatus={(status, comment) => submit(call(API_ROUTES.changeImprovementStatus, { params: { id: exerciseId, itemId: item.id }, body: { status, comment } }))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PlanRow({
  item,
  canWrite,
  editing,
  choices,
  onEdit,
  onCancel,
  onSave,
  onStatus,
}: {
  item: ImprovementItemView;
  canWrite: boolean;
  editing: boolean;
  choices: PlanChoices;
  onEdit: () => void;
  onCancel: () => void;
  onSave: (body: NewImprovementItemBody) => Promise<ErrorDetail | undefined>;
  onStatus: (status: (typeof IMPROVEMENT_STATUSES)[number], comment: string) => Promise<ErrorDetail | undefined>;
}) {
  const { t } = useTranslation('report');
  const status = (s: string | null) => (s ? t(`statuses.${s}`) : t('plan.created'));
  return (
    <>
      <tr data-testid={`plan-row-${item.id}`} className={item.overdue ? 'is-overdue' : undefined}>
        <td>{item.capability}</td>
        <td>{item.issue}</td>
        <td>{item.recommendation}</td>
        <td>{item.correctiveAction}</td>
        <td>{t(`elements.${item.capabilityElement}`)}</td>
        <td>{item.responsibleAgency}</td>
        <td>{item.pointOfContact}</td>
        <td>{item.startDate}</td>
        <td>
          {item.dueDate}
          {item.overdue && <span className="report-overdue"> ⚠ {t('plan.overdue')}</span>}
        </td>
        <td><span className={`report-status status-${item.status}`}>{t(`statuses.${item.status}`)}</span></td>
      </tr>
      <tr className="report-row-details">
        <td colSpan={10}>
          <details>
            <summary>{t('plan.history', { count: item.history.length })}</summary>
            <ol className="report-history">
              {item.history.map((change) => (
                <li key={`${change.at}-${change.to}`}>
                  {t('plan.historyLine', { when: formatDateTime(change.at), by: change.by, from: status(change.from), to: status(change.to) })}
                  {change.comment && <q>{change.comment}</q>}
                </li>
              ))}
            </ol>
          </details>
          {canWrite && !editing && (
            <div className="report-row-tools">
              <button type="button" className="secondary small" onClick={onEdit} aria-label={`${t('plan.edit')}: ${item.correctiveAction}`}>{t('plan.edit')}</button>
              <StatusChanger current={item.status} label={item.correctiveAction} onApply={onStatus} />
            </div>
          )}
          {editing && <ItemForm choices={choices} initial={item} onCancel={onCancel} onSubmit={onSave} />}
        </td>
      </tr>
    </>
  );
}
