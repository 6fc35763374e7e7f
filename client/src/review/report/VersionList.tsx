import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ReportVersionSummary } from '@startex/shared';
import { documentLanguage, formatDateTime } from '../../i18n/index.ts';
import { routeHref } from '../../lib/api.ts';

/** Finalised versions, newest first, each to open or download. */
export function VersionList({ exerciseId, versions, onOpen }: { exerciseId: string; versions: ReportVersionSummary[]; onOpen: (version: number) => void }) {
  const { t, i18n } = useTranslation('report');
  const lang = documentLanguage(i18n.language);
  const href = (route: typeof API_ROUTES.reportPdf | typeof API_ROUTES.reportDocx, version: number) => routeHref(route, { params: { id: exerciseId }, query: { version, lang } });
  return (
    <section className="report-panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('versions')}</h2>
      {versions.length === 0 && <p className="empty">{t('noVersions')}</p>}
      <ul className="report-versions" data-testid="versions">
        {[...versions].reverse().map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <strong>{t('version', { version: v.version })}</strong>
            <span className="hint"> {t('versionMeta', { when: formatDateTime(v.finalisedAt), by: v.finalisedBy })}</span>
            <span className="report-version-links">
              <button type="button" className="secondary small" onClick={() => onOpen(v.version)}>{t('open')}</button>
              <a href={href(API_ROUTES.reportPdf, v.version)} download>PDF</a>
              <a href={href(API_ROUTES.reportDocx, v.version)} download>DOCX</a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
