import { useId, useState, type Ref } from 'react';
import { shortcutLabel } from './shortcuts.ts';
import { useTranslation } from 'react-i18next';

/** A controller's note into the exercise log. */
export function NoteForm({ enabled, onNote, inputRef }: { enabled: boolean; onNote: (text: string) => Promise<boolean>; inputRef?: Ref<HTMLInputElement> | undefined }) {
  const { t } = useTranslation('console');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <form
      className="note-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        setBusy(true);
        void onNote(text.trim()).then((ok) => {
          setBusy(false);
          if (ok) setText('');
        });
      }}
    >
      <label htmlFor={id}>
        {t('note.label')}
        <kbd aria-hidden="true">{shortcutLabel('note')}</kbd>
      </label>
      <div className="inline-form">
        <input ref={inputRef} id={id} aria-keyshortcuts={shortcutLabel('note')} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} disabled={!enabled} placeholder={t('note.placeholder')} />
        <button type="submit" disabled={!enabled || busy || !text.trim()}>{t('note.submit')}</button>
      </div>
    </form>
  );
}
