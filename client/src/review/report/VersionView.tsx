import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportVersion } from '@startex/shared';
import { Markdown } from '../../lib/Markdown.tsx';
import { formatDateTime } from '../../i18n/index.ts';

/** A finalised version, read only: the report as it was finalised, with its improvement plan of that day. */
export function VersionView({ version, onClose }: { version: ReportVersion; onClose: () => void }) {
  const { t } = useTranslation('report');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [version.version]);
  const { content } = version;
  return (
    <section className="report-panel report-version" aria-labelledby="version-title" data-testid="version-view">
      <div className="report-version-head">
        <h2 id="version-title" tabIndex={-1} ref={heading}>
          {t('version', { version: version.version })} · {t('readOnly')}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>{t('close')}</button>
      </div>
      <p className="hint">{t('versionMeta', { when: formatDateTime(version.finalisedAt), by: version.finalisedBy })}</p>
      <h3>{t('executiveSummary')}</h3>
      <Markdown text={content.executiveSummary} />
      {content.capabilities.map((c) => (
        <div key={c.id}>
          <h3>{c.title}: {c.rating ? t(`ratings.${c.rating}`) : t('notRated')}</h3>
          <ul>
            {[...c.strengths, ...c.areasForImprovement].map((f) => <li key={f.id}>{f.text}{f.rootCause && ` (${t('rootCause')}: ${f.rootCause})`}</li>)}
          </ul>
        </div>
      ))}
      <h3>{t('plan.title')}</h3>
      <ul>
        {version.improvementPlan.map((item) => (
          <li key={item.id}>{item.correctiveAction}: {item.responsibleAgency}, {item.dueDate}, {t(`statuses.${item.status}`)}</li>
        ))}
      </ul>
    </section>
  );
}
