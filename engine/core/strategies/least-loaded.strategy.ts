import { text } from '../common/localized';
import type { Candidate } from '../nodes/node-definition';
import { compareLoad, loadRatio, minBy, percent } from './ordering';
import { compareRoundRobin } from './round-robin.strategy';
import type { StrategyDefinition } from './strategy.types';

/** leastLoaded: the lowest open / capacity; ties by round robin. */
export const leastLoadedStrategy: StrategyDefinition = {
  usesQuotas: true,
  run: ({ pool, state }) => {
    const rr = compareRoundRobin(state);
    const pick = minBy(pool, (a: Candidate, b: Candidate) => compareLoad(a, b) || rr(a, b));
    if (!pick) return { pick: null, why: text('负载最低：没有可选的销售', 'Least loaded: no rep to choose from') };
    const ratio = loadRatio(pick);
    const load = `${pick.load.openCount}/${pick.rep.capacity}${ratio === null ? '' : `, ${percent(ratio)}`}`;
    const tied = pool.filter((c) => compareLoad(c, pick) === 0).length;
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
