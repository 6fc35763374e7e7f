import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { ChartEdgeKind } from './statechart.ts';

export type ElkEdgeData = { points: { x: number; y: number }[]; labelAt?: { x: number; y: number }; label: string; kind: ChartEdgeKind; open: boolean; guarded: boolean };
export type ElkFlowEdge = Edge<ElkEdgeData, 'elk'>;

/** A transition along the route ELK computed, with its label where ELK placed it. */
export function ElkEdge({ id, data, markerEnd }: EdgeProps<ElkFlowEdge>) {
  const { t } = useTranslation('console');
  if (!data || data.points.length < 2) return null;
  const path = data.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={`elk-edge edge-${data.kind}${data.open ? ' open' : ''}`} />
      {data.labelAt && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-${data.kind}${data.open ? ' open' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${data.labelAt.x}px, ${data.labelAt.y}px)` }}
          >
            {data.open && <span aria-hidden="true">▶ </span>}
            {data.label}
            {data.guarded && <span className="edge-guard"> {t('graph.if')}</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
