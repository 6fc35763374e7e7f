import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimelineTime } from '@startex/shared';
import type { Names } from '../document/names.ts';
import { isItem, textOf, type Item } from '../document/studioDocument.ts';

export type RowTime = { at?: string | number; after?: Item };

/**
 * When a row goes out: at an exercise or story time ("T+45", "Day 1 10:45"), or some minutes after
 * another row. Rows timed after an action or a decision are set in the row's conditions.
 */
export function TimeEditor({ label, value, names, rowId, onCommit, onCancel }: {
  label: string;
  value: RowTime;
  names: Names;
  rowId: string;
  onCommit(value: RowTime, move?: 'down' | 'right'): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('studio');
  const anchor = isItem(value.after) ? value.after : undefined;
  const otherAnchor = anchor !== undefined && typeof anchor.inject !== 'string';
  const [mode, setMode] = useState<'at' | 'after'>(anchor && !otherAnchor && value.at === undefined ? 'after' : 'at');
  const [at, setAt] = useState(value.at === undefined ? '' : typeof value.at === 'number' ? `T+${value.at}` : value.at);
  const [row, setRow] = useState(anchor && typeof anchor.inject === 'string' ? anchor.inject : '');
  const [minutes, setMinutes] = useState(anchor && typeof anchor.minutes === 'number' ? String(anchor.minutes) : '0');
  const box = useRef<HTMLFieldSetElement>(null);
  const atValid = at === '' || TimelineTime.safeParse(at).success;

  const result = (): RowTime => {
    if (mode === 'at') return at.trim() ? { at: at.trim() } : {};
    return row ? { after: { inject: row, minutes: Math.max(0, Number(minutes) || 0) } } : {};
  };
  return (
    <fieldset
      ref={box}
      className="cell-popover cell-time"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        } else if (e.key === 'Enter' && atValid) {
          e.preventDefault();
          onCommit(result(), 'down');
        }
      }}
      onBlur={(e) => {
        if (!box.current?.contains(e.relatedTarget as Node | null) && atValid) onCommit(result());
      }}
    >
      <legend>{label}</legend>
      {otherAnchor ? (
        <p className="hint">{t('time.otherAnchor')}</p>
      ) : (
        <>
          <label className="check">
            <input type="radio" name={`time-mode-${rowId}`} checked={mode === 'at'} onChange={() => setMode('at')} autoFocus={mode === 'at'} />
            {t('time.at')}
          </label>
          {mode === 'at' && (
            <label>
              <span className="visually-hidden">{t('time.atLabel')}</span>
              <input aria-label={t('time.atLabel')} value={at} placeholder="T+45" aria-invalid={!atValid} onChange={(e) => setAt(e.target.value)} />
              {!atValid && <span className="error">{t('time.invalid')}</span>}
            </label>
          )}
          <label className="check">
            <input type="radio" name={`time-mode-${rowId}`} checked={mode === 'after'} onChange={() => setMode('after')} autoFocus={mode === 'after'} />
            {t('time.after')}
          </label>
          {mode === 'after' && (
            <div className="inline-fields">
              <label>
                {t('time.minutes')}
                <input type="number" min={0} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
              </label>
              <label>
                {t('time.afterRowLabel')}
                <select value={row} onChange={(e) => setRow(e.target.value)}>
                  <option value="">{t('choose')}</option>
                  {names.rows.filter((r) => r.id !== rowId).map((r) => (
                    <option key={r.id} value={r.id}>{r.name}</option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </>
      )}
      <button type="button" className="small" disabled={!atValid} onClick={() => onCommit(result(), 'down')}>{t('done')}</button>
      {textOf(value.at) === '' && !anchor && <p className="hint">{t('time.none')}</p>}
    </fieldset>
  );
}
