import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type CreateExerciseBody, type ScenarioSummary } from '@startex/shared';
import { call, callText, type ApiError } from '../lib/api.ts';
import { readFileAs } from './readFile.ts';
import './strings.ts';
import { errorText } from '../i18n/errorText.ts';

interface AnalyzerProblem {
  severity: string;
  path?: string;
  message: string;
}

const keyOf = (s: Pick<ScenarioSummary, 'id' | 'version' | 'source'>) => `${s.source}:${s.id}:${s.version}`;

/** Picks a library or uploaded scenario (or uploads one) and creates an exercise pinned to that version. */
export function NewExercise() {
  const { t } = useTranslation('planning');
  const id = useId();
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [upload, setUpload] = useState<{ error?: ApiError; uploaded?: string } | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('new.title')} — StartEx`;
    void call(API_ROUTES.scenarios).then((r) => (r.ok ? setScenarios(r.value) : setError(r.error)));
  }, [t]);

  async function uploadFile(file: File) {
    setUpload(undefined);
    const yaml = /\.ya?ml$/i.test(file.name);
    const text = await readFileAs(file, 'text');
    const result = await callText(API_ROUTES.uploadScenario, { body: text, contentType: yaml ? 'application/yaml' : 'application/json' });
    if (!result.ok) return setUpload({ error: result.error });
    const stored = result.value;
    setScenarios((list) => [...(list ?? []), { ...stored, source: 'uploaded' }]);
    setChosen(keyOf({ ...stored, source: 'uploaded' }));
    setUpload({ uploaded: t('new.uploaded', { title: stored.title, version: stored.version }) });
  }

  async function create() {
    const scenario = scenarios?.find((s) => keyOf(s) === chosen);
    if (!scenario) return;
    const body: CreateExerciseBody = {
      source: scenario.source === 'library' ? { kind: 'library', scenarioId: scenario.id } : { kind: 'uploaded', scenarioId: scenario.id, version: scenario.version },
    };
    setBusy(true);
    const result = await call(API_ROUTES.createExercise, { body });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    window.location.assign(`/plan/${encodeURIComponent(result.value.id)}#settings`);
  }

  const groups = [
    { source: 'library' as const, heading: t('new.library') },
    { source: 'uploaded' as const, heading: t('new.uploadedHeading') },
  ];
  const problems = (upload?.error?.problems ?? []) as AnalyzerProblem[];
  return (
    <main className="page plan-page plan-new">
      <header className="bar">
        <h1>{t('new.title')}</h1>
      </header>
      <p className="subtitle">{t('new.intro')}</p>
      <form
        className="plan-new-form"
        aria-labelledby={`${id}-h`}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2 id={`${id}-h`} className="visually-hidden">{t('new.choose')}</h2>
        {scenarios === undefined && !error && <p>{t('loadingScenarios')}</p>}
        {groups.map((group) => {
          const list = (scenarios ?? []).filter((s) => s.source === group.source);
          if (list.length === 0) return null;
          return (
            <fieldset key={group.source} className="plan-scenarios">
              <legend>{group.heading}</legend>
              {list.map((s) => (
                <label key={keyOf(s)} className="plan-scenario">
                  <input type="radio" name="scenario" value={keyOf(s)} checked={chosen === keyOf(s)} onChange={() => setChosen(keyOf(s))} />
                  <span>
                    <strong>{s.title}</strong>
                    <span className="hint">
                      {t(`common:exerciseType.${s.exerciseType}`)} · {s.functions.map((f) => t(`function.${f}`)).join(', ')} · {s.id} v{s.version}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          );
        })}
        <div className="plan-card">
          <label htmlFor={`${id}-upload`}>{t('new.upload')}</label>
          <p className="hint" id={`${id}-upload-hint`}>{t('new.uploadHint')}</p>
          <input
            id={`${id}-upload`}
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml"
            aria-describedby={`${id}-upload-hint`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void uploadFile(file);
            }}
          />
          {upload?.uploaded && <p role="status" className="plan-ok">✓ {upload.uploaded}</p>}
          {upload?.error && (
            <div role="alert" className="plan-problems">
              <p className="error">{errorText(upload.error)}</p>
              {problems.length > 0 && (
                <ul>
                  {problems.map((p, i) => (
                    <li key={i} className={p.severity === 'error' ? 'error' : ''}>
                      {p.path ? <code>{p.path}</code> : null} {p.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="plan-actions">
          <button type="submit" disabled={!chosen || busy}>{t('new.create')}</button>
          <a href="/">{t('cancel')}</a>
        </div>
        {error && <p role="alert" className="error">{errorText(error)}</p>}
      </form>
    </main>
  );
}
