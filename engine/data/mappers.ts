import type { Types } from 'mongoose';
import type { Customer } from '../core/model/customer.schema';
import type { NodeAllocationState, Rep, RepLoad } from '../core/model/rep.schema';
import type { AllocationStateRaw } from './collections/allocation-state.model';
import type { CustomerRaw } from './collections/customer.model';
import type { RepRaw } from './collections/rep.model';

/** A stored document as `.lean()` gives it; hydrated documents fit the same shape. */
export type Stored<T> = T & { _id: Types.ObjectId };

type Id = { toString(): string };
const idOf = (v: Id | null | undefined): string | undefined => (v == null ? undefined : v.toString());
const msOf = (v: Date | null | undefined): number | undefined => (v == null ? undefined : v.getTime());
const valueOf = <T>(v: T | null | undefined): T | undefined => (v == null ? undefined : v);

/** Drops the keys whose value is undefined, so optional fields are absent rather than undefined. */
function compact<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
  return obj;
}

type AttributeValue = Customer['attributes'][string];
const isAttributeValue = (v: unknown): v is AttributeValue =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The customer as the pure engine sees it (ids as strings, dates as epoch ms). */
export function toEngineCustomer(doc: Stored<CustomerRaw>, extra: { accountOwnerId?: string } = {}): Customer {
  const attributes: Customer['attributes'] = {};
  for (const { key, value } of doc.attributes ?? []) {
    if (isAttributeValue(value)) Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return compact<Customer>({
    id: doc._id.toString(),
    name: doc.name,
    company: valueOf(doc.company),
    phone: valueOf(doc.phone),
    email: valueOf(doc.email),
    industry: valueOf(doc.industry),
    province: valueOf(doc.province),
    city: valueOf(doc.city),
    size: valueOf(doc.size),
    source: valueOf(doc.source),
    language: valueOf(doc.language),
    productLine: valueOf(doc.productLine),
    estimatedValue: valueOf(doc.estimatedValue),
    churnRisk: valueOf(doc.churnRisk),
    tags: [...(doc.tags ?? [])],
    score: valueOf(doc.score),
    grade: valueOf(doc.grade),
    status: doc.status,
    ownerId: idOf(doc.ownerId),
    teamId: idOf(doc.teamId),
    poolId: idOf(doc.poolId),
    collaboratorIds: (doc.collaboratorIds ?? []).map((id) => id.toString()),
    previousOwners: (doc.previousOwners ?? []).map((p) => ({ repId: p.repId.toString(), cooldownUntil: p.cooldownUntil.getTime() })),
    accountOwnerId: extra.accountOwnerId,
    createdAt: doc.createdAt.getTime(),
    assignedAt: msOf(doc.assignedAt),
    lastFollowUpAt: msOf(doc.lastFollowUpAt),
    attributes,
  });
}

/** The rep as the pure engine sees it. */
export function toEngineRep(doc: Stored<RepRaw>): Rep {
  const winRateByIndustry: Record<string, number> = {};
  for (const { industry, winRate } of doc.stats?.winRateByIndustry ?? []) {
    Object.defineProperty(winRateByIndustry, industry, { value: winRate, enumerable: true, writable: true, configurable: true });
  }
  const wh = doc.workingHours;
  return compact<Rep>({
    id: doc._id.toString(),
    name: doc.name,
    teamId: doc.teamId.toString(),
    status: doc.status,
    leaveFrom: msOf(doc.leaveFrom),
    leaveTo: msOf(doc.leaveTo),
    industries: [...doc.industries],
    regions: [...doc.regions],
    languages: [...doc.languages],
    productLines: [...doc.productLines],
    level: doc.level,
    weight: doc.weight,
    capacity: doc.capacity,
    dailyCap: doc.dailyCap,
    isNewHire: doc.isNewHire,
    isTopRep: doc.isTopRep,
    isManager: doc.isManager,
    workingHours: wh ? { timezone: wh.timezone, days: [...wh.days], start: wh.start, end: wh.end } : undefined,
    stats: {
      winRateByIndustry,
      avgDealValue: doc.stats?.avgDealValue ?? 0,
      medianFirstResponseHours: doc.stats?.medianFirstResponseHours ?? 0,
      escalationShare: doc.stats?.escalationShare ?? 0,
    },
  });
}

/** The rep's load; `today` is the YYYY-MM-DD in the rep's zone (todayCount from another day counts 0). */
export function toEngineRepLoad(doc: Stored<Pick<RepRaw, 'openCount' | 'todayCount' | 'todayDate'>>, today: string): RepLoad {
  return { repId: doc._id.toString(), openCount: doc.openCount, todayCount: doc.todayDate === today ? doc.todayCount : 0 };
}

type NumberMap = Map<string, number> | Record<string, number> | null | undefined;
function plainMap(m: NumberMap): Record<string, number> {
  const out: Record<string, number> = {};
  if (!m) return out;
  const entries = m instanceof Map ? [...m.entries()] : Object.entries(m);
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** An assign node's round-robin state (maps come back as Map from documents, objects from lean). */
export function toEngineAllocationState(doc: Pick<AllocationStateRaw, 'nodeKey' | 'seq'> & { lastSeq?: NumberMap; currentWeight?: NumberMap; assigned?: NumberMap }): NodeAllocationState {
  return {
    nodeKey: doc.nodeKey,
    seq: doc.seq,
    lastSeq: plainMap(doc.lastSeq),
    currentWeight: plainMap(doc.currentWeight),
    assigned: plainMap(doc.assigned),
  };
}
