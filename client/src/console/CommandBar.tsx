import type { ReactNode } from 'react';
import { DropdownMenu } from 'radix-ui';
import { Ellipsis, Keyboard, Megaphone, MessageSquarePlus, Split } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CommandAccess } from './permissions.ts';
import { shortcutLabel, type ShortcutId } from './shortcuts.ts';

/** Play commands (ad hoc injects, broadcasts), the scenario's open decisions, and the console's menu. */
export function CommandBar({
  decisions,
  access,
  act,
  connection,
}: {
  decisions: { decision: string; label: string }[];
  access: CommandAccess;
  act: (id: ShortcutId, arg?: string) => void;
  /** The connection badge, at the end of the bar. */
  connection: ReactNode;
}) {
  const { t } = useTranslation('console');
  const button = (id: 'adhoc' | 'broadcast', Icon: typeof Megaphone) =>
    access.shown(id) && (
      <button type="button" className="tool secondary" disabled={!access.enabled(id)} aria-keyshortcuts={shortcutLabel(id)} title={`${t(`shortcut.${id}`)} (${shortcutLabel(id)})`} onClick={() => act(id)}>
        <Icon aria-hidden="true" size={16} />
        {t(`command.${id}`)}
      </button>
    );
  return (
    <section className="command-bar" aria-label={t('commands.label')}>
      {(access.shown('adhoc') || access.shown('broadcast')) && (
        <div className="toolbar-group" role="group" aria-label={t('commands.play')}>
          {button('adhoc', MessageSquarePlus)}
          {button('broadcast', Megaphone)}
        </div>
      )}
      {decisions.length > 0 && access.shown('decide') && (
        <div className="toolbar-group decisions" role="group" aria-label={t('commands.decisions')}>
          <span className="label"><Split aria-hidden="true" size={14} /> {t('commands.decisions')}</span>
          {decisions.map((d, i) => (
            <button key={d.decision} type="button" className="tool decision" disabled={!access.enabled('decide')} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined} onClick={() => act('decide', d.decision)}>
              {d.label}
              {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
            </button>
          ))}
        </div>
      )}
      <div className="toolbar-end">
        {connection}
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button type="button" className="tool ghost icon-only" aria-label={t('commands.more')}>
              <Ellipsis aria-hidden="true" size={18} />
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
              <DropdownMenu.Item className="menu-item" onSelect={() => act('help')}>
                <Keyboard aria-hidden="true" size={16} /> {t('command.help')} <kbd>?</kbd>
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
    </section>
  );
}
