import { text } from '../common/localized';
import type { NodeAllocationState } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import { compareIds } from './ordering';
import { own } from './own';
import type { StrategyDefinition } from './strategy.types';

/** The node's sequence number of the rep's last assignment; -1 when never assigned from this node. */
export const lastSeqOf = (state: NodeAllocationState, repId: string): number => own(state.lastSeq, repId) ?? -1;

/** Oldest last assignment first (never assigned before all), then rep id. */
export const compareRoundRobin =
  (state: NodeAllocationState) =>
  (a: Candidate, b: Candidate): number =>
    lastSeqOf(state, a.rep.id) - lastSeqOf(state, b.rep.id) || compareIds(a.rep.id, b.rep.id);

/** The pool member first in round-robin order (one pass, each rep's last seq read once). */
export function pickRoundRobin(pool: readonly Candidate[], state: NodeAllocationState): Candidate | null {
  let best: Candidate | null = null;
  let bestSeq = 0;
  for (const c of pool) {
    const seq = lastSeqOf(state, c.rep.id);
    if (best === null || seq < bestSeq || (seq === bestSeq && c.rep.id < best.rep.id)) {
      best = c;
      bestSeq = seq;
    }
  }
  return best;
}

/**
 * roundRobin: the eligible rep whose last assignment from this node is oldest. Every pick moves the picked rep to
 * the back of the order, so over a stream with the same eligible reps the counts never differ by more than one.
 */
export const roundRobinStrategy: StrategyDefinition = {
  usesQuotas: true,
  run: ({ pool, state }) => {
    const pick = pickRoundRobin(pool, state);
    if (!pick) return { pick: null, why: text('轮询：没有可选的销售', 'Round robin: no rep to choose from') };
    const last = lastSeqOf(state, pick.rep.id);
    const name = pick.rep.name;
    return {
      pick,
      why:
        last < 0
          ? text(`轮询：${name} 尚未从本节点分配过客户`, `Round robin: ${name} has not been assigned from this node yet`)
          : text(
              `轮询：${name} 距上次从本节点分配最久（序号 ${last}）`,
              `Round robin: ${name}'s last assignment from this node is the oldest (seq ${last})`,
            ),
    };
  },
};
