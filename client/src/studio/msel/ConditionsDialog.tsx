import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Names } from '../document/names.ts';
import { idFromWords, isItem, textOf, type Item } from '../document/studioDocument.ts';
import { StudioDialog } from '../StudioDialog.tsx';
import { decisionOptions } from './decisionOptions.ts';
import { FactEditor } from './FactEditor.tsx';

type Release = 'always' | 'when' | 'unless';

/** What the dialog changes on a row. */
export interface RowConditions {
  when?: Item | undefined;
  unless?: Item | undefined;
  decision?: Item | undefined;
  kind?: string | undefined;
}

/**
 * A row's conditions without YAML: release it always, only if something happened (a branch), or
 * unless it did (a contingency, which also makes the row a contingency inject); and the decision
 * control is offered when it goes out, with options, a deadline and a default.
 */
export function ConditionsDialog({ row, names, onSave, onClose }: { row: Item; names: Names; onSave(conditions: RowConditions): void; onClose(): void }) {
  const { t } = useTranslation('studio');
  const initialRelease: Release = isItem(row.unless) ? 'unless' : isItem(row.when) ? 'when' : 'always';
  const [release, setRelease] = useState<Release>(initialRelease);
  const [fact, setFact] = useState<Item>((isItem(row.unless) ? row.unless : isItem(row.when) ? row.when : undefined) ?? { action: names.actions[0]?.id ?? '' });
  const [kind, setKind] = useState(textOf(row.kind) || 'standard');
  const existing = isItem(row.decision) ? row.decision : undefined;
  const [offer, setOffer] = useState(existing !== undefined);
  const [title, setTitle] = useState(textOf(existing?.title));
  const [options, setOptions] = useState(
    (Array.isArray(existing?.options) ? existing.options : []).filter(isItem).map((o) => textOf(o.title)).join('\n'),
  );
  const [within, setWithin] = useState(typeof existing?.within === 'number' ? String(existing.within) : '10');
  const [defaultOption, setDefaultOption] = useState(textOf(existing?.default));

  const optionList = decisionOptions(options, existing?.options);
  const decisionId = textOf(existing?.id) || idFromWords(title || `${textOf(row.id)}_decision`, 'decision');

  const save = () => {
    const decision = offer
      ? { id: decisionId, title: title || decisionId, options: optionList, within: Math.max(1, Number(within) || 10), default: optionList.some((o) => o.id === defaultOption) ? defaultOption : (optionList[0]?.id ?? '') }
      : undefined;
    // A row released unless something happened is a contingency inject; back to standard when that goes.
    const nextKind = release === 'unless' ? 'contingency' : kind === 'contingency' ? 'standard' : kind;
    onSave({
      when: release === 'when' ? fact : undefined,
      unless: release === 'unless' ? fact : undefined,
      decision,
      kind: nextKind === 'standard' ? undefined : nextKind,
    });
  };

  return (
    <StudioDialog title={t('conditions.title', { row: names.row(textOf(row.id)) })} onClose={onClose} wide>
      <fieldset className="radio-group">
        <legend>{t('conditions.release')}</legend>
        {(['always', 'when', 'unless'] as const).map((r) => (
          <label key={r} className="check">
            <input type="radio" name="release" checked={release === r} onChange={() => setRelease(r)} />
            {t(`conditions.${r}`)}
          </label>
        ))}
      </fieldset>
      {release !== 'always' && <FactEditor fact={fact} names={names} onChange={setFact} idPrefix="condition" />}

      <label className="field">
        {t('conditions.kind')}
        <select value={release === 'unless' ? 'contingency' : kind} disabled={release === 'unless'} onChange={(e) => setKind(e.target.value)}>
          {['standard', 'contingency', 'adaptive'].map((k) => (
            <option key={k} value={k}>{t(`injectKind.${k}`)}</option>
          ))}
        </select>
      </label>

      <label className="check">
        <input type="checkbox" checked={offer} onChange={(e) => setOffer(e.target.checked)} />
        {t('conditions.offer')}
      </label>
      {offer && (
        <div className="form-grid">
          <label>
            {t('conditions.decisionTitle')}
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            {t('conditions.options')}
            <textarea rows={3} value={options} onChange={(e) => setOptions(e.target.value)} />
          </label>
          <label>
            {t('conditions.within')}
            <input type="number" min={1} value={within} onChange={(e) => setWithin(e.target.value)} />
          </label>
          <label>
            {t('conditions.default')}
            <select value={defaultOption} onChange={(e) => setDefaultOption(e.target.value)}>
              {optionList.map((o) => (
                <option key={o.id} value={o.id}>{o.title}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>{t('cancel')}</button>
        <button type="button" onClick={save}>{t('save')}</button>
      </div>
    </StudioDialog>
  );
}
