import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Tabs } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errorText.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Markdown } from '../lib/Markdown.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useSession } from '../lib/useSession.ts';
import { ProblemList } from './analysis/ProblemList.tsx';
import type { ProblemPlace } from './analysis/problemPlace.ts';
import { useAnalysis, useThreads } from './analysis/useAnalysis.ts';
import { conditionWords, timeWords } from './document/factWords.ts';
import { namesOf } from './document/names.ts';
import { parseJsonPath, rowsOf, stringsOf, textOf, type DocPath, type StudioDocument } from './document/studioDocument.ts';
import { useDraft, type Draft } from './document/useDraft.ts';
import { ExportMenu } from './exchange/ExportMenu.tsx';
import { NewScenarioForm } from './list/NewScenarioForm.tsx';
import { MSEL_COLUMNS } from './msel/columns.ts';
import { MselGrid, type GridCursor } from './msel/MselGrid.tsx';
import { PART_SECTIONS, PartsView, type PartSection } from './parts/PartsView.tsx';
import { SimulatePanel } from './simulate/SimulatePanel.tsx';
import { SourceEditor } from './source/SourceEditor.tsx';
import { releasesByState, statesReleasing } from './statechart/stateRows.ts';
import { StudioStatechart } from './statechart/StudioStatechart.tsx';
import { MergeDialog } from './versions/MergeDialog.tsx';
import { VersionsPanel } from './versions/VersionsPanel.tsx';
import './strings.ts';
import './studio.css';

const VIEWS = ['msel', 'parts', 'statechart', 'source', 'simulate', 'versions', 'exchange'] as const;
type View = (typeof VIEWS)[number];
const viewFromHash = (): View => VIEWS.find((v) => window.location.hash === `#${v}`) ?? 'msel';

/** The studio's editor for one scenario (/studio/<id>): sign-in first. */
export function StudioPage({ scenarioId }: { scenarioId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <ScenarioEditor scenarioId={scenarioId} />;
}

function ScenarioEditor({ scenarioId }: { scenarioId: string }) {
  const { t } = useTranslation('studio');
  const { load, edit, saveNow, saveMerged, adopt } = useDraft(scenarioId);
  if (load.kind === 'loading') return <main className="page"><p>{t('loading', { ns: 'common' })}</p></main>;
  if (load.kind === 'refused') {
    return (
      <main className="page studio-page">
        <p className="plan-crumb"><a href="/">{t('home')}</a> / <a href="/studio">{t('list.title')}</a></p>
        <h1>{t('editor.cannotOpen')}</h1>
        <p role="alert" className="error">{errorText(load.error)}</p>
        {load.error.code === 'SCENARIO_READ_ONLY' && <NewScenarioForm copyOf={{ id: scenarioId, title: scenarioId }} onMade={(id) => window.location.assign(`/studio/${encodeURIComponent(id)}`)} />}
      </main>
    );
  }
  return <Editor draft={load.draft} edit={edit} saveNow={saveNow} saveMerged={saveMerged} adopt={adopt} />;
}

function SaveStatus({ draft }: { draft: Draft }) {
  const { t } = useTranslation('studio');
  const save = draft.save;
  return (
    <p className={`save-status save-${save.kind}`} role="status" data-revision={draft.revision}>
      {save.kind === 'failed' ? t('saveState.failed', { message: errorText(save.error) }) : t(`saveState.${save.kind}`, { revision: draft.revision })}
    </p>
  );
}

function Editor({ draft, edit, saveNow, saveMerged, adopt }: Pick<ReturnType<typeof useDraft>, 'edit' | 'saveNow' | 'saveMerged' | 'adopt'> & { draft: Draft }) {
  const { t, i18n } = useTranslation('studio');
  const threads = useThreads();
  const analysis = useAnalysis(threads, draft.document, draft.editSeq);
  const names = useMemo(() => namesOf(draft.document, t('allTeams')), [draft.document, t]);
  const [view, setView] = useState<View>(viewFromHash);
  const [cursor, setCursor] = useState<GridCursor>({ row: 0, col: MSEL_COLUMNS.findIndex((c) => c.key === 'subject') });
  const [section, setSection] = useState<PartSection>('settings');
  const [partFocus, setPartFocus] = useState<{ part: string; index: number; field?: string | undefined } | undefined>();
  const [sourceFocus, setSourceFocus] = useState<DocPath | undefined>();
  const [selectedState, setSelectedState] = useState<string | undefined>();
  const [merging, setMerging] = useState(false);
  const readOnly = false;
  const title = textOf(draft.document.title) || draft.scenarioId;
  const rows = rowsOf(draft.document);

  useEffect(() => {
    document.title = `${title} — ${t('list.title')} — StartEx`;
  }, [title, t]);
  const changeView = (next: View) => {
    setView(next);
    window.history.replaceState(null, '', `#${next}`);
  };

  const byState = useMemo(() => (analysis?.expanded ? releasesByState(analysis.expanded) : new Map<string, string[]>()), [analysis?.expanded]);
  const highlighted = useMemo(() => new Set(selectedState ? (byState.get(selectedState) ?? []) : []), [byState, selectedState]);
  const problemsByRow = useMemo(() => {
    const map = new Map<number, NonNullable<typeof analysis>['problems']>();
    for (const problem of analysis?.problems ?? []) {
      const [part, index] = parseJsonPath(problem.path);
      if (part === 'timeline' && typeof index === 'number') map.set(index, [...(map.get(index) ?? []), problem]);
    }
    return map;
  }, [analysis?.problems]);

  const moveCursor = useCallback((next: GridCursor) => {
    setCursor(next);
    const rowId = textOf(rowsOf(draft.document)[next.row]?.id);
    const state = statesReleasing(byState, rowId)[0];
    if (state) setSelectedState(state);
  }, [byState, draft.document]);

  const openRow = (index: number, column = 'subject') => {
    changeView('msel');
    setCursor({ row: index, col: Math.max(0, MSEL_COLUMNS.findIndex((c) => c.key === column)) });
    requestAnimationFrame(() => (document.querySelector('.msel-grid') as HTMLElement | null)?.focus());
  };
  const openPlace = (place: ProblemPlace) => {
    switch (place.view) {
      case 'msel':
        return openRow(place.row, place.column);
      case 'parts':
        changeView('parts');
        setSection(place.section);
        setPartFocus({ part: place.part, index: place.index, field: place.field });
        requestAnimationFrame(() => {
          const item = place.part && place.section !== 'settings' ? document.querySelector(`[data-part="${place.part}"][data-index="${place.index}"]`) : document.querySelector('.parts-section');
          const input = (place.field ? item?.querySelector(`[data-field="${place.field}"] :is(input, select, textarea)`) : null) ?? item?.querySelector('input, select, textarea');
          item?.scrollIntoView({ block: 'center' });
          (input as HTMLElement | null)?.focus();
        });
        return;
      case 'source':
        changeView('source');
        setSourceFocus(place.path);
        return;
      default: {
        const exhaustive: never = place;
        return exhaustive;
      }
    }
  };

  // Leaving with edits not yet saved: the browser asks first.
  const unsaved = draft.save.kind !== 'saved';
  const unsavedRef = useRef(unsaved);
  unsavedRef.current = unsaved;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (unsavedRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const current = rows[cursor.row];
  const conflict = draft.save.kind === 'conflict' ? draft.save.theirs : undefined;
  const when = (ms: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(ms);
  return (
    <main className="studio-page">
      <header className="studio-header">
        <div>
          <p className="plan-crumb"><a href="/">{t('home')}</a> / <a href="/studio">{t('list.title')}</a></p>
          <h1>{title}</h1>
        </div>
        <div className="studio-status">
          <SaveStatus draft={draft} />
          {draft.others.length > 0 && (
            <p className="presence" data-testid="presence">
              {t('presence.others', { names: draft.others.map((p) => t('presence.person', { name: p.author.displayName, since: when(p.since) })).join(', ') })}
            </p>
          )}
        </div>
        <Preferences />
      </header>
      {conflict && (
        <div className="conflict-banner" role="alert">
          <p>
            {conflict.kind === 'draft'
              ? t('conflict.draft', { who: conflict.savedBy.displayName, when: when(conflict.savedAt) })
              : t('conflict.version', { who: conflict.publishedBy?.displayName ?? t('merge.someone'), version: conflict.version })}
          </p>
          <button type="button" onClick={() => setMerging(true)}>{t('conflict.merge')}</button>
        </div>
      )}
      {merging && conflict && (
        <MergeDialog
          scenarioId={draft.scenarioId}
          baseRef={draft.revision > 0 ? `r${draft.revision}` : `v${draft.baseVersion ?? 1}`}
          theirs={conflict}
          document={draft.document}
          onClose={() => setMerging(false)}
          onMerged={(merged: StudioDocument) => {
            setMerging(false);
            void saveMerged(merged, conflict);
          }}
        />
      )}
      <div className="studio-body">
        <Tabs.Root className="studio-views" value={view} onValueChange={(v) => changeView(v as View)} activationMode="manual">
          <Tabs.List className="studio-tabs" aria-label={t('editor.views')}>
            {VIEWS.map((v) => (
              <Tabs.Trigger key={v} value={v} className="studio-tab">{t(`view.${v}`)}</Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content value="msel" className="studio-view">
            <MselGrid document={draft.document} names={names} cursor={cursor} onCursor={moveCursor} edit={edit} highlighted={highlighted} problemsByRow={problemsByRow} readOnly={readOnly} />
            {current && (
              <section className="row-details" aria-labelledby="row-details-heading">
                <h2 id="row-details-heading">{names.row(textOf(current.id))}</h2>
                <p className="hint">
                  {timeWords(current, names, t)} · {names.sender(textOf(current.from))} → {stringsOf(current.to).map(names.team).join(', ')}
                  {conditionWords(current, names, t) && ` · ${conditionWords(current, names, t)}`}
                </p>
                <Markdown text={textOf(current.body)} />
                {stringsOf(current.expectedActions).length > 0 && (
                  <>
                    <h3>{t('column.expectedActions')}</h3>
                    <ul>{stringsOf(current.expectedActions).map((a, i) => <li key={i}>{a}</li>)}</ul>
                  </>
                )}
              </section>
            )}
          </Tabs.Content>
          <Tabs.Content value="parts" className="studio-view">
            <nav className="parts-nav" aria-label={t('editor.sections')}>
              {PART_SECTIONS.map((s) => (
                <button key={s} type="button" className={section === s ? '' : 'secondary'} aria-pressed={section === s} onClick={() => setSection(s)}>{t(`section.${s}`)}</button>
              ))}
            </nav>
            <PartsView document={draft.document} names={names} section={section} edit={edit} readOnly={readOnly} focus={partFocus} onOpenRow={(i) => openRow(i)} />
          </Tabs.Content>
          <Tabs.Content value="statechart" className="studio-view">
            <StudioStatechart
              expanded={analysis?.expanded}
              selected={selectedState}
              onSelect={setSelectedState}
              names={names}
              onOpenRow={(rowId) => {
                const index = rows.findIndex((r) => r.id === rowId);
                if (index >= 0) openRow(index);
              }}
            />
          </Tabs.Content>
          <Tabs.Content value="source" className="studio-view">
            {threads && view === 'source' && <SourceEditor document={draft.document} thread={threads.tools} problems={analysis?.problems ?? []} focus={sourceFocus} readOnly={readOnly} onDocument={(d, base) => edit((current) => (current === base ? d : current))} />}
          </Tabs.Content>
          <Tabs.Content value="simulate" className="studio-view">
            {threads && <SimulatePanel thread={threads.tools} document={draft.document} expanded={analysis?.expanded} names={names} />}
          </Tabs.Content>
          <Tabs.Content value="versions" className="studio-view">
            <VersionsPanel draft={draft} saveNow={saveNow} adopt={adopt} readOnly={readOnly} />
          </Tabs.Content>
          <Tabs.Content value="exchange" className="studio-view">
            {threads && <ExportMenu scenarioId={draft.scenarioId} saveNow={saveNow} thread={threads.tools} onDocument={(d) => edit(() => d)} readOnly={readOnly} />}
          </Tabs.Content>
        </Tabs.Root>
        <aside className="studio-side">
          <ProblemList problems={analysis?.problems} analysedSeq={analysis?.seq} explored={analysis?.explored ?? false} editSeq={draft.editSeq} failure={analysis?.failure} names={names} onOpen={openPlace} />
        </aside>
      </div>
    </main>
  );
}

