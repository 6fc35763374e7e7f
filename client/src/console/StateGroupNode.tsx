import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { StateNodeData } from './StateNode.tsx';

export type StateGroupFlowNode = Node<StateNodeData, 'stateGroup'>;

/** A compound or parallel state drawn as a frame around its children. */
export function StateGroupNode({ data }: NodeProps<StateGroupFlowNode>) {
  const { t } = useTranslation('console');
  return (
    <div className={`state-group state-${data.kind}${data.active ? ' active' : ''}`} data-state={data.key} data-active={data.active} title={data.description}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="state-group-name">
        {data.title} <span className="state-group-kind">{t(`graph.${data.kind}`)}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
