import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry, ReleasedInject } from '@startex/shared';
import { useExerciseClock } from '../lib/clock.ts';
import { useOutbox } from '../lib/outbox.ts';
import { Preferences } from '../lib/Preferences.tsx';
import { request, useExercise } from '../lib/useExercise.ts';
import { useViewCache } from '../lib/useViewCache.ts';
import { ActionList } from './ActionList.tsx';
import { CommsCheckCard } from './CommsCheckCard.tsx';
import { HotWashForm } from './HotWashForm.tsx';
import { Inbox } from './Inbox.tsx';
import { inboxItems, type InboxItem } from './inboxItems.ts';
import type { AckState } from './InjectCard.tsx';
import { JoinForm } from './JoinForm.tsx';
import { Messages } from './Messages.tsx';
import { names as makeNames } from './names.ts';
import { storageKeys } from './storage.ts';
import { TabletHeader } from './TabletHeader.tsx';
import { TeamLog } from './TeamLog.tsx';
import { useReadState } from './useReadState.ts';

/** The joined tablet: everything the team receives, does and says, with an outbox for dead zones. */
export function TabletView({ code, onJoin, onLeave }: { code: string; onJoin: (code: string) => void; onLeave: () => void }) {
  const { t } = useTranslation('tablet');
  const exercise = useExercise({ joinCode: code });
  const { view, entries, fromCache } = useViewCache(storageKeys.cache(code), exercise);
  const clock = useExerciseClock(view);
  const online = exercise.connection === 'online';
  const { socket } = exercise;
  const outbox = useOutbox(storageKeys.outbox(code), socket, online);
  const { read, markRead } = useReadState(code);
  const [respondingTo, setRespondingTo] = useState<string | undefined>();
  const teamId = view?.viewer.teamId;
  const team = view?.teams.find((x) => x.id === teamId);
  const names = makeNames(view, teamId, t);

  const items = useMemo(() => inboxItems(entries, teamId), [entries, teamId]);
  const injects = useMemo(() => new Map<string, ReleasedInject>(items.map((item) => [item.inject.id, item.inject])), [items]);
  const committed = useMemo(
    () => new Set(entries.flatMap((e) => (e.type === 'action.taken' || e.type === 'message.sent') && e.idempotencyKey ? [e.idempotencyKey] : [])),
    [entries],
  );
  const messages = entries.filter((e): e is Extract<LogEntry, { type: 'message.sent' }> => e.type === 'message.sent');
  const done = entries.filter(
    (e): e is Extract<LogEntry, { type: 'action.taken' } | { type: 'message.sent' }> =>
      e.type === 'action.taken' || (e.type === 'message.sent' && e.from.kind === 'team' && e.from.teamId === teamId),
  );

  // Tell the server each newly received inject reached this tablet (idempotent; retried on failure).
  const reported = useRef(new Set<string>());
  useEffect(() => {
    if (!online) return;
    for (const item of items) {
      if (item.progress.status === 'released' && !reported.current.has(item.inject.id)) {
        reported.current.add(item.inject.id);
        void request(socket, 'inject.delivered', { injectId: item.inject.id }).then((r) => {
          if (!r.ok) reported.current.delete(item.inject.id);
        });
      }
    }
  }, [online, items, socket]);

  if (exercise.connection === 'refused') {
    return <JoinForm onJoin={onJoin} refusal={exercise.refusal} refusedCode={code} />;
  }

  const ackKey = (injectId: string) => `ack:${injectId}`;
  const ackState = (item: InboxItem): AckState => {
    if (item.progress.acknowledgedAtMs !== undefined) return 'done';
    const queued = outbox.items.find((i) => i.key === ackKey(item.inject.id));
    return queued ? (queued.state === 'failed' ? 'failed' : 'queued') : 'none';
  };
  const live = view?.status === 'live';
  const unread = items.filter((item) => !read.has(item.inject.id) && item.progress.acknowledgedAtMs === undefined && item.progress.status !== 'acted').length;

  return (
    <main className="page tablet">
      <TabletHeader view={view} teamName={team?.name} connection={exercise.connection} scenarioClock={clock.scenario} queue={outbox.items} unread={unread} />
      <div className="tablet-sub">
        <p className="subtitle">
          {view?.title ?? t('header.loading')}
          {fromCache && !exercise.view && <span className="notice-inline"> · {t('header.fromCache')}</span>}
        </p>
        <Preferences />
      </div>
      <CommsCheckCard
        entries={entries}
        teamId={teamId}
        status={view?.status}
        online={online}
        acknowledge={(checkId) => request(socket, 'commscheck.acknowledge', { checkId })}
      />
      {view?.status === 'ended' && (
        <HotWashForm view={view} entries={entries} queued={outbox.items} submit={(payload, key) => outbox.submit('feedback.submit', payload, key)} />
      )}
      <Inbox
        items={items}
        teamName={(id) => view?.teams.find((x) => x.id === id)?.name ?? id}
        read={read}
        markRead={markRead}
        ackState={ackState}
        onAcknowledge={(injectId) => {
          // A refused acknowledgement would stay in the outbox; a new tap replaces it.
          outbox.discard(ackKey(injectId));
          outbox.submit('inject.acknowledge', { injectId }, ackKey(injectId));
        }}
        onRespond={live && (view?.actions.length ?? 0) > 0 ? setRespondingTo : undefined}
      />
      <ActionList
        actions={view?.actions ?? []}
        status={view?.status}
        online={online}
        respondingTo={respondingTo ? injects.get(respondingTo) : undefined}
        onCancelResponse={() => setRespondingTo(undefined)}
        queued={outbox.items}
        committed={committed}
        submit={(payload, key) => outbox.submit('action.take', payload, key)}
        discard={outbox.discard}
        teamName={(id) => view?.teams.find((x) => x.id === id)?.name ?? id}
      />
      {teamId && view && (
        <Messages
          messages={messages}
          teamId={teamId}
          names={names}
          teams={view.teams}
          organisations={view.simulatedOrganisations}
          canSend={view.status === 'live' || view.status === 'paused'}
          online={online}
          queued={outbox.items.filter((item) => item.event === 'message.send')}
          submit={(payload, key) => outbox.submit('message.send', payload, key)}
          discard={outbox.discard}
        />
      )}
      <TeamLog done={done} actions={view?.actions ?? []} injects={injects} names={names} />
      <footer className="tablet-footer">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (window.confirm(t('leave.confirm'))) onLeave();
          }}
        >
          {t('leave.button')}
        </button>
      </footer>
    </main>
  );
}
