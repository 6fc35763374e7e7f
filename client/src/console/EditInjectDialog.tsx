import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MselRow } from './msel.ts';
import type { ErrorDetail } from '@startex/shared';
import { Dialog } from '../lib/Dialog.tsx';

/** Subject and body of an inject not yet out; saving logs an edit, and it may be released at once. */
export function EditInjectDialog({
  row,
  canRelease,
  onSave,
  onClose,
  error,
}: {
  row: MselRow;
  canRelease: boolean;
  onSave: (change: { subject?: string; body?: string }, release: boolean) => void;
  onClose: () => void;
  error?: ErrorDetail | undefined;
}) {
  const { t } = useTranslation('console');
  const [subject, setSubject] = useState(row.subject);
  const [body, setBody] = useState(row.body);
  const subjectId = useId();
  const bodyId = useId();
  const change = {
    ...(subject.trim() !== row.subject ? { subject: subject.trim() } : {}),
    ...(body.trim() !== row.body.trim() ? { body: body.trim() } : {}),
  };
  const changed = Object.keys(change).length > 0;
  const valid = subject.trim().length > 0 && body.trim().length > 0;
  return (
    <Dialog error={error} title={t('edit.title', { number: row.number })} onClose={onClose} className="dialog-wide">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && changed) onSave(change, false);
        }}
      >
        <label htmlFor={subjectId}>{t('field.subject')}</label>
        <input id={subjectId} value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} required autoFocus />
        <label htmlFor={bodyId}>{t('field.body')}</label>
        <textarea id={bodyId} value={body} onChange={(e) => setBody(e.target.value)} rows={8} maxLength={20000} required />
        <p className="hint">{t('edit.hint')}</p>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="secondary" disabled={!valid || !changed}>
            {t('edit.save')}
          </button>
          <button type="button" disabled={!valid || !canRelease} onClick={() => onSave(change, true)}>
            {t('edit.saveRelease')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
