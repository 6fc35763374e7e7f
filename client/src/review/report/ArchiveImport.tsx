import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ErrorDetail, type RouteRequest } from '@startex/shared';
import { call } from '../../lib/api.ts';
import './report.css';
import './strings.ts';
import { errorText } from '../../i18n/errorText.ts';

/** Uploads an exercise archive (JSON); StartEx imports it as a new, ended exercise for re-analysis. */
export function ArchiveImport() {
  const { t } = useTranslation('report');
  const id = useId();
  const [file, setFile] = useState<File | undefined>();
  const [error, setError] = useState<ErrorDetail | string | undefined>();
  const [imported, setImported] = useState<{ id: string; title: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setImported(undefined);
    let body: RouteRequest<typeof API_ROUTES.importArchive>['body'];
    try {
      // Whether it is an archive the server checks, and lists what is wrong (ARCHIVE_INVALID).
      body = JSON.parse(await file.text()) as typeof body;
    } catch {
      setBusy(false);
      return setError(t('importArchive.unreadable'));
    }
    const result = await call(API_ROUTES.importArchive, { body });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setImported(result.value);
  };
  return (
    <section className="report-panel report-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('importArchive.title')}</h2>
      <p className="hint">{t('importArchive.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${id}-file`}>{t('importArchive.file')}</label>
        <input id={`${id}-file`} type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0])} />
        <button type="submit" disabled={!file || busy}>{t('importArchive.submit')}</button>
      </form>
      {error && <p className="error" role="alert">{typeof error === 'string' ? error : errorText(error)}</p>}
      {imported && (
        <p role="status">
          {t('importArchive.done', { title: imported.title })} <a href={`/report/${encodeURIComponent(imported.id)}`}>{t('importArchive.openReport')}</a>
        </p>
      )}
    </section>
  );
}
