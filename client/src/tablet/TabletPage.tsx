import { useEffect, useRef, useState } from 'react';
import type { ErrorDetail, LogEntry } from '@startex/shared';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { useExerciseClock } from '../lib/clock.ts';
import { formatFields } from '../lib/describeEntry.ts';
import { injectStates } from '../lib/injectStatus.ts';
import { request, useExercise } from '../lib/useExercise.ts';
import { Markdown } from '../lib/Markdown.tsx';
import { ActionForm } from './ActionForm.tsx';

const CODE_KEY = 'startex.joinCode';

/** The participant tablet: join with a code, then inbox, actions and the team's log. */
export function TabletPage({ initialCode }: { initialCode: string | undefined }) {
  const [code, setCode] = useState(() => initialCode ?? localStorage.getItem(CODE_KEY) ?? undefined);

  function join(newCode: string) {
    localStorage.setItem(CODE_KEY, newCode);
    window.history.replaceState(null, '', `/tablet#code=${encodeURIComponent(newCode)}`);
    setCode(newCode);
  }

  if (!code) return <JoinForm onJoin={join} />;
  return <Tablet code={code} onLeave={() => { localStorage.removeItem(CODE_KEY); setCode(undefined); }} />;
}

function JoinForm({ onJoin, refusal }: { onJoin: (code: string) => void; refusal?: ErrorDetail | undefined }) {
  const [value, setValue] = useState('');
  return (
    <main className="page tablet">
      <h1>Join an exercise</h1>
      <form onSubmit={(e) => { e.preventDefault(); if (value.trim()) onJoin(value.trim().toUpperCase()); }}>
        <label htmlFor="join-code">Join code</label>
        <input id="join-code" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" autoCapitalize="characters" />
        <button type="submit">Join</button>
      </form>
      {refusal && <p role="alert" className="error">{refusal.message} ({refusal.code})</p>}
    </main>
  );
}

function Tablet({ code, onLeave }: { code: string; onLeave: () => void }) {
  const exercise = useExercise({ joinCode: code });
  const clock = useExerciseClock(exercise.view);
  const { view, entries, socket } = exercise;
  const teamId = view?.viewer.teamId;
  const team = view?.teams.find((t) => t.id === teamId);
  const injects = injectStates(entries).reverse();
  const reported = useRef(new Set<string>());

  // Tell the server each newly received inject reached this tablet.
  useEffect(() => {
    if (!teamId || exercise.connection !== 'online') return;
    for (const state of injects) {
      if (state.teams[teamId] === 'released' && !reported.current.has(state.inject.id)) {
        reported.current.add(state.inject.id);
        void request(socket, 'inject.delivered', { injectId: state.inject.id }).then((r) => {
          if (!r.ok) reported.current.delete(state.inject.id);
        });
      }
    }
  });

  if (exercise.connection === 'refused') {
    return (
      <main className="page tablet">
        <p role="alert" className="error">{exercise.refusal?.message} ({exercise.refusal?.code})</p>
        <button type="button" onClick={onLeave}>Use another join code</button>
      </main>
    );
  }

  const done = entries.filter((e): e is Extract<LogEntry, { type: 'action.taken' }> => e.type === 'action.taken');

  return (
    <main className="page tablet">
      <header className="bar">
        <h1>{team?.name ?? 'Participant'}</h1>
        <ConnectionBadge state={exercise.connection} />
      </header>
      <p className="subtitle">
        {view?.title} · <span data-testid="status">{view?.status ?? '…'}</span> · {clock.scenario}
      </p>
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">Inbox</h2>
        {injects.length === 0 && <p className="empty">No messages yet.</p>}
        <ul className="inbox" data-testid="inbox">
          {injects.map((state) => {
            const acknowledged = teamId !== undefined && state.teams[teamId] === 'acknowledged';
            return (
              <li key={state.inject.id} className={`inject channel-${state.inject.channel}`} data-testid={`inject-${state.inject.id}`}>
                <div className="meta">
                  <span className="channel">{state.inject.channel}</span> from <strong>{state.inject.from}</strong>
                </div>
                <h3>{state.inject.subject}</h3>
                <Markdown text={state.inject.body} />
                {acknowledged ? (
                  <span className="acknowledged">✓ Acknowledged</span>
                ) : (
                  <button type="button" onClick={() => void request(socket, 'inject.acknowledge', { injectId: state.inject.id })}>
                    Acknowledge
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {view?.status === 'live' && (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">Actions</h2>
          {view.actions.map((action) => (
            <ActionForm key={action.id} action={action} socket={socket} />
          ))}
        </section>
      )}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">What we have done</h2>
        {done.length === 0 && <p className="empty">Nothing yet.</p>}
        <ul className="team-log" data-testid="team-log">
          {done.map((e) => (
            <li key={e.seq}>{view?.actions.find((a) => a.id === e.actionId)?.label ?? e.actionId} {formatFields(e.fields)}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}

