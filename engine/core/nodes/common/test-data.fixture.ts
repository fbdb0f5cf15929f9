/** Customers, reps and environments for the catalog's tests. */
import type { Customer } from '../../model/customer.schema';
import type { Rep } from '../../model/rep.schema';
import type { AllocationContext, AllocationEnv, Candidate, FollowUpStepContext } from '../node-definition';

export const NOW = Date.UTC(2025, 2, 5, 2, 0); // Wed 2025-03-05 10:00 Asia/Shanghai

export function makeCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: 'c1', name: '星辰科技', tags: [], status: 'new', collaboratorIds: [], previousOwners: [], createdAt: NOW - 86_400_000, attributes: {},
    ...over,
  };
}

export function makeRep(id: string, over: Partial<Rep> = {}): Rep {
  return {
    id, name: `Rep ${id}`, teamId: 'general', status: 'active', industries: [], regions: [], languages: [], productLines: [],
    level: 3, weight: 1, capacity: 100, dailyCap: 50, isNewHire: false, isTopRep: false, isManager: false,
    stats: { winRateByIndustry: {}, avgDealValue: 0, medianFirstResponseHours: 1, escalationShare: 0 },
    ...over,
  };
}

export const candidate = (rep: Rep, openCount = 0, todayCount = 0): Candidate => ({ rep, load: { repId: rep.id, openCount, todayCount } });

export function makeEnv(over: Partial<AllocationEnv> = {}): AllocationEnv {
  return { now: NOW, flowId: 'f1', flowVersion: 1, reps: [], teams: [], pools: [], nodeStates: {}, existing: [], excludeRepIds: [], ...over };
}

export function allocCtx(customer: Customer, env: AllocationEnv = makeEnv(), nodeId = 'n1'): AllocationContext {
  return { env, customer, nodeId };
}

export function stepCtx(over: Partial<FollowUpStepContext> = {}): FollowUpStepContext {
  return { now: NOW, customer: makeCustomer({ ownerId: 'r1', status: 'assigned' }), nodeId: 'w', event: { kind: 'entered', at: NOW }, nodeState: undefined, ...over };
}
