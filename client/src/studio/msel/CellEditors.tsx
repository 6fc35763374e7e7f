import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../lib/Markdown.tsx';

/** Every cell editor: the value it starts from, and how it ends (commit a value, or cancel). */
export interface EditorProps<V> {
  label: string;
  value: V;
  onCommit(value: V, move?: 'down' | 'right'): void;
  onCancel(): void;
}

/** Enter commits and moves down, Tab commits and moves right, Escape cancels: as in a spreadsheet. */
function lineKeys<V>(event: KeyboardEvent, value: V, { onCommit, onCancel }: Pick<EditorProps<V>, 'onCommit' | 'onCancel'>) {
  if (event.key === 'Escape') {
    event.preventDefault();
    onCancel();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    onCommit(value, 'down');
  } else if (event.key === 'Tab') {
    event.preventDefault();
    onCommit(value, 'right');
  }
}

/** Ctrl+Enter commits a paragraph (Enter is a new line in it). */
function paragraphKeys<V>(event: KeyboardEvent, value: V, { onCommit, onCancel }: Pick<EditorProps<V>, 'onCommit' | 'onCancel'>) {
  if (event.key === 'Escape') {
    event.preventDefault();
    onCancel();
  } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    onCommit(value, 'down');
  } else if (event.key === 'Tab' && !event.shiftKey) {
    event.preventDefault();
    onCommit(value, 'right');
  }
}

export function TextEditor(props: EditorProps<string> & { placeholder?: string }) {
  const [value, setValue] = useState(props.value);
  return (
    <input
      className="cell-input"
      aria-label={props.label}
      autoFocus
      value={value}
      placeholder={props.placeholder}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => lineKeys(e, value, props)}
      onBlur={() => props.onCommit(value)}
    />
  );
}

export function LinesEditor(props: EditorProps<string[]>) {
  const { t } = useTranslation('studio');
  const [text, setText] = useState(props.value.join('\n'));
  const lines = () => text.split('\n').map((l) => l.trim()).filter(Boolean);
  const hint = useId();
  return (
    <div className="cell-popover">
      <textarea aria-label={props.label} aria-describedby={hint} autoFocus rows={4} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => paragraphKeys(e, lines(), props)} onBlur={() => props.onCommit(lines())} />
      <p id={hint} className="hint">{t('grid.linesHint')}</p>
    </div>
  );
}

export function MarkdownEditor(props: EditorProps<string>) {
  const { t } = useTranslation('studio');
  const [text, setText] = useState(props.value);
  const hint = useId();
  const box = useRef<HTMLDivElement>(null);
  return (
    <div
      className="cell-popover cell-markdown"
      ref={box}
      onBlur={(e) => {
        if (!box.current?.contains(e.relatedTarget as Node | null)) props.onCommit(text);
      }}
    >
      <textarea aria-label={props.label} aria-describedby={hint} autoFocus rows={7} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => paragraphKeys(e, text, props)} />
      <p id={hint} className="hint">{t('grid.markdownHint')}</p>
      <section className="markdown-preview" aria-label={t('grid.preview')} tabIndex={-1}>
        <Markdown text={text} />
      </section>
    </div>
  );
}

export function ChoiceEditor(props: EditorProps<string> & { options: { value: string; label: string }[]; allowEmpty?: string }) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <select
      ref={ref}
      className="cell-input"
      aria-label={props.label}
      defaultValue={props.value}
      onChange={(e) => props.onCommit(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        } else if (e.key === 'Enter' || e.key === 'Tab') {
          e.preventDefault();
          props.onCommit(e.currentTarget.value, e.key === 'Tab' ? 'right' : 'down');
        }
      }}
      onBlur={(e) => props.onCommit(e.target.value)}
    >
      {props.allowEmpty !== undefined && <option value="">{props.allowEmpty}</option>}
      {!props.options.some((o) => o.value === props.value) && props.value && <option value={props.value}>{props.value}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>{o.label}</option>
      ))}
    </select>
  );
}

/** Several of a list (addressees, critical tasks): checkboxes; Enter or leaving the box commits. */
export function ChoicesEditor(props: EditorProps<string[]> & { options: { value: string; label: string }[] }) {
  const { t } = useTranslation('studio');
  const [chosen, setChosen] = useState(props.value);
  const box = useRef<HTMLFieldSetElement>(null);
  useEffect(() => box.current?.querySelector('input')?.focus(), []);
  return (
    <fieldset
      ref={box}
      className="cell-popover cell-choices"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        } else if (e.key === 'Enter') {
          e.preventDefault();
          props.onCommit(chosen, 'down');
        }
      }}
      onBlur={(e) => {
        if (!box.current?.contains(e.relatedTarget as Node | null)) props.onCommit(chosen);
      }}
    >
      <legend>{props.label}</legend>
      {props.options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(o.value)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      <button type="button" className="small" onClick={() => props.onCommit(chosen, 'down')}>{t('done')}</button>
    </fieldset>
  );
}
