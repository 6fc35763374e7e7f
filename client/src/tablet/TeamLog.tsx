import { useTranslation } from 'react-i18next';
import { keyAsWords, type FieldValue, type LogEntry, type ParticipantAction, type ReleasedInject } from '@startex/shared';
import { LongText } from '../lib/LongText.tsx';
import type { Names } from './names.ts';
import { formatStoryTime } from '../i18n/index.ts';

type Done = Extract<LogEntry, { type: 'action.taken' } | { type: 'message.sent' }>;

interface Props {
  done: Done[];
  actions: ParticipantAction[];
  injects: ReadonlyMap<string, ReleasedInject>;
  names: Names;
}

/** "What we have done": the team's committed actions and sent messages, newest first. */
export function TeamLog({ done, actions, injects, names }: Props) {
  const { t } = useTranslation('tablet');
  const value = (field: ParticipantAction['fields'][number] | undefined, v: FieldValue): string =>
    Array.isArray(v) ? v.map((one) => value(field, one)).join(', ') : typeof v === 'boolean' ? t(v ? 'log.yes' : 'log.no') : field?.type === 'team' ? names.teamName(String(v)) : String(v);
  return (
    <section id="log" className="tablet-section" aria-labelledby="log-heading">
      <h2 id="log-heading">{t('log.heading')}</h2>
      {done.length === 0 && <p className="empty">{t('log.empty')}</p>}
      <ol className="team-log" data-testid="team-log" reversed>
        {[...done].reverse().map((entry) => {
          const time = <span className="log-time">{formatStoryTime(entry.scenarioTimeMs)}</span>;
          if (entry.type === 'message.sent') {
            return (
              <li key={entry.seq} className="log-message">
                {time} <span className="log-kind">{t('log.message', { to: names.recipients(entry.to) })}</span>
                <LongText className="log-text" text={entry.text} />
              </li>
            );
          }
          const action = actions.find((a) => a.id === entry.actionId);
          const fields = Object.entries(entry.fields).map(([name, v]) => {
            const field = action?.fields.find((f) => f.name === name);
            return `${field?.label ?? keyAsWords(name)}: ${value(field, v)}`;
          });
          const inject = entry.injectId ? injects.get(entry.injectId) : undefined;
          return (
            <li key={entry.seq} className="log-action">
              {time} <strong className="log-label">{action?.label ?? keyAsWords(entry.actionId)}</strong>
              {fields.length > 0 && <span className="log-fields">{fields.join(' · ')}</span>}
              {inject && <span className="log-inject">↪ {t('log.inResponse', { number: inject.number, subject: inject.subject })}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
