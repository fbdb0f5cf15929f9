import { text, type LocalizedText } from '../../common/localized';
import type { Condition } from '../../conditions/condition.schema';
import type { AssignParams } from '../../strategies/assign-params.schema';
import { compiled, type CompiledCondition } from '../common/conditions';
import type { AllocationContext, Candidate } from '../node-definition';

/** What `prepare` computes for an assign-like node: the candidate teams as a set and the compiled rep filter. */
export interface PreparedCandidateSet {
  teams: ReadonlySet<string> | undefined;
  /** the one candidate team, when there is exactly one (a string compare beats a Set lookup per rep) */
  onlyTeam: string | undefined;
  filter: CompiledCondition | undefined;
  /** the node-state key last built for this node (run-assign.ts memo) */
  nodeKeyMemo?: { flowId: string; nodeId: string; key: string };
}

export function prepareCandidateSet(p: Pick<AssignParams, 'candidateTeams' | 'repFilter'>): PreparedCandidateSet {
  return {
    teams: p.candidateTeams.length > 1 ? new Set(p.candidateTeams) : undefined,
    onlyTeam: p.candidateTeams.length === 1 ? p.candidateTeams[0] : undefined,
    filter: p.repFilter ? compiled(p.repFilter as Condition) : undefined,
  };
}

export interface OutOfSet {
  repId: string;
  name: string;
  reason: 'notInCandidateTeams' | 'repFilter';
  text: LocalizedText;
}

const NOT_IN_TEAMS = text('不在候选集中：不属于候选团队', 'Not in candidate set: not in a candidate team');
const FILTERED = text('不在候选集中：不满足销售筛选条件', 'Not in candidate set: does not match the rep filter');

/**
 * Splits the loaded reps into the node's candidate set (candidate teams, then the rep filter tested with
 * `{ customer, rep, load, now }`) and the rest, each with why it is out.
 */
export function splitCandidates(
  cs: PreparedCandidateSet,
  ctx: Pick<AllocationContext, 'env' | 'customer'>,
  explain: boolean,
): { inSet: Candidate[]; out: OutOfSet[] } {
  const inSet: Candidate[] = [];
  const out: OutOfSet[] = [];
  const { customer } = ctx;
  const now = ctx.env.now;
  const { teams, onlyTeam } = cs;
  const reps = ctx.env.reps;
  for (let i = 0; i < reps.length; i++) {
    const c = reps[i] as Candidate;
    const teamId = c.rep.teamId;
    if (onlyTeam !== undefined ? teamId !== onlyTeam : teams !== undefined && !teams.has(teamId)) {
      if (explain) out.push({ repId: c.rep.id, name: c.rep.name, reason: 'notInCandidateTeams', text: NOT_IN_TEAMS });
      continue;
    }
    if (cs.filter && !cs.filter.test({ customer, rep: c.rep, load: c.load, now })) {
      if (explain) out.push({ repId: c.rep.id, name: c.rep.name, reason: 'repFilter', text: FILTERED });
      continue;
    }
    inSet.push(c);
  }
  return { inSet, out };
}
