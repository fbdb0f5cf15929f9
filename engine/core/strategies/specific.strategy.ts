import { text } from '../common/localized';
import { firstEligibleTarget, type NamedTarget } from './named-rep';
import type { StrategyDefinition, StrategyInput } from './strategy.types';

/**
 * The team manager: `teamManagerRepId` as given by the caller (TeamRef.managerRepId of the first candidate team),
 * else the candidate flagged isManager in the first candidate team.
 */
export function teamManagerOf(input: StrategyInput): string | undefined {
  if (input.teamManagerRepId) return input.teamManagerRepId;
  const firstTeam = input.params.candidateTeams[0];
  if (!firstTeam) return undefined;
  return input.candidates.find((c) => c.rep.isManager && c.rep.teamId === firstTeam)?.rep.id;
}

/**
 * specific: the named rep, else (when asked) the team manager — a manual queue. Picked only when eligible,
 * otherwise `none`. Quotas do not apply.
 */
export const specificStrategy: StrategyDefinition = {
  usesQuotas: false,
  run: (input) => {
    const { repId, useTeamManager } = input.params.specific;
    const targets: NamedTarget[] = [];
    if (repId) targets.push({ repId, role: text('指定销售', 'named rep') });
    if (useTeamManager) {
      targets.push({
        repId: teamManagerOf(input),
        role: text('团队主管', 'team manager'),
        missing: text('第一个候选团队没有主管', 'the first candidate team has no manager'),
      });
    }
    if (targets.length === 0) {
      return {
        pick: null,
        why: text('指定分配：节点未设置指定销售或团队主管', 'Specific: the node names neither a rep nor the team manager'),
      };
    }
    return firstEligibleTarget(input, targets, text('指定分配', 'Specific'));
  },
};
