import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.ts';
import { API_ROUTES, ExerciseType, formatScenarioTime, parseScenarioClockTime, ScenarioClockTime, type ExerciseSettingsBody } from '@startex/shared';
import { call, type ApiError } from '../lib/api.ts';
import type { PlanContext } from './planContext.ts';
import { SaveStatus } from './SaveStatus.tsx';

/** "Day 1 02:30" for a story time in ms (the settings keep minutes, never seconds). */
const scenarioClock = (ms: number) => formatScenarioTime(ms).slice(0, -3);

function zones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : ['Europe/Vilnius', 'UTC'];
}

/** Date, wall-clock start, story start, speed, time zone, language, exercise type and locations. */
export function SettingsSection({ context }: { context: PlanContext }) {
  const { t } = useTranslation('planning');
  const { settings } = context.plan;
  const id = useId();
  const [form, setForm] = useState(() => ({
    title: settings.title,
    date: settings.date ?? '',
    startTime: settings.startTime ?? '',
    scenarioStart: scenarioClock(settings.scenarioStartMs),
    speed: String(settings.speed),
    timeZone: settings.timeZone,
    language: settings.language,
    exerciseType: settings.exerciseType,
    locations: settings.locations.join('\n'),
  }));
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const timeZones = useMemo(zones, []);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: e.target.value }));
  };
  const badStart = !ScenarioClockTime.safeParse(form.scenarioStart.trim()).success;
  const speed = Number(form.speed);
  const badSpeed = !(speed >= 0.1 && speed <= 1000);

  async function save() {
    if (badStart || badSpeed) return;
    const body: ExerciseSettingsBody = {
      title: form.title.trim(),
      ...(form.date ? { date: form.date } : {}),
      ...(form.startTime ? { startTime: form.startTime } : {}),
      scenarioStartMs: parseScenarioClockTime(form.scenarioStart.trim()) * 60_000,
      speed,
      timeZone: form.timeZone.trim(),
      language: form.language,
      exerciseType: form.exerciseType,
      locations: form.locations.split('\n').map((l) => l.trim()).filter(Boolean),
    };
    setBusy(true);
    const result = await call(API_ROUTES.setSettings, { params: { id: context.exerciseId }, body });
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    setSaved(result.ok);
    if (result.ok) context.setPlan(result.value);
  }

  const field = (key: keyof typeof form) => `${id}-${key}`;
  return (
    <section className="plan-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('section.settings')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      <form
        className="plan-form plan-grid"
        aria-labelledby={`${id}-h`}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={context.locked} className="plan-fieldset">
          <div className="plan-field wide">
            <label htmlFor={field('title')}>{t('settings.title')}</label>
            <input id={field('title')} value={form.title} onChange={set('title')} required maxLength={200} />
          </div>
          <div className="plan-field">
            <label htmlFor={field('date')}>{t('settings.date')}</label>
            <input id={field('date')} type="date" value={form.date} onChange={set('date')} />
          </div>
          <div className="plan-field">
            <label htmlFor={field('startTime')}>{t('settings.startTime')}</label>
            <input id={field('startTime')} type="time" value={form.startTime} onChange={set('startTime')} />
          </div>
          <div className="plan-field">
            <label htmlFor={field('scenarioStart')}>{t('settings.scenarioStart')}</label>
            <input
              id={field('scenarioStart')}
              value={form.scenarioStart}
              onChange={set('scenarioStart')}
              aria-invalid={badStart}
              aria-describedby={`${field('scenarioStart')}-hint`}
              required
            />
            <p id={`${field('scenarioStart')}-hint`} className={badStart ? 'error' : 'hint'}>{t('settings.scenarioStartHint')}</p>
          </div>
          <div className="plan-field">
            <label htmlFor={field('speed')}>{t('settings.speed')}</label>
            <input
              id={field('speed')}
              type="number"
              min={0.1}
              max={1000}
              step="any"
              value={form.speed}
              onChange={set('speed')}
              aria-invalid={badSpeed}
              aria-describedby={`${field('speed')}-hint`}
              required
            />
            <p id={`${field('speed')}-hint`} className={badSpeed ? 'error' : 'hint'}>{t('settings.speedHint')}</p>
          </div>
          <div className="plan-field">
            <label htmlFor={field('timeZone')}>{t('settings.timeZone')}</label>
            <input id={field('timeZone')} list={`${field('timeZone')}-list`} value={form.timeZone} onChange={set('timeZone')} required />
            <datalist id={`${field('timeZone')}-list`}>
              {timeZones.map((zone) => <option key={zone} value={zone} />)}
            </datalist>
          </div>
          <div className="plan-field">
            <label htmlFor={field('language')}>{t('settings.language')}</label>
            <select id={field('language')} value={form.language} onChange={set('language')}>
              {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
            </select>
          </div>
          <div className="plan-field">
            <label htmlFor={field('exerciseType')}>{t('settings.exerciseType')}</label>
            <select id={field('exerciseType')} value={form.exerciseType} onChange={set('exerciseType')}>
              {ExerciseType.options.map((type) => <option key={type} value={type}>{t(`common:exerciseType.${type}`)}</option>)}
            </select>
          </div>
          <div className="plan-field wide">
            <label htmlFor={field('locations')}>{t('settings.locations')}</label>
            <textarea id={field('locations')} rows={3} value={form.locations} onChange={set('locations')} aria-describedby={`${field('locations')}-hint`} />
            <p id={`${field('locations')}-hint`} className="hint">{t('settings.locationsHint')}</p>
          </div>
          <div className="plan-actions wide">
            <button type="submit" disabled={busy || badStart || badSpeed}>{t('settings.save')}</button>
            <SaveStatus saved={saved} error={error} />
          </div>
        </fieldset>
      </form>
    </section>
  );
}
