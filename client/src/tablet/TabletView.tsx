import { useEffect, useMemo, useRef, useState } from 'react';
import { Tabs } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { LogEntry, ReleasedInject } from '@startex/shared';
import { useExerciseClock } from '../lib/clock.ts';
import { useOutbox } from '../lib/outbox.ts';
import { request, useExercise } from '../lib/useExercise.ts';
import { useViewCache } from '../lib/useViewCache.ts';
import { ActionList } from './ActionList.tsx';
import { CommsCheckCard } from './CommsCheckCard.tsx';
import { ControlBanner } from './ControlBanner.tsx';
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
import { useAlerts } from './useAlerts.ts';
import { useReadState } from './useReadState.ts';

export const TABLET_TABS = ['inbox', 'actions', 'messages', 'log'] as const;
export type TabletTab = (typeof TABLET_TABS)[number];
type MessageEntry = Extract<LogEntry, { type: 'message.sent' }>;

/**
 * The joined tablet as a field app: four tabs (inbox, actions, messages, our log) with unread counts,
 * a banner for messages from control on every tab, and an outbox for dead zones. The open tab is in
 * the address (/tablet/messages), so a reload stays on it.
 */
export function TabletView({ code, tab, onTab, onJoin, onLeave }: { code: string; tab: TabletTab; onTab: (tab: TabletTab) => void; onJoin: (code: string) => void; onLeave: () => void }) {
  const { t } = useTranslation('tablet');
  const exercise = useExercise({ joinCode: code });
  const { view, entries, fromCache } = useViewCache(storageKeys.cache(code), exercise);
  const clock = useExerciseClock(view);
  const online = exercise.connection === 'online';
  const { socket } = exercise;
  const outbox = useOutbox(storageKeys.outbox(code), socket, online);
  const injectsRead = useReadState(storageKeys.read(code));
  const messagesRead = useReadState(storageKeys.readMessages(code));
  const [respondingTo, setRespondingTo] = useState<string | undefined>();
  const teamId = view?.viewer.role === 'participant' ? view.viewer.teamId : undefined;
  const team = view?.teams.find((x) => x.id === teamId);
  const names = makeNames(view, teamId, t);

  const items = useMemo(() => inboxItems(entries, teamId), [entries, teamId]);
  const injects = useMemo(() => new Map<string, ReleasedInject>(items.map((item) => [item.inject.id, item.inject])), [items]);
  const committed = useMemo(
    () => new Set(entries.flatMap((e) => (e.type === 'action.taken' || e.type === 'message.sent') && e.idempotencyKey ? [e.idempotencyKey] : [])),
    [entries],
  );
  const messages = entries.filter((e): e is MessageEntry => e.type === 'message.sent');
  const fromOthers = messages.filter((m) => !(m.from.kind === 'team' && m.from.teamId === teamId));
  const unreadMessages = fromOthers.filter((m) => !messagesRead.read.has(m.messageId));
  const unreadControl = unreadMessages.filter((m) => m.from.kind === 'control');
  const alerts = useAlerts(fromOthers.filter((m) => m.from.kind === 'control').at(-1)?.seq);
  const done = entries.filter(
    (e): e is Extract<LogEntry, { type: 'action.taken' } | { type: 'message.sent' }> =>
      e.type === 'action.taken' || (e.type === 'message.sent' && e.from.kind === 'team' && e.from.teamId === teamId),
  );

  // Messages on screen are read.
  useEffect(() => {
    if (tab === 'messages' && unreadMessages.length > 0) messagesRead.markRead(...unreadMessages.map((m) => m.messageId));
  }, [tab, unreadMessages, messagesRead]);

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
  const unreadInjects = items.filter((item) => !injectsRead.read.has(item.inject.id) && item.progress.acknowledgedAtMs === undefined && item.progress.status !== 'acted').length;
  const waitingActions = outbox.items.filter((item) => item.event === 'action.take').length;
  const counts: Record<TabletTab, { count: number; label: string } | undefined> = {
    inbox: unreadInjects ? { count: unreadInjects, label: t('inbox.unread', { count: unreadInjects }) } : undefined,
    actions: waitingActions ? { count: waitingActions, label: t('queue.count', { n: waitingActions }) } : undefined,
    messages: unreadMessages.length ? { count: unreadMessages.length, label: t('inbox.unread', { count: unreadMessages.length }) } : undefined,
    log: undefined,
  };

  return (
    <Tabs.Root className="page tablet" value={tab} onValueChange={(value) => onTab(value as TabletTab)} activationMode="manual">
      <TabletHeader
        view={view}
        teamName={team?.name}
        title={view?.title}
        fromCache={fromCache && !exercise.view}
        connection={exercise.connection}
        scenarioClock={clock.scenario}
        queue={outbox.items}
        settings={{ alerts: alerts.enabled, onAlerts: alerts.setEnabled, onLeave }}
      >
        <Tabs.List className="tablet-tabs" aria-label={t('nav.label')}>
          {TABLET_TABS.map((name) => (
            <Tabs.Trigger key={name} value={name} className="tablet-tab" data-testid={`tab-${name}`}>
              {t(`nav.${name}`)}
              {counts[name] && (
                <span className="nav-count" data-testid={`count-${name}`}>
                  <span aria-hidden="true">{counts[name].count}</span>
                  <span className="visually-hidden">{counts[name].label}</span>
                </span>
              )}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </TabletHeader>
      <main className="tablet-main" id="main">
        <ControlBanner
          unread={unreadControl}
          onOpen={() => onTab('messages')}
          onRead={() => messagesRead.markRead(...unreadControl.map((m) => m.messageId))}
        />
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
        <Tabs.Content value="inbox" forceMount hidden={tab !== 'inbox'} className="tablet-panel">
          <Inbox
            items={items}
            teamName={names.teamName}
            read={injectsRead.read}
            markRead={injectsRead.markRead}
            ackState={ackState}
            onAcknowledge={(injectId) => {
              // A refused acknowledgement would stay in the outbox; a new tap replaces it.
              outbox.discard(ackKey(injectId));
              outbox.submit('inject.acknowledge', { injectId }, ackKey(injectId));
            }}
            onRespond={
              live && (view?.actions.length ?? 0) > 0
                ? (injectId) => {
                    setRespondingTo(injectId);
                    onTab('actions');
                  }
                : undefined
            }
          />
        </Tabs.Content>
        <Tabs.Content value="actions" forceMount hidden={tab !== 'actions'} className="tablet-panel">
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
            teamName={names.teamName}
          />
        </Tabs.Content>
        <Tabs.Content value="messages" forceMount hidden={tab !== 'messages'} className="tablet-panel">
          {teamId && view && (
            <Messages
              messages={messages}
              teamId={teamId}
              names={names}
              teams={view.teams}
              organisations={view.simulatedOrganisations}
              canSend={view.status === 'live' || view.status === 'paused'}
              online={online}
              unread={new Set(unreadMessages.map((m) => m.messageId))}
              queued={outbox.items.filter((item) => item.event === 'message.send')}
              submit={(payload, key) => outbox.submit('message.send', payload, key)}
              discard={outbox.discard}
            />
          )}
        </Tabs.Content>
        <Tabs.Content value="log" forceMount hidden={tab !== 'log'} className="tablet-panel">
          <TeamLog done={done} actions={view?.actions ?? []} injects={injects} names={names} />
        </Tabs.Content>
      </main>
    </Tabs.Root>
  );
}
