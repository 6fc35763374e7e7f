import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseStatus, ParticipantAction, ReleasedInject } from '@startex/shared';
import type { OutboxItem } from '../lib/outbox.ts';
import { ActionForm } from './ActionForm.tsx';

interface Props {
  actions: ParticipantAction[];
  status: ExerciseStatus | undefined;
  online: boolean;
  respondingTo?: ReleasedInject | undefined;
  onCancelResponse: () => void;
  queued: OutboxItem[];
  committed: ReadonlySet<string>;
  submit: (payload: Record<string, unknown>, key: string) => void;
  discard: (key: string) => void;
  teamName?: ((id: string) => string) | undefined;
}

/** The team's actions. With one action its form is open; with several, each opens on a tap. */
export function ActionList({ actions, status, online, respondingTo, onCancelResponse, queued, committed, submit, discard, teamName }: Props) {
  const { t } = useTranslation('tablet');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const single = actions.length === 1;
  const live = status === 'live';

  // "Respond" on an inject brings the team here; the only action opens by itself.
  useEffect(() => {
    if (respondingTo) document.getElementById('actions')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [respondingTo]);

  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section id="actions" className="tablet-section" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions.heading')}</h2>
      {!live && <p className="notice">{t(`actions.notLive.${status ?? 'draft'}`)}</p>}
      {respondingTo && (
        <div className="responding-banner" role="status">
          <p>
            ↪ {t('actions.responding', { number: respondingTo.number, subject: respondingTo.subject })}
            {!single && <> {t('actions.chooseAction')}</>}
          </p>
          <button type="button" className="secondary" onClick={onCancelResponse}>
            {t('actions.cancelResponse')}
          </button>
        </div>
      )}
      {actions.length === 0 && <p className="empty">{t('actions.none')}</p>}
      <div className="action-list">
        {actions.map((action) => {
          const form = (
            <ActionForm
              action={action}
              enabled={live}
              online={online}
              respondingTo={respondingTo}
              queued={queued.filter((item) => item.event === 'action.take' && item.payload.actionId === action.id)}
              committed={committed}
              submit={submit}
              discard={discard}
              onSubmitted={onCancelResponse}
              teamName={teamName}
            />
          );
          if (single) {
            return (
              <div key={action.id} className="action-item is-open">
                <h3 className="action-title">{action.label}</h3>
                {form}
              </div>
            );
          }
          const isOpen = open.has(action.id);
          const waiting = queued.filter((item) => item.event === 'action.take' && item.payload.actionId === action.id).length;
          return (
            <div key={action.id} className={`action-item${isOpen ? ' is-open' : ''}`}>
              <h3 className="action-title">
                <button type="button" className="action-toggle" aria-expanded={isOpen} onClick={() => toggle(action.id)}>
                  {action.label}
                  {waiting > 0 && <span className="tag tag-waiting"> ◷ {t('queue.count', { n: waiting })}</span>}
                </button>
              </h3>
              {isOpen && form}
            </div>
          );
        })}
      </div>
    </section>
  );
}
