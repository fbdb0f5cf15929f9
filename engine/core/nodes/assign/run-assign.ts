import { text } from '../../common/localized';
import type { AssignParams } from '../../strategies/assign-params.schema';
import { decideAssignment } from '../../strategies/decide-assignment';
import type { AllocationContext, AllocationStepResult, Candidate } from '../node-definition';
import { candidateSet, splitCandidates, type PreparedCandidateSet } from './candidate-set';

/** The manager of the first candidate team, else of the customer's team (for `specific` with useTeamManager). */
export function teamManagerFor(p: Pick<AssignParams, 'candidateTeams'>, ctx: Pick<AllocationContext, 'env' | 'customer'>): string | undefined {
  const teamId = p.candidateTeams[0] ?? ctx.customer.teamId;
  if (teamId === undefined) return undefined;
  return ctx.env.teams.find((t) => t.id === teamId)?.managerRepId;
}

/**
 * `${flowId}:${nodeId}`, built once per prepared node: a fresh concatenation on every decision also makes the
 * `env.nodeStates` lookup re-hash the key (a few % of a decision in the engine benchmark's profile).
 */
function nodeKeyOf(cs: PreparedCandidateSet, flowId: string, nodeId: string): string {
  const memo = cs.nodeKeyMemo;
  if (memo && memo.flowId === flowId && memo.nodeId === nodeId) return memo.key;
  const key = `${flowId}:${nodeId}`;
  cs.nodeKeyMemo = { flowId, nodeId, key };
  return key;
}

/** The first candidate with that rep id (a loop: `find` with a closure costs more per decision). */
function findRep(candidates: readonly Candidate[], repId: string): Candidate['rep'] | undefined {
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i] as Candidate;
    if (c.rep.id === repId) return c.rep;
  }
  return undefined;
}

/**
 * Runs an assign step: candidate set (teams, rep filter) → decideAssignment (constraints, quotas, strategy).
 * `assigned` with an `assign` effect carrying the node-state change, or `none` with the reasons.
 */
export function runAssign(
  p: AssignParams,
  cs: PreparedCandidateSet,
  ctx: AllocationContext,
  extraExcluded: readonly string[] = [],
): AllocationStepResult {
  const explain = ctx.explain !== false;
  const nodeKey = nodeKeyOf(cs, ctx.env.flowId, ctx.nodeId);
  const split = explain ? splitCandidates(cs, ctx, true) : undefined;
  const inSet = split ? split.inSet : candidateSet(cs, ctx);
  // only the `specific` strategy reads the team manager
  const manager = p.strategy === 'specific' ? teamManagerFor(p, ctx) : undefined;
  const decision = decideAssignment({
    customer: ctx.customer,
    candidates: inSet,
    params: p,
    nodeKey,
    nodeState: ctx.env.nodeStates[nodeKey],
    now: ctx.env.now,
    excludeRepIds: extraExcluded.length ? [...ctx.env.excludeRepIds, ...extraExcluded] : ctx.env.excludeRepIds,
    explain,
    teamManagerRepId: manager,
  });
  const detail = explain
    ? { strategy: decision.strategy, candidates: decision.trace, notInCandidateSet: split?.out ?? [], quotas: decision.quotas, excluded: extraExcluded }
    : undefined;
  const trace = detail ? { summary: decision.why, detail } : { summary: decision.why };
  if (decision.repId === null) return { output: 'none', effects: [], trace };
  const repId = decision.repId;
  const rep = findRep(inSet, repId);
  if (!rep) {
    return { output: 'none', effects: [], trace: { summary: text(`策略选中的销售 ${repId} 不在候选集中`, `The strategy picked ${repId}, who is not in the candidate set`), ...(detail ? { detail } : {}) } };
  }
  return {
    output: 'assigned',
    effects: [{ kind: 'assign', repId, teamId: rep.teamId, nodeKey, stateChange: decision.change }],
    trace,
  };
}
