import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { CATEGORY_COLORS, NodeIcon } from '../palette/node-icon';
import type { CardNode } from './to-react-flow';

/** A node card: icon and name, the node's settings in words, and one handle per named output. */
function FlowNodeCard({ id, data, selected }: NodeProps<CardNode>) {
  const updateInternals = useUpdateNodeInternals();
  const outKey = data.outputs.map((o) => o.id).join('|');
  // handles are measured with the node; re-measure only when the outputs change afterwards (e.g. a new switch case)
  const firstOutKey = useRef(outKey);
  useEffect(() => {
    if (outKey !== firstOutKey.current) {
      firstOutKey.current = outKey;
      updateInternals(id);
    }
  }, [id, outKey, updateInternals]);
  const color = data.category === 'unknown' ? '#57606a' : CATEGORY_COLORS[data.category];
  const cls = ['allot-node'];
  if (selected) cls.push('selected');
  if (data.errorCount > 0) cls.push('has-error');
  if (data.path === 'hit') cls.push('path-hit');
  if (data.path === 'dim') cls.push('path-dim');
  if (data.diff === 'added' || data.diff === 'removed' || data.diff === 'changed') cls.push(`diff-${data.diff}`);
  return (
    <div className={cls.join(' ')} data-testid={`node-${id}`} data-node-type={data.draft.type}>
      {data.hasInput && <Handle type="target" position={Position.Left} id="in" />}
      <div className="allot-node-head" style={{ background: `${color}14` }}>
        <NodeIcon name={data.icon} color={color} />
        <span className="title" title={data.title}>{data.title}</span>
        {data.errorCount > 0 && <span className="allot-node-badge" data-testid={`node-errors-${id}`}>{data.errorCount}</span>}
      </div>
      <div className="allot-node-summary" data-testid={`node-summary-${id}`}>{data.summary}</div>
      {data.result !== undefined && <div className="allot-node-result" data-testid={`node-result-${id}`}>{data.result}</div>}
      {data.outputs.length > 0 && (
        <div className="allot-node-outputs">
          {data.outputs.map((o) => (
            <div key={o.id} className={`allot-node-output${o.connected ? '' : ' unconnected'}`}>
              <span title={o.id}>{o.label}</span>
              <Handle type="source" position={Position.Right} id={o.id} data-testid={`handle-${id}-${o.id}`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const FlowNode = memo(FlowNodeCard);
export const NODE_TYPES_RF = { card: FlowNode };
