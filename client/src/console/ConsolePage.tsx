import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { parseScenarioClockTime, type ControllerCommand, type ErrorDetail } from '@startex/shared';
import { ConnectionBadge } from '../lib/ConnectionBadge.tsx';
import { exerciseWords } from '../lib/exerciseWords.ts';
import { HaltBanner } from '../lib/HaltBanner.tsx';
import { LoginForm } from '../lib/LoginForm.tsx';
import { request, useExercise } from '../lib/useExercise.ts';
import { roleIn, useSession } from '../lib/useSession.ts';
import { pagesFor } from '../shell/exercisePages.ts';
import { useExerciseSummary } from '../shell/useExerciseSummary.ts';
import { WhereToGo } from '../shell/WhereToGo.tsx';
import { AdhocDialog } from './AdhocDialog.tsx';
import { BroadcastDialog } from './BroadcastDialog.tsx';
import { ClockControls } from './ClockControls.tsx';
import { CommandBar } from './CommandBar.tsx';
import type { Pending } from './commands.ts';
import { ConfirmDialog } from '../lib/ConfirmDialog.tsx';
import { ConsolePanes } from './ConsolePanes.tsx';
import { EditInjectDialog } from './EditInjectDialog.tsx';
import { exerciseNowMs, useNow } from '../lib/clock.ts';
import { LiveFeed } from './LiveFeed.tsx';
import { simCellInbox } from './messages.ts';
import { filterRows, mselRows, NO_FILTER, stateKeys, type MselFilter } from './msel.ts';
import { MselFilters } from './MselFilters.tsx';
import { MselTimeline } from './MselTimeline.tsx';
import { commandAccess } from './permissions.ts';
import { ReasonDialog } from './ReasonDialog.tsx';
import { useShortcuts, type ShortcutId } from './shortcuts.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { SimCellInbox } from './SimCellInbox.tsx';
import { StatechartGraph } from './StatechartGraph.tsx';
import { SelectedInject } from './SelectedInject.tsx';
import { TeamBoard } from './TeamBoard.tsx';
import { useControlView } from './useControlView.ts';
import './strings.ts';

/**
 * Sign-in first; then the console of the exercise in the URL for those who run or follow play, and
 * for a participant or observer a page that says where their part of the exercise is.
 */
export function ConsolePage({ exerciseId }: { exerciseId: string }) {
  const session = useSession();
  const { t } = useTranslation();
  const summary = useExerciseSummary(exerciseId, !!session.session);
  if (session.loading) return <main className="page" id="main"><p>{t('loading')}</p></main>;
  if (!session.session) return <LoginForm onLogin={session.login} error={session.error} />;
  const role = roleIn(session.session, exerciseId);
  if (!pagesFor(role, []).includes('console')) {
    return <WhereToGo exerciseId={exerciseId} title={summary?.title ?? ''} role={role} />;
  }
  return <Console exerciseId={exerciseId} userId={session.session.user.id} />;
}

/**
 * The console as an operations screen: clocks and commands on top, the MSEL, SimCell inbox,
 * statechart, team board and live feed in resizable panes below. Each role sees the commands it may
 * send (permissions.ts); the rest of the console is read-only for it.
 */
function Console({ exerciseId, userId }: { exerciseId: string; userId: string }) {
  const { t } = useTranslation('console');
  const exercise = useExercise({ exerciseId });
  const { entries, presence } = exercise;
  const now = useNow(1000);
  const view = useControlView(exercise.view, entries, now);
  const control = view?.control;
  const status = view?.status;
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
  // The same states as one array while they stay the same, so the statechart is not laid out again every second.
  const statesKey = control?.states.join('\n') ?? '';
  const states = useMemo(() => (statesKey ? statesKey.split('\n') : []), [statesKey]);
  const decisions = control?.openDecisions ?? [];
  const teams = view?.teams ?? [];
  const access = commandAccess(view?.viewer.role, status);
  const allowed = (type: ControllerCommand['type']) => access.enabled(type);
  const words = useMemo(() => exerciseWords(view, entries, t), [view, entries, t]);
  const nowExerciseMs = Math.max(view ? exerciseNowMs(view, now) : 0, entries.at(-1)?.exerciseTimeMs ?? 0);
  const nextTimerMs = status === 'live' ? control?.nextTimerExerciseMs : undefined;
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
        if (allowed(id)) void send({ type: id });
        return;
      case 'end':
      case 'close':
        if (allowed(id)) onLifecycle({ type: id });
        return;
      case 'halt':
        if (allowed('halt')) open({ kind: 'reason', command: 'halt' });
        return;
      case 'pauseResume':
        if (allowed('pause')) void send({ type: 'pause' });
        else if (allowed('resume')) onLifecycle({ type: 'resume' });
        return;
      case 'jump':
        if (allowed('jump')) void send({ type: 'jump' });
        return;
      case 'jumpInject':
        if (allowed('jump')) void send({ type: 'jump', to: 'inject' });
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
        if (selected && injectCommandsOpen && allowed('release')) release(selected.id);
        return;
      case 'hold':
        if (selected && injectCommandsOpen && selected.state !== 'held' && allowed('hold')) open({ kind: 'reason', command: 'hold', injectId: selected.id });
        return;
      case 'skip':
        if (selected && injectCommandsOpen && selected.state !== 'skipped' && allowed('skip')) open({ kind: 'reason', command: 'skip', injectId: selected.id });
        return;
      case 'edit':
        if (selected && injectCommandsOpen && allowed('edit')) open({ kind: 'edit', injectId: selected.id });
        return;
      case 'adhoc':
        if (allowed('adhoc')) open({ kind: 'adhoc' });
        return;
      case 'broadcast':
        if (allowed('broadcast')) open({ kind: 'broadcast' });
        return;
      case 'decide': {
        const options = decisions;
        const decision = arg && /^[1-9]$/.test(arg) ? options[Number(arg) - 1]?.decision : arg;
        if (decision && allowed('decide')) decide(decision);
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

  const msel = (
    <section className="panel panel-msel" aria-labelledby="msel-heading">
      <h2 id="msel-heading">{t('msel.heading')}</h2>
      <SelectedInject selected={selected} access={access} act={act} />
      <MselFilters filter={filter} onChange={setFilter} teams={teams} phases={phases} words={words} />
      <div className="panel-scroll" tabIndex={0} role="region" aria-labelledby="msel-heading">
        <MselTimeline rows={visible} total={rows.length} nowScenarioMs={nowScenarioMs} nowExerciseMs={nowExerciseMs} selectedId={selectedId} onSelect={setSelectedId} words={words} />
      </div>
    </section>
  );
  const simcell = (
    <section ref={simcellPanel} className="panel panel-simcell" aria-labelledby="simcell-heading">
      <h2 id="simcell-heading">
        {t('simcell.heading')} <span className="count">{t('simcell.waiting', { count: inbox.filter((i) => i.replies.length === 0).length })}</span>
      </h2>
      <div className="panel-scroll" tabIndex={0} role="region" aria-labelledby="simcell-heading">
        <SimCellInbox
          items={inbox}
          words={words}
          organisations={view?.simulatedOrganisations ?? []}
          canReply={access.shown('reply') ? allowed('reply') : undefined}
          onReply={(reply) => send({ type: 'reply', ...reply })}
        />
      </div>
    </section>
  );
  const graph = (
    <section className="panel panel-graph" aria-labelledby="graph-heading">
      <h2 id="graph-heading">{t('graph.heading')}</h2>
      {document ? <StatechartGraph document={document} states={states} /> : <p className="empty">{t('graph.none')}</p>}
    </section>
  );
  const board = (
    <section className="panel panel-teams" aria-labelledby="teams-heading">
      <h2 id="teams-heading">{t('team.heading')}</h2>
      <div className="panel-scroll" tabIndex={0} role="region" aria-labelledby="teams-heading">
        <TeamBoard teams={teams} presence={presence} entries={entries} rows={rows} inbox={inbox} onSelectInject={setSelectedId} />
      </div>
    </section>
  );
  const feed = (
    <section className="panel panel-feed" aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('feed.heading')}</h2>
      <LiveFeed noteInput={noteInput} entries={entries} teams={teams} words={words} canNote={access.shown('note') ? allowed('note') : undefined} onNote={(text) => send({ type: 'note', text })} />
    </section>
  );

  return (
    <div className="console-page">
      <HaltBanner view={view} />
      <main className="console" id="main" aria-label={view?.title ?? t('title')}>
        <h1 className="visually-hidden">{view?.title ?? t('title')}</h1>
        <div className="ops-bar">
          <ClockControls view={view} nextTimerMs={nextTimerMs} access={access} onCommand={onLifecycle} onHalt={() => open({ kind: 'reason', command: 'halt' })} onSpeed={(speed) => void send({ type: 'speed', speed })} />
          <CommandBar decisions={decisions} access={access} act={act} connection={<ConnectionBadge state={exercise.connection} />} />
        </div>
        <div className="console-messages">
          {exercise.refusal && <p role="alert" className="error">{exercise.refusal.message} ({exercise.refusal.code})</p>}
          {status === 'draft' && access.shown('ready') && (
            <p className="next-step-banner" data-testid="next-step">
              {t('nextStep.commsCheck')} <Link to={`/plan/${encodeURIComponent(exerciseId)}#comms`}>{t('nextStep.commsCheckLink')}</Link>
            </p>
          )}
          {error && !pending && (
            <p role="alert" className="error">
              {error.message} ({error.code})
              {error.code === 'COMMS_CHECK_REQUIRED' && <> <Link to={`/plan/${encodeURIComponent(exerciseId)}#comms`}>{t('notice.commsCheck')}</Link></>}
            </p>
          )}
          <p className="visually-hidden" aria-live="polite">{notice}</p>
        </div>
        <ConsolePanes userId={userId} {...(document ? { msel, graph } : {})} simcell={simcell} teams={board} feed={feed} />
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
          canRelease={allowed('release')}
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
