import { text } from '../common/localized';
import type { Candidate } from '../nodes/node-definition';
import { compareIds, round2 } from './ordering';
import { own } from './own';
import type { StrategyDefinition } from './strategy.types';

/**
 * weightedRoundRobin: smooth weighted round robin (the nginx algorithm). Each pick adds every eligible rep's weight
 * to its current weight, picks the highest (ties by rep id) and subtracts the total weight from the pick. Over a
 * cycle of W picks (W = the sum of integer weights) each rep gets exactly its weight, spread evenly.
 * Reps with weight 0 are never picked unless every eligible rep has weight 0 (then all count as 1).
 * Current weights of reps outside the pool are kept as they are.
 */
export const weightedRoundRobinStrategy: StrategyDefinition = {
  usesQuotas: true,
  run: ({ pool, state }) => {
    // the reps with a positive weight, or every rep (each counting 1) when none has one; one pass, no copies
    let positive = false;
    for (let i = 0; i < pool.length; i++) {
      if ((pool[i] as Candidate).rep.weight > 0) {
        positive = true;
        break;
      }
    }
    const next: Record<string, number> = { ...state.currentWeight };
    let total = 0;
    let best: Candidate | null = null;
    let bestWeight = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i] as Candidate;
      if (positive && !(c.rep.weight > 0)) continue;
      const w = positive ? c.rep.weight : 1;
      total += w;
      const cw = (own(state.currentWeight, c.rep.id) ?? 0) + w;
      next[c.rep.id] = cw;
      if (cw > bestWeight || (cw === bestWeight && best !== null && compareIds(c.rep.id, best.rep.id) < 0)) {
        best = c;
        bestWeight = cw;
      }
    }
    if (!best) return { pick: null, why: text('加权轮询：没有可选的销售', 'Weighted round robin: no rep to choose from') };
    next[best.rep.id] = bestWeight - total;
    const name = best.rep.name;
    const w = round2(positive ? best.rep.weight : 1);
    const sum = round2(total);
    const current = round2(bestWeight);
    return {
      pick: best,
      currentWeight: next,
      why: text(
        `加权轮询：${name}（权重 ${w}/${sum}）当前权重 ${current} 最高`,
        `Weighted round robin: ${name} (weight ${w} of ${sum}) has the highest current weight, ${current}`,
      ),
    };
  },
};
