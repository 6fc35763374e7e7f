import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment, ReleasedInject } from '@startex/shared';
import { Markdown } from '../lib/Markdown.tsx';
import { ChannelIcon } from './ChannelIcon.tsx';
import type { InboxItem } from './inboxItems.ts';
import { formatStoryTime } from '../i18n/index.ts';

/** Where this device's acknowledgement stands: not sent, queued in the outbox, refused, or logged. */
export type AckState = 'none' | 'queued' | 'failed' | 'done';

interface Props {
  item: InboxItem;
  /** Names of the recipient teams, for the "To" line. */
  to: string;
  unread: boolean;
  open: boolean;
  ack: AckState;
  onToggle: () => void;
  onAcknowledge: () => void;
  /** Absent when the team cannot act now (no actions, or play is not live). */
  onRespond?: (() => void) | undefined;
}

/** One inject in the inbox: a summary line that opens to the message as its channel would show it. */
export function InjectCard({ item, to, unread, open, ack, onToggle, onAcknowledge, onRespond }: Props) {
  const { t } = useTranslation('tablet');
  const { inject, progress } = item;
  const id = useId();
  const time = formatStoryTime(item.receivedAtScenarioMs);
  return (
    <li className={`inject-card channel-${inject.channel}${unread ? ' is-unread' : ''}${open ? ' is-open' : ''}`} data-testid={`inject-${inject.id}`}>
      <div className="inject-meta" id={`${id}-meta`}>
        <span className="inject-channel">
          <ChannelIcon channel={inject.channel} /> {t(`channel.${inject.channel}`)}
        </span>
        <span className="inject-from">{inject.from}</span>
        <span className="inject-time">{time}</span>
        {unread && <span className="tag tag-new">{t('inbox.new')}</span>}
        {progress.status === 'acted' && <span className="tag tag-done">✓ {t('inbox.responded')}</span>}
      </div>
      <h3 className="inject-subject">
        <button type="button" className="inject-toggle" aria-expanded={open} aria-controls={`${id}-body`} aria-describedby={`${id}-meta`} onClick={onToggle}>
          {inject.subject}
        </button>
      </h3>
      {!open && <p className="inject-preview">{preview(inject.body)}</p>}
      <div className="inject-body" id={`${id}-body`} hidden={!open}>
        <ChannelBody inject={inject} to={to} time={time} />
        {inject.attachments?.map((attachment) => <AttachmentView key={attachment.name} attachment={attachment} />)}
        <div className="inject-actions">
          {ack === 'done' ? (
            <span className="acknowledged">✓ {t('inbox.acknowledged')}</span>
          ) : ack === 'queued' ? (
            <span className="queued" role="status">◷ {t('inbox.ackQueued')}</span>
          ) : (
            <button type="button" onClick={onAcknowledge}>
              {t('inbox.acknowledge')}
            </button>
          )}
          {ack === 'failed' && <span className="error">{t('inbox.ackFailed')}</span>}
          {onRespond && (
            <button type="button" className="secondary" onClick={onRespond}>
              ↪ {t('inbox.respond')}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

/** An attachment shown inline: a picture, or a text document in a sheet. */
function AttachmentView({ attachment }: { attachment: Attachment }) {
  return (
    <figure className="attachment" data-testid="attachment">
      {attachment.mediaType === 'text/plain' ? (
        <pre className="attachment-text">{decodeText(attachment.data)}</pre>
      ) : (
        <img src={`data:${attachment.mediaType};base64,${attachment.data}`} alt={attachment.name} />
      )}
      <figcaption>{attachment.name}</figcaption>
    </figure>
  );
}

function decodeText(base64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/** The first words of a body as plain text, for the closed card. */
function preview(body: string): string {
  const plain = body.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`#>|]/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > 110 ? `${plain.slice(0, 110)}…` : plain;
}

/** Radiation, fire or intrusion: the alarm panel's symbol follows what the alarm text says. */
function alarmSymbol(text: string): string {
  if (/gamma|neutron|radiat|dose|spinduliuot|radiacin|doz/i.test(text)) return '☢';
  if (/fire|smoke|gaisr|dūm/i.test(text)) return '♨';
  return '⚠';
}

function handle(from: string): string {
  return `@${from.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 24)}`;
}

/** The body as the channel would carry it: an email header, a phone slip, a radio log, a newspaper... */
function ChannelBody({ inject, to, time }: { inject: ReleasedInject; to: string; time: string }) {
  const { t } = useTranslation('tablet');
  const body = <Markdown text={inject.body} />;
  switch (inject.channel) {
    case 'email':
      return (
        <div className="ch-email">
          <dl className="mail-head">
            <dt>{t('card.from')}</dt><dd>{inject.from}</dd>
            <dt>{t('card.to')}</dt><dd>{to}</dd>
            <dt>{t('card.subject')}</dt><dd>{inject.subject}</dd>
            <dt>{t('card.date')}</dt><dd>{time}</dd>
          </dl>
          {body}
        </div>
      );
    case 'phone':
      return (
        <div className="ch-phone">
          <p className="slip-title">{t('card.phoneMessage')}</p>
          <dl className="slip-head">
            <dt>{t('card.caller')}</dt><dd>{inject.from}</dd>
            <dt>{t('card.for')}</dt><dd>{to}</dd>
            <dt>{t('card.time')}</dt><dd>{time}</dd>
          </dl>
          <div className="slip-text">{body}</div>
        </div>
      );
    case 'radio':
      return (
        <div className="ch-radio">
          <p className="radio-head">
            <span className="callsign">{inject.from.toUpperCase()}</span> → <span className="callsign">{to.toUpperCase()}</span> · {time}
          </p>
          <div className="radio-text">{body}</div>
          <p className="radio-over">— {t('card.over')} —</p>
        </div>
      );
    case 'news':
      return (
        <div className="ch-news">
          <p className="news-masthead">{inject.from}</p>
          <p className="news-dateline">{time}</p>
          <div className="news-text">{body}</div>
        </div>
      );
    case 'social':
      return (
        <div className="ch-social">
          <div className="post-head">
            <span className="avatar" aria-hidden="true">{inject.from.trim().charAt(0).toUpperCase()}</span>
            <span>
              <strong>{inject.from}</strong> <span className="post-handle">{handle(inject.from)}</span>
            </span>
          </div>
          {body}
          <p className="post-time">{time}</p>
        </div>
      );
    case 'sensor':
      return (
        <div className="ch-sensor">
          <p className="alarm-title">
            <span className="alarm-symbol" aria-hidden="true">{alarmSymbol(`${inject.subject} ${inject.body}`)}</span> {t('card.alarm')} · {inject.from}
          </p>
          <div className="alarm-text">{body}</div>
          <p className="alarm-time">{time}</p>
        </div>
      );
    case 'document':
      return (
        <div className="ch-document">
          <p className="doc-head">{t('card.document')} · {inject.from}</p>
          {body}
        </div>
      );
    case 'fax':
      return (
        <div className="ch-fax">
          <p className="fax-head">
            {t('card.fax')} · {t('card.from')} {inject.from} · {t('card.to')} {to} · {time} · {t('card.page')}
          </p>
          {body}
        </div>
      );
    case 'face-to-face':
      return (
        <div className="ch-f2f">
          <p className="f2f-head">{t('card.inPerson', { name: inject.from })}</p>
          <div className="speech">{body}</div>
        </div>
      );
    default: {
      const exhaustive: never = inject.channel;
      return exhaustive;
    }
  }
}
