import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftView, HistoryEntry, VersionView } from '@startex/shared';
import type { Problem, ScenarioDiff } from '@startex/scenarios/browser';
import { errorText } from '../../i18n/errorText.ts';
import type { ApiError } from '../../lib/api.ts';
import type { Draft } from '../document/useDraft.ts';
import { studioApi } from '../studioApi.ts';
import { DiffView } from './DiffView.tsx';

const when = (ms: number, language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

/**
 * Publishing and the versions: publish the draft as the next immutable version, compare any two
 * (or a version with the draft), revert to a version as a new draft, make an exercise from a
 * version, and who changed what, when.
 */
export function VersionsPanel({ draft, saveNow, adopt, readOnly }: { draft: Draft; saveNow(): Promise<number | undefined>; adopt(view: DraftView): void; readOnly: boolean }) {
  const { t, i18n } = useTranslation('studio');
  const id = draft.scenarioId;
  const [versions, setVersions] = useState<VersionView[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('draft');
  const [diff, setDiff] = useState<ScenarioDiff | undefined>();

  const refresh = useCallback(async () => {
    const [v, h] = await Promise.all([studioApi.versions(id), studioApi.history(id)]);
    if (v.ok) {
      setVersions(v.value);
      setFrom((f) => f || (v.value[0] ? `v${v.value[0].version}` : ''));
    }
    if (h.ok) setHistory(h.value);
  }, [id]);
  useEffect(() => void refresh(), [refresh, draft.revision]);

  const publish = async () => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    // What is on the page is what gets published: save it first.
    const revision = await saveNow();
    if (revision === undefined) {
      setBusy(false);
      return setError({ code: 'SCENARIO_DRAFT_CONFLICT', message: t('versions.saveFirst') });
    }
    const result = await studioApi.publish(id, revision, note.trim() || undefined);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setNote('');
    setNotice(t('versions.published', { version: result.value.version }));
    void refresh();
  };
  const revert = async (version: number) => {
    setError(undefined);
    const revision = await saveNow();
    if (revision === undefined) return setError({ code: 'SCENARIO_DRAFT_CONFLICT', message: t('versions.saveFirst') });
    const result = await studioApi.revert(id, revision, version);
    if (!result.ok) return setError(result.error);
    adopt(result.value);
    setNotice(t('versions.reverted', { version }));
  };
  const makeExercise = async (version: number) => {
    const result = await studioApi.createExercise(id, version);
    if (!result.ok) return setError(result.error);
    window.location.assign(`/plan/${encodeURIComponent(result.value.id)}#settings`);
  };
  const compare = async () => {
    setDiff(undefined);
    await saveNow();
    const result = await studioApi.diff(id, from, to);
    if (!result.ok) return setError(result.error);
    setDiff(result.value);
  };

  const refs = [{ value: 'draft', label: t('versions.draft') }, ...versions.map((v) => ({ value: `v${v.version}`, label: t('versions.version', { version: v.version }) }))];
  const problems = (error?.problems ?? []) as Problem[];
  return (
    <section className="versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('view.versions')}</h2>
      <div aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
        {error && (
          <div role="alert" className="error">
            <p>{errorText(error)}</p>
            {problems.length > 0 && <ul>{problems.slice(0, 10).map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
          </div>
        )}
      </div>
      {!readOnly && (
        <form
          className="publish"
          onSubmit={(e) => {
            e.preventDefault();
            void publish();
          }}
        >
          <label>
            {t('versions.note')}
            <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>{t('versions.publish', { version: (versions[0]?.version ?? 0) + 1 })}</button>
          <p className="hint">{draft.unpublished || draft.save.kind !== 'saved' ? t('versions.unpublished') : t('versions.upToDate')}</p>
        </form>
      )}

      <h3>{t('versions.list')}</h3>
      {versions.length === 0 ? (
        <p className="empty">{t('versions.none')}</p>
      ) : (
        <table className="studio-table">
          <thead>
            <tr>
              <th scope="col">{t('versions.number')}</th>
              <th scope="col">{t('versions.when')}</th>
              <th scope="col">{t('versions.who')}</th>
              <th scope="col">{t('versions.noteColumn')}</th>
              <th scope="col"><span className="visually-hidden">{t('versions.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{t('versions.version', { version: v.version })}</th>
                <td>{when(v.publishedAt, i18n.language)}</td>
                <td>{v.publishedBy?.displayName ?? '—'}</td>
                <td>{v.note ?? ''}</td>
                <td className="row-buttons">
                  <button type="button" className="small" onClick={() => void makeExercise(v.version)}>{t('versions.exercise', { version: v.version })}</button>
                  {!readOnly && <button type="button" className="small secondary" onClick={() => void revert(v.version)}>{t('versions.revert', { version: v.version })}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('versions.compare')}</h3>
      <div className="compare">
        <label>
          {t('versions.from')}
          <select value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">{t('choose')}</option>
            {refs.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </label>
        <label>
          {t('versions.to')}
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            {refs.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
        </label>
        <button type="button" className="secondary" disabled={!from || from === to} onClick={() => void compare()}>{t('versions.show')}</button>
      </div>
      {diff && <DiffView diff={diff} />}

      <h3>{t('versions.history')}</h3>
      <ol className="history">
        {history.map((entry, i) => (
          <li key={i}>
            <span className="when">{when(entry.at, i18n.language)}</span> {t(`history.${entry.kind}`, { who: entry.by.displayName, version: entry.version ?? '', revision: entry.revision ?? '', from: entry.from ?? '' })}
            {entry.changes && <span className="hint"> — {t('history.changes', entry.changes)}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
