import { text } from '../../common/localized';
import { AssignParamsSchema } from '../../strategies/assign-params.schema';
import { defineNode } from '../common/define-node';
import { preparedFor } from '../common/prepared';
import { assignReferences } from './assign-references';
import { assignSummary } from './assign-words';
import { prepareCandidateSet, type PreparedCandidateSet } from './candidate-set';
import { runAssign } from './run-assign';

const cache = new WeakMap<object, PreparedCandidateSet>();

export const assignNode = defineNode({
  type: 'assign',
  version: 1,
  kinds: ['allocation'],
  category: 'assignment',
  icon: 'UserAddOutlined',
  labels: text('分配销售', 'Assign'),
  help: text(
    '从候选集（候选团队 + 销售筛选条件）中，按约束（在职、工作时间、容量、每日上限、冷却期）和策略选出一名负责人；无人符合条件时走“无人可分”。',
    'Picks an owner from the candidate set (candidate teams + rep filter) under the constraints (active, working hours, capacity, daily cap, cooldown) with a strategy; "none" when no rep is eligible.',
  ),
  params: AssignParamsSchema,
  outputs: () => [
    { id: 'assigned', labels: text('已分配', 'Assigned') },
    { id: 'none', labels: text('无人可分', 'None') },
  ],
  summary: assignSummary,
  waits: false,
  references: (p) => assignReferences(p),
  prepare: prepareCandidateSet,
  evaluate: (p, ctx) => runAssign(p, preparedFor(cache, prepareCandidateSet, p, ctx.prepared), ctx),
});
