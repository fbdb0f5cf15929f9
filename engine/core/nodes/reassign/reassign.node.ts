import { text } from '../../common/localized';
import { AssignParamsSchema } from '../../strategies/assign-params.schema';
import { assignReferences } from '../assign/assign-references';
import { assignSummary } from '../assign/assign-words';
import { prepareCandidateSet, type PreparedCandidateSet } from '../assign/candidate-set';
import { runAssign } from '../assign/run-assign';
import { defineNode } from '../common/define-node';
import { preparedFor } from '../common/prepared';

const cache = new WeakMap<object, PreparedCandidateSet>();
const OUTPUTS = new Set(['assigned', 'none']);

export const reassignNode = defineNode({
  type: 'reassign',
  version: 1,
  kinds: ['allocation', 'followUp'],
  category: 'assignment',
  icon: 'SwapOutlined',
  labels: text('重新分配', 'Reassign'),
  help: text(
    '再次执行一次分配，排除当前负责人：选出新负责人走“已分配”，无人可分走“无人可分”。',
    'Runs an assign step again, excluding the current owner: "assigned" with a new owner, or "none" when no rep is eligible.',
  ),
  params: AssignParamsSchema,
  outputs: () => [
    { id: 'assigned', labels: text('已分配', 'Assigned') },
    { id: 'none', labels: text('无人可分', 'None') },
  ],
  summary: (p, locale) => (locale === 'en' ? `Reassign: ${assignSummary(p, locale)}` : `重新分配：${assignSummary(p, locale)}`),
  waits: false,
  references: (p) => assignReferences(p),
  prepare: prepareCandidateSet,
  evaluate: (p, ctx) =>
    runAssign(p, preparedFor(cache, prepareCandidateSet, p, ctx.prepared), ctx, ctx.customer.ownerId ? [ctx.customer.ownerId] : []),
  /**
   * In follow-up flows the workflow carries out the reassignment (through the allocation service): the node emits
   * a `reassign` action and waits for the `actionResult` event naming this node, then follows its output.
   */
  step: (p, ctx) => {
    const ev = ctx.event;
    if (ev.kind === 'actionResult' && ev.nodeId === ctx.nodeId && ctx.nodeState?.requested === true) {
      return { type: 'continue', output: OUTPUTS.has(ev.output) ? ev.output : 'none', actions: [] };
    }
    if (ctx.nodeState?.requested === true) return { type: 'wait', actions: [], nodeState: ctx.nodeState };
    return {
      type: 'wait',
      actions: [{ kind: 'reassign', nodeId: ctx.nodeId, params: p }],
      nodeState: { requested: true, at: ev.at },
    };
  },
});
