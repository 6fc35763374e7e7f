import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseView, LogEntry } from '@startex/shared';
import type { OutboxItem } from '../lib/outbox.ts';
import { newKey } from './newKey.ts';
import './HotWashStrings.ts';
import './hotwash.css';
import { errorText } from '../i18n/errorText.ts';

interface Props {
  view: ExerciseView;
  entries: readonly LogEntry[];
  queued: readonly OutboxItem[];
  submit: (payload: Record<string, unknown>, key: string) => void;
}

/** After EndEx: the team's hot-wash (what went well, what to improve, per objective), sent through the outbox. */
export function HotWashForm({ view, entries, queued, submit }: Props) {
  const { t } = useTranslation('hotwash');
  const objectives = view.hotWash?.objectives ?? [];
  const [wentWell, setWentWell] = useState('');
  const [toImprove, setToImprove] = useState('');
  const [perObjective, setPerObjective] = useState<Record<string, { wentWell: string; toImprove: string }>>({});
  const [problem, setProblem] = useState(false);
  // Undecided until the participant opens or sends the form: open only while the team has sent nothing.
  const [choice, setWriting] = useState<boolean | undefined>();
  const sent = entries.filter((e) => e.type === 'feedback.submitted');
  const pending = queued.filter((item) => item.event === 'feedback.submit');
  const writing = choice ?? (sent.length === 0 && pending.length === 0);

  const send = () => {
    const rows = objectives.map((o) => ({ objectiveId: o.id, wentWell: perObjective[o.id]?.wentWell.trim() ?? '', toImprove: perObjective[o.id]?.toImprove.trim() ?? '' }));
    const texts = [wentWell, toImprove, ...rows.flatMap((r) => [r.wentWell, r.toImprove])];
    if (!texts.some((x) => x.trim())) return setProblem(true);
    const key = newKey();
    submit({ wentWell: wentWell.trim(), toImprove: toImprove.trim(), objectives: rows.filter((r) => r.wentWell || r.toImprove), idempotencyKey: key }, key);
    setWentWell('');
    setToImprove('');
    setPerObjective({});
    setProblem(false);
    setWriting(false);
  };
  const set = (id: string, field: 'wentWell' | 'toImprove', value: string) =>
    setPerObjective((all) => ({ ...all, [id]: { wentWell: '', toImprove: '', ...all[id], [field]: value } }));

  return (
    <section id="hotwash" className="tablet-section" aria-labelledby="hotwash-heading" data-testid="hotwash">
      <h2 id="hotwash-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      {pending.map((item) => (
        <p key={item.key} role={item.state === 'failed' ? 'alert' : 'status'} className={item.state === 'failed' ? 'error' : 'notice'}>
          {item.state === 'failed' ? t('failed', { message: item.error ? errorText(item.error) : '' }) : t('queued')}
        </p>
      ))}
      {!writing ? (
        <div className="hotwash-sent">
          {sent.length > 0 && (
            <p role="status" className="hotwash-confirmation" data-testid="hotwash-sent">
              <strong>✓ {t('sentTitle')}</strong> {t('sent')}
            </p>
          )}
          <button type="button" className="secondary" data-testid="hotwash-another" onClick={() => setWriting(true)}>{t('another')}</button>
        </div>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); send(); }}>
          <label htmlFor="hotwash-well">{t('wentWell')}</label>
          <textarea id="hotwash-well" data-testid="hotwash-went-well" value={wentWell} maxLength={5000} onChange={(e) => setWentWell(e.target.value)} />
          <label htmlFor="hotwash-improve">{t('toImprove')}</label>
          <textarea id="hotwash-improve" data-testid="hotwash-to-improve" value={toImprove} maxLength={5000} onChange={(e) => setToImprove(e.target.value)} />
          {objectives.length > 0 && (
            <fieldset>
              <legend>{t('perObjective')}</legend>
              {objectives.map((o) => (
                <div key={o.id} className="hotwash-objective">
                  <h3>{o.title}</h3>
                  <label htmlFor={`hotwash-${o.id}-well`}>{t('wentWell')}</label>
                  <textarea id={`hotwash-${o.id}-well`} value={perObjective[o.id]?.wentWell ?? ''} maxLength={2000} onChange={(e) => set(o.id, 'wentWell', e.target.value)} />
                  <label htmlFor={`hotwash-${o.id}-improve`}>{t('toImprove')}</label>
                  <textarea id={`hotwash-${o.id}-improve`} value={perObjective[o.id]?.toImprove ?? ''} maxLength={2000} onChange={(e) => set(o.id, 'toImprove', e.target.value)} />
                </div>
              ))}
            </fieldset>
          )}
          {problem && <p role="alert" className="error">{t('empty')}</p>}
          <button type="submit" data-testid="hotwash-submit">{t('submit')}</button>
        </form>
      )}
    </section>
  );
}
