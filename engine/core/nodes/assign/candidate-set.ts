import { text, type LocalizedText } from '../../common/localized';
import type { Condition } from '../../conditions/condition.schema';
import type { AssignParams } from '../../strategies/assign-params.schema';
import { compiled, readsRepOnly, type CompiledCondition, type FactContext } from '../common/conditions';
import type { AllocationContext, Candidate } from '../node-definition';
import { inCandidateTeams, repsInTeams, type TeamChoice } from './team-memo';

/**
 * What `prepare` computes for an assign-like node: the candidate teams as a set (TeamChoice, with the node's team
 * memo) and the compiled rep filter.
 */
export interface PreparedCandidateSet extends TeamChoice {
  filter: CompiledCondition | undefined;
  /** the rep filter reads rep facts only: its answer for the same entries is kept with the team memo */
  filterReadsRepOnly: boolean;
  /** the node-state key last built for this node (run-assign.ts memo) */
  nodeKeyMemo?: { flowId: string; nodeId: string; key: string };
}

export function prepareCandidateSet(p: Pick<AssignParams, 'candidateTeams' | 'repFilter'>): PreparedCandidateSet {
  return {
    teams: p.candidateTeams.length > 1 ? new Set(p.candidateTeams) : undefined,
    onlyTeam: p.candidateTeams.length === 1 ? p.candidateTeams[0] : undefined,
    filter: p.repFilter ? compiled(p.repFilter as Condition) : undefined,
    filterReadsRepOnly: p.repFilter ? readsRepOnly(p.repFilter as Condition) : false,
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
 * `{ customer, rep, load, now }`) and the rest, each with why it is out (`out` is left empty without `explain`).
 * The candidate set may be shared with later decisions (team-memo.ts): read it, never change it.
 */
export function splitCandidates(
  cs: PreparedCandidateSet,
  ctx: Pick<AllocationContext, 'env' | 'customer'>,
  explain: boolean,
): { inSet: readonly Candidate[]; out: OutOfSet[] } {
  return explain ? splitExplained(cs, ctx) : { inSet: candidateSet(cs, ctx), out: [] };
}

/**
 * The node's candidate set alone (splitCandidates without the reasons): the candidate teams' reps (team-memo.ts),
 * then the rep filter. May be shared with later decisions: read it, never change it.
 */
export function candidateSet(cs: PreparedCandidateSet, ctx: Pick<AllocationContext, 'env' | 'customer'>): readonly Candidate[] {
  const inTeams = repsInTeams(cs, ctx.env.reps);
  const filter = cs.filter;
  if (!filter) return inTeams;
  const memo = cs.teamMemo;
  // a filter on rep facts alone answers the same for the same entries (AllocationEnv.reps: read as given)
  if (cs.filterReadsRepOnly && memo !== undefined && memo.entries !== null && memo.inTeams === inTeams) {
    return (memo.filtered ??= passingFilter(filter, inTeams, ctx));
  }
  return passingFilter(filter, inTeams, ctx);
}

/** The entries that pass the rep filter, tested with `{ customer, rep, load, now }`. */
function passingFilter(filter: CompiledCondition, inTeams: readonly Candidate[], ctx: Pick<AllocationContext, 'env' | 'customer'>): Candidate[] {
  const inSet: Candidate[] = [];
  // one fact context for the whole pass (a compiled condition reads it synchronously and keeps nothing)
  const facts: FactContext = { customer: ctx.customer, rep: undefined, load: undefined, now: ctx.env.now };
  for (let i = 0; i < inTeams.length; i++) {
    const c = inTeams[i] as Candidate;
    facts.rep = c.rep;
    facts.load = c.load;
    if (filter.test(facts)) inSet.push(c);
  }
  return inSet;
}

/** splitCandidates with the reason for every rep left out. */
function splitExplained(cs: PreparedCandidateSet, ctx: Pick<AllocationContext, 'env' | 'customer'>): { inSet: Candidate[]; out: OutOfSet[] } {
  const inSet: Candidate[] = [];
  const out: OutOfSet[] = [];
  const { customer } = ctx;
  const now = ctx.env.now;
  const reps = ctx.env.reps;
  for (let i = 0; i < reps.length; i++) {
    const c = reps[i] as Candidate;
    if (!inCandidateTeams(cs, c.rep.teamId)) {
      out.push({ repId: c.rep.id, name: c.rep.name, reason: 'notInCandidateTeams', text: NOT_IN_TEAMS });
      continue;
    }
    if (cs.filter && !cs.filter.test({ customer, rep: c.rep, load: c.load, now })) {
      out.push({ repId: c.rep.id, name: c.rep.name, reason: 'repFilter', text: FILTERED });
      continue;
    }
    inSet.push(c);
  }
  return { inSet, out };
}
