import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.ts';
import { ExerciseType, SecurityFunction, type StudioListQuery, type StudioScenarioSummary } from '@startex/shared';
import { errorText } from '../i18n/errorText.ts';
import type { ApiError } from '../lib/api.ts';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { useSession } from '../lib/useSession.ts';
import { ImportWizard } from './exchange/ImportWizard.tsx';
import { NewScenarioForm } from './list/NewScenarioForm.tsx';
import { StudioDialog } from './StudioDialog.tsx';
import { studioApi } from './studioApi.ts';
import './strings.ts';
import './studio.css';

const open = (id: string) => window.location.assign(`/studio/${encodeURIComponent(id)}`);

/**
 * The studio's scenarios: the library (read-only, copied to change), the centre's own and their
 * drafts; search and filters; who changed each, when; a new scenario from scratch or from an MSEL.
 */
export function StudioListPage() {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <ScenarioList />;
}

function ScenarioList() {
  const { t, i18n } = useTranslation('studio');
  const [query, setQuery] = useState<StudioListQuery>({});
  const [scenarios, setScenarios] = useState<StudioScenarioSummary[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'copy'; of: StudioScenarioSummary } | { kind: 'import' } | undefined>();

  useEffect(() => {
    document.title = `${t('list.title')} — StartEx`;
  }, [t]);
  useEffect(() => {
    const timer = setTimeout(() => void studioApi.list(query).then((r) => (r.ok ? (setScenarios(r.value), setError(undefined)) : setError(r.error))), 200);
    return () => clearTimeout(timer);
  }, [query]);

  const when = (ms: number | undefined) => (ms ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms) : '');
  const set = (key: keyof StudioListQuery, value: string) => setQuery((q) => ({ ...q, [key]: value || undefined }));
  return (
    <main className="page studio-list">
      <header className="bar">
        <div>
          <p className="plan-crumb"><a href="/">{t('home')}</a> / {t('list.title')}</p>
          <h1>{t('list.title')}</h1>
        </div>
        <Preferences />
      </header>
      <div className="studio-list-actions">
        <button type="button" onClick={() => setDialog({ kind: 'new' })}>{t('list.new')}</button>
        <button type="button" className="secondary" onClick={() => setDialog({ kind: 'import' })}>{t('list.import')}</button>
      </div>
      <div role="search" className="studio-filters" aria-label={t('list.filters')}>
        <label>
          {t('list.search')}
          <input type="search" value={query.q ?? ''} onChange={(e) => set('q', e.target.value)} />
        </label>
        <label>
          {t('settings.function')}
          <select value={query.function ?? ''} onChange={(e) => set('function', e.target.value)}>
            <option value="">{t('list.any')}</option>
            {SecurityFunction.options.map((v) => <option key={v} value={v}>{t(`function.${v}`)}</option>)}
          </select>
        </label>
        <label>
          {t('settings.type')}
          <select value={query.type ?? ''} onChange={(e) => set('type', e.target.value)}>
            <option value="">{t('list.any')}</option>
            {ExerciseType.options.map((v) => <option key={v} value={v}>{t(`exerciseType.${v}`)}</option>)}
          </select>
        </label>
        <label>
          {t('settings.language')}
          <select value={query.language ?? ''} onChange={(e) => set('language', e.target.value)}>
            <option value="">{t('list.any')}</option>
            {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
          </select>
        </label>
        <label>
          {t('list.origin')}
          <select value={query.origin ?? ''} onChange={(e) => set('origin', e.target.value)}>
            <option value="">{t('list.any')}</option>
            {(['library', 'centre', 'draft'] as const).map((o) => <option key={o} value={o}>{t(`list.origins.${o}`)}</option>)}
          </select>
        </label>
      </div>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      {!scenarios ? (
        <p>{t('loading', { ns: 'common' })}</p>
      ) : scenarios.length === 0 ? (
        <p className="empty">{t('list.none')}</p>
      ) : (
        <table className="studio-table scenario-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.title')}</th>
              <th scope="col">{t('list.origin')}</th>
              <th scope="col">{t('settings.type')}</th>
              <th scope="col">{t('list.functions')}</th>
              <th scope="col">{t('list.version')}</th>
              <th scope="col">{t('list.changed')}</th>
              <th scope="col"><span className="visually-hidden">{t('versions.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {scenarios.map((s) => (
              <tr key={s.id} data-scenario={s.id}>
                <th scope="row">
                  {s.readOnly ? s.title : <a href={`/studio/${encodeURIComponent(s.id)}`}>{s.title}</a>}
                  {s.language && <span className="hint"> ({LANGUAGES.find((l) => l.code === s.language)?.label ?? s.language})</span>}
                </th>
                <td>
                  {t(`list.origins.${s.origin}`)}
                  {s.draft?.unpublished && <span className="chip">{t('list.draftChip')}</span>}
                </td>
                <td>{s.exerciseType ? t(`exerciseType.${s.exerciseType}`, { defaultValue: s.exerciseType }) : ''}</td>
                <td>{s.functions.map((f) => t(`function.${f}`, { defaultValue: f })).join(', ')}</td>
                <td>{s.latestVersion ? t('versions.version', { version: s.latestVersion }) : '—'}</td>
                <td>{s.updatedAt ? t('list.changedBy', { who: s.updatedBy?.displayName ?? '—', when: when(s.updatedAt) }) : ''}</td>
                <td className="row-buttons">
                  {!s.readOnly && <button type="button" className="small" onClick={() => open(s.id)}>{t('list.open', { title: s.title })}</button>}
                  <button type="button" className="small secondary" onClick={() => setDialog({ kind: 'copy', of: s })}>{t('list.copy', { title: s.title })}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'new' && (
        <StudioDialog title={t('list.new')} onClose={() => setDialog(undefined)}>
          <NewScenarioForm onMade={open} onCancel={() => setDialog(undefined)} />
        </StudioDialog>
      )}
      {dialog?.kind === 'copy' && (
        <StudioDialog title={t('list.copyDialog', { title: dialog.of.title })} onClose={() => setDialog(undefined)}>
          <NewScenarioForm copyOf={dialog.of} onMade={open} onCancel={() => setDialog(undefined)} />
        </StudioDialog>
      )}
      {dialog?.kind === 'import' && (
        <StudioDialog title={t('list.import')} onClose={() => setDialog(undefined)} wide>
          <ImportWizard onImported={open} />
        </StudioDialog>
      )}
    </main>
  );
}
