import { useTranslation } from 'react-i18next';
import { Dialog } from '../lib/Dialog.tsx';
import { SHORTCUTS, type ShortcutGroup } from './shortcuts.ts';

const GROUPS: ShortcutGroup[] = ['exercise', 'inject', 'play'];

/** The keyboard shortcut list (the "?" key), grouped as the console is. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('console');
  return (
    <Dialog title={t('help.title')} onClose={onClose} className="shortcut-help">
      <p className="hint">{t('help.intro')}</p>
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <table key={group} className="shortcut-list" data-testid={`shortcuts-${group}`}>
            <caption>{t(`help.group.${group}`)}</caption>
            <tbody>
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <tr key={s.id}>
                  <th scope="row"><kbd>{s.label}</kbd></th>
                  <td>{t(`shortcut.${s.id}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="hint">{t('help.confirm')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>{t('close')}</button>
      </div>
    </Dialog>
  );
}
