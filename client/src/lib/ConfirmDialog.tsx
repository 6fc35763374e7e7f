import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@startex/shared';
import { Dialog } from './Dialog.tsx';

/** Asks before something that cannot be undone (Radix dialog, as every dialog); the safe choice (cancel) has the focus. */
export function ConfirmDialog({
  message,
  confirmLabel,
  onConfirm,
  onClose,
  error,
}: {
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  error?: ErrorDetail | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Dialog error={error} title={t('confirm.title')} onClose={onClose}>
      <p>{message}</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose} autoFocus>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
