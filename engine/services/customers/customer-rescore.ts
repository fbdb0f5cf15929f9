import type { Customer } from '../../core/model/customer.schema';
import { runAllocation } from '../../core/interpreter/run-allocation';
import type { AppContext } from '../../api/app-context';
import { activeFlowFor } from '../allocation/active-flow.cache';
import { loadAllocationEnv } from '../allocation/allocation-env.loader';
import type { RescoreViewT } from './customer.schemas';

/**
 * "Re-scored as the flow says": when an allocation flow is active for the `customerUpdated` trigger,
 * it runs (through the allocation interpreter, with the real reps, teams and pools, dedupe seeing no
 * other customer) on the customer as it is after the edit, and only what the run left in the
 * customer's **score, grade and tags** is kept. Everything else the run decided — an owner, a pool,
 * collaborators, round-robin turns, notifications — is discarded: an edit never moves a customer.
 * Without such a flow nothing is re-scored (null). A node failure leaves score, grade and tags as they were.
 */
export async function rescoreCustomer(app: AppContext, customer: Customer): Promise<RescoreViewT | null> {
  const flow = await activeFlowFor(app, 'customerUpdated');
  if (!flow) return null;
  const loaded = await loadAllocationEnv(app, flow, customer);
  loaded.env.existing = [];
  const result = runAllocation(flow.prepared, customer, loaded.env, { trace: false });
  const failed = result.unassigned?.code === 'NODE_ERROR' || result.unassigned?.code === 'LOOP_GUARD';
  const c = failed ? customer : result.customer;
  return { flowId: flow.flowId, flowVersion: flow.version, score: c.score ?? null, grade: c.grade ?? null, tags: [...c.tags] };
}
