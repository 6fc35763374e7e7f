import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Finalising cannot be undone: a confirmation that says so, with focus on it. */
export function FinaliseConfirm({ version, unsaved, busy, onConfirm, onCancel }: { version: number; unsaved: boolean; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation('report');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="report-confirm" role="alertdialog" aria-labelledby="finalise-title" aria-describedby="finalise-text">
      <h2 id="finalise-title" tabIndex={-1} ref={heading}>{t('finaliseTitle', { version })}</h2>
      <p id="finalise-text">{t('finaliseText', { version })}</p>
      {unsaved && <p className="error">{t('finaliseUnsaved')}</p>}
      <div className="report-actions">
        <button type="button" onClick={onConfirm} disabled={busy || unsaved}>{t('finaliseConfirm', { version })}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </div>
  );
}
