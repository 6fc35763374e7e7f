import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioDocument } from '@startex/shared';
import type { PlayPath, Problem, RunInput, Simulation } from '@startex/scenarios/browser';
import { documentSource, exerciseWords } from '../../lib/exerciseWords.ts';
import type { AnalysisThread } from '../analysis/AnalysisThread.ts';
import type { Names } from '../document/names.ts';
import { rowsOf, stringsOf, textOf, type StudioDocument } from '../document/studioDocument.ts';
import { SimulationTimeline } from './SimulationTimeline.tsx';

type Shown = { kind: 'idle' } | { kind: 'busy' } | { kind: 'refused'; problems: Problem[] } | { kind: 'failed'; message: string };

/** A path's choices in words: "Police: Set a cordon (Cordon = inner)", "Decision: Evacuate". */
export function inputWords(input: RunInput, names: Names, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (input.type) {
    case 'action': {
      const fields = Object.entries(input.fields).map(([f, v]) => `${names.field(input.actionId, f)} = ${Array.isArray(v) ? v.join(', ') : String(v)}`);
      return `${names.team(input.teamId)}: ${names.action(input.actionId)}${fields.length ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'decision':
      return t('simulate.decisionTaken', { decision: names.decision(input.decision) });
    case 'acknowledgement':
      return t('simulate.acknowledges', { team: names.team(input.teamId), row: names.row(input.injectId) });
    case 'timer':
      return '';
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
}

/**
 * Play in the page, with the server's own engine in the analysis worker: with the default
 * responses or with nobody answering, every distinct path of play, and any path as a timeline.
 */
export function SimulatePanel({ thread, document, expanded, names }: { thread: AnalysisThread; document: StudioDocument; expanded: ScenarioDocument | undefined; names: Names }) {
  const { t } = useTranslation('studio');
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const [simulation, setSimulation] = useState<{ title: string; simulation: Simulation } | undefined>();
  const [paths, setPaths] = useState<{ paths: PlayPath[]; truncated: boolean } | undefined>();
  const defaults = Array.isArray(document.defaultResponses) ? document.defaultResponses.length : 0;

  const play = async (title: string, request: { responses?: []; path?: RunInput[] }) => {
    setShown({ kind: 'busy' });
    const answer = await thread.ask({ type: 'simulate', document, ...request });
    if (!answer) return setShown({ kind: 'idle' }); // the page closed the thread
    if (answer.type === 'failed') return setShown({ kind: 'failed', message: answer.message });
    if (!answer.ok) return setShown({ kind: 'refused', problems: answer.problems });
    setShown({ kind: 'idle' });
    setSimulation({ title, simulation: answer.simulation });
  };
  const explore = async () => {
    setShown({ kind: 'busy' });
    const answer = await thread.ask({ type: 'paths', document });
    if (!answer) return setShown({ kind: 'idle' }); // the page closed the thread
    if (answer.type === 'failed') return setShown({ kind: 'failed', message: answer.message });
    if (!answer.ok) return setShown({ kind: 'refused', problems: answer.problems });
    setShown({ kind: 'idle' });
    setPaths({ paths: answer.paths, truncated: answer.truncated });
  };
  // States in the console's words: their titles, else their keys read as words.
  const words = expanded ? exerciseWords(documentSource(expanded), [], t) : undefined;
  const teamsOfRow = new Map(rowsOf(document).map((r) => [textOf(r.id), stringsOf(r.to)]));

  return (
    <section className="simulate" aria-labelledby="simulate-heading">
      <h2 id="simulate-heading">{t('view.simulate')}</h2>
      <div className="simulate-actions">
        <button type="button" onClick={() => void play(t('simulate.withDefaults'), {})} disabled={shown.kind === 'busy'}>{t('simulate.playDefaults', { count: defaults })}</button>
        <button type="button" className="secondary" onClick={() => void play(t('simulate.withNothing'), { responses: [] })} disabled={shown.kind === 'busy'}>{t('simulate.playNothing')}</button>
        <button type="button" className="secondary" onClick={() => void explore()} disabled={shown.kind === 'busy'}>{t('simulate.explore')}</button>
      </div>
      <div aria-live="polite">
        {shown.kind === 'busy' && <p>{t('simulate.busy')}</p>}
        {shown.kind === 'failed' && <p className="error">{t('problems.failed', { message: shown.message })}</p>}
        {shown.kind === 'refused' && (
          <div className="error">
            <p>{t('simulate.refused')}</p>
            <ul>{shown.problems.slice(0, 5).map((p, i) => <li key={i}>{p.message}</li>)}</ul>
          </div>
        )}
      </div>
      {paths && (
        <section aria-labelledby="paths-heading">
          <h3 id="paths-heading">{t('simulate.paths', { count: paths.paths.length })}</h3>
          {paths.truncated && <p className="hint">{t('simulate.truncated')}</p>}
          <ol className="path-list">
            {paths.paths.map((path, i) => {
              const choices = path.inputs.filter((input) => input.type !== 'timer').map((input) => inputWords(input, names, t));
              const title = t('simulate.pathTitle', { number: i + 1 });
              return (
                <li key={i} className="path">
                  <strong>{title}</strong>{' '}
                  {choices.length ? choices.join(' → ') : t('simulate.nobodyAnswers')}
                  {path.patient && ` (${t('simulate.patient')})`}
                  <br />
                  <span className="hint">
                    {t('simulate.pathOutcome', { released: path.released.length, minutes: path.minMinutes })}
                    {path.ended ? '' : ` · ${t('simulate.neverEnds')}`}
                  </span>{' '}
                  <button type="button" className="small secondary" onClick={() => void play(title, { path: path.inputs })}>{t('simulate.openPath')}</button>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {simulation && (
        <SimulationTimeline
          title={simulation.title}
          simulation={simulation.simulation}
          names={names}
          teamsOf={(row) => {
            const to = teamsOfRow.get(row) ?? [];
            return to.includes('all') ? names.teams.map((team) => team.id) : to.flatMap((id) => (names.groups.some((g) => g.id === id) ? names.teamsOfGroup(id) : [id]));
          }}
          stateWords={(states) => states.split(', ').map((s) => words?.state(s) ?? s).join('; ')}
        />
      )}
    </section>
  );
}
