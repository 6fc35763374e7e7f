import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, PROGRAMME_FUNCTIONS } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import { errorText } from '../i18n/errorText.ts';
import { namer } from './names.ts';
import { NeedsTable } from './NeedsTable.tsx';
import { SignedIn } from './SignedIn.tsx';
import { useLoad } from './useLoad.ts';

/** /programme/exercises/<id>: the needs an exercise serves, and which catalogue capability each objective exercises. */
export function ExerciseProgrammePage({ exerciseId }: { exerciseId: string }) {
  return (
    <SignedIn>
      <ExerciseProgramme exerciseId={exerciseId} />
    </SignedIn>
  );
}

function ExerciseProgramme({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const view = useLoad(API_ROUTES.exerciseProgramme, { params: { exerciseId } });
  const capabilities = useLoad(API_ROUTES.capabilities, {});
  const agencies = useLoad(API_ROUTES.programmeAgencies, {});
  const [map, setMap] = useState<Record<string, string> | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (view.data && !map) setMap(Object.fromEntries(view.data.objectives.flatMap((o) => (o.capabilityId ? [[o.id, o.capabilityId]] : []))));
  }, [view.data, map]);
  if (view.error) return <main className="page plan-page programme"><p role="alert" className="error">{errorText(view.error)}</p></main>;
  if (!view.data || !capabilities.data || !map) return <main className="page"><p>{t('loading')}</p></main>;
  const names = namer(agencies.data, capabilities.data);
  const data = view.data;

  async function save() {
    setSaved(false);
    const targets = Object.fromEntries(data.objectives.flatMap((o) => o.targets.flatMap((x) => (x.capabilityId ? [[x.id, x.capabilityId]] : []))));
    const objectives = Object.fromEntries(Object.entries(map!).filter(([, capabilityId]) => capabilityId));
    const result = await call(API_ROUTES.setCapabilityMap, { params: { exerciseId }, body: { objectives, targets } });
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
  }

  return (
    <main className="page plan-page programme">
      <header className="bar">
        <div>
          <p className="plan-crumb"><a href="/programme#plan">{t('title')}</a></p>
          <h1>{t('exercise.heading', { title: data.title })}</h1>
        </div>
        <div className="bar-actions">
          <a className="button-link" href={`/plan/${encodeURIComponent(exerciseId)}`}>{t('exercise.plan')}</a>
        </div>
      </header>
      {data.activity ? (
        <p className="subtitle">{t('exercise.activity')}: {t(`kind.${data.activity.kind}`)} “{data.activity.title}”</p>
      ) : (
        <p className="notice">{t('exercise.notLinked')}</p>
      )}
      <section aria-labelledby={`${id}-needs`} data-testid="exercise-needs">
        <h2 id={`${id}-needs`}>{t('exercise.needs')}</h2>
        <NeedsTable needs={data.needs} names={names} showAgency />
      </section>
      {data.absorbedVersions.length > 0 && <p>{t('exercise.absorbed', { versions: data.absorbedVersions.join(', ') })}</p>}
      <form
        className="plan-card"
        aria-labelledby={`${id}-capabilities`}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id={`${id}-capabilities`}>{t('exercise.capabilities')}</h2>
        <div className="plan-grid">
          {data.objectives.map((objective) => (
            <div className="plan-field wide" key={objective.id}>
              <label htmlFor={`${id}-${objective.id}`}>{objective.title}</label>
              <select id={`${id}-${objective.id}`} value={map[objective.id] ?? ''} onChange={(e) => setMap({ ...map, [objective.id]: e.target.value })}>
                <option value="">{t('exercise.unmapped')}</option>
                {PROGRAMME_FUNCTIONS.map((f) => (
                  <optgroup key={f} label={t(`function.${f}`)}>
                    {capabilities.data!.filter((c) => c.function === f).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                  </optgroup>
                ))}
              </select>
            </div>
          ))}
        </div>
        <div className="plan-actions">
          <button type="submit">{t('save')}</button>
          <p role="status" className="plan-saved">{saved ? `✓ ${t('saved')}` : ''}</p>
        </div>
        {error && <p role="alert" className="error">{errorText(error)}</p>}
      </form>
    </main>
  );
}
