import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The SimCell's answer to one message, as one of the organisations it was sent to. */
export function ReplyForm({
  organisations,
  enabled,
  label,
  onReply,
}: {
  organisations: { id: string; name: string }[];
  enabled: boolean;
  label: string;
  onReply: (organisationId: string, text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation('console');
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { org: useId(), text: useId() };
  return (
    <form
      className="reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim() || !organisationId) return;
        setBusy(true);
        void onReply(organisationId, text.trim()).then((ok) => {
          setBusy(false);
          if (ok) setText('');
        });
      }}
    >
      {organisations.length > 1 && (
        <>
          <label htmlFor={ids.org}>{t('simcell.as')}</label>
          <select id={ids.org} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={ids.text}>{label}</label>
      <div className="inline-form">
        <textarea id={ids.text} rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} disabled={!enabled} placeholder={t('simcell.placeholder', { organisation: organisations.find((o) => o.id === organisationId)?.name ?? '' })} />
        <button type="submit" disabled={!enabled || busy || !text.trim()}>{t('simcell.send')}</button>
      </div>
    </form>
  );
}
