import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, IMPROVEMENT_STATUSES, type ErrorDetail, type ImprovementItemView, type ImprovementStatus } from '@startex/shared';
import { call } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';

type StatusFilter = ImprovementStatus | 'not-closed' | 'all';
const NOT_CLOSED = new Set<ImprovementStatus>(['open', 'in-progress']);

/** Every corrective action the viewer may see, grouped by responsible agency, overdue ones flagged. */
export function CorrectiveActions() {
  const { t } = useTranslation('actions');
  const id = useId();
  const [items, setItems] = useState<ImprovementItemView[] | undefined>();
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [agency, setAgency] = useState('');
  const [status, setStatus] = useState<StatusFilter>('not-closed');
  const [overdueOnly, setOverdueOnly] = useState(false);

  useEffect(() => {
    void call(API_ROUTES.correctiveActions, { query: {} }).then((r) => (r.ok ? setItems(r.value) : setError(r.error)));
  }, []);

  const agencies = useMemo(() => [...new Set((items ?? []).map((i) => i.responsibleAgency))].sort((a, b) => a.localeCompare(b)), [items]);
  const shown = (items ?? []).filter(
    (i) => (!agency || i.responsibleAgency === agency) && (status === 'all' || (status === 'not-closed' ? NOT_CLOSED.has(i.status) : i.status === status)) && (!overdueOnly || i.overdue),
  );
  const groups = agencies.map((name) => [name, shown.filter((i) => i.responsibleAgency === name)] as const).filter(([, list]) => list.length > 0);

  return (
    <main className="page report actions">
      <header className="bar report-bar">
        <div>
          <h1>{t('title')}</h1>
          <p className="hint">{t('subtitle')}</p>
        </div>
      </header>
      {error && <p className="error" role="alert">{error.code === 'FORBIDDEN' ? t('forbidden') : errorText(error)}</p>}
      {items && (
        <>
          <form className="report-filters" aria-label={t('title')} onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor={`${id}-agency`}>{t('agency')}</label>
              <select id={`${id}-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
                <option value="">{t('allAgencies')}</option>
                {agencies.map((a) => <option key={a} value={a}>{a}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-status`}>{t('status')}</label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
                <option value="not-closed">{t('openOnly')}</option>
                <option value="all">{t('allStatuses')}</option>
                {IMPROVEMENT_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
              </select>
            </div>
            <label className="check">
              <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> {t('overdueOnly')}
            </label>
          </form>
          {groups.length === 0 && <p className="empty">{t('empty')}</p>}
          {groups.map(([name, list]) => (
            <section key={name} className="report-panel" aria-labelledby={`agency-${name}`} data-testid={`agency-${name}`}>
              <h2 id={`agency-${name}`}>
                {name} <span className="hint">{t('count', { open: list.filter((i) => NOT_CLOSED.has(i.status)).length, overdue: list.filter((i) => i.overdue).length })}</span>
              </h2>
              <div className="report-table-wrap">
                <table className="report-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('action')}</th>
                      <th scope="col">{t('exercise')}</th>
                      <th scope="col">{t('element')}</th>
                      <th scope="col">{t('contact')}</th>
                      <th scope="col">{t('due')}</th>
                      <th scope="col">{t('status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((item) => (
                      <tr key={item.id} className={item.overdue ? 'is-overdue' : undefined} data-testid={`action-${item.id}`}>
                        <td>{item.correctiveAction}</td>
                        <td><a href={`/report/${encodeURIComponent(item.exerciseId)}`}>{item.exerciseTitle}</a></td>
                        <td>{t(`report:elements.${item.capabilityElement}`)}</td>
                        <td>{item.pointOfContact}</td>
                        <td>
                          {item.dueDate}
                          {item.overdue && <span className="report-overdue"> ⚠ {t('overdue')}</span>}
                        </td>
                        <td><span className={`report-status status-${item.status}`}>{t(`statuses.${item.status}`)}</span></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </main>
  );
}
