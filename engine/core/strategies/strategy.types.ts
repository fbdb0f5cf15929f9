import type { LocalizedText } from '../common/localized';
import type { Customer } from '../model/customer.schema';
import type { NodeAllocationState } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import type { AssignParams } from './assign-params.schema';
import type { Reason, SkillBreakdown } from './assignment-decision.schema';

/** What every strategy reads. Strategies are pure: same input, same pick. */
export interface StrategyInput {
  customer: Customer;
  /** the eligible candidates the pick must come from (after constraints and, where they apply, quotas) */
  pool: readonly Candidate[];
  /** every candidate, eligible or not (sticky and specific explain why a named rep cannot be picked) */
  candidates: readonly Candidate[];
  /** constraint failures of the ineligible candidates, by rep id */
  ineligible: ReadonlyMap<string, readonly Reason[]>;
  params: AssignParams;
  state: NodeAllocationState;
  /** manager of the first candidate team (for `specific` with useTeamManager) */
  teamManagerRepId?: string;
}

export interface SkillScore {
  score: number;
  breakdown: SkillBreakdown;
}

export interface StrategyResult {
  /** one member of `pool`, or null (`none`) */
  pick: Candidate | null;
  why: LocalizedText;
  /** skill-match scores of the pool, by rep id */
  scores?: ReadonlyMap<string, SkillScore>;
  /** weighted round robin: the full new current-weight map */
  currentWeight?: Record<string, number>;
}

export interface StrategyDefinition {
  run: (input: StrategyInput) => StrategyResult;
  /** quotas (new-hire minimum, top-rep maximum) restrict the pool before `run` */
  usesQuotas: boolean;
}
