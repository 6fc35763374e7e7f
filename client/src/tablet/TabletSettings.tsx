import { Popover } from 'radix-ui';
import { Settings } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Preferences } from '../lib/Preferences.tsx';

/** Language, theme, alert sound and leaving the exercise, behind one button (Radix Popover: focus and Escape handled). */
export function TabletSettings({ alerts, onAlerts, onLeave }: { alerts: boolean; onAlerts: (on: boolean) => void; onLeave: () => void }) {
  const { t } = useTranslation('tablet');
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="secondary icon-button" aria-label={t('settings.open')}>
          <Settings aria-hidden="true" size={22} />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover tablet-settings" align="end" sideOffset={6}>
          <h2>{t('settings.heading')}</h2>
          <Preferences />
          <label className="check">
            <input type="checkbox" checked={alerts} onChange={(e) => onAlerts(e.target.checked)} />
            {t('settings.alerts')}
          </label>
          <p className="field-hint">{t('settings.alertsHint')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (window.confirm(t('leave.confirm'))) onLeave();
            }}
          >
            {t('leave.button')}
          </button>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
