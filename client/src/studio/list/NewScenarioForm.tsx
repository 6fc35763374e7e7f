import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/index.ts';
import { ExerciseType, SecurityFunction } from '@startex/shared';
import { errorText } from '../../i18n/errorText.ts';
import type { ApiError } from '../../lib/api.ts';
import { idFromWords } from '../document/studioDocument.ts';
import { studioApi } from '../studioApi.ts';

/** A new scenario from scratch (a skeleton draft the server makes), or a copy of one: a title is all it needs. */
export function NewScenarioForm({ copyOf, onMade, onCancel }: { copyOf?: { id: string; title: string } | undefined; onMade(id: string): void; onCancel?: () => void }) {
  const { t } = useTranslation('studio');
  const [title, setTitle] = useState(copyOf ? t('list.copyTitle', { title: copyOf.title }) : '');
  const [language, setLanguage] = useState<'en' | 'lt'>('en');
  const [type, setType] = useState<(typeof ExerciseType.options)[number]>('tabletop');
  const [fn, setFn] = useState<(typeof SecurityFunction.options)[number]>('response');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const id = idFromWords(title, 'scenario');
  return (
    <form
      className="new-scenario"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const result = copyOf ? await studioApi.copy(copyOf.id, { id, title }) : await studioApi.create({ id, title, language, exerciseType: type, functions: [fn] });
        setBusy(false);
        if (!result.ok) return setError(result.error);
        onMade(result.value.scenarioId);
      }}
    >
      <div className="form-grid">
        <label>
          {t('settings.title')}
          <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {!copyOf && (
          <>
            <label>
              {t('settings.language')}
              <select value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'lt')}>
                {LANGUAGES.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
              </select>
            </label>
            <label>
              {t('settings.type')}
              <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
                {ExerciseType.options.map((v) => <option key={v} value={v}>{t(`exerciseType.${v}`)}</option>)}
              </select>
            </label>
            <label>
              {t('settings.function')}
              <select value={fn} onChange={(e) => setFn(e.target.value as typeof fn)}>
                {SecurityFunction.options.map((v) => <option key={v} value={v}>{t(`function.${v}`)}</option>)}
              </select>
            </label>
          </>
        )}
      </div>
      <p className="hint">{t('list.idWillBe', { id })}</p>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      <div className="dialog-actions">
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>}
        <button type="submit" disabled={busy || !title.trim()}>{copyOf ? t('list.makeCopy') : t('list.create')}</button>
      </div>
    </form>
  );
}
