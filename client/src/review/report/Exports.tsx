import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { documentLanguage } from '../../i18n/index.ts';
import { routeHref } from '../../lib/api.ts';

/** Download links, each document in the viewer's language; the server names the files and refuses what the role may not read. */
export function Exports({ exerciseId, archive, version }: { exerciseId: string; archive: boolean; version?: number }) {
  const { t, i18n } = useTranslation('report');
  const params = { id: exerciseId };
  const lang = documentLanguage(i18n.language);
  const links = [
    { href: routeHref(API_ROUTES.reportPdf, { params, query: { version, lang } }), label: t('exportPdf'), id: 'pdf' },
    { href: routeHref(API_ROUTES.reportDocx, { params, query: { version, lang } }), label: t('exportDocx'), id: 'docx' },
    { href: routeHref(API_ROUTES.improvementPlanXlsx, { params, query: { lang } }), label: t('exportXlsx'), id: 'xlsx' },
    { href: routeHref(API_ROUTES.improvementPlanCsv, { params, query: { lang } }), label: t('exportPlanCsv'), id: 'plan-csv' },
    { href: routeHref(API_ROUTES.metricsCsv, { params, query: { lang } }), label: t('exportMetricsCsv'), id: 'metrics-csv' },
    ...(archive ? [{ href: routeHref(API_ROUTES.archiveJson, { params }), label: t('exportArchive'), id: 'archive' }] : []),
  ];
  return (
    <section className="report-panel" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('exports')}</h2>
      <ul className="report-exports">
        {links.map((link) => (
          <li key={link.id}>
            <a href={link.href} download data-testid={`export-${link.id}`}>{link.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
