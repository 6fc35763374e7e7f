import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '@startex/scenarios/engine';
import { API_ROUTES, addFindings, type ErrorDetail, type ExerciseRole, type NewImprovementItemBody, type ReportContent, type ReportVersion, type ReportView } from '@startex/shared';
import { call } from '../../lib/api.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { Exports } from './Exports.tsx';
import { FinaliseConfirm } from './FinaliseConfirm.tsx';
import { ImprovementPlan } from './ImprovementPlan.tsx';
import { VersionList } from './VersionList.tsx';
import { VersionView } from './VersionView.tsx';
import { errorText } from '../../i18n/errorText.ts';
import { formatDateTime } from '../../i18n/index.ts';

/**
 * The AAR/IP editor: the draft's sections, finalising it as an immutable version, the finalised
 * versions, the improvement plan and the exports. Only what the role may do is offered; the
 * server refuses the rest anyway.
 */
export function Report({ exerciseId, role }: { exerciseId: string; role: ExerciseRole | undefined }) {
  const { t } = useTranslation('report');
  const [view, setView] = useState<ReportView | undefined>();
  const [content, setContent] = useState<ReportContent | undefined>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [opened, setOpened] = useState<ReportVersion | undefined>();
  const [prefill, setPrefill] = useState<Partial<NewImprovementItemBody> | undefined>();
  // What the server's permission table lets this role do, from the same table.
  const canEdit = role !== undefined && allows(role, 'report.edit');
  const canPlan = role !== undefined && allows(role, 'improvement.write');
  const ended = view?.status === 'ended' || view?.status === 'closed';

  const load = useCallback(async () => {
    const result = await call(API_ROUTES.report, { params: { id: exerciseId } });
    if (!result.ok) return setError(result.error);
    setView(result.value);
    setContent(result.value.draft);
    setDirty(false);
  }, [exerciseId]);
  useEffect(() => void load(), [load]);

  const save = async () => {
    if (!content) return;
    setBusy(true);
    setNotice(undefined);
    const result = await call(API_ROUTES.saveReportDraft, { params: { id: exerciseId }, body: content });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    await load();
    setNotice(t('saved'));
  };

  const finalise = async () => {
    setBusy(true);
    const result = await call(API_ROUTES.finaliseReport, { params: { id: exerciseId } });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    await load();
    setNotice(t('finalised', { version: result.value.version }));
  };

  const open = async (version: number) => {
    const result = await call(API_ROUTES.reportVersion, { params: { id: exerciseId, version } });
    if (result.ok) setOpened(result.value);
    else setError(result.error);
  };

  if (!view || !content) {
    return (
      <main className="page report">
        {error ? <p className="error" role="alert">{errorText(error)}</p> : <p>{t('common:loading')}</p>}
      </main>
    );
  }
  const next = view.versions.length + 1;
  // New findings the editor has not brought into the draft yet (matched by observation, so edits never count).
  const inDraft = new Set(content.capabilities.flatMap((c) => [...c.strengths, ...c.areasForImprovement].flatMap((f) => f.observationIds)));
  const newFindings = view.newFindings.filter((f) => !f.finding.observationIds.some((id) => inDraft.has(id)));
  const bringIn = () => {
    setContent(addFindings(content, newFindings));
    setDirty(true);
    setNotice(t('newFindingsAdded', { count: newFindings.length }));
  };
  return (
    <main className="page report">
      <header className="bar report-bar">
        <div>
          <p className="report-kicker">{t('title')}</p>
          <h1>{view.title}</h1>
          <p className="hint">
            {t(`common:status.${view.status}`)} · {view.draftSaved ? t('draftSaved', { when: formatDateTime(view.draftSaved.at), by: view.draftSaved.by }) : t('draftNotSaved')}
          </p>
        </div>
      </header>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
      {notice && <p className="report-notice" role="status">{notice}</p>}

      <div className="report-layout">
        <section className="report-main" aria-label={t('draft')}>
          {canEdit && (
            <div className="report-actions">
              <button type="button" onClick={() => void save()} disabled={busy || !dirty}>{busy ? t('saving') : t('save')}</button>
              <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={busy || !ended} aria-describedby={ended ? undefined : 'needs-endex'}>
                {t('finalise')}
              </button>
              {!ended && <span id="needs-endex" className="hint">{t('needsEndex')}</span>}
            </div>
          )}
          {canEdit && newFindings.length > 0 && (
            <div className="report-panel report-new-findings" data-testid="new-findings">
              <p>{t('newFindings', { count: newFindings.length })}</p>
              <button type="button" className="secondary" onClick={bringIn}>{t('addNewFindings')}</button>
            </div>
          )}
          {confirming && <FinaliseConfirm version={next} unsaved={dirty} busy={busy} onConfirm={() => void finalise()} onCancel={() => setConfirming(false)} />}
          <DraftEditor
            content={content}
            exerciseType={view.exerciseType}
            readOnly={!canEdit}
            onChange={(changed) => {
              setContent(changed);
              setDirty(true);
              setNotice(undefined);
            }}
            onPlan={canPlan ? setPrefill : undefined}
          />
        </section>
        <aside className="report-side">
          <VersionList exerciseId={exerciseId} versions={view.versions} onOpen={(v) => void open(v)} />
          <Exports exerciseId={exerciseId} archive={role !== undefined && allows(role, 'exercise.archive')} />
        </aside>
      </div>
      {opened && <VersionView version={opened} onClose={() => setOpened(undefined)} />}
      <ImprovementPlan exerciseId={exerciseId} canWrite={canPlan} choices={{ capabilities: view.capabilities, agencies: view.agencies }} prefill={prefill} onPrefillUsed={() => setPrefill(undefined)} />
    </main>
  );
}
