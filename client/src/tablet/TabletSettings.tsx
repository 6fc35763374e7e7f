import { useState } from 'react';
import { Popover } from 'radix-ui';
import { Settings } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../lib/ConfirmDialog.tsx';
import { Preferences } from '../lib/Preferences.tsx';

/**
 * Language, theme, alert sound and leaving the exercise, behind one button (Radix Popover: focus and
 * Escape handled); leaving asks first in the same dialog as every other confirmation.
 */
export function TabletSettings({ alerts, onAlerts, onLeave }: { alerts: boolean; onAlerts: (on: boolean) => void; onLeave: () => void }) {
  const { t } = useTranslation('tablet');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button type="button" className="secondary icon-button" aria-label={t('settings.open')}>
            <Settings aria-hidden="true" size={22} />
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          {/* Leaving moves the focus into the confirmation, not back to the settings button. */}
          <Popover.Content className="popover tablet-settings" align="end" sideOffset={6} onCloseAutoFocus={(event) => confirming && event.preventDefault()}>
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
                setOpen(false);
                setConfirming(true);
              }}
            >
              {t('leave.button')}
            </button>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {confirming && <ConfirmDialog message={t('leave.confirm')} confirmLabel={t('leave.submit')} onConfirm={onLeave} onClose={() => setConfirming(false)} />}
    </>
  );
}
