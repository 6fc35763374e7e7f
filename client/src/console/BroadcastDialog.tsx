import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControllerCommand, ErrorDetail, Team } from '@startex/shared';
import { Dialog } from '../lib/Dialog.tsx';
import { TeamPicker } from './TeamPicker.tsx';

type Broadcast = Extract<ControllerCommand, { type: 'broadcast' }>;

/** A message from exercise control to chosen teams, or to everyone when none is chosen. */
export function BroadcastDialog({ teams, onSubmit, onClose, error }: { teams: Team[]; onSubmit: (command: Broadcast) => void; onClose: () => void; error?: ErrorDetail | undefined }) {
  const { t } = useTranslation('console');
  const [to, setTo] = useState<string[]>([]);
  const [text, setText] = useState('');
  const id = useId();
  return (
    <Dialog title={t('broadcast.title')} onClose={onClose} className="dialog-wide" error={error}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onSubmit({ type: 'broadcast', text: text.trim(), ...(to.length ? { to } : {}) });
        }}
      >
        <TeamPicker legend={t('broadcast.to')} teams={teams} selected={to} onChange={setTo} />
        <p className="hint">{to.length ? t('broadcast.toSome', { count: to.length }) : t('broadcast.toAll')}</p>
        <label htmlFor={id}>{t('field.message')}</label>
        <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={5000} required autoFocus />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" disabled={!text.trim()}>{t('broadcast.submit')}</button>
        </div>
      </form>
    </Dialog>
  );
}
