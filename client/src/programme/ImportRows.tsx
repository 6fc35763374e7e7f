import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeImportResult } from '@startex/shared';
import type { ApiError, ApiResult } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { readFileAs } from '../planning/readFile.ts';

type Problem = ProgrammeImportResult['problems'][number];
type Sheet = { format: 'csv' | 'xlsx'; content: string };
type Checked = { fileName: string; body: Sheet; rows: number; problems: Problem[] };

/**
 * Needs or attendance from CSV or XLSX, as the participant list is imported: the server checks the
 * file first (a dry run) and lists every problem per row; only a clean file is imported, all at once.
 */
export function ImportRows({ heading, importFile, columns, required, onImported }: {
  heading: string;
  /** The import route's call: checked only with `dryRun`. */
  importFile: (sheet: Sheet & { dryRun: boolean }) => Promise<ApiResult<ProgrammeImportResult>>;
  columns: readonly string[];
  required: readonly string[];
  onImported: () => Promise<void>;
}) {
  const { t } = useTranslation('programme');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<Checked | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<number | undefined>();

  /** Problems come back in a 200 (dry run) or a 422 (IMPORT_INVALID); anything else is an error. */
  async function send(body: Checked['body'], dryRun: boolean): Promise<Pick<Checked, 'rows' | 'problems'> | ApiError> {
    const result = await importFile({ ...body, dryRun });
    if (result.ok) return { rows: result.value.rows, problems: result.value.problems };
    return result.error.problems ? { rows: 0, problems: result.error.problems as Problem[] } : result.error;
  }

  async function check(file: File) {
    setImported(undefined);
    setChecked(undefined);
    setError(undefined);
    setBusy(true);
    const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
    const body = { format, content: await readFileAs(file, format === 'xlsx' ? 'base64' : 'text') } as const;
    const outcome = await send(body, true);
    setBusy(false);
    if ('code' in outcome) setError(outcome);
    else setChecked({ fileName: file.name, body, ...outcome });
  }

  async function save() {
    if (!checked) return;
    setBusy(true);
    const outcome = await send(checked.body, false);
    setBusy(false);
    if ('code' in outcome) return setError(outcome);
    if (outcome.problems.length > 0) return setChecked({ ...checked, ...outcome });
    setChecked(undefined);
    setImported(outcome.rows);
    if (input.current) input.current.value = '';
    await onImported();
  }

  return (
    <div className="plan-card plan-import" role="region" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{heading}</h3>
      <p className="hint">{t('import.columns', { all: columns.join(', '), required: required.join(', ') })}</p>
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
      <div aria-live="polite">
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
          <p className="error">{t('import.problems', { count: checked.problems.length, file: checked.fileName })}</p>
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
                  <td>{errorText(problem)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
