import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { freshIdAt, itemsAt, updateList } from '../document/edits.ts';
import { stringsOf, textOf, type DocPath, type Item, type StudioDocument } from '../document/studioDocument.ts';

/** One input of a form over a list's items. */
export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'select' | 'multi' | 'bool' | 'lines' | 'textarea';
  options?: { value: string; label: string }[];
  /** `select`: the choice that leaves the field out. */
  empty?: string;
  hint?: string;
}

/** Reads an input's text into the value the document holds. */
function valueOf(field: FieldSpec, text: string): unknown {
  switch (field.kind) {
    case 'number':
      return text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text);
    case 'lines':
      return text.split('\n').map((l) => l.trim()).filter(Boolean);
    case 'select':
      return text === '' ? undefined : text;
    default:
      return text;
  }
}

export function FieldInput({ field, item, onChange, id }: { field: FieldSpec; item: Item; onChange(value: unknown): void; id: string }) {
  const value = item[field.key];
  const hint = field.hint ? `${id}-hint` : undefined;
  const input = (() => {
    switch (field.kind) {
      case 'bool':
        return <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
      case 'select':
        return (
          <select id={id} value={textOf(value)} aria-describedby={hint} onChange={(e) => onChange(valueOf(field, e.target.value))}>
            {field.empty !== undefined && <option value="">{field.empty}</option>}
            {value !== undefined && !field.options?.some((o) => o.value === value) && <option value={textOf(value)}>{textOf(value)}</option>}
            {field.options?.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        );
      case 'multi':
        return (
          <span className="multi" role="group" aria-labelledby={`${id}-label`}>
            {field.options?.map((o) => (
              <label key={o.value} className="check">
                <input type="checkbox" checked={stringsOf(value).includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...stringsOf(value), o.value] : stringsOf(value).filter((v) => v !== o.value))} />
                {o.label}
              </label>
            ))}
          </span>
        );
      case 'lines':
        return <textarea id={id} rows={3} aria-describedby={hint} value={stringsOf(value).join('\n')} onChange={(e) => onChange(e.target.value.split('\n'))} onBlur={(e) => onChange(valueOf(field, e.target.value))} />;
      case 'textarea':
        return <textarea id={id} rows={3} aria-describedby={hint} value={textOf(value)} onChange={(e) => onChange(e.target.value)} />;
      case 'number':
        return <input id={id} type="number" aria-describedby={hint} value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(valueOf(field, e.target.value))} />;
      case 'text':
        return <input id={id} aria-describedby={hint} value={textOf(value)} onChange={(e) => onChange(e.target.value)} />;
      default: {
        const exhaustive: never = field.kind;
        return exhaustive;
      }
    }
  })();
  return (
    <div className={`form-field field-${field.kind}`} data-field={field.key}>
      {field.kind === 'multi' ? <span id={`${id}-label`} className="form-label">{field.label}</span> : <label htmlFor={id} className="form-label">{field.label}</label>}
      {input}
      {hint && <span id={hint} className="hint">{field.hint}</span>}
    </div>
  );
}

/**
 * A form over a list part of the document (teams, organisations, storylines, flags, ...): one
 * group of inputs per item, add, remove, reorder. Every change is an edit of the one document.
 */
export function ItemList({ document, path, fields, edit, stem, blank, titleOf, readOnly, focus, idKey = 'id', addLabel, children }: {
  document: StudioDocument;
  /** Where the list is: `['teams']`, `['actions', 2, 'fields']`. */
  path: DocPath;
  fields: FieldSpec[];
  edit(change: (document: StudioDocument) => StudioDocument): void;
  stem: string;
  blank: Item;
  titleOf(item: Item, index: number): string;
  readOnly: boolean;
  /** An item and field to bring into view (a problem's link). */
  focus?: { index: number; field?: string | undefined } | undefined;
  /** The key that names an item (`name` for action fields). */
  idKey?: string;
  addLabel: string;
  /** What an item holds besides its fields (nested lists). */
  children?: (index: number) => ReactNode;
}) {
  const { t } = useTranslation('studio');
  const base = useId();
  const items = itemsAt(document, path);
  const change = (index: number, key: string, value: unknown) =>
    edit((d) =>
      updateList(d, path, (list) =>
        list.map((item, i) => {
          if (i !== index) return item;
          const next = { ...item, [key]: value };
          if (value === undefined) delete next[key];
          return next;
        }),
      ),
    );
  const moveBy = (index: number, by: number) =>
    edit((d) =>
      updateList(d, path, (list) => {
        const copy = [...list];
        const [item] = copy.splice(index, 1);
        copy.splice(index + by, 0, item!);
        return copy;
      }),
    );
  const part = path.join('-');
  return (
    <div className="item-list">
      {items.map((item, index) => (
        <fieldset key={index} className={`item${focus?.index === index ? ' focused' : ''}`} disabled={readOnly} data-part={part} data-index={index}>
          <legend>{titleOf(item, index) || t('parts.untitled')}</legend>
          <div className="form-grid">
            <FieldInput field={{ key: idKey, label: t('parts.id'), kind: 'text', hint: t('parts.idHint') }} item={item} id={`${base}-${index}-id`} onChange={(v) => change(index, idKey, v)} />
            {fields.map((field) => (
              <FieldInput key={field.key} field={field} item={item} id={`${base}-${index}-${field.key}`} onChange={(v) => change(index, field.key, v)} />
            ))}
          </div>
          {children?.(index)}
          {!readOnly && (
            <div className="item-actions">
              <button type="button" className="secondary small" disabled={index === 0} onClick={() => moveBy(index, -1)}>{t('grid.up')}</button>
              <button type="button" className="secondary small" disabled={index === items.length - 1} onClick={() => moveBy(index, 1)}>{t('grid.down')}</button>
              <button type="button" className="secondary small" onClick={() => edit((d) => updateList(d, path, (list) => list.filter((_, i) => i !== index)))}>{t('parts.remove', { what: titleOf(item, index) || t('parts.untitled') })}</button>
            </div>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <button type="button" className="secondary" onClick={() => edit((d) => updateList(d, path, (list) => [...list, { [idKey]: freshIdAt(d, path, stem, idKey), ...blank }]))}>
          {addLabel}
        </button>
      )}
    </div>
  );
}
