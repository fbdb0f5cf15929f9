import { Type, type Static } from '@sinclair/typebox';
import { text } from '../../common/localized';
import { AssignParamsSchema } from '../../strategies/assign-params.schema';
import { decideAssignment } from '../../strategies/decide-assignment';
import { applyAllocationChange, emptyNodeState } from '../../strategies/node-state';
import type { AllocationContext, AllocationStepResult } from '../node-definition';
import { assignReferences } from '../assign/assign-references';
import { assignSummary } from '../assign/assign-words';
import { prepareCandidateSet, splitCandidates, type PreparedCandidateSet } from '../assign/candidate-set';
import { teamManagerFor } from '../assign/run-assign';
import { defineNode } from '../common/define-node';
import { preparedFor } from '../common/prepared';
import { schemaRefs } from '../common/references';
import { IdString, Option, words } from '../common/schema-helpers';

const CollaborateParams = Type.Object(
  {
    mode: Type.Union(
      [Option('manager', '团队主管', 'Team manager'), Option('strategy', '按策略挑选', 'By strategy'), Option('reps', '指定销售', 'Named reps')],
      { default: 'manager', ...words({ zh: '协同人来源', en: 'Collaborators from' }) },
    ),
    count: Type.Integer({ minimum: 1, maximum: 5, default: 1, ...words({ zh: '人数', en: 'How many', helpZh: '按策略挑选时的人数。', helpEn: 'How many to pick (by strategy).' }) }),
    assign: Type.Object(AssignParamsSchema.properties, { additionalProperties: false, default: {}, ...words({ zh: '挑选方式', en: 'Picking', helpZh: '按策略挑选时的候选集与策略。', helpEn: 'Candidate set and strategy (by strategy).' }) }),
    repIds: Type.Array(IdString('rep'), { maxItems: 20, uniqueItems: true, default: [], ...words({ zh: '指定销售', en: 'Reps' }) }),
  },
  { additionalProperties: false },
);
type Params = Static<typeof CollaborateParams>;

const cache = new WeakMap<object, PreparedCandidateSet>();
const prepare = (p: Params): PreparedCandidateSet => prepareCandidateSet(p.assign);

function result(added: string[], summary: ReturnType<typeof text>, detail: unknown, explain: boolean, stateChanges?: Array<{ nodeKey: string; stateChange: unknown }>): AllocationStepResult {
  return {
    output: 'next',
    effects: added.length ? [{ kind: 'addCollaborators', repIds: added, ...(stateChanges?.length ? { stateChanges } : {}) }] : [],
    trace: explain ? { summary, detail } : { summary },
  };
}

function byStrategy(p: Params, ctx: AllocationContext): AllocationStepResult {
  const explain = ctx.explain !== false;
  const cs = preparedFor(cache, prepare, p, ctx.prepared);
  const nodeKey = `${ctx.env.flowId}:${ctx.nodeId}`;
  const { inSet, out } = splitCandidates(cs, ctx, explain);
  const manager = teamManagerFor(p.assign, ctx);
  let state = ctx.env.nodeStates[nodeKey] ?? emptyNodeState(nodeKey);
  const exclude = [...ctx.env.excludeRepIds, ...(ctx.customer.ownerId ? [ctx.customer.ownerId] : []), ...ctx.customer.collaboratorIds];
  const picked: string[] = [];
  const changes: Array<{ nodeKey: string; stateChange: unknown }> = [];
  const decisions = [];
  for (let k = 0; k < p.count; k++) {
    const d = decideAssignment({
      customer: ctx.customer, candidates: inSet, params: p.assign, nodeKey, nodeState: state, now: ctx.env.now,
      excludeRepIds: [...exclude, ...picked], ...(manager !== undefined ? { teamManagerRepId: manager } : {}),
    });
    decisions.push(explain ? { repId: d.repId, why: d.why, candidates: d.trace } : { repId: d.repId, why: d.why });
    if (d.repId === null) break;
    picked.push(d.repId);
    if (d.change) {
      changes.push({ nodeKey, stateChange: d.change });
      state = applyAllocationChange(state, d.change);
    }
  }
  const summary = picked.length
    ? text(`添加协同人：${picked.join('、')}`, `Added collaborators: ${picked.join(', ')}`)
    : text(`未添加协同人：${decisions[0]?.why['zh-CN'] ?? ''}`, `No collaborator added: ${decisions[0]?.why.en ?? ''}`);
  return result(picked, summary, { mode: 'strategy', decisions, notInCandidateSet: out }, explain, changes);
}

function byManager(ctx: AllocationContext): AllocationStepResult {
  const explain = ctx.explain !== false;
  const teamId = ctx.customer.teamId;
  const managerId = teamId === undefined ? undefined : ctx.env.teams.find((t) => t.id === teamId)?.managerRepId;
  if (!managerId) {
    return result([], text('未添加协同人：负责人所在团队没有主管', 'No collaborator added: the owner’s team has no manager'), { mode: 'manager', teamId }, explain);
  }
  if (managerId === ctx.customer.ownerId || ctx.customer.collaboratorIds.includes(managerId)) {
    return result([], text('未添加协同人：主管已是负责人或协同人', 'No collaborator added: the manager already owns or collaborates'), { mode: 'manager', managerId }, explain);
  }
  return result([managerId], text(`添加团队主管 ${managerId} 为协同人`, `Added team manager ${managerId} as collaborator`), { mode: 'manager', managerId }, explain);
}

function byNamedReps(p: Params, ctx: AllocationContext): AllocationStepResult {
  const explain = ctx.explain !== false;
  const skipped: Array<{ repId: string; why: string }> = [];
  const added: string[] = [];
  for (const id of p.repIds) {
    const rep = ctx.env.reps.find((c) => c.rep.id === id)?.rep;
    if (!rep) skipped.push({ repId: id, why: 'unknown' });
    else if (rep.status === 'departed') skipped.push({ repId: id, why: 'departed' });
    else if (id === ctx.customer.ownerId || ctx.customer.collaboratorIds.includes(id)) skipped.push({ repId: id, why: 'alreadyOnCustomer' });
    else added.push(id);
  }
  const summary = added.length
    ? text(`添加协同人：${added.join('、')}`, `Added collaborators: ${added.join(', ')}`)
    : text('未添加协同人：指定的销售不可用或已在客户上', 'No collaborator added: the named reps are unavailable or already on the customer');
  return result(added, summary, { mode: 'reps', skipped }, explain);
}

export const collaborateNode = defineNode({
  type: 'collaborate',
  version: 1,
  kinds: ['allocation'],
  category: 'assignment',
  icon: 'TeamOutlined',
  labels: text('添加协同人', 'Collaborate'),
  help: text(
    '为负责人添加协同跟进人：负责人团队的主管、按策略从候选团队中挑选，或指定销售。',
    'Adds collaborators (协同跟进) to the owner: the owner’s team manager, reps picked by a strategy among candidate teams, or named reps.',
  ),
  params: CollaborateParams,
  outputs: () => [{ id: 'next', labels: text('下一步', 'Next') }],
  summary: (p, locale) => {
    const en = locale === 'en';
    if (p.mode === 'manager') return en ? 'Add the team manager' : '添加团队主管';
    if (p.mode === 'reps') return en ? `Add ${p.repIds.join(', ') || '—'}` : `添加 ${p.repIds.join('、') || '—'}`;
    return en ? `Add ${p.count}: ${assignSummary(p.assign, locale)}` : `添加 ${p.count} 人：${assignSummary(p.assign, locale)}`;
  },
  waits: false,
  references: (p) => (p.mode === 'strategy' ? assignReferences(p.assign, '/assign') : p.mode === 'reps' ? schemaRefs(CollaborateParams, { repIds: p.repIds }) : []),
  check: (p) =>
    p.mode === 'reps' && p.repIds.length === 0
      ? [{ code: 'FLOW_COLLABORATE_NO_REPS', pointer: '/repIds', message: text('“指定销售”模式需要至少选择一名销售。', 'Named-reps mode needs at least one rep: pick one or more.') }]
      : [],
  prepare,
  evaluate: (p, ctx) => (p.mode === 'manager' ? byManager(ctx) : p.mode === 'reps' ? byNamedReps(p, ctx) : byStrategy(p, ctx)),
});
