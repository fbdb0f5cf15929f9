import type { AllocationChange } from '../../core/interpreter/allocation-result';
import type { AppContext } from '../../api/app-context';
import { forgetStateId, rememberStateIds, stateFilter } from './node-state-ids';

/**
 * Applies an assign node's round-robin change as a compare-and-set on the node's state document
 * (seq as read → newSeq), so processes never both take the same turn. Returns false when another
 * decision got there first (re-read and decide again).
 */
export async function commitNodeState(app: AppContext, change: AllocationChange): Promise<boolean> {
  const { AllocationState } = app.models;
  const set: Record<string, unknown> = { seq: change.newSeq, [`lastSeq.${change.repId}`]: change.lastSeq };
  if (change.currentWeight) set.currentWeight = change.currentWeight;
  if (change.expectedSeq === 0) {
    const exists = await AllocationState.exists({ nodeKey: change.nodeKey });
    if (!exists) {
      try {
        const doc = await AllocationState.create({
          nodeKey: change.nodeKey,
          seq: change.newSeq,
          lastSeq: { [change.repId]: change.lastSeq },
          currentWeight: change.currentWeight ?? {},
          assigned: { [change.repId]: 1 },
        });
        rememberStateIds(AllocationState, [doc]);
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 11000) return false;
        throw err;
      }
    }
  }
  const r = await AllocationState.updateOne(stateFilter(AllocationState, change.nodeKey, change.expectedSeq), {
    $set: set,
    $inc: { [`assigned.${change.repId}`]: change.incAssigned },
  });
  if (r.modifiedCount !== 1) forgetStateId(AllocationState, change.nodeKey);
  return r.modifiedCount === 1;
}

/** Undoes a committed change if nobody has moved the node on since (otherwise the skew is one turn; left as is). */
export async function revertNodeState(app: AppContext, change: AllocationChange, previousLastSeq: number | undefined): Promise<void> {
  const update: Record<string, unknown> = {
    $set: { seq: change.expectedSeq, ...(previousLastSeq !== undefined ? { [`lastSeq.${change.repId}`]: previousLastSeq } : {}) },
    $inc: { [`assigned.${change.repId}`]: -change.incAssigned },
  };
  if (previousLastSeq === undefined) update.$unset = { [`lastSeq.${change.repId}`]: 1 };
  await app.models.AllocationState.updateOne(stateFilter(app.models.AllocationState, change.nodeKey, change.newSeq), update);
}
