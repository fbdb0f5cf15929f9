import { CoreError } from '../common/core-error';
import { text, type LocalizedText } from '../common/localized';
import type { Customer } from '../model/customer.schema';
import type { NodeAllocationState } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import type { AssignParams } from './assign-params.schema';
import type { AllocationChange, AssignmentDecision, CandidateTrace, QuotaNote, Reason, ReasonCode } from './assignment-decision.schema';
import { ineligibilityReasons, type ConstraintContext } from './constraints';
import { emptyNodeState } from './node-state';
import { loadRatio } from './ordering';
import { own } from './own';
import { applyQuotas, quotasApply } from './quotas';
import { REASON_LABELS } from './reason-labels';
import { STRATEGIES } from './strategy.registry';
import type { StrategyDefinition, StrategyInput, StrategyResult } from './strategy.types';

export interface DecideAssignmentInput {
  customer: Customer;
  /** the candidate set: reps of the candidate teams that passed the rep filter, with their load (one entry per rep) */
  candidates: readonly Candidate[];
  params: AssignParams;
  /** `${flowId}:${nodeId}` */
  nodeKey: string;
  /** as read from the database; undefined when the node never assigned anyone */
  nodeState: NodeAllocationState | undefined;
  now: number;
  /** reps that must not be picked (the current owner on reassign) */
  excludeRepIds: string[];
  /** the first candidate team's manager (TeamRef.managerRepId), for `specific` with useTeamManager */
  teamManagerRepId?: string;
  /** false → no per-candidate trace (`trace: []`), for bulk simulation and benchmarks; pick, why and change are the same */
  explain?: boolean;
}

const EMPTY_SET: ReadonlySet<string> = new Set();
/** the `ineligible` map when every candidate is eligible (shared, never written) */
const NO_REASONS: ReadonlyMap<string, readonly Reason[]> = new Map();

/**
 * A module function, not a closure per decision: under tsx / esbuild `keepNames`, every named local arrow costs a
 * `defineProperty` per call.
 */
function runStrategy(strategy: StrategyDefinition, input: StrategyInput): StrategyResult {
  return strategy.run(input);
}

/** "No eligible rep: of 5 candidates, 3 at capacity, 2 on leave". */
function noEligibleWhy(total: number, ineligible: ReadonlyMap<string, readonly Reason[]>): LocalizedText {
  if (total === 0) {
    return text('没有候选销售：候选集为空（请检查候选团队与筛选条件）', 'No candidate rep: the candidate set is empty (check the candidate teams and rep filter)');
  }
  const counts = new Map<ReasonCode, number>();
  for (const reasons of ineligible.values()) for (const r of reasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  const zh = [...counts].map(([code, n]) => `${REASON_LABELS[code]['zh-CN']} ${n} 人`).join('、');
  const en = [...counts].map(([code, n]) => `${n} ${REASON_LABELS[code].en}`).join(', ');
  return text(`没有符合条件的销售：共 ${total} 名候选人，其中${zh}`, `No eligible rep: of ${total} candidate(s), ${en}`);
}

const joinText = (a: LocalizedText, b: LocalizedText): LocalizedText => text(`${a['zh-CN']}；${b['zh-CN']}`, `${a.en}. ${b.en}`);

/**
 * Decides who gets the customer at an assign node: constraints first (every ineligible rep keeps its reasons), then
 * quotas (pool strategies only), then the strategy. Pure: returns the pick, why, a trace of every candidate and the
 * node-state change the service must apply atomically (compare-and-set on `seq`). `repId: null` means `none`.
 */
export function decideAssignment(input: DecideAssignmentInput): AssignmentDecision {
  const { customer, params, nodeKey, now } = input;
  if (input.nodeState && input.nodeState.nodeKey !== nodeKey) {
    throw new CoreError(
      'strategy.nodeKeyMismatch',
      text(`分配状态属于节点 ${input.nodeState.nodeKey}，而不是 ${nodeKey}`, `The allocation state belongs to node ${input.nodeState.nodeKey}, not ${nodeKey}`),
    );
  }
  const state = input.nodeState ?? emptyNodeState(nodeKey);
  const candidates = input.candidates;
  const ctx: ConstraintContext = {
    customer,
    now,
    constraints: params.constraints,
    excludeRepIds: input.excludeRepIds.length > 0 ? new Set(input.excludeRepIds) : EMPTY_SET,
  };

  // Most decisions find every candidate eligible: then `eligible` is the candidate list itself and `ineligible` the
  // shared empty map (neither is mutated after this loop), so the lean path allocates neither.
  let ineligible: Map<string, Reason[]> | undefined;
  let kept: Candidate[] | undefined;
  let eligible: readonly Candidate[] = candidates;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i] as Candidate;
    const reasons = ineligibilityReasons(c, ctx);
    if (reasons.length > 0) {
      if (ineligible === undefined) {
        ineligible = new Map();
        eligible = kept = candidates.slice(0, i);
      }
      ineligible.set(c.rep.id, reasons as Reason[]);
    } else if (kept !== undefined) kept.push(c);
  }
  const reasonsById: ReadonlyMap<string, readonly Reason[]> = ineligible ?? NO_REASONS;

  const strategy = STRATEGIES[params.strategy];
  const quota = strategy.usesQuotas && quotasApply(params.quotas) ? applyQuotas(eligible, candidates, state, params.quotas) : null;
  const teamManagerRepId = input.teamManagerRepId;
  const explain = input.explain !== false;
  const result = runStrategy(strategy, { customer, candidates, ineligible: reasonsById, params, state, teamManagerRepId, pool: quota ? quota.pool : eligible });

  const quotas: QuotaNote[] = [];
  if (quota) {
    const free = quota.restricted
      ? runStrategy(strategy, { customer, candidates, ineligible: reasonsById, params, state, teamManagerRepId, pool: eligible }).pick?.rep.id ?? null
      : undefined;
    for (const note of quota.notes) {
      quotas.push(
        note.applied
          ? { quota: note.quota, applied: true, text: note.text, changedPick: free !== (result.pick?.rep.id ?? null), withoutQuotaRepId: free ?? null }
          : { quota: note.quota, applied: false, text: note.text, changedPick: false },
      );
    }
  }

  const pickId = result.pick?.rep.id ?? null;
  const trace: CandidateTrace[] = !explain ? [] : candidates.map((c) => {
    const id = c.rep.id;
    const quotaReason = quota?.excluded.get(id);
    const scored = result.scores?.get(id);
    const t: CandidateTrace = {
      repId: id,
      name: c.rep.name,
      eligible: !reasonsById.has(id),
      reasons: (reasonsById.get(id) as Reason[] | undefined) ?? (quotaReason ? [quotaReason] : []),
      picked: id === pickId,
      loadRatio: loadRatio(c),
    };
    if (scored) {
      t.score = scored.score;
      t.breakdown = scored.breakdown;
    }
    const last = own(state.lastSeq, id);
    if (last !== undefined) t.lastSeq = last;
    return t;
  });

  if (!result.pick) {
    // pool strategies only miss when nobody is eligible; sticky and specific explain their own miss
    const why = strategy.usesQuotas || candidates.length === 0 ? noEligibleWhy(candidates.length, reasonsById) : result.why;
    return { repId: null, strategy: params.strategy, why, trace, quotas, change: null };
  }

  let why = result.why;
  for (const n of quotas) why = joinText(why, n.text);
  const newSeq = state.seq + 1;
  const change: AllocationChange = {
    nodeKey,
    repId: result.pick.rep.id,
    expectedSeq: state.seq,
    newSeq,
    lastSeq: newSeq,
    incAssigned: 1,
  };
  if (result.currentWeight) change.currentWeight = result.currentWeight;
  return { repId: result.pick.rep.id, strategy: params.strategy, why, trace, quotas, change };
}
