import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioDocument } from '@startex/shared';
import '../../console/strings.ts';
import { StatechartGraph } from '../../console/StatechartGraph.tsx';
import { buildChart } from '../../console/statechart.ts';
import { documentSource, exerciseWords } from '../../lib/exerciseWords.ts';
import type { Names } from '../document/names.ts';
import { releasesByState } from './stateRows.ts';

/**
 * The compiled machine, drawn as the console draws it. Selecting a state (in the graph or the
 * list) selects the MSEL rows it releases; a row selected in the MSEL selects its state here.
 */
export function StudioStatechart({ expanded, selected, onSelect, names, onOpenRow }: {
  expanded: ScenarioDocument | undefined;
  selected: string | undefined;
  onSelect(state: string | undefined): void;
  names: Names;
  onOpenRow(rowId: string): void;
}) {
  const { t } = useTranslation('studio');
  const chart = useMemo(() => (expanded ? buildChart(expanded) : undefined), [expanded]);
  const byState = useMemo(() => (expanded ? releasesByState(expanded) : new Map<string, string[]>()), [expanded]);
  const words = useMemo(() => (expanded ? exerciseWords(documentSource(expanded), [], t) : undefined), [expanded, t]);
  if (!expanded || !chart) return <p className="empty">{t('statechart.noDocument')}</p>;
  const rows = selected ? (byState.get(selected) ?? []) : [];
  return (
    <section className="studio-statechart" aria-labelledby="statechart-heading">
      <h2 id="statechart-heading" className="visually-hidden">{t('view.statechart')}</h2>
      <div className="statechart-pick">
        <label>
          {t('statechart.state')}
          <select value={selected ?? ''} onChange={(e) => onSelect(e.target.value || undefined)}>
            <option value="">{t('statechart.none')}</option>
            {chart.nodes.map((n) => (
              <option key={n.id} value={n.id}>{words?.state(n.key) ?? n.key}</option>
            ))}
          </select>
        </label>
        {selected && (
          <div className="statechart-rows">
            <strong id="state-rows">{t('statechart.rows', { count: rows.length })}</strong>
            <ul aria-labelledby="state-rows">
              {rows.map((id) => (
                <li key={id}>
                  <button type="button" className="link" onClick={() => onOpenRow(id)}>{names.row(id)}</button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {/* The console's statechart styles are scoped to its page: the graph wears its class. */}
      <div className="console-page statechart-frame">
        <StatechartGraph document={expanded} states={[]} selected={selected} onSelect={onSelect} />
      </div>
    </section>
  );
}
