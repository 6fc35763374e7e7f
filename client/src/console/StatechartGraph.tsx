import { useEffect, useMemo, useRef, useState } from 'react';
import { Controls, MarkerType, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import { phasePaths } from '@startex/scenarios/browser';
import type { ScenarioDocument } from '@startex/shared';
import { documentSource, exerciseWords, type ExerciseWords } from '../lib/exerciseWords.ts';
import { useThemeSetting } from '../lib/theme.ts';
import { ElkEdge, type ElkFlowEdge } from './ElkEdge.tsx';
import { StateGroupNode, type StateGroupFlowNode } from './StateGroupNode.tsx';
import { StateNode, type StateFlowNode } from './StateNode.tsx';
import { activeStates, buildChart, layoutChart, type Chart, type ChartEdge, type ChartLayout, type ChartNode } from './statechart.ts';

const nodeTypes = { state: StateNode, stateGroup: StateGroupNode };
/** Below this the boxes' text is too small to read at a desk; the chart is then fitted to the current state alone. */
const READABLE_ZOOM = 0.55;
const MIN_ZOOM = 0.15;
const edgeTypes = { elk: ElkEdge };
type FlowNode = StateFlowNode | StateGroupFlowNode;

/**
 * The chart with people's words in it: state titles for keys, action and team names on transitions.
 * Laid out with these words, so every box fits its text; `stateKey` keeps the key for the page's
 * data attributes.
 */
type ShownChart = { nodes: (ChartNode & { stateKey: string })[]; edges: ChartEdge[] };
function humanChart(chart: Chart, words: ExerciseWords, actionIds: ReadonlySet<string>): ShownChart {
  // A loop's label is "+10 min" or an action id with its team in brackets (statechart.ts).
  const loopLabel = (label: string) => {
    const match = /^(\S+)(?: \((\S+)\))?$/.exec(label);
    if (!match || !actionIds.has(match[1]!)) return label;
    return match[2] ? `${words.action(match[1]!)} (${words.team(match[2])})` : words.action(match[1]!);
  };
  return {
    nodes: chart.nodes.map((node) => ({ ...node, stateKey: node.key, key: words.state(node.key), loops: node.loops.map((l) => ({ ...l, label: loopLabel(l.label) })) })),
    edges: chart.edges.map((edge) =>
      edge.kind === 'on' && edge.action ? { ...edge, label: edge.team ? `${words.action(edge.action)} (${words.team(edge.team)})` : words.action(edge.action) } : edge,
    ),
  };
}

/**
 * The scenario machine laid out by ELK: active states highlighted, the transitions out of them
 * (the branches still open) marked, and the same facts as text below for screen readers. With
 * `onSelect` (the studio), a state can be selected by click or keyboard, and `selected` is shown.
 */
export function StatechartGraph({ document, states, selected, onSelect }: { document: ScenarioDocument; states: readonly string[]; selected?: string | undefined; onSelect?: (stateId: string) => void }) {
  const { t, i18n } = useTranslation('console');
  const theme = useThemeSetting();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the words follow the language
  const words = useMemo(() => exerciseWords(documentSource(document), [], t), [document, i18n.language]);
  const chart = useMemo(() => humanChart(buildChart(document), words, new Set(document.actions.map((a) => a.id))), [document, words]);
  const [layout, setLayout] = useState<ChartLayout | undefined>();
  const [failed, setFailed] = useState(false);
  const flow = useRef<ReactFlowInstance<FlowNode, ElkFlowEdge> | null>(null);

  useEffect(() => {
    let current = true;
    layoutChart(chart).then(
      (l) => current && setLayout(l),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [chart]);

  const active = useMemo(() => activeStates(states), [states]);
  const openEdges = chart.edges.filter((e) => active.has(e.source));

  const nodes = useMemo<FlowNode[]>(() => {
    if (!layout) return [];
    return chart.nodes.map((node) => {
      const box = layout.nodes.get(node.id) ?? { x: 0, y: 0, width: 100, height: 40 };
      const group = node.kind === 'compound' || node.kind === 'parallel';
      const data = { key: node.stateKey, title: node.key, kind: node.kind, active: active.has(node.id), initial: node.initial, loops: node.loops, ...(node.description ? { description: node.description } : {}) };
      return {
        id: node.id,
        type: group ? 'stateGroup' : 'state',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        data,
        selected: node.id === selected,
        ...(node.parentId ? { parentId: node.parentId, extent: 'parent' as const } : {}),
      } as FlowNode;
    });
  }, [chart, layout, active, selected]);

  const edges = useMemo<ElkFlowEdge[]>(() => {
    if (!layout) return [];
    return chart.edges.flatMap((edge) => {
      const route = layout.edges.get(edge.id);
      if (!route) return [];
      const open = active.has(edge.source);
      return [
        {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          type: 'elk' as const,
          zIndex: 10,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          data: { points: route.points, ...(route.label ? { labelAt: route.label } : {}), label: edge.label, kind: edge.kind, open, guarded: edge.guarded },
        },
      ];
    });
  }, [chart, layout, active]);

  // Parallel regions can sit far apart: follow the phase (the storyline of a timeline, not its
  // bookkeeping regions) and where it can go next, at a readable zoom; the text below (and panning) covers the rest.
  const focusIds = useMemo(() => {
    const isLeaf = (id: string) => chart.nodes.some((n) => n.id === id && n.kind !== 'compound' && n.kind !== 'parallel');
    const primary = selected ?? phasePaths(states)[0] ?? states[0] ?? chart.nodes.find((n) => n.initial && isLeaf(n.id))?.id;
    if (!primary) return [];
    const next = chart.edges.filter((e) => primary === e.source || primary.startsWith(`${e.source}.`)).map((e) => e.target);
    return [...new Set([primary, ...next.filter(isLeaf)])];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the active states change
  }, [states.join('|'), chart, selected]);

  const canvas = useRef<HTMLDivElement>(null);
  const showCurrent = (duration = 300) => {
    const instance = flow.current;
    const box = canvas.current;
    if (!instance || !box) return;
    if (!focusIds.length) return void instance.fitView({ padding: 0.1, duration });
    // The current state with where it can go next when that fits at a readable zoom; else the
    // current state alone, however small the pane: it always stays whole in view.
    const whole = instance.getNodesBounds(focusIds);
    const fits = Math.min(box.clientWidth / (whole.width * 1.3), box.clientHeight / (whole.height * 1.3)) >= READABLE_ZOOM;
    const shown = fits ? focusIds : focusIds.slice(0, 1);
    void instance.fitView({ nodes: shown.map((id) => ({ id })), padding: 0.15, maxZoom: 1, minZoom: fits ? READABLE_ZOOM : MIN_ZOOM, duration });
  };
  useEffect(() => {
    if (layout) requestAnimationFrame(() => showCurrent());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the active states
  }, [layout, focusIds]);

  const nameOf = (id: string) => chart.nodes.find((n) => n.id === id)?.key ?? id;
  // The chart follows its pane: whenever the pane is resized, the current states are fitted into it again.
  useEffect(() => {
    const box = canvas.current;
    if (!box || !layout) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => showCurrent(0));
    });
    observer.observe(box);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- showCurrent reads the latest focus
  }, [layout, focusIds]);
  return (
    <div className="statechart">
      <div ref={canvas} className="statechart-canvas" role="group" aria-label={t('graph.label')}>
        {failed ? (
          <p className="error">{t('graph.failed')}</p>
        ) : (
          <ReactFlow<FlowNode, ElkFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            colorMode={theme}
            onInit={(instance) => {
              flow.current = instance;
            }}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={onSelect !== undefined}
            edgesFocusable={false}
            elementsSelectable={onSelect !== undefined}
            {...(onSelect ? { onNodeClick: (_event: unknown, node: FlowNode) => onSelect(node.id) } : {})}
            minZoom={MIN_ZOOM}
            maxZoom={1.5}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={{
              'controls.ariaLabel': t('graph.controls'),
              'controls.zoomIn.ariaLabel': t('graph.zoomIn'),
              'controls.zoomOut.ariaLabel': t('graph.zoomOut'),
              'controls.fitView.ariaLabel': t('graph.fitAll'),
            }}
          >
            <Controls showInteractive={false} position="bottom-right" />
          </ReactFlow>
        )}
      </div>
      <div className="statechart-text" tabIndex={0} role="region" aria-label={t('graph.nowLabel')}>
        <button type="button" className="secondary small" onClick={() => showCurrent()}>{t('graph.showCurrent')}</button>
        <p>
          <strong>{t('graph.nowLabel')}</strong> {states.length ? words.phase(states) : t('graph.notStarted')}
        </p>
        {openEdges.length > 0 && (
          <div>
            <strong id="open-branches">{t('graph.open')}</strong>
            <ul aria-labelledby="open-branches" className="open-branches">
              {openEdges.map((e) => (
                <li key={e.id}>
                  {nameOf(e.source)} → {nameOf(e.target)}: <span className={`edge-kind edge-${e.kind}`}>{t(`graph.kind.${e.kind}`)}</span> {e.label}
                  {e.guarded && ` ${t('graph.if')}`}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
