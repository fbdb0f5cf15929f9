import type { AllocationResult } from '../../core/interpreter/allocation-result';
import { runAllocation } from '../../core/interpreter/run-allocation';
import type { ExistingCustomerRef } from '../../core/nodes/node-definition';
import type { Customer } from '../../core/model/customer.schema';
import { applyAllocationChange, emptyNodeState } from '../../core/strategies';
import { contactKeysOf } from '../../data/contact-keys';
import type { ActiveFlow } from './active-flow.cache';
import type { LoadedEnv } from './allocation-env.loader';
import type { NodeStatePlan, RepTake } from './batch-hold';
import { guardMissingPool } from './intake.service';

export interface BatchDecision {
  customer: Customer;
  result: AllocationResult;
}

export interface BatchPlan {
  decisions: BatchDecision[];
  nodes: NodeStatePlan[];
  takes: RepTake[];
}

/**
 * Decides a batch in memory, row after row, as the simulation does: each decision's node-state changes
 * are applied to the loaded states (applyAllocationChange), the owner's open and today's counts go up,
 * and every customer kept becomes an existing customer for the dedupe node of the rows after it
 * (by contact key). `existingOf(i)` gives row i's matches in the database. Pure apart from the
 * `poolExists` look-up for a pool the cached reference data does not know yet.
 */
export async function decideBatch(
  flow: ActiveFlow,
  loaded: LoadedEnv,
  customers: readonly Customer[],
  existingOf: (i: number) => ExistingCustomerRef[],
  poolExists: (poolId: string) => Promise<boolean>,
): Promise<BatchPlan> {
  const { env, timezones } = loaded;
  const initial = new Map(Object.entries(env.nodeStates));
  const counts = new Map<string, Map<string, number>>();
  const weighted = new Set<string>();
  const taken = new Map<string, number>();
  const inBatch = new Map<string, ExistingCustomerRef[]>();
  const knownPools = new Map<string, boolean>(env.pools.map((p) => [p.id, true]));
  const decisions: BatchDecision[] = [];

  for (let i = 0; i < customers.length; i++) {
    const customer = customers[i] as Customer;
    const keys = contactKeysOf(customer);
    const seen: ExistingCustomerRef[] = [];
    for (const k of keys) for (const ref of inBatch.get(k) ?? []) if (!seen.includes(ref)) seen.push(ref);
    env.existing = [...existingOf(i), ...seen];
    const ran = runAllocation(flow.prepared, customer, env);
    if (ran.outcome === 'pool' && ran.poolId && !knownPools.has(ran.poolId)) knownPools.set(ran.poolId, await poolExists(ran.poolId));
    const result = guardMissingPool(ran, [...knownPools].filter(([, ok]) => ok).map(([id]) => ({ id })));

    if (result.outcome !== 'duplicate') {
      for (const change of result.allocationChanges) {
        env.nodeStates[change.nodeKey] = applyAllocationChange(env.nodeStates[change.nodeKey] ?? emptyNodeState(change.nodeKey), change);
        const perRep = counts.get(change.nodeKey) ?? new Map<string, number>();
        perRep.set(change.repId, (perRep.get(change.repId) ?? 0) + change.incAssigned);
        counts.set(change.nodeKey, perRep);
        if (change.currentWeight) weighted.add(change.nodeKey);
      }
      if (result.outcome === 'assigned' && result.ownerId) {
        const owner = env.reps.find((r) => r.rep.id === result.ownerId);
        if (owner) {
          owner.load.openCount += 1;
          owner.load.todayCount += 1;
        }
        taken.set(result.ownerId, (taken.get(result.ownerId) ?? 0) + 1);
      }
      const ref: ExistingCustomerRef = { id: customer.id, name: customer.name, status: result.customer.status };
      if (result.ownerId) ref.ownerId = result.ownerId;
      if (customer.phone) ref.phone = customer.phone;
      if (customer.email) ref.email = customer.email;
      if (customer.company) ref.company = customer.company;
      for (const k of keys) inBatch.set(k, [...(inBatch.get(k) ?? []), ref]);
    }
    decisions.push({ customer: result.outcome === 'duplicate' ? customer : result.customer, result });
  }

  const nodes: NodeStatePlan[] = [...counts].map(([nodeKey, perRep]) => ({
    nodeKey,
    initial: initial.get(nodeKey),
    final: env.nodeStates[nodeKey] ?? emptyNodeState(nodeKey),
    counts: perRep,
    weights: weighted.has(nodeKey),
  }));
  const takes: RepTake[] = [];
  for (const [repId, k] of taken) {
    const rep = env.reps.find((r) => r.rep.id === repId)?.rep;
    // an owner the env does not know cannot be held: the guard fails and the batch is decided again
    const limits = { repId, timezone: timezones.get(repId) ?? 'Asia/Shanghai', capacity: rep?.capacity ?? 0, dailyCap: rep?.dailyCap ?? 0 };
    const todayDate = loaded.todayDates?.get(repId);
    takes.push({ limits, k, ...(todayDate !== undefined ? { todayDate } : {}) });
  }
  return { decisions, nodes, takes };
}
