import { text } from '../common/localized';
import type { Candidate } from '../nodes/node-definition';
import { compareIds, compareRanks, loadRank, loadRatio, percent } from './ordering';
import { lastSeqOf } from './round-robin.strategy';
import type { StrategyDefinition } from './strategy.types';

/**
 * leastLoaded: the lowest open / capacity; ties by round robin. One pass with each candidate's load rank and last
 * seq read once: the first minimum in the order compareLoad, then compareRoundRobin define.
 */
export const leastLoadedStrategy: StrategyDefinition = {
  usesQuotas: true,
  run: ({ pool, state }) => {
    let pick: Candidate | null = null;
    let pickRank = 0;
    let pickSeq = 0;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i] as Candidate;
      const rank = loadRank(c);
      const seq = lastSeqOf(state, c.rep.id);
      if (pick === null || (compareRanks(rank, pickRank) || seq - pickSeq || compareIds(c.rep.id, pick.rep.id)) < 0) {
        pick = c;
        pickRank = rank;
        pickSeq = seq;
      }
    }
    if (!pick) return { pick: null, why: text('负载最低：没有可选的销售', 'Least loaded: no rep to choose from') };
    const ratio = loadRatio(pick);
    const load = `${pick.load.openCount}/${pick.rep.capacity}${ratio === null ? '' : `, ${percent(ratio)}`}`;
    let tied = 0;
    for (let i = 0; i < pool.length; i++) if (compareRanks(loadRank(pool[i] as Candidate), pickRank) === 0) tied++;
    const name = pick.rep.name;
    return {
      pick,
      why:
        tied > 1
          ? text(
              `负载最低：${name} 负载最低（${load}），与 ${tied - 1} 人并列，按轮询选出`,
              `Least loaded: ${name} has the lowest load (${load}), tied with ${tied - 1} other(s) and chosen by round robin`,
            )
          : text(`负载最低：${name} 负载最低（${load}）`, `Least loaded: ${name} has the lowest load (${load})`),
    };
  },
};
