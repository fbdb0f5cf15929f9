import { CoreError } from '../common/core-error';
import { text } from '../common/localized';
import type { NodeAllocationState } from '../model/rep.schema';
import type { AllocationChange } from './assignment-decision.schema';
import { own } from './own';

/** The state of an assign node that has never assigned anyone. */
export const emptyNodeState = (nodeKey: string): NodeAllocationState => ({
  nodeKey,
  seq: 0,
  lastSeq: {},
  currentWeight: {},
  assigned: {},
});

/**
 * Applies a decision's change to the node state, as the service does atomically in the database (pure: returns a
 * new state). Throws `strategy.staleNodeState` when the state moved on since the decision read it (the
 * compare-and-set would fail), and `strategy.nodeKeyMismatch` when the change belongs to another node.
 */
export function applyAllocationChange(state: NodeAllocationState, change: AllocationChange): NodeAllocationState {
  if (state.nodeKey !== change.nodeKey) {
    throw new CoreError(
      'strategy.nodeKeyMismatch',
      text(`分配状态属于节点 ${state.nodeKey}，而变更属于 ${change.nodeKey}`, `The state belongs to node ${state.nodeKey} but the change to ${change.nodeKey}`),
    );
  }
  if (state.seq !== change.expectedSeq) {
    throw new CoreError(
      'strategy.staleNodeState',
      text(
        `分配状态已变化（期望序号 ${change.expectedSeq}，实际 ${state.seq}），请重新读取后再决策`,
        `The allocation state changed (expected seq ${change.expectedSeq}, found ${state.seq}); re-read and decide again`,
      ),
    );
  }
  return {
    nodeKey: state.nodeKey,
    seq: change.newSeq,
    lastSeq: { ...state.lastSeq, [change.repId]: change.lastSeq },
    currentWeight: change.currentWeight ? { ...change.currentWeight } : state.currentWeight,
    assigned: { ...state.assigned, [change.repId]: (own(state.assigned, change.repId) ?? 0) + change.incAssigned },
  };
}
