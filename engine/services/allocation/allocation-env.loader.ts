import mongoose from 'mongoose';
import type { AllocationEnv, ExistingCustomerRef, PoolRef, TeamRef } from '../../core/nodes/node-definition';
import { TtlCache } from './ttl-cache';
import type { Customer } from '../../core/model/customer.schema';
import type { AppContext } from '../../api/app-context';
import { localDate } from '../../data/local-date';
import { toEngineAllocationState, toEngineRep, toEngineRepLoad } from '../../data/mappers';
import { contactKeysOf } from '../../data/contact-keys';
import type { ActiveFlow } from './active-flow.cache';
import type { RosterRep } from './rep-roster.cache';
import { rememberStateIds } from './node-state-ids';

/** Node types whose state (round-robin positions) lives in allocationStates. */
const STATEFUL_NODE_TYPES = new Set(['assign', 'reassign', 'collaborate']);

export const nodeKeyOf = (flowId: string, nodeId: string) => `${flowId}:${nodeId}`;

/**
 * Existing customers sharing a normalised phone, email or company with `c` (for the dedupe node),
 * found through the contact keys by `_id` (no collection scan on FerretDB).
 */
export async function findExisting(app: AppContext, c: Pick<Customer, 'id' | 'phone' | 'email' | 'company'>): Promise<ExistingCustomerRef[]> {
  const keys = contactKeysOf(c);
  if (!keys.length) return [];
  // one equality look-up per key / id: FerretDB on SQLite pushes `_id` equality down, but not `_id: {$in}` (a scan)
  const hits = await Promise.all(keys.map((k) => app.models.ContactKey.findById(k).lean()));
  const ids = [...new Set(hits.flatMap((h) => (h ? [String(h.customerId)] : [])))].filter((id) => id !== c.id);
  if (!ids.length) return [];
  const found = await Promise.all(ids.map((id) => app.models.Customer.findById(id, EXISTING_REF_FIELDS).lean()));
  return found
    .filter((d) => d !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(existingRef);
}

/** What existingRef reads of a stored customer (createdAt: to order several, oldest first). */
export const EXISTING_REF_FIELDS = { name: 1, ownerId: 1, phone: 1, email: 1, company: 1, status: 1, createdAt: 1 } as const;

/** A stored customer as the dedupe node sees it. */
export function existingRef(d: { _id: unknown; name: string; status: ExistingCustomerRef['status']; ownerId?: unknown; phone?: string | null; email?: string | null; company?: string | null }): ExistingCustomerRef {
  return {
    id: String(d._id),
    name: d.name,
    status: d.status,
    ...(d.ownerId ? { ownerId: String(d.ownerId) } : {}),
    ...(d.phone ? { phone: d.phone } : {}),
    ...(d.email ? { email: d.email } : {}),
    ...(d.company ? { company: d.company } : {}),
  };
}

/** Teams and pools change rarely: read at most every 2 s per process (per connection). */
const referenceCaches = new WeakMap<object, TtlCache<{ teams: TeamRef[]; pools: PoolRef[] }>>();
function referenceData(app: AppContext): TtlCache<{ teams: TeamRef[]; pools: PoolRef[] }> {
  let c = referenceCaches.get(app.conn);
  if (!c) {
    c = new TtlCache(2_000, async () => {
      const [teams, pools] = await Promise.all([
        app.models.Team.find({}, { name: 1, managerRepId: 1 }).lean(),
        app.models.Pool.find({}, { name: 1 }).lean(),
      ]);
      return {
        teams: teams.map((t) => ({ id: String(t._id), name: t.name, ...(t.managerRepId ? { managerRepId: String(t.managerRepId) } : {}) })),
        pools: pools.map((p) => ({ id: String(p._id), name: p.name })),
      };
    });
    referenceCaches.set(app.conn, c);
  }
  return c;
}

/** A stored rep's profile as the engine sees it, mapped once per document read (the roster cache serves the same documents many times). */
const engineReps = new WeakMap<object, ReturnType<typeof toEngineRep>>();
function engineRepOf(doc: Parameters<typeof toEngineRep>[0]): ReturnType<typeof toEngineRep> {
  let rep = engineReps.get(doc);
  if (!rep) engineReps.set(doc, (rep = Object.freeze(toEngineRep(doc))));
  return rep;
}

export interface LoadedEnv {
  env: AllocationEnv;
  /** each rep's time zone (its "today" for daily caps) */
  timezones: ReadonlyMap<string, string>;
  /** each rep's stored day of todayCount, as read */
  todayDates?: ReadonlyMap<string, string>;
}

/** Everything an allocation run reads, loaded up front so the run itself is pure. */
export async function loadAllocationEnv(
  app: AppContext,
  flow: ActiveFlow,
  /** the incoming customer, whose duplicates are looked up; null: `existing` is left empty (a batch fills it per row) */
  customer: Customer | null,
  excludeRepIds: string[] = [],
  /** the assign nodes' states when the caller knows them (nodeStateCache); read from the database otherwise */
  knownNodeStates?: AllocationEnv['nodeStates'],
  /** the reps when the caller has them (the intake's roster cache); read from the database otherwise */
  knownReps?: RosterRep[],
): Promise<LoadedEnv> {
  const now = app.now();
  const nodeKeys = knownNodeStates ? [] : [...flow.prepared.nodes.values()].filter((n) => STATEFUL_NODE_TYPES.has(n.type)).map((n) => nodeKeyOf(flow.flowId, n.id));
  const [reps, { teams, pools }, states, existing] = await Promise.all([
    knownReps ?? app.models.Rep.find({ status: mongoose.trusted({ $ne: 'departed' }) }).lean(),
    referenceData(app).get(now),
    nodeKeys.length ? app.models.AllocationState.find({ nodeKey: mongoose.trusted({ $in: nodeKeys }) }).lean() : Promise.resolve([]),
    customer ? findExisting(app, customer) : Promise.resolve([]),
  ]);
  const nodeStates: AllocationEnv['nodeStates'] = { ...knownNodeStates };
  for (const s of states) nodeStates[s.nodeKey] = toEngineAllocationState(s);
  rememberStateIds(app.models.AllocationState, states);
  const env: AllocationEnv = {
    now,
    flowId: flow.flowId,
    flowVersion: flow.version,
    reps: reps.map((r) => ({ rep: engineRepOf(r), load: toEngineRepLoad(r, localDate(now, r.timezone)) })),
    teams,
    pools,
    nodeStates,
    existing,
    excludeRepIds,
  };
  return { env, timezones: new Map(reps.map((r) => [String(r._id), r.timezone])), todayDates: new Map(reps.map((r) => [String(r._id), r.todayDate ?? ''])) };
}
