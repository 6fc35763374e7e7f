import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@startex/shared';
import { Dialog } from '../lib/Dialog.tsx';

/** Hold, skip and halt all need a reason, written into the log. */
export function ReasonDialog({
  title,
  intro,
  submitLabel,
  danger,
  onSubmit,
  onClose,
  error,
}: {
  title: string;
  intro?: string;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
  error?: ErrorDetail | undefined;
}) {
  const { t } = useTranslation('console');
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <Dialog error={error} title={title} onClose={onClose} className={danger ? 'dialog-danger' : ''}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onSubmit(reason.trim());
        }}
      >
        {intro && <p>{intro}</p>}
        <label htmlFor={id}>{t('reason')}</label>
        <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} rows={3} autoFocus />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className={danger ? 'danger' : ''} disabled={!reason.trim()}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
