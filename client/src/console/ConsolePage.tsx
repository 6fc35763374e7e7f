import { useState } from 'react';
import type { ControllerCommand, ErrorDetail, ExerciseStatus } from '@startex/shared';
import { useExerciseClock } from '../lib/clock.ts';
import { describeEntry } from '../lib/describeEntry.ts';
import { injectStates } from '../lib/injectStatus.ts';
import { request, useExercise } from '../lib/useExercise.ts';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { LoginForm } from '../lib/LoginForm.tsx';
import { useSession } from '../lib/useSession.ts';

const COMMANDS: { type: ControllerCommand['type']; label: string; when: ExerciseStatus[] }[] = [
  { type: 'start', label: 'Start exercise (StartEx)', when: ['ready'] },
  { type: 'pause', label: 'Pause', when: ['live'] },
  { type: 'resume', label: 'Resume', when: ['paused'] },
  { type: 'end', label: 'End exercise (EndEx)', when: ['live', 'paused'] },
];

/** Sign-in first; then the console of the exercise in the URL. */
export function ConsolePage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  if (session.loading) return <main className="page"><p>Loading…</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <Console exerciseId={exerciseId} onLogout={session.logout} />;
}

/** The controller console: clock, commands, inject statuses and the live feed. */
function Console({ exerciseId, onLogout }: { exerciseId: string; onLogout: () => Promise<void> }) {
  const exercise = useExercise({ exerciseId });
  const clock = useExerciseClock(exercise.view);
  const [error, setError] = useState<ErrorDetail | undefined>();
  const { view, entries } = exercise;

  async function send(command: ControllerCommand) {
    if (command.type === 'end' && !window.confirm('End the exercise for everyone?')) return;
    const result = await request(exercise.socket, 'command', command);
    setError(result.ok ? undefined : result.error);
  }

  return (
    <main className="page console">
      <header className="bar">
        <h1>{view?.title ?? 'Controller console'}</h1>
        <div className="bar-actions">
          <ConnectionBadge state={exercise.connection} />
          <button type="button" className="secondary" onClick={() => void onLogout()}>Sign out</button>
        </div>
      </header>
      {exercise.refusal && <p role="alert" className="error">{exercise.refusal.message} ({exercise.refusal.code})</p>}
      <section className="clock" aria-label="Exercise clock">
        <div><span className="label">Status</span><strong data-testid="status">{view?.status ?? '…'}</strong></div>
        <div><span className="label">Exercise time</span><strong>{clock.exercise}</strong></div>
        <div><span className="label">Scenario time</span><strong>{clock.scenario}</strong></div>
        <div className="commands">
          {COMMANDS.filter((c) => view && c.when.includes(view.status)).map((c) => (
            <button key={c.type} type="button" onClick={() => void send({ type: c.type } as ControllerCommand)}>
              {c.label}
            </button>
          ))}
        </div>
      </section>
      {error && <p role="alert" className="error">{error.message} ({error.code})</p>}
      <div className="columns">
        <section aria-labelledby="injects-heading">
          <h2 id="injects-heading">Injects</h2>
          <table className="injects">
            <thead><tr><th>#</th><th>Subject</th><th>Team status</th></tr></thead>
            <tbody>
              {injectStates(entries).map((state) => (
                <tr key={state.inject.id} data-testid={`inject-${state.inject.id}`}>
                  <td>{state.inject.number}</td>
                  <td>{state.inject.subject}</td>
                  <td>
                    {Object.entries(state.teams).map(([team, status]) => (
                      <span key={team} className={`status status-${status}`}>{team}: {status}</span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="feed-heading">
          <h2 id="feed-heading">Live feed</h2>
          <ol className="feed" data-testid="feed">
            {[...entries].reverse().map((entry) => (
              <li key={entry.seq}>
                <span className="seq">#{entry.seq}</span> <span className="time">{new Date(entry.wallTime).toLocaleTimeString()}</span>{' '}
                {describeEntry(entry)}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
