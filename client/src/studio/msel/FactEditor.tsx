import { useTranslation } from 'react-i18next';
import { factWords } from '../document/factWords.ts';
import type { Names } from '../document/names.ts';
import { isItem, stringsOf, textOf, type Item } from '../document/studioDocument.ts';

export type FactKind = 'action' | 'acknowledged' | 'decision' | 'flag' | 'released';
const KINDS: FactKind[] = ['action', 'acknowledged', 'decision', 'flag', 'released'];

export const factKind = (fact: Item): FactKind | 'compound' =>
  KINDS.find((kind) => (kind === 'decision' ? typeof fact.decision === 'string' : typeof fact[kind] === 'string')) ?? 'compound';

/** A fresh fact of a kind, pointing at the first thing of that kind the document has. */
function blankFact(kind: FactKind, names: Names): Item {
  switch (kind) {
    case 'action':
      return { action: names.actions[0]?.id ?? '' };
    case 'acknowledged':
      return { acknowledged: names.rows[0]?.id ?? '' };
    case 'decision':
      return { decision: names.decisions[0]?.id ?? '', is: names.decisions[0]?.options[0]?.id ?? '' };
    case 'flag':
      return { flag: names.flags[0]?.id ?? '' };
    case 'released':
      return { released: names.rows[0]?.id ?? '' };
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

/** The "Counted from" choice of a deadline counted from a moment of play (`after`), which Source edits. */
const MOMENT = '__after';

const numberOrUndefined = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

/**
 * One condition, as a controller says it, built from pickers: an action taken (by a team, with a
 * field's value, within minutes of a row), an inject acknowledged, a decision, a flag, a release.
 * Combinations (all / any / not) are shown in words and changed in Source.
 */
export function FactEditor({ fact, names, onChange, idPrefix }: { fact: Item; names: Names; onChange(fact: Item): void; idPrefix: string }) {
  const { t } = useTranslation('studio');
  const kind = factKind(fact);
  if (kind === 'compound') return <p className="hint">{factWords(fact, names, t)} — {t('fact.compound')}</p>;
  const set = (patch: Item) => {
    const next = { ...fact, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined || value === '') delete next[key];
    onChange(next);
  };
  const action = names.actions.find((a) => a.id === fact.action);
  const whereEntries = isItem(fact.where) ? Object.entries(fact.where) : [];
  const [whereField, whereValue] = whereEntries[0] ?? ['', ''];
  const field = action?.fields.find((f) => f.name === whereField);
  const by = stringsOf(fact.by)[0] ?? '';
  const teamChoices = kind === 'action' && action ? names.teams.filter((team) => action.teams.includes(team.id)) : names.teams;
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <div className="fact-editor">
      <label htmlFor={id('kind')}>{t('fact.kindLabel')}</label>
      <select id={id('kind')} value={kind} onChange={(e) => onChange(blankFact(e.target.value as FactKind, names))}>
        {KINDS.map((k) => (
          <option key={k} value={k}>{t(`fact.kind.${k}`)}</option>
        ))}
      </select>

      {kind === 'action' && (
        <>
          <label htmlFor={id('action')}>{t('fact.actionLabel')}</label>
          <select id={id('action')} value={textOf(fact.action)} onChange={(e) => onChange({ action: e.target.value })}>
            {!action && <option value={textOf(fact.action)}>{t('choose')}</option>}
            {names.actions.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
          {action && action.fields.length > 0 && (
            <>
              <label htmlFor={id('field')}>{t('fact.fieldLabel')}</label>
              <select id={id('field')} value={whereField} onChange={(e) => set({ where: e.target.value ? { [e.target.value]: action.fields.find((f) => f.name === e.target.value)?.options[0] ?? '' } : undefined })}>
                <option value="">{t('fact.anyValue')}</option>
                {action.fields.map((f) => (
                  <option key={f.name} value={f.name}>{f.label}</option>
                ))}
              </select>
              {field && (
                <>
                  <label htmlFor={id('value')}>{t('fact.valueLabel', { field: field.label })}</label>
                  {field.options.length > 0 ? (
                    <select id={id('value')} value={textOf(whereValue)} onChange={(e) => set({ where: { [field.name]: e.target.value } })}>
                      {field.options.map((o) => (
                        <option key={o} value={o}>{o}</option>
                      ))}
                    </select>
                  ) : field.type === 'boolean' ? (
                    <select id={id('value')} value={String(whereValue)} onChange={(e) => set({ where: { [field.name]: e.target.value === 'true' } })}>
                      <option value="true">{t('yes')}</option>
                      <option value="false">{t('no')}</option>
                    </select>
                  ) : (
                    <input id={id('value')} value={textOf(whereValue)} onChange={(e) => set({ where: { [field.name]: field.type === 'number' && numberOrUndefined(e.target.value) !== undefined ? Number(e.target.value) : e.target.value } })} />
                  )}
                </>
              )}
            </>
          )}
        </>
      )}

      {(kind === 'acknowledged' || kind === 'released') && (
        <>
          <label htmlFor={id('row')}>{t('fact.rowLabel')}</label>
          <select id={id('row')} value={textOf(fact[kind])} onChange={(e) => set({ [kind]: e.target.value })}>
            {names.rows.map((r) => (
              <option key={r.id} value={r.id}>{r.name}</option>
            ))}
          </select>
        </>
      )}

      {(kind === 'action' || kind === 'acknowledged') && (
        <>
          <label htmlFor={id('by')}>{t('fact.byLabel')}</label>
          <select id={id('by')} value={fact.every === true ? '__every' : by} onChange={(e) => (e.target.value === '__every' ? set({ by: teamChoices.map((team) => team.id), every: true }) : set({ by: e.target.value || undefined, every: undefined }))}>
            <option value="">{t('fact.anyTeam')}</option>
            <option value="__every">{t('fact.everyTeam')}</option>
            {teamChoices.map((team) => (
              <option key={team.id} value={team.id}>{team.name}</option>
            ))}
          </select>
          <label htmlFor={id('within')}>{t('fact.withinLabel')}</label>
          <input id={id('within')} type="number" min={1} value={typeof fact.within === 'number' ? fact.within : ''} onChange={(e) => set({ within: numberOrUndefined(e.target.value) })} />
          {kind === 'action' && (
            <>
              <label htmlFor={id('of')}>{t('fact.ofLabel')}</label>
              <select id={id('of')} value={isItem(fact.after) ? MOMENT : textOf(fact.of)} onChange={(e) => e.target.value !== MOMENT && set({ of: e.target.value, after: undefined })}>
                <option value="">{t('fact.ofStart')}</option>
                {isItem(fact.after) && <option value={MOMENT}>{factWords(fact.after, names, t)}</option>}
                {names.rows.map((r) => (
                  <option key={r.id} value={r.id}>{r.name}</option>
                ))}
              </select>
            </>
          )}
        </>
      )}

      {kind === 'decision' && (
        <>
          <label htmlFor={id('decision')}>{t('fact.decisionLabel')}</label>
          <select id={id('decision')} value={textOf(fact.decision)} onChange={(e) => onChange({ decision: e.target.value, is: names.decisions.find((d) => d.id === e.target.value)?.options[0]?.id ?? '' })}>
            {names.decisions.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
          <label htmlFor={id('option')}>{t('fact.optionLabel')}</label>
          <select id={id('option')} value={textOf(fact.is)} onChange={(e) => set({ is: e.target.value })}>
            {(names.decisions.find((d) => d.id === fact.decision)?.options ?? []).map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </>
      )}

      {kind === 'flag' && (
        <>
          <label htmlFor={id('flag')}>{t('fact.flagLabel')}</label>
          <select id={id('flag')} value={textOf(fact.flag)} onChange={(e) => set({ flag: e.target.value })}>
            {names.flags.map((f) => (
              <option key={f.id} value={f.id}>{f.name}</option>
            ))}
          </select>
          <label htmlFor={id('equals')}>{t('fact.equalsLabel')}</label>
          <select id={id('equals')} value={fact.equals === false ? 'false' : 'true'} onChange={(e) => set({ equals: e.target.value === 'false' ? false : undefined })}>
            <option value="true">{t('fact.isSet')}</option>
            <option value="false">{t('fact.isNotSet')}</option>
          </select>
        </>
      )}
      <p className="fact-words" aria-live="polite">{factWords(fact, names, t)}</p>
    </div>
  );
}
