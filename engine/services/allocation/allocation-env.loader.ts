import mongoose from 'mongoose';
import type { AllocationEnv, ExistingCustomerRef } from '../../core/nodes/node-definition';
import type { Customer } from '../../core/model/customer.schema';
import type { AppContext } from '../../api/app-context';
import { localDate } from '../../data/local-date';
import { toEngineAllocationState, toEngineRep, toEngineRepLoad } from '../../data/mappers';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../data/normalize-contact';
import type { ActiveFlow } from './active-flow.cache';

/** Node types whose state (round-robin positions) lives in allocationStates. */
const STATEFUL_NODE_TYPES = new Set(['assign', 'reassign', 'collaborate']);

export const nodeKeyOf = (flowId: string, nodeId: string) => `${flowId}:${nodeId}`;

/** Existing customers sharing a normalised phone, email or company with `c` (for the dedupe node). */
export async function findExisting(app: AppContext, c: Pick<Customer, 'id' | 'phone' | 'email' | 'company'>): Promise<ExistingCustomerRef[]> {
  const or: Record<string, string>[] = [];
  const phone = c.phone ? normalizePhone(c.phone) : undefined;
  const email = c.email ? normalizeEmail(c.email) : undefined;
  const company = c.company ? normalizeCompany(c.company) : undefined;
  if (phone) or.push({ phoneNormalized: phone });
  if (email) or.push({ emailNormalized: email });
  if (company) or.push({ companyNormalized: company });
  if (!or.length) return [];
  const docs = await app.models.Customer.find(mongoose.trusted({ $or: or }) as Record<string, unknown>, {
    name: 1, ownerId: 1, phone: 1, email: 1, company: 1, status: 1,
  })
    .sort({ createdAt: 1 })
    .limit(20)
    .lean();
  return docs
    .filter((d) => String(d._id) !== c.id)
    .map((d) => ({
      id: String(d._id),
      name: d.name,
      status: d.status,
      ...(d.ownerId ? { ownerId: String(d.ownerId) } : {}),
      ...(d.phone ? { phone: d.phone } : {}),
      ...(d.email ? { email: d.email } : {}),
      ...(d.company ? { company: d.company } : {}),
    }));
}

export interface LoadedEnv {
  env: AllocationEnv;
  /** each rep's time zone (its "today" for daily caps) */
  timezones: ReadonlyMap<string, string>;
}

/** Everything an allocation run reads, loaded up front so the run itself is pure. */
export async function loadAllocationEnv(
  app: AppContext,
  flow: ActiveFlow,
  customer: Customer,
  excludeRepIds: string[] = [],
): Promise<LoadedEnv> {
  const now = app.now();
  const nodeKeys = [...flow.prepared.nodes.values()].filter((n) => STATEFUL_NODE_TYPES.has(n.type)).map((n) => nodeKeyOf(flow.flowId, n.id));
  const [reps, teams, pools, states, existing] = await Promise.all([
    app.models.Rep.find({ status: mongoose.trusted({ $ne: 'departed' }) }).lean(),
    app.models.Team.find({}, { name: 1, managerRepId: 1 }).lean(),
    app.models.Pool.find({}, { name: 1 }).lean(),
    nodeKeys.length ? app.models.AllocationState.find({ nodeKey: mongoose.trusted({ $in: nodeKeys }) }).lean() : Promise.resolve([]),
    findExisting(app, customer),
  ]);
  const nodeStates: AllocationEnv['nodeStates'] = {};
  for (const s of states) nodeStates[s.nodeKey] = toEngineAllocationState(s);
  const env: AllocationEnv = {
    now,
    flowId: flow.flowId,
    flowVersion: flow.version,
    reps: reps.map((r) => ({ rep: toEngineRep(r), load: toEngineRepLoad(r, localDate(now, r.timezone)) })),
    teams: teams.map((t) => ({ id: String(t._id), name: t.name, ...(t.managerRepId ? { managerRepId: String(t.managerRepId) } : {}) })),
    pools: pools.map((p) => ({ id: String(p._id), name: p.name })),
    nodeStates,
    existing,
    excludeRepIds,
  };
  return { env, timezones: new Map(reps.map((r) => [String(r._id), r.timezone])) };
}
