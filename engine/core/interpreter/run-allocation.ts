import { text, type LocalizedText } from '../common/localized';
import { CoreError } from '../common/core-error';
import type { FactContext } from '../conditions/fact-context';
import type { Customer } from '../model/customer.schema';
import type { AllocationContext, AllocationEffect, AllocationEnv, AllocationStepResult } from '../nodes/node-definition';
import type { AllocationResult, AllocationChange, AllocationNotification, PathStep, TraceStep, UnassignedReason } from './allocation-result';
import type { PreparedFlow, PreparedNode } from './prepare-flow';

export type { AllocationResult } from './allocation-result';
export { prepareFlow } from './prepare-flow';

export interface RunAllocationOptions {
  /** keep the per-node trace with detail (default true; the simulation turns it off for large runs) */
  trace?: boolean;
}

interface Working {
  customer: Customer;
  outcome: AllocationResult['outcome'] | undefined;
  poolReason: LocalizedText | undefined;
  decidedBy: PathStep | undefined;
  duplicateOf: string | undefined;
  changes: AllocationChange[];
  notifications: AllocationNotification[];
}

/**
 * The customer the nodes of one run see and change. Every field of the Customer schema is present from the
 * start as an own property (absent ones as undefined: the run's fact context says so with `shaped`, and compiled
 * conditions read them directly), so the effects only overwrite properties and the object keeps one shape:
 * adding properties to a spread copy costs more than the rest of a decision. Fields outside the schema are not
 * carried over.
 */
function workingCopy(c: Customer): Customer {
  return {
    id: c.id,
    name: c.name,
    company: c.company,
    phone: c.phone,
    email: c.email,
    industry: c.industry,
    province: c.province,
    city: c.city,
    size: c.size,
    source: c.source,
    language: c.language,
    productLine: c.productLine,
    estimatedValue: c.estimatedValue,
    churnRisk: c.churnRisk,
    tags: c.tags.slice(),
    score: c.score,
    grade: c.grade,
    status: c.status,
    ownerId: c.ownerId,
    teamId: c.teamId,
    poolId: c.poolId,
    collaboratorIds: c.collaboratorIds.slice(),
    previousOwners: c.previousOwners,
    accountOwnerId: c.accountOwnerId,
    createdAt: c.createdAt,
    assignedAt: c.assignedAt,
    lastFollowUpAt: c.lastFollowUpAt,
    attributes: c.attributes,
  };
}

function applyEffect(w: Working, e: AllocationEffect, nodeId: string, now: number): void {
  const c = w.customer;
  switch (e.kind) {
    case 'setScore':
      c.score = e.score;
      c.grade = e.grade;
      return;
    case 'addTags':
      for (const t of e.tags) if (!c.tags.includes(t)) c.tags.push(t);
      return;
    case 'assign':
      c.ownerId = e.repId;
      c.teamId = e.teamId;
      c.status = 'assigned';
      c.assignedAt = now;
      c.poolId = undefined;
      if (c.collaboratorIds.length > 0) c.collaboratorIds = c.collaboratorIds.filter((id) => id !== e.repId);
      w.outcome = 'assigned';
      w.changes.push(e.stateChange as AllocationChange);
      return;
    case 'addCollaborators':
      for (const id of e.repIds) if (id !== c.ownerId && !c.collaboratorIds.includes(id)) c.collaboratorIds.push(id);
      if (e.stateChanges) for (const s of e.stateChanges) w.changes.push(s.stateChange as AllocationChange);
      return;
    case 'toPool':
      c.poolId = e.poolId;
      c.ownerId = undefined;
      c.teamId = undefined;
      c.status = 'inPool';
      w.outcome = 'pool';
      w.poolReason = e.reason;
      return;
    case 'duplicate':
      c.ownerId = e.ownerId;
      w.outcome = 'duplicate';
      w.duplicateOf = e.existingId;
      return;
    case 'notify': {
      const n: AllocationNotification = { nodeId, channel: e.channel, to: e.to, message: e.message };
      if (e.webhookUrl !== undefined) n.webhookUrl = e.webhookUrl;
      w.notifications.push(n);
      return;
    }
  }
}

function nodeFailed(node: PreparedNode, err: unknown): UnassignedReason {
  const msg = err instanceof CoreError ? err.text : text(String((err as Error)?.message ?? err), String((err as Error)?.message ?? err));
  return {
    code: 'NODE_ERROR',
    nodeId: node.id,
    text: text(`节点 ${node.id}（${node.type}）执行出错，客户未分配：${msg['zh-CN']}`, `Node ${node.id} (${node.type}) failed, the customer is not assigned: ${msg.en}`),
  };
}

function repName(env: AllocationEnv, id: string | undefined): string {
  if (id === undefined) return '';
  for (const c of env.reps) if (c.rep.id === id) return c.rep.name;
  return id;
}

function explain(w: Working, env: AllocationEnv, unassigned: UnassignedReason | undefined): LocalizedText {
  const c = w.customer;
  const by = w.decidedBy;
  const s = by?.summary;
  switch (w.outcome) {
    case 'assigned': {
      const name = repName(env, c.ownerId);
      return text(`分配给 ${name}（节点 ${by?.nodeId}）：${s?.['zh-CN'] ?? ''}`, `Assigned to ${name} (node ${by?.nodeId}): ${s?.en ?? ''}`);
    }
    case 'pool': {
      const pool = env.pools.find((p) => p.id === c.poolId)?.name ?? c.poolId;
      const r = w.poolReason ?? s;
      return text(`放入公海 ${pool}（节点 ${by?.nodeId}）：${r?.['zh-CN'] ?? ''}`, `Put in pool ${pool} (node ${by?.nodeId}): ${r?.en ?? ''}`);
    }
    case 'duplicate':
      return text(`重复客户，与 ${w.duplicateOf} 匹配，保留其负责人：${s?.['zh-CN'] ?? ''}`, `Duplicate of ${w.duplicateOf}, keeps its owner: ${s?.en ?? ''}`);
    default:
      return unassigned?.text ?? text('未分配。', 'Not assigned.');
  }
}

/**
 * Runs a prepared allocation flow for one customer: from the trigger, evaluates each node, applies its effects
 * to a working copy of the customer and follows the node's output, until an `end` node or an unconnected output.
 * Never throws for a node failure or a loop: those come back as outcome `unassigned` with the reason.
 */
export function runAllocation(prepared: PreparedFlow, customer: Customer, env: AllocationEnv, opts: RunAllocationOptions = {}): AllocationResult {
  if (prepared.kind !== 'allocation') {
    throw new CoreError('FLOW_WRONG_KIND', text('只能对分配流程执行分配。', 'Only an allocation flow can allocate a customer.'));
  }
  const keepTrace = opts.trace !== false;
  const w: Working = {
    customer: workingCopy(customer),
    outcome: undefined,
    poolReason: undefined,
    decidedBy: undefined,
    duplicateOf: undefined,
    changes: [],
    notifications: [],
  };
  const path: PathStep[] = [];
  const trace: TraceStep[] = [];
  let unassigned: UnassignedReason | undefined;
  let lastNone: PathStep | undefined;
  let node: PreparedNode | undefined = prepared.trigger;
  let steps = 0;
  // one context per run, updated per node (nodes use it synchronously and never keep it)
  const facts: FactContext = { customer: w.customer, now: env.now, shaped: true };
  const ctx: AllocationContext = { env, customer: w.customer, nodeId: node.id, prepared: undefined, explain: keepTrace, facts };

  while (node && !node.isEnd) {
    if (++steps > prepared.maxSteps) {
      unassigned = {
        code: 'LOOP_GUARD',
        nodeId: node.id,
        text: text(
          `流程在节点 ${node.id} 处经过超过 ${prepared.maxSteps} 个节点仍未结束（存在循环），客户未分配。`,
          `The flow visited more than ${prepared.maxSteps} nodes without ending (a loop, at node ${node.id}); the customer is not assigned.`,
        ),
      };
      break;
    }
    let r: AllocationStepResult;
    try {
      const evaluate = node.evaluate;
      if (!evaluate) throw new CoreError('NODE_NOT_ALLOCATION', text(`节点类型 ${node.type} 不能用于分配流程。`, `Node type ${node.type} cannot run in an allocation flow.`));
      ctx.nodeId = node.id;
      ctx.prepared = node.prepared;
      r = evaluate(node.params as never, ctx);
    } catch (err) {
      unassigned = nodeFailed(node, err);
      break;
    }
    const step: PathStep = { nodeId: node.id, type: node.type, output: r.output, summary: r.trace.summary };
    path.push(step);
    const effects = r.effects;
    for (let i = 0; i < effects.length; i++) {
      const e = effects[i] as AllocationEffect;
      applyEffect(w, e, node.id, env.now);
      if (e.kind === 'assign' || e.kind === 'toPool' || e.kind === 'duplicate') w.decidedBy = step;
    }
    if (keepTrace) {
      trace.push({ nodeId: step.nodeId, type: step.type, output: step.output, summary: step.summary, detail: r.trace.detail, effects: effects.map((e) => e.kind) });
    }
    if (r.output === 'none' && (node.type === 'assign' || node.type === 'reassign')) lastNone = step;
    node = node.next[r.output];
  }

  if (w.outcome === undefined && !unassigned) {
    unassigned = lastNone
      ? {
          code: 'NO_ELIGIBLE_REP',
          nodeId: lastNone.nodeId,
          text: text(`节点 ${lastNone.nodeId} 没有符合条件的销售，流程结束，客户未分配：${lastNone.summary['zh-CN']}`,
            `No eligible rep at node ${lastNone.nodeId} and the flow ended there; the customer is not assigned: ${lastNone.summary.en}`),
        }
      : {
          code: 'ENDED_WITHOUT_DECISION',
          nodeId: path[path.length - 1]?.nodeId,
          text: text('流程结束时没有分配负责人、放入公海或识别为重复，客户未分配。',
            'The flow ended without assigning an owner, pooling or finding a duplicate; the customer is not assigned.'),
        };
  }
  const c = w.customer;
  if (unassigned) {
    w.outcome = undefined;
    if (unassigned.code === 'LOOP_GUARD' || unassigned.code === 'NODE_ERROR') {
      // a failed run decides nothing: no state change to apply, ownership as it was
      w.changes.length = 0;
      c.ownerId = customer.ownerId;
      c.teamId = customer.teamId;
      c.poolId = customer.poolId;
      c.status = customer.status;
      c.assignedAt = customer.assignedAt;
    }
  }
  const why = explain(w, env, unassigned);
  if (w.outcome === 'assigned' && !unassigned && w.decidedBy && w.duplicateOf === undefined && c.ownerId !== undefined && c.teamId !== undefined && c.score !== undefined && c.grade !== undefined) {
    // the usual result, as one literal: the same properties in the same order as built step by step below
    return {
      outcome: 'assigned', collaboratorIds: c.collaboratorIds, tags: c.tags, notifications: w.notifications, allocationChanges: w.changes,
      path, trace, why, customer: c, ownerId: c.ownerId, teamId: c.teamId, score: c.score, grade: c.grade, decidedBy: w.decidedBy.nodeId,
    };
  }
  const result: AllocationResult = {
    outcome: w.outcome ?? 'unassigned',
    collaboratorIds: c.collaboratorIds,
    tags: c.tags,
    notifications: w.notifications,
    allocationChanges: w.changes,
    path,
    trace,
    why,
    customer: c,
  };
  if (c.ownerId !== undefined && w.outcome !== undefined) result.ownerId = c.ownerId;
  if (c.teamId !== undefined && w.outcome === 'assigned') result.teamId = c.teamId;
  if (c.poolId !== undefined && w.outcome === 'pool') result.poolId = c.poolId;
  if (c.score !== undefined) result.score = c.score;
  if (c.grade !== undefined) result.grade = c.grade;
  if (unassigned) result.unassigned = unassigned;
  if (w.duplicateOf !== undefined) result.duplicateOf = w.duplicateOf;
  if (w.outcome !== undefined && w.decidedBy) result.decidedBy = w.decidedBy.nodeId;
  return result;
}
