import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { ChartNodeKind } from './statechart.ts';

export type StateNodeData = { key: string; title: string; kind: ChartNodeKind; active: boolean; initial: boolean; loops: { label: string; guarded: boolean }[]; description?: string };
export type StateFlowNode = Node<StateNodeData, 'state'>;

/** A leaf state: its name, "now" while active, and the timers that fire without leaving it. */
export function StateNode({ data }: NodeProps<StateFlowNode>) {
  const { t } = useTranslation('console');
  return (
    <div className={`state-node state-${data.kind}${data.active ? ' active' : ''}`} data-state={data.key} data-active={data.active} title={data.description}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="state-name">
        {data.initial && <span aria-hidden="true">▸ </span>}
        {data.title}
      </div>
      {data.active && <div className="state-now">{t('graph.now')}</div>}
      {data.kind === 'final' && !data.active && <div className="state-final">{t('graph.final')}</div>}
      {data.loops.map((loop, i) => (
        <div key={i} className="state-loop">
          ↻ {loop.label}
          {loop.guarded && ` ${t('graph.if')}`}
        </div>
      ))}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
