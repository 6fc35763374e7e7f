import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '@startex/shared';
import { newKey } from './newKey.ts';

/** The message being answered, and who sent it (the reply goes back to them). */
export interface ReplyTarget {
  messageId: string;
  from: Party;
  name: string;
  text: string;
}

interface Props {
  teams: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  enabled: boolean;
  replyTo?: ReplyTarget | undefined;
  onCancelReply: () => void;
  submit: (payload: Record<string, unknown>, key: string) => void;
}

const MAX_TEXT = 5000;

/** Writes a message to other teams and simulated organisations; it goes through the outbox. */
export function MessageComposer({ teams, organisations, enabled, replyTo, onCancelReply, submit }: Props) {
  const { t } = useTranslation('tablet');
  const [toTeams, setToTeams] = useState<ReadonlySet<string>>(new Set());
  const [toOrgs, setToOrgs] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<{ to?: string; text?: string }>({});

  // Answering a message addresses it to its sender.
  useEffect(() => {
    if (replyTo?.from.kind === 'team') {
      setToTeams(new Set([replyTo.from.teamId]));
      setToOrgs(new Set());
    } else if (replyTo?.from.kind === 'simcell') {
      setToOrgs(new Set([replyTo.from.organisationId]));
      setToTeams(new Set());
    }
  }, [replyTo]);

  const flip = (set: ReadonlySet<string>, id: string) => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    return next;
  };

  function send() {
    const trimmed = text.trim();
    const found = {
      ...(toTeams.size + toOrgs.size === 0 ? { to: t('compose.noRecipient') } : {}),
      ...(trimmed === '' ? { text: t('compose.noText') } : trimmed.length > MAX_TEXT ? { text: t('compose.tooLong', { max: MAX_TEXT }) } : {}),
    };
    setProblems(found);
    if (found.to) return document.getElementById('compose-to')?.querySelector('input')?.focus();
    if (found.text) return document.getElementById('compose-text')?.focus();
    const key = newKey();
    submit({ to: { teams: [...toTeams], organisations: [...toOrgs] }, text: trimmed, ...(replyTo ? { replyTo: replyTo.messageId } : {}), idempotencyKey: key }, key);
    setText('');
    setProblems({});
  }

  const chip = (id: string, name: string, checked: boolean, onChange: () => void, note?: string) => (
    <label key={id} className={`chip${checked ? ' is-checked' : ''}`}>
      <input type="checkbox" checked={checked} onChange={onChange} />
      <span>
        {name}
        {note && <span className="chip-note"> ({note})</span>}
      </span>
    </label>
  );

  return (
    <form className="composer" aria-labelledby="compose-heading" noValidate onSubmit={(e) => { e.preventDefault(); send(); }}>
      <h3 id="compose-heading">{t('compose.heading')}</h3>
      {replyTo && (
        <div className="responding-banner">
          <p>↩ {t('compose.replyingTo', { name: replyTo.name })}</p>
          <button type="button" className="secondary" onClick={onCancelReply}>{t('compose.cancelReply')}</button>
        </div>
      )}
      <fieldset id="compose-to" className="chips" aria-describedby={problems.to ? 'compose-to-error' : undefined}>
        <legend>{t('compose.to')}</legend>
        {teams.map((team) => chip(team.id, team.name, toTeams.has(team.id), () => setToTeams((s) => flip(s, team.id))))}
        {organisations.map((org) => chip(org.id, org.name, toOrgs.has(org.id), () => setToOrgs((s) => flip(s, org.id)), t('compose.simulated')))}
        {teams.length + organisations.length === 0 && <p className="empty">{t('compose.nobody')}</p>}
        {problems.to && <p className="field-error" id="compose-to-error">⚠ {problems.to}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor="compose-text">{t('compose.text')}</label>
        <textarea
          id="compose-text"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problems.text ? true : undefined}
          aria-describedby={problems.text ? 'compose-text-error' : undefined}
        />
        {problems.text && <p className="field-error" id="compose-text-error">⚠ {problems.text}</p>}
      </div>
      <button type="submit" className="primary-wide" disabled={!enabled}>{t('compose.send')}</button>
      {!enabled && <p className="notice">{t('compose.notLive')}</p>}
    </form>
  );
}
