import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InjectChannel, type ControllerCommand, type ErrorDetail, type Team } from '@startex/shared';
import { Dialog } from '../lib/Dialog.tsx';
import { TeamPicker } from './TeamPicker.tsx';

type Adhoc = Extract<ControllerCommand, { type: 'adhoc' }>;

/** An inject written during play: recipients, channel, simulated sender, subject and body. */
export function AdhocDialog({ teams, onSubmit, onClose, error }: { teams: Team[]; onSubmit: (command: Adhoc) => void; onClose: () => void; error?: ErrorDetail | undefined }) {
  const { t } = useTranslation('console');
  const [to, setTo] = useState<string[]>(teams.length === 1 ? [teams[0]!.id] : []);
  const [channel, setChannel] = useState<Adhoc['channel']>('phone');
  const [from, setFrom] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const ids = { channel: useId(), from: useId(), subject: useId(), body: useId() };
  const valid = to.length > 0 && from.trim() && subject.trim() && body.trim();
  return (
    <Dialog title={t('adhoc.title')} onClose={onClose} className="dialog-wide" error={error}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onSubmit({ type: 'adhoc', to, channel, from: from.trim(), subject: subject.trim(), body: body.trim() });
        }}
      >
        <TeamPicker legend={t('field.to')} teams={teams} selected={to} onChange={setTo} />
        <div className="form-row">
          <div>
            <label htmlFor={ids.channel}>{t('field.channel')}</label>
            <select id={ids.channel} value={channel} onChange={(e) => setChannel(e.target.value as Adhoc['channel'])}>
              {InjectChannel.options.map((c) => (
                <option key={c} value={c}>{t(`channel.${c}`)}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.from}>{t('field.from')}</label>
            <input id={ids.from} value={from} onChange={(e) => setFrom(e.target.value)} maxLength={200} required autoFocus />
          </div>
        </div>
        <label htmlFor={ids.subject}>{t('field.subject')}</label>
        <input id={ids.subject} value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} required />
        <label htmlFor={ids.body}>{t('field.body')}</label>
        <textarea id={ids.body} value={body} onChange={(e) => setBody(e.target.value)} rows={6} maxLength={20000} required />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>{t('cancel')}</button>
          <button type="submit" disabled={!valid}>{t('adhoc.submit')}</button>
        </div>
      </form>
    </Dialog>
  );
}
