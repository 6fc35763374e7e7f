import { Pause, Pencil, Send, SkipForward } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { MselRow } from './msel.ts';
import type { CommandAccess } from './permissions.ts';
import { shortcutLabel, type ShortcutId } from './shortcuts.ts';

/** The selected MSEL row and what control can do with it before it is out: release, hold, skip, edit. */
export function SelectedInject({ selected, access, act }: { selected: MselRow | undefined; access: CommandAccess; act: (id: ShortcutId) => void }) {
  const { t } = useTranslation('console');
  if (!access.shown('release')) return null;
  const out = selected?.state === 'released' || selected?.adHoc;
  const button = (id: 'release' | 'hold' | 'skip' | 'edit', Icon: LucideIcon, enabled: boolean, tone = 'secondary') => (
    <button type="button" className={`tool small ${tone}`} disabled={!enabled || !access.enabled(id)} aria-keyshortcuts={shortcutLabel(id)} title={`${t(`shortcut.${id}`)} (${shortcutLabel(id)})`} onClick={() => act(id)}>
      <Icon aria-hidden="true" size={15} />
      {t(`command.${id}`)}
    </button>
  );
  return (
    <div className="selected-inject" role="group" aria-label={t('commands.selected')}>
      <p className="selected-label" aria-live="polite" title={selected ? `#${selected.number} ${selected.subject}` : undefined}>
        {selected ? (
          <>
            <span className="label">{t('commands.selected')}</span> <strong>#{selected.number} {selected.subject}</strong>
          </>
        ) : (
          <span className="muted">{t('commands.noneSelected')}</span>
        )}
      </p>
      <div className="toolbar-group">
        {button('release', Send, !!selected && !out, selected?.state === 'held' ? 'warn-button' : '')}
        {button('hold', Pause, !!selected && !out && selected.state !== 'held')}
        {button('skip', SkipForward, !!selected && !out && selected.state !== 'skipped', 'danger-outline')}
        {button('edit', Pencil, !!selected && !out)}
      </div>
    </div>
  );
}
