import { Type } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { defineNode } from '../common/define-node';
import { words } from '../common/schema-helpers';

const EndParams = Type.Object(
  {
    reason: Type.String({ maxLength: 200, default: '', ...words({ zh: '结束说明', en: 'Note', helpZh: '可选，记录在轨迹中。', helpEn: 'Optional; recorded in the trace.' }) }),
  },
  { additionalProperties: false },
);

/** The interpreter stops on reaching an `end` node; evaluate/step exist so every node answers the same way. */
export const endNode = defineNode({
  type: 'end',
  version: 1,
  kinds: ['allocation', 'followUp'],
  category: 'end',
  icon: 'StopOutlined',
  labels: text('结束', 'End'),
  help: text('流程在此结束。每个不需要继续的出口都应连到结束节点。', 'The flow stops here. Connect every output that needs nothing more to an end node.'),
  params: EndParams,
  outputs: () => [],
  summary: (p, locale) => p.reason || (locale === 'en' ? 'End' : '结束'),
  waits: false,
  references: () => [],
  evaluate: (p) => ({ output: '', effects: [], trace: { summary: p.reason ? text(`结束：${p.reason}`, `End: ${p.reason}`) : text('流程结束', 'Flow ended') } }),
  step: (p, ctx) => ({ type: 'end', actions: [{ kind: 'end', nodeId: ctx.nodeId, reason: p.reason || 'end' }] }),
});
