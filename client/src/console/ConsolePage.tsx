import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseScenarioClockTime, type ControllerCommand, type ErrorDetail } from '@startex/shared';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { HaltBanner } from '../lib/HaltBanner.tsx';
import { LoginForm } from '../lib/LoginForm.tsx';
import { Preferences } from '../lib/Preferences.tsx';
import { request, useExercise } from '../lib/useExercise.ts';
import { useSession } from '../lib/useSession.ts';
import { AdhocDialog } from './AdhocDialog.tsx';
import { BroadcastDialog } from './BroadcastDialog.tsx';
import { ClockControls } from './ClockControls.tsx';
import { CommandBar } from './CommandBar.tsx';
import { allowed, type Pending } from './commands.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { EditInjectDialog } from './EditInjectDialog.tsx';
import { exerciseNowMs, useNow } from '../lib/clock.ts';
import { LiveFeed } from './LiveFeed.tsx';
import { simCellInbox } from './messages.ts';
import { filterRows, mselRows, NO_FILTER, stateKeys, type MselFilter } from './msel.ts';
import { MselFilters } from './MselFilters.tsx';
import { MselTimeline } from './MselTimeline.tsx';
import { ReasonDialog } from './ReasonDialog.tsx';
import { shortcutLabel, useShortcuts, type ShortcutId } from './shortcuts.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { SimCellInbox } from './SimCellInbox.tsx';
import { currentStates, nextTimerFromLog, openDecisionsIn } from './statechart.ts';
import { StatechartGraph } from './StatechartGraph.tsx';
import { TeamBoard } from './TeamBoard.tsx';
import './strings.ts';

/** Sign-in first; then the console of the exercise in the URL. */
export function ConsolePage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.loading) return <main className="page"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  return <Console exerciseId={exerciseId} onLogout={session.logout} />;
}

/** The controller console: clocks and commands, the MSEL, the statechart, teams, the SimCell and the log. */
function Console({ exerciseId, onLogout }: { exerciseId: string; onLogout: () => Promise<void> }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const exercise = useExercise({ exerciseId });
  const { view, entries, presence } = exercise;
  const control = view?.control;
  const status = view?.status;
  const now = useNow(1000);
  const [error, setError] = useState<ErrorDetail | undefined>();
  const [notice, setNotice] = useState('');
  const [pending, setPending] = useState<Pending | undefined>();
  const [filter, setFilter] = useState<MselFilter>(NO_FILTER);
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const noteInput = useRef<HTMLInputElement>(null);
  const simcellPanel = useRef<HTMLElement>(null);

  const document = control?.scenario;
  const rows = useMemo(() => (document ? mselRows(document, entries) : []), [document, entries]);
  const visible = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const phases = useMemo(() => (document ? stateKeys(document) : []), [document]);
  const inbox = useMemo(() => simCellInbox(entries), [entries]);
  const selected = rows.find((row) => row.id === selectedId);
  const states = useMemo(() => (view ? currentStates(entries, view) : []), [entries, view]);
  const decisions = useMemo(
    () => (document && status === 'live' ? openDecisionsIn(document, states) : []),
    [document, status, states],
  );
  const teams = view?.teams ?? [];
  const nowExerciseMs = Math.max(view ? exerciseNowMs(view, now) : 0, entries.at(-1)?.exerciseTimeMs ?? 0);
  const nextTimerMs = document && status === 'live' ? (nextTimerFromLog(document, entries, nowExerciseMs) ?? control?.nextTimerExerciseMs) : undefined;
  // Never behind the last logged entry, so what is out always sits above the "now" line.
  const nowScenarioMs = Math.max(
    view ? view.clock.scenarioStartMs + nowExerciseMs : document ? parseScenarioClockTime(document.scenarioStart) * 60_000 : 0,
    entries.at(-1)?.scenarioTimeMs ?? 0,
  );

  async function send(command: ControllerCommand): Promise<boolean> {
    const result = await request(exercise.socket, 'command', command);
    setError(result.ok ? undefined : result.error);
    // A refused command keeps its dialog open, with the error in it, so nothing typed is lost.
    if (result.ok) setPending(undefined);
    setNotice(result.ok ? t('notice.done', { command: t(`command.${command.type}`) }) : '');
    return result.ok;
  }

  const open = (next: Pending) => {
    setError(undefined);
    setPending(next);
  };
  const confirm = (command: ControllerCommand, message: string) => open({ kind: 'confirm', command, message });
  const release = (injectId: string) => {
    const row = rows.find((r) => r.id === injectId);
    if (row?.state === 'held') confirm({ type: 'release', injectId }, t('confirm.releaseHeld', { number: row.number, reason: row.progress?.held?.reason ?? '' }));
    else void send({ type: 'release', injectId });
  };
  const onLifecycle = (command: ControllerCommand) => {
    if (command.type === 'end') confirm(command, t('confirm.end'));
    else if (command.type === 'close') confirm(command, t('confirm.close'));
    // After a real-world emergency, play goes on only with a reason, asked for like a halt's.
    else if (command.type === 'resume' && status === 'halted') open({ kind: 'reason', command: 'resume' });
    else void send(command);
  };
  const decide = (decision: string) => {
    const option = decisions.find((d) => d.decision === decision);
    if (option) confirm({ type: 'decide', decision }, t('confirm.decide', { label: option.label }));
  };
  const injectCommandsOpen = !!selected && selected.state !== 'released' && !selected.adHoc;

  function act(id: ShortcutId, arg?: string) {
    switch (id) {
      case 'ready':
      case 'start':
        if (allowed(id, status)) void send({ type: id });
        return;
      case 'end':
      case 'close':
        if (allowed(id, status)) onLifecycle({ type: id });
        return;
      case 'halt':
        if (allowed('halt', status)) open({ kind: 'reason', command: 'halt' });
        return;
      case 'pauseResume':
        if (allowed('pause', status)) void send({ type: 'pause' });
        else if (allowed('resume', status)) onLifecycle({ type: 'resume' });
        return;
      case 'jump':
        if (allowed('jump', status)) void send({ type: 'jump' });
        return;
      case 'jumpInject':
        if (allowed('jump', status)) void send({ type: 'jump', to: 'inject' });
        return;
      case 'next':
      case 'previous': {
        if (visible.length === 0) return;
        const index = visible.findIndex((r) => r.id === selectedId);
        const next = id === 'next' ? Math.min(visible.length - 1, index + 1) : index === -1 ? visible.length - 1 : Math.max(0, index - 1);
        setSelectedId(visible[next]!.id);
        return;
      }
      case 'release':
        if (selected && injectCommandsOpen && allowed('release', status)) release(selected.id);
        return;
      case 'hold':
        if (selected && injectCommandsOpen && selected.state !== 'held' && allowed('hold', status)) open({ kind: 'reason', command: 'hold', injectId: selected.id });
        return;
      case 'skip':
        if (selected && injectCommandsOpen && selected.state !== 'skipped' && allowed('skip', status)) open({ kind: 'reason', command: 'skip', injectId: selected.id });
        return;
      case 'edit':
        if (selected && injectCommandsOpen && allowed('edit', status)) open({ kind: 'edit', injectId: selected.id });
        return;
      case 'adhoc':
        if (allowed('adhoc', status)) open({ kind: 'adhoc' });
        return;
      case 'broadcast':
        if (allowed('broadcast', status)) open({ kind: 'broadcast' });
        return;
      case 'decide': {
        const options = decisions;
        const decision = arg && /^[1-9]$/.test(arg) ? options[Number(arg) - 1]?.decision : arg;
        if (decision && allowed('decide', status)) decide(decision);
        return;
      }
      case 'note':
        noteInput.current?.focus();
        return;
      case 'reply': {
        // The first waiting message, else the first conversation in the inbox.
        const panel = simcellPanel.current;
        const field = panel?.querySelector<HTMLTextAreaElement>('.simcell-item.unanswered textarea') ?? panel?.querySelector<HTMLTextAreaElement>('.simcell-item textarea');
        field?.focus();
        return;
      }
      case 'help':
        open({ kind: 'help' });
        return;
      default: {
        const exhaustive: never = id;
        return exhaustive;
      }
    }
  }
  useShortcuts(act);

  const close = () => {
    setPending(undefined);
    setError(undefined);
  };
  const dialogError = pending ? error : undefined;
  const selectedForDialog = pending && 'injectId' in pending ? rows.find((r) => r.id === pending.injectId) : undefined;

  return (
    <div className="console-page">
      <header className="console-header">
        <HaltBanner view={view} />
        <div className="bar">
          <h1>{view?.title ?? t('title')}</h1>
          <div className="bar-actions">
            <ConnectionBadge state={exercise.connection} />
            <Preferences />
            <button type="button" className="secondary" onClick={() => void onLogout()}>{tc('signIn.signOut')}</button>
            <button
              type="button"
              className="halt-button"
              disabled={!allowed('halt', status)}
              aria-keyshortcuts={shortcutLabel('halt')}
              onClick={() => open({ kind: 'reason', command: 'halt' })}
            >
              {t('command.halt')}
              <kbd aria-hidden="true">{shortcutLabel('halt')}</kbd>
            </button>
          </div>
        </div>
      </header>
      <main className="console">
        {exercise.refusal && <p role="alert" className="error">{exercise.refusal.message} ({exercise.refusal.code})</p>}
        <ClockControls view={view} nextTimerMs={nextTimerMs} onCommand={onLifecycle} />
        <CommandBar view={view} decisions={decisions} selected={selected} act={act} />
        <div className="console-messages">
          {error && !pending && (
            <p role="alert" className="error">
              {error.message} ({error.code})
              {error.code === 'COMMS_CHECK_REQUIRED' && <> <a href={`/plan/${encodeURIComponent(exerciseId)}#comms`}>{t('notice.commsCheck')}</a></>}
            </p>
          )}
          <p className="visually-hidden" aria-live="polite">{notice}</p>
        </div>
        <div className="console-grid">
          <div className="console-column">
            <section className="panel panel-msel" aria-labelledby="msel-heading">
              <h2 id="msel-heading">{t('msel.heading')}</h2>
              <MselFilters filter={filter} onChange={setFilter} teams={teams} phases={phases} />
              <div className="panel-scroll">
                <MselTimeline rows={visible} total={rows.length} nowScenarioMs={nowScenarioMs} nowExerciseMs={nowExerciseMs} selectedId={selectedId} onSelect={setSelectedId} />
              </div>
            </section>
            <section ref={simcellPanel} className="panel panel-simcell" aria-labelledby="simcell-heading">
              <h2 id="simcell-heading">
                {t('simcell.heading')}{' '}
                <span className="count">{t('simcell.waiting', { count: inbox.filter((i) => i.replies.length === 0).length })}</span>
              </h2>
              <div className="panel-scroll">
                <SimCellInbox
                  items={inbox}
                  teams={teams}
                  organisations={view?.simulatedOrganisations ?? []}
                  canReply={allowed('reply', status)}
                  onReply={(reply) => send({ type: 'reply', ...reply })}
                />
              </div>
            </section>
          </div>
          <div className="console-column">
            <section className="panel panel-graph" aria-labelledby="graph-heading">
              <h2 id="graph-heading">{t('graph.heading')}</h2>
              {document ? <StatechartGraph document={document} states={states} /> : <p className="empty">{t('graph.none')}</p>}
            </section>
            <section className="panel panel-teams" aria-labelledby="teams-heading">
              <h2 id="teams-heading">{t('team.heading')}</h2>
              <TeamBoard teams={teams} presence={presence} entries={entries} rows={rows} inbox={inbox} onSelectInject={setSelectedId} />
            </section>
            <section className="panel panel-feed" aria-labelledby="feed-heading">
              <h2 id="feed-heading">{t('feed.heading')}</h2>
              <LiveFeed noteInput={noteInput} speed={view?.clock.speed ?? 1} entries={entries} teams={teams} canNote={allowed('note', status)} onNote={(text) => send({ type: 'note', text })} />
            </section>
          </div>
        </div>
      </main>
      {pending?.kind === 'confirm' && (
        <ConfirmDialog error={dialogError} message={pending.message} confirmLabel={t(`command.${pending.command.type}`)} onConfirm={() => void send(pending.command)} onClose={close} />
      )}
      {pending?.kind === 'reason' && pending.command === 'halt' && (
        <ReasonDialog error={dialogError} title={t('halt.title')} intro={t('halt.intro')} submitLabel={t('halt.submit')} danger onSubmit={(reason) => void send({ type: 'halt', reason })} onClose={close} />
      )}
      {pending?.kind === 'reason' && pending.command === 'resume' && (
        <ReasonDialog error={dialogError} title={t('resumeAfterHalt.title')} intro={t('resumeAfterHalt.intro', { reason: view?.halt?.reason ?? '' })} submitLabel={t('resumeAfterHalt.submit')} danger onSubmit={(reason) => void send({ type: 'resume', reason })} onClose={close} />
      )}
      {pending?.kind === 'reason' && (pending.command === 'hold' || pending.command === 'skip') && selectedForDialog && (
        <ReasonDialog error={dialogError}
          title={t(`${pending.command}.title`, { number: selectedForDialog.number, subject: selectedForDialog.subject })}
          intro={t(`${pending.command}.intro`)}
          submitLabel={t(`command.${pending.command}`)}
          danger={pending.command === 'skip'}
          onSubmit={(reason) => void send({ type: pending.command, injectId: selectedForDialog.id, reason })}
          onClose={close}
        />
      )}
      {pending?.kind === 'edit' && selectedForDialog && (
        <EditInjectDialog error={dialogError}
          row={selectedForDialog}
          canRelease={allowed('release', status)}
          onClose={close}
          onSave={(change, andRelease) => {
            const id = selectedForDialog.id;
            const edit = Object.keys(change).length ? send({ type: 'edit', injectId: id, ...change }) : Promise.resolve(true);
            void edit.then((ok) => ok && andRelease && release(id));
          }}
        />
      )}
      {pending?.kind === 'adhoc' && <AdhocDialog error={dialogError} teams={teams} onSubmit={(command) => void send(command)} onClose={close} />}
      {pending?.kind === 'broadcast' && <BroadcastDialog error={dialogError} teams={teams} onSubmit={(command) => void send(command)} onClose={close} />}
      {pending?.kind === 'help' && <ShortcutHelp onClose={close} />}
    </div>
  );
}
