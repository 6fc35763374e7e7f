import { useTranslation } from 'react-i18next';
import { API_ROUTES } from '@startex/shared';
import { routeHref } from '../../lib/api.ts';

/** Download links; the server names the files and refuses what the role may not read. */
export function Exports({ exerciseId, archive, version }: { exerciseId: string; archive: boolean; version?: number }) {
  const { t } = useTranslation('report');
  const base = `/api/exercises/${encodeURIComponent(exerciseId)}/exports`;
  const v = version ? `?version=${version}` : '';
  const links = [
    { href: `${base}/report.pdf${v}`, label: t('exportPdf'), id: 'pdf' },
    { href: `${base}/report.docx${v}`, label: t('exportDocx'), id: 'docx' },
    { href: `${base}/improvement-plan.xlsx`, label: t('exportXlsx'), id: 'xlsx' },
    { href: `${base}/improvement-plan.csv`, label: t('exportPlanCsv'), id: 'plan-csv' },
    { href: routeHref(API_ROUTES.metricsCsv, { params: { id: exerciseId } }), label: t('exportMetricsCsv'), id: 'metrics-csv' },
    ...(archive ? [{ href: `${base}/archive.json`, label: t('exportArchive'), id: 'archive' }] : []),
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
