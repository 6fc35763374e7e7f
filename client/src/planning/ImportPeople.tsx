import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type ImportPeopleBody, type ImportProblem, type PeopleAdded, type RouteResponse } from '@startex/shared';
import { call, type ApiError, type ApiResult } from '../lib/api.ts';
import { readFileAs } from './readFile.ts';
import type { PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

type Problem = Pick<ImportProblem, 'row' | 'column' | 'message'> & { code: string };
type Checked = { fileName: string; body: Omit<ImportPeopleBody, 'dryRun'>; rows: number; problems: Problem[] };
/** What the server made of a list: its problems (a dry run's answer, or a save refused with 422), the people it saved, or another refusal. */
type Outcome = { kind: 'checked'; rows: number; problems: Problem[] } | { kind: 'added'; added: PeopleAdded } | { kind: 'refused'; error: ApiError };

const outcomeOf = (result: ApiResult<RouteResponse<typeof API_ROUTES.importPeople>>): Outcome => {
  if (result.ok) return 'people' in result.value ? { kind: 'added', added: result.value } : { kind: 'checked', rows: result.value.rows, problems: result.value.problems };
  return result.error.problems ? { kind: 'checked', rows: 0, problems: result.error.problems as Problem[] } : { kind: 'refused', error: result.error };
};

/**
 * A participant list from CSV or XLSX: checked by the server first (a dry run), every problem shown
 * per row; only a list without any problem can be imported, all rows at once.
 */
export function ImportPeople({ context, onAdded }: { context: PlanContext; onAdded: (result: PeopleAdded) => Promise<void> }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<Checked | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<number | undefined>();
  const send = async (body: ImportPeopleBody) => outcomeOf(await call(API_ROUTES.importPeople, { params: { id: context.exerciseId }, body }));

  /** Shows an outcome: the problems of the file, or the people saved, or why the server refused. */
  async function show(outcome: Outcome, file: Pick<Checked, 'fileName' | 'body'>) {
    switch (outcome.kind) {
      case 'refused':
        setError(outcome.error);
        return;
      case 'checked':
        setChecked({ ...file, rows: outcome.rows, problems: outcome.problems });
        return;
      case 'added':
        setChecked(undefined);
        setImported(outcome.added.people.length);
        if (input.current) input.current.value = '';
        await onAdded(outcome.added);
        return;
      default: {
        const exhaustive: never = outcome;
        return exhaustive;
      }
    }
  }

  async function check(file: File) {
    setImported(undefined);
    setChecked(undefined);
    setError(undefined);
    setBusy(true);
    const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
    const body = { format, content: await readFileAs(file, format === 'xlsx' ? 'base64' : 'text') } as const;
    const outcome = await send({ ...body, dryRun: true });
    setBusy(false);
    await show(outcome, { fileName: file.name, body });
  }

  async function save() {
    if (!checked) return;
    setBusy(true);
    // Someone may have changed the roster or directory since the check: then the new problems show.
    const outcome = await send({ ...checked.body, dryRun: false });
    setBusy(false);
    await show(outcome, checked);
  }

  const rowsWithProblems = new Set(checked?.problems.map((p) => p.row)).size;
  return (
    <div className="plan-card plan-import" role="region" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('import.heading')}</h3>
      <p className="hint">
        {t('import.columns', { required: REQUIRED_IMPORT_COLUMNS.join(', '), all: IMPORT_COLUMNS.join(', ') })}
      </p>
      <label htmlFor={`${id}-file`}>{t('import.file')}</label>
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void check(file);
        }}
      />
      <div aria-live="polite" className="plan-import-result">
        {busy && <p>{t('import.checking')}</p>}
        {imported !== undefined && <p className="plan-ok">✓ {t('import.done', { count: imported })}</p>}
        {checked && checked.problems.length === 0 && (
          <div className="plan-actions">
            <p className="plan-ok">✓ {t('import.ready', { count: checked.rows, file: checked.fileName })}</p>
            <button type="button" disabled={busy} onClick={() => void save()}>{t('import.save', { count: checked.rows })}</button>
          </div>
        )}
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      {checked && checked.problems.length > 0 && (
        <div role="alert" className="plan-problems">
          <p className="error">{t('import.problems', { count: checked.problems.length, rows: rowsWithProblems, file: checked.fileName })}</p>
          <table className="plan-table" data-testid="import-problems">
            <thead>
              <tr>
                <th scope="col">{t('import.row')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {checked.problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.row}</td>
                  <td>{problem.column ?? '—'}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
