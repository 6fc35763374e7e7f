import type { ELK as Elk, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ScenarioDocument, ScenarioState } from '@startex/shared';

export type ChartNodeKind = 'atomic' | 'compound' | 'parallel' | 'final';
export type ChartEdgeKind = 'after' | 'on' | 'decision';

/** A state of the scenario machine; `id` is its dotted path, as in `control.states`. */
export interface ChartNode {
  id: string;
  key: string;
  parentId?: string;
  kind: ChartNodeKind;
  initial: boolean;
  description?: string;
  /** Transitions that stay in the state (effects only), e.g. "+10 min". */
  loops: { label: string; guarded: boolean }[];
}

export interface ChartEdge {
  id: string;
  source: string;
  target: string;
  kind: ChartEdgeKind;
  /** "+7 min", an action id or a decision label; `guarded` when a condition applies. */
  label: string;
  guarded: boolean;
  decision?: string;
  /** For transitions on a team's action: the action and team ids, to be shown by name. */
  action?: string;
  team?: string;
}

export interface Chart {
  nodes: ChartNode[];
  edges: ChartEdge[];
}

/** The machine as nodes (one per state, nested by path) and edges (one per targeted transition). */
export function buildChart(document: ScenarioDocument): Chart {
  const nodes: ChartNode[] = [];
  const pathOf = new Map<string, string>();
  const pending: { source: string; state: ScenarioState }[] = [];
  const walk = (state: ScenarioState, parentPath: string | undefined) => {
    for (const [key, child] of Object.entries(state.states ?? {})) {
      const id = parentPath ? `${parentPath}.${key}` : key;
      const kind: ChartNodeKind =
        child.type === 'parallel' ? 'parallel' : child.type === 'final' ? 'final' : child.states && Object.keys(child.states).length ? 'compound' : 'atomic';
      const initial = state.type !== 'parallel' && (state.initial ?? Object.keys(state.states ?? {})[0]) === key;
      nodes.push({ id, key, kind, initial, loops: [], ...(parentPath ? { parentId: parentPath } : {}), ...(child.description ? { description: child.description } : {}) });
      pathOf.set(key, id);
      pending.push({ source: id, state: child });
      walk(child, id);
    }
  };
  walk(document.machine, undefined);

  const edges: ChartEdge[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const add = (source: string, target: string | undefined, kind: ChartEdgeKind, label: string, guarded: boolean, decision?: string, on?: { action: string; team?: string | undefined }) => {
    const targetPath = target === undefined ? undefined : pathOf.get(target);
    if (targetPath === undefined) {
      byId.get(source)?.loops.push({ label, guarded });
      return;
    }
    edges.push({ id: `${source}->${targetPath}#${edges.length}`, source, target: targetPath, kind, label, guarded, ...(decision ? { decision } : {}), ...(on ? { action: on.action, ...(on.team ? { team: on.team } : {}) } : {}) });
  };
  for (const { source, state } of pending) {
    for (const t of state.after ?? []) add(source, t.target, 'after', `+${t.minutes} min`, t.when !== undefined);
    for (const t of state.on ?? []) add(source, t.target, 'on', t.team ? `${t.action} (${t.team})` : t.action, t.when !== undefined, undefined, { action: t.action, team: t.team });
    for (const t of state.decisions ?? []) add(source, t.target, 'decision', t.label, false, t.decision);
  }
  return { nodes, edges };
}

/** The active leaf paths and every state that contains them. */
export function activeStates(leafPaths: readonly string[]): Set<string> {
  const active = new Set<string>();
  for (const path of leafPaths) {
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) active.add(parts.slice(0, i).join('.'));
  }
  return active;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface ChartLayout {
  /** Position relative to the parent state (as React Flow nests nodes). */
  nodes: Map<string, Box>;
  /** Absolute polyline per edge, and where its label goes. */
  edges: Map<string, { points: { x: number; y: number }[]; label?: { x: number; y: number } }>;
}

/** Rough text widths at the node (14 px bold) and edge label (12 px) font sizes: ELK needs sizes up front. */
const NODE_CHAR_PX = 8.8;
const LABEL_CHAR_PX = 7;
const labelSize = (text: string) => ({ width: Math.ceil(text.length * LABEL_CHAR_PX) + 16, height: 20 });

let elk: Promise<Elk> | undefined;

/** ELK is large (about 1.5 MB): loaded as its own chunk, only when a console first draws a chart. */
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

/** Lays the chart out with ELK's layered algorithm, left to right, nested states as groups. */
export async function layoutChart(chart: Chart): Promise<ChartLayout> {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [],
    edges: [],
  };
  const parallelIds = new Set(chart.nodes.filter((n) => n.kind === 'parallel').map((n) => n.id));
  for (const node of chart.nodes) {
    const group = node.kind === 'compound' || node.kind === 'parallel';
    // Regions of a parallel state stack top to bottom, each starting at the left edge.
    const region = node.parentId !== undefined && parallelIds.has(node.parentId);
    const elkNode: ElkNode = group
      ? {
          id: node.id,
          children: [],
          layoutOptions: {
            'elk.padding': '[top=34,left=14,bottom=14,right=14]',
            ...(node.kind === 'parallel' ? { 'elk.direction': 'DOWN' } : {}),
            ...(region ? { 'elk.alignment': 'LEFT' } : {}),
          },
        }
      : {
          id: node.id,
          width: Math.max(110, Math.ceil(Math.max(node.key.length, ...node.loops.map((l) => l.label.length + 6)) * NODE_CHAR_PX) + 30),
          height: 50 + node.loops.length * 17,
        };
    elkNodes.set(node.id, elkNode);
    const parent = node.parentId ? elkNodes.get(node.parentId) : root;
    parent!.children!.push(elkNode);
  }
  root.edges = chart.edges.map(
    (edge): ElkExtendedEdge => ({ id: edge.id, sources: [edge.source], targets: [edge.target], labels: [{ text: edge.label, ...labelSize(edge.label) }] }),
  );
  const laid = await (await loadElk()).layout(root);

  const layout: ChartLayout = { nodes: new Map(), edges: new Map() };
  const visit = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      layout.nodes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      visit(child);
    }
  };
  visit(laid);
  const collect = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const section = edge.sections?.[0];
      if (!section) continue;
      const label = edge.labels?.[0];
      layout.edges.set(edge.id, {
        points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
        ...(label?.x !== undefined && label.y !== undefined ? { label: { x: label.x + (label.width ?? 0) / 2, y: label.y + (label.height ?? 0) / 2 } } : {}),
      });
    }
    for (const child of node.children ?? []) collect(child);
  };
  collect(laid);
  return layout;
}
