import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, type ImportCheck, type ImportPeopleBody, type ImportProblem, type PeopleAdded } from '@startex/shared';
import { api, type ApiError, type ApiResult } from '../lib/api.ts';
import { readFileAs } from './readFile.ts';
import { exercisePath, type PlanContext } from './planContext.ts';
import { errorText } from '../i18n/errorText.ts';

type Problem = Pick<ImportProblem, 'row' | 'column' | 'message'> & { code: string };
type Checked = { fileName: string; body: Omit<ImportPeopleBody, 'dryRun'>; rows: number; problems: Problem[] };

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
  const path = `${exercisePath(context)}/people/import`;

  /** An answer with problems (200 or 422) becomes the problem list; any other refusal, an error. */
  const toCheck = (result: ApiResult<ImportCheck>): Pick<Checked, 'rows' | 'problems'> | ApiError =>
    result.ok
      ? { rows: result.value.rows, problems: result.value.problems }
      : result.error.problems
        ? { rows: 0, problems: result.error.problems as Problem[] }
        : result.error;

  async function check(file: File) {
    setImported(undefined);
    setChecked(undefined);
    setError(undefined);
    setBusy(true);
    const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
    const body = { format, content: await readFileAs(file, format === 'xlsx' ? 'base64' : 'text') } as const;
    const outcome = toCheck(await api<ImportCheck>(path, { method: 'POST', body: { ...body, dryRun: true } }));
    setBusy(false);
    if ('code' in outcome) setError(outcome);
    else setChecked({ fileName: file.name, body, ...outcome });
  }

  async function save() {
    if (!checked) return;
    setBusy(true);
    const result = await api<PeopleAdded>(path, { method: 'POST', body: { ...checked.body, dryRun: false } });
    setBusy(false);
    if (!result.ok) {
      // Someone changed the roster or directory since the check: show the new problems.
      const outcome = toCheck(result as ApiResult<ImportCheck>);
      if ('code' in outcome) setError(outcome);
      else setChecked({ ...checked, ...outcome });
      return;
    }
    setChecked(undefined);
    setImported(result.value.people.length);
    if (input.current) input.current.value = '';
    await onAdded(result.value);
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
