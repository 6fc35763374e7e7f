import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapabilitySection, NewImprovementItemBody, ReportContent, ReportFinding, ReportView } from '@startex/shared';

/** A labelled text area (markdown), its label tied to it for screen readers. */
function TextField({ label, value, onChange, readOnly, rows = 3, testId }: { label: string; value: string; onChange: (value: string) => void; readOnly: boolean; rows?: number; testId?: string }) {
  const id = useId();
  return (
    <div className="report-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} rows={rows} readOnly={readOnly} maxLength={20_000} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </div>
  );
}

function Findings({
  title,
  findings,
  deep,
  readOnly,
  onChange,
  onPlan,
  testId,
}: {
  title: string;
  findings: ReportFinding[];
  deep: boolean;
  readOnly: boolean;
  onChange: (findings: ReportFinding[]) => void;
  onPlan?: ((finding: ReportFinding) => void) | undefined;
  testId: string;
}) {
  const { t } = useTranslation('report');
  const set = (i: number, patch: Partial<ReportFinding>) => onChange(findings.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="report-findings" data-testid={testId}>
      <h4>{title}</h4>
      {findings.length === 0 && <p className="empty">{t('none')}</p>}
      {findings.map((finding, i) => (
        <div key={finding.id} className={`report-finding${deep ? ' is-area' : ''}`}>
          <TextField label={`${t('finding')} ${i + 1}`} value={finding.text} readOnly={readOnly} rows={2} onChange={(text) => set(i, { text })} />
          {deep && (
            <>
              <TextField label={t('analysis')} value={finding.analysis} readOnly={readOnly} rows={2} onChange={(analysis) => set(i, { analysis })} testId={`analysis-${finding.id}`} />
              <TextField label={t('rootCause')} value={finding.rootCause} readOnly={readOnly} rows={2} onChange={(rootCause) => set(i, { rootCause })} testId={`root-cause-${finding.id}`} />
              {onPlan && (
                <button type="button" className="secondary small" onClick={() => onPlan(finding)}>
                  {t('toPlan')}
                </button>
              )}
            </>
          )}
        </div>
      ))}
    </div>
  );
}

/** The draft's sections as fields: overview, executive summary, per capability the findings with analysis and root cause. */
export function DraftEditor({
  content,
  exerciseType,
  readOnly,
  onChange,
  onPlan,
}: {
  content: ReportContent;
  /** The exercise's type, named in the reader's language (the draft holds it in the document's words). */
  exerciseType: ReportView['exerciseType'];
  readOnly: boolean;
  onChange: (content: ReportContent) => void;
  onPlan?: ((prefill: Partial<NewImprovementItemBody>) => void) | undefined;
}) {
  const { t } = useTranslation('report');
  const overview = content.overview;
  const setOverview = (patch: Partial<ReportContent['overview']>) => onChange({ ...content, overview: { ...overview, ...patch } });
  const setCapability = (id: string, patch: Partial<CapabilitySection>) => onChange({ ...content, capabilities: content.capabilities.map((c) => (c.id === id ? { ...c, ...patch } : c)) });
  const datesId = useId();
  return (
    <div className="report-draft">
      <section className="report-panel" aria-labelledby="overview-title">
        <h2 id="overview-title">1. {t('overview')}</h2>
        <dl className="report-facts">
          <dt>{t('exerciseName')}</dt>
          <dd>{overview.exerciseName}</dd>
          <dt>{t('exerciseType')}</dt>
          <dd>{t(`common:exerciseType.${exerciseType}`)}</dd>
        </dl>
        <div className="report-field">
          <label htmlFor={datesId}>{t('dates')}</label>
          <input id={datesId} value={overview.dates} readOnly={readOnly} maxLength={200} onChange={(e) => setOverview({ dates: e.target.value })} />
        </div>
        <TextField label={t('scope')} value={overview.scope} readOnly={readOnly} rows={5} onChange={(scope) => setOverview({ scope })} />
        <h3>{t('objectives')}</h3>
        <ul>{overview.objectives.map((o) => <li key={o}>{o}</li>)}</ul>
        <h3>{t('participants')}</h3>
        <ul>{overview.participants.map((p) => <li key={p}>{p}</li>)}</ul>
      </section>

      <section className="report-panel" aria-labelledby="summary-title">
        <h2 id="summary-title">2. {t('executiveSummary')}</h2>
        <TextField label={t('executiveSummary')} value={content.executiveSummary} readOnly={readOnly} rows={7} onChange={(executiveSummary) => onChange({ ...content, executiveSummary })} testId="executive-summary" />
        <p className="hint">{t('markdownHint')}</p>
      </section>

      <section className="report-panel" aria-labelledby="capabilities-title">
        <h2 id="capabilities-title">3. {t('capabilities')}</h2>
        {content.capabilities.map((capability) => (
          <article key={capability.id} className="report-capability" data-testid={`capability-${capability.id}`} aria-labelledby={`cap-${capability.id}`}>
            <h3 id={`cap-${capability.id}`}>
              {capability.title}{' '}
              <span className={`report-rating${capability.rating ? ` rating-${capability.rating}` : ''}`}>{capability.rating ? t(`ratings.${capability.rating}`) : t('notRated')}</span>
            </h3>
            {capability.targets.length > 0 && (
              <ul className="report-targets" aria-label={t('targets')}>
                {capability.targets.map((target) => (
                  <li key={target.id}>
                    {target.title}: <strong>{target.rating ?? '–'}</strong>
                  </li>
                ))}
              </ul>
            )}
            <Findings title={t('strengths')} findings={capability.strengths} deep={false} readOnly={readOnly} onChange={(strengths) => setCapability(capability.id, { strengths })} testId={`strengths-${capability.id}`} />
            <Findings
              title={t('areas')}
              findings={capability.areasForImprovement}
              deep
              readOnly={readOnly}
              onChange={(areasForImprovement) => setCapability(capability.id, { areasForImprovement })}
              onPlan={onPlan && ((finding) => onPlan({ capability: { objectiveId: capability.id }, issue: finding.text.slice(0, 2000) }))}
              testId={`areas-${capability.id}`}
            />
          </article>
        ))}
      </section>
    </div>
  );
}
