import { DropdownMenu } from 'radix-ui';
import { Check, ChevronDown, KeyRound, LogOut, UserRound } from 'lucide-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '@startex/shared';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts';
import { setTheme, useThemeSetting, type Theme } from '../lib/theme.ts';

/** The person's menu: language, theme and sign-out, out of the way until asked for (Radix menu: keyboard and screen-reader behaviour built in). */
export function UserMenu({ session, onSignOut }: { session: SessionView; onSignOut: () => void }) {
  const { t, i18n } = useTranslation('shell');
  const theme = useThemeSetting();
  const navigate = useNavigate();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="ghost user-trigger" aria-label={t('menu.open')} data-testid="user-menu">
          <UserRound aria-hidden="true" size={18} />
          <span className="user-name">{session.user.displayName}</span>
          <ChevronDown aria-hidden="true" size={16} />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Label className="menu-label">{t('menu.signedInAs', { name: session.user.displayName })}</DropdownMenu.Label>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Label className="menu-heading">{t('menu.language')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={i18n.language} onValueChange={(value) => setLanguage(value as Language)}>
            {LANGUAGES.map((l) => (
              <DropdownMenu.RadioItem key={l.code} value={l.code} className="menu-item">
                <DropdownMenu.ItemIndicator className="menu-indicator"><Check size={16} aria-hidden="true" /></DropdownMenu.ItemIndicator>
                {l.label}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Label className="menu-heading">{t('menu.theme')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={theme} onValueChange={(value) => setTheme(value as Theme)}>
            {(['light', 'dark'] as const).map((value) => (
              <DropdownMenu.RadioItem key={value} value={value} className="menu-item">
                <DropdownMenu.ItemIndicator className="menu-indicator"><Check size={16} aria-hidden="true" /></DropdownMenu.ItemIndicator>
                {t(`common:theme.${value}`)}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item" onSelect={() => void navigate('/account')}>
            <KeyRound size={16} aria-hidden="true" /> {t('nav.account')}
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={onSignOut}>
            <LogOut size={16} aria-hidden="true" /> {t('menu.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
