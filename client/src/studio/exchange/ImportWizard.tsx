import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/index.ts';
import { MSEL_FIELDS, type MselField, type MselFile, type MselInspection, type MselMapping, type MselPreview, type MselProblem, type MselTime } from '@startex/shared';
import { errorText } from '../../i18n/errorText.ts';
import type { ApiError } from '../../lib/api.ts';
import { readFileAs } from '../../planning/readFile.ts';
import { idFromWords } from '../document/studioDocument.ts';
import { studioApi } from '../studioApi.ts';

type Step = { kind: 'file' } | { kind: 'mapping'; file: MselFile; inspection: MselInspection; mapping: MselMapping } | { kind: 'preview'; file: MselFile; inspection: MselInspection; mapping: MselMapping; preview: MselPreview };

const TIME_KINDS: MselTime['kind'][] = ['elapsed', 'story', 'dtg', 'sequence'];

function ProblemLines({ problems }: { problems: MselProblem[] }) {
  const { t } = useTranslation('studio');
  if (problems.length === 0) return null;
  return (
    <ul className="row-problems">
      {problems.map((p, i) => (
        <li key={i} className={`problem-${p.severity}`}>
          <span className="severity">{t(`import.severity.${p.severity}`)}</span> {p.field ? `${t(`mselField.${p.field}`)}: ` : ''}
          {errorText(p)}
        </li>
      ))}
    </ul>
  );
}

/**
 * An MSEL from a spreadsheet, in three steps: the file (XLSX or CSV), which sheet and header row and
 * which column fills which field (proposed from the headers), then every row as it would land with
 * its problems; nothing is saved until the author imports it as a new scenario's draft.
 */
export function ImportWizard({ onImported }: { onImported(scenarioId: string): void }) {
  const { t } = useTranslation('studio');
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<'en' | 'lt'>('en');
  const [skip, setSkip] = useState(false);
  const [remember, setRemember] = useState<'none' | 'user' | 'centre'>('user');

  const run = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, then: (value: T) => void) => {
    setBusy(true);
    setError(undefined);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    then(result.value);
  };

  const choose = async (chosen: File) => {
    const xlsx = /\.xlsx$/i.test(chosen.name);
    const file: MselFile = { name: chosen.name, format: xlsx ? 'xlsx' : 'csv', content: await readFileAs(chosen, xlsx ? 'base64' : 'text') };
    setTitle(chosen.name.replace(/\.(xlsx|csv)$/i, ''));
    await run(() => studioApi.inspect({ file }), (inspection) => setStep({ kind: 'mapping', file, inspection, mapping: inspection.proposal }));
  };

  const problemsOf = (preview: MselPreview, sheet: string, row: number) => preview.rows.find((r) => r.sheet === sheet && r.row === row)?.problems ?? [];
  return (
    <section className="import-wizard" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.title')}</h2>
      <ol className="steps">
        {(['file', 'mapping', 'preview'] as const).map((s) => (
          <li key={s} aria-current={step.kind === s ? 'step' : undefined}>{t(`import.step.${s}`)}</li>
        ))}
      </ol>
      {error && (
        <div role="alert" className="error">
          <p>{errorText(error)}</p>
          {Array.isArray(error.problems) && <ProblemLines problems={error.problems as MselProblem[]} />}
        </div>
      )}

      {step.kind === 'file' && (
        <label className="field">
          {t('import.file')}
          <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={busy} onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
        </label>
      )}

      {step.kind === 'mapping' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => studioApi.preview({ file: step.file, mapping: step.mapping }), (preview) => setStep({ ...step, kind: 'preview', preview }));
          }}
        >
          {step.inspection.remembered && <p className="hint">{t('import.remembered', { who: step.inspection.remembered.savedBy.displayName })}</p>}
          <fieldset>
            <legend>{t('import.sheets')}</legend>
            {step.inspection.sheets.map((sheet) => {
              const chosen = step.mapping.sheets.find((s) => s.name === sheet.name);
              const setSheets = (sheets: MselMapping['sheets']) => setStep({ ...step, mapping: { ...step.mapping, sheets } });
              return (
                <div key={sheet.name} className="inline-fields">
                  <label className="check">
                    <input type="checkbox" checked={chosen !== undefined} onChange={(e) => setSheets(e.target.checked ? [...step.mapping.sheets, { name: sheet.name, headerRow: sheet.headerRow }] : step.mapping.sheets.filter((s) => s.name !== sheet.name))} />
                    {t('import.sheet', { name: sheet.name, rows: sheet.rows })}
                  </label>
                  {chosen && (
                    <label>
                      {t('import.headerRow')}
                      <input type="number" min={1} value={chosen.headerRow} onChange={(e) => setSheets(step.mapping.sheets.map((s) => (s.name === sheet.name ? { ...s, headerRow: Math.max(1, Number(e.target.value) || 1) } : s)))} />
                    </label>
                  )}
                </div>
              );
            })}
          </fieldset>
          <table className="studio-table mapping">
            <caption>{t('import.mapping')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.field')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.samples')}</th>
              </tr>
            </thead>
            <tbody>
              {MSEL_FIELDS.map((field: MselField) => {
                const columns = step.inspection.sheets.filter((s) => step.mapping.sheets.some((c) => c.name === s.name)).flatMap((s) => s.columns);
                const header = step.mapping.columns[field] ?? '';
                const column = columns.find((c) => c.header === header);
                return (
                  <tr key={field}>
                    <th scope="row"><label htmlFor={`map-${field}`}>{t(`mselField.${field}`)}</label></th>
                    <td>
                      <select id={`map-${field}`} value={header} onChange={(e) => setStep({ ...step, mapping: { ...step.mapping, columns: { ...step.mapping.columns, [field]: e.target.value || undefined } } })}>
                        <option value="">{t('import.noColumn')}</option>
                        {[...new Set(columns.map((c) => c.header))].map((h) => <option key={h} value={h}>{h}</option>)}
                      </select>
                    </td>
                    <td className="hint">{column?.samples.slice(0, 3).join(' · ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label className="field">
            {t('import.timeKind')}
            <select value={step.mapping.time.kind} onChange={(e) => setStep({ ...step, mapping: { ...step.mapping, time: { kind: e.target.value } as MselTime } })}>
              {TIME_KINDS.map((k) => <option key={k} value={k}>{t(`import.time.${k}`)}</option>)}
            </select>
          </label>
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setStep({ kind: 'file' })}>{t('import.back')}</button>
            <button type="submit" disabled={busy || step.mapping.sheets.length === 0}>{t('import.toPreview')}</button>
          </div>
        </form>
      )}

      {step.kind === 'preview' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const id = idFromWords(title, 'imported');
            void run(
              () => studioApi.importMsel({ file: step.file, mapping: step.mapping, scenario: { id, title: title || id, language, exerciseType: 'tabletop', functions: ['response'] }, skipRowsWithErrors: skip, remember }),
              (draft) => onImported(draft.scenarioId),
            );
          }}
        >
          <p>{t('import.counts', step.preview.counts)} {t('import.startex', { startex: step.preview.startex })}</p>
          <ProblemLines problems={step.preview.problems.filter((p) => p.row === undefined)} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('import.rows')}>
            <table className="studio-table preview">
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('column.time')}</th>
                  <th scope="col">{t('column.from')}</th>
                  <th scope="col">{t('column.to')}</th>
                  <th scope="col">{t('column.subject')}</th>
                  <th scope="col">{t('import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {step.preview.rows.map((row) => (
                  <tr key={`${row.sheet}-${row.row}`} className={`outcome-${row.outcome}`}>
                    <th scope="row">{step.mapping.sheets.length > 1 ? `${row.sheet} ` : ''}{row.row}</th>
                    <td>{row.inject?.at ?? ''}</td>
                    <td>{row.inject?.from ?? ''}</td>
                    <td>{row.inject?.to.join(', ') ?? ''}</td>
                    <td>{row.inject?.subject ?? t(`import.outcome.${row.outcome}`)}</td>
                    <td><ProblemLines problems={problemsOf(step.preview, row.sheet, row.row)} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-grid">
            <label>
              {t('settings.title')}
              <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label>
              {t('settings.language')}
              <select value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'lt')}>
                {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
              </select>
            </label>
            <label>
              {t('import.remember')}
              <select value={remember} onChange={(e) => setRemember(e.target.value as typeof remember)}>
                {(['user', 'centre', 'none'] as const).map((r) => <option key={r} value={r}>{t(`import.rememberFor.${r}`)}</option>)}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} />
              {t('import.skip')}
            </label>
          </div>
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setStep({ ...step, kind: 'mapping' })}>{t('import.back')}</button>
            <button type="submit" disabled={busy || (step.preview.counts.errors > 0 && !skip)}>{t('import.save')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
