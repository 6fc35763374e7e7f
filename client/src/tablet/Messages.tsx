import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '@startex/shared';
import type { OutboxItem } from '../lib/outbox.ts';
import { LongText } from '../lib/LongText.tsx';
import { Markdown } from '../lib/Markdown.tsx';
import { MessageComposer, type ReplyTarget } from './MessageComposer.tsx';
import { formatStoryTime } from '../i18n/index.ts';
import type { Names } from './names.ts';
import { SubmissionStatus } from './SubmissionStatus.tsx';

type MessageEntry = Extract<LogEntry, { type: 'message.sent' }>;

interface Props {
  messages: MessageEntry[];
  teamId: string;
  names: Names;
  teams: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  canSend: boolean;
  online: boolean;
  /** Messages this device has not shown yet: marked "new" on their first showing. */
  unread: ReadonlySet<string>;
  queued: OutboxItem[];
  submit: (payload: Record<string, unknown>, key: string) => void;
  discard: (key: string) => void;
}

/** The team's conversation with other teams and the SimCell's organisations, oldest first, then the composer. */
export function Messages({ messages, teamId, names, teams, organisations, canSend, online, unread, queued, submit, discard }: Props) {
  const { t } = useTranslation('tablet');
  const [replyTo, setReplyTo] = useState<ReplyTarget | undefined>();
  const { party: partyName, recipients: recipientNames } = names;
  const byId = new Map(messages.map((m) => [m.messageId, m]));

  return (
    <section id="messages" className="tablet-section" aria-labelledby="messages-heading">
      <h2 id="messages-heading">{t('messages.heading')}</h2>
      {messages.length === 0 && queued.length === 0 && <p className="empty">{t('messages.empty')}</p>}
      <ol className="conversation" data-testid="conversation">
        {messages.map((m) => {
          const ours = m.from.kind === 'team' && m.from.teamId === teamId;
          const addressedToUs = m.to.all || m.to.teams.includes(teamId);
          const replyable = !ours && addressedToUs && m.from.kind !== 'control';
          const original = m.replyTo ? byId.get(m.replyTo) : undefined;
          return (
            <li key={m.seq} className={`bubble ${ours ? 'is-ours' : `is-theirs from-${m.from.kind}`}${unread.has(m.messageId) ? ' is-unread' : ''}`}>
              <p className="bubble-head">
                <strong>{partyName(m.from)}</strong>
                {m.from.kind === 'simcell' && <span className="tag tag-org">{t('messages.organisation')}</span>}
                {m.from.kind === 'control' && <span className="tag tag-control">{t('messages.controlTag')}</span>}
                {unread.has(m.messageId) && <span className="tag tag-new">{t('inbox.new')}</span>}
                <span className="bubble-to"> → {recipientNames(m.to)}</span>
                <span className="bubble-time"> · {formatStoryTime(m.scenarioTimeMs)}</span>
              </p>
              {original && <p className="bubble-quote">↩ {t('messages.inReplyTo', { text: excerpt(original.text) })}</p>}
              <LongText markdown text={m.text} />
              {replyable && canSend && (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    setReplyTo({ messageId: m.messageId, from: m.from, name: partyName(m.from), text: m.text });
                    document.getElementById('compose-text')?.focus();
                  }}
                >
                  ↩ {t('messages.reply')}
                </button>
              )}
            </li>
          );
        })}
        {queued.map((item) => {
          const to = item.payload.to as { teams: string[]; organisations: string[] };
          return (
            <li key={item.key} className="bubble is-ours is-pending">
              <p className="bubble-head">
                <strong>{t('messages.us')}</strong>
                <span className="bubble-to"> → {recipientNames(to)}</span>
              </p>
              <Markdown text={String(item.payload.text)} />
              <SubmissionStatus
                submission={item.state === 'failed' ? { state: 'failed', error: item.error } : { state: online ? 'sending' : 'waiting' }}
                onDiscard={() => discard(item.key)}
              />
            </li>
          );
        })}
      </ol>
      <MessageComposer
        teams={teams.filter((x) => x.id !== teamId)}
        organisations={organisations}
        enabled={canSend}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(undefined)}
        submit={(payload, key) => {
          submit(payload, key);
          setReplyTo(undefined);
        }}
      />
    </section>
  );
}

function excerpt(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain.length > 80 ? `${plain.slice(0, 80)}…` : plain;
}
