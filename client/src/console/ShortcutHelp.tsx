import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** The keyboard shortcut list (the "?" key). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('console');
  return (
    <Dialog title={t('help.title')} onClose={onClose}>
      <p className="hint">{t('help.intro')}</p>
      <table className="shortcut-list">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.id}>
              <th scope="row"><kbd>{s.label ?? s.keys[0]}</kbd></th>
              <td>{t(`shortcut.${s.id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>{t('close')}</button>
      </div>
    </Dialog>
  );
}
