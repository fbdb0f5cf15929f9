import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { CustomerStored } from './customer-access';
import type { CustomerViewT } from './customer.schemas';

const HOUR = 3_600_000;
export const DEFAULT_OVERDUE_HOURS = 24;

const str = (v: string | null | undefined): string | null => (v == null || v === '' ? null : v);
const num = (v: number | null | undefined): number | null => (v == null ? null : v);
const iso = (d: Date | null | undefined): string | null => (d == null ? null : d.toISOString());
const id = (v: { toString(): string } | null | undefined): string | null => (v == null ? null : v.toString());

/** No follow-up within the SLA: an assigned customer whose last follow-up (or assignment, when none) is older than `hours`. */
export function isOverdue(c: Pick<CustomerStored, 'status' | 'lastFollowUpAt' | 'assignedAt'>, now: number, hours: number): boolean {
  if (c.status !== 'assigned') return false;
  const since = c.lastFollowUpAt ?? c.assignedAt;
  return since != null && since.getTime() < now - hours * HOUR;
}

function attributesOf(list: CustomerStored['attributes']): CustomerViewT['attributes'] {
  const out: CustomerViewT['attributes'] = {};
  for (const { key, value } of list ?? []) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

export function customerView(c: CustomerStored, ctx: { now: number; overdueHours?: number; repNames?: ReadonlyMap<string, string> }): CustomerViewT {
  const ownerId = id(c.ownerId);
  return {
    id: c._id.toString(),
    name: c.name,
    company: str(c.company),
    phone: str(c.phone),
    email: str(c.email),
    industry: str(c.industry),
    province: str(c.province),
    city: str(c.city),
    size: str(c.size),
    source: str(c.source),
    language: str(c.language),
    productLine: str(c.productLine),
    estimatedValue: num(c.estimatedValue),
    churnRisk: num(c.churnRisk),
    tags: [...(c.tags ?? [])],
    score: num(c.score),
    grade: str(c.grade),
    status: c.status,
    ownerId,
    ownerName: ownerId ? (ctx.repNames?.get(ownerId) ?? null) : null,
    teamId: id(c.teamId),
    poolId: id(c.poolId),
    collaboratorIds: (c.collaboratorIds ?? []).map(String),
    previousOwners: (c.previousOwners ?? []).map((p) => ({ repId: p.repId.toString(), cooldownUntil: p.cooldownUntil.toISOString() })),
    assignedAt: iso(c.assignedAt),
    claimedAt: iso(c.claimedAt),
    lastFollowUpAt: iso(c.lastFollowUpAt),
    closedAt: iso(c.closedAt),
    protectedUntil: iso(c.protectedUntil),
    overdue: isOverdue(c, ctx.now, ctx.overdueHours ?? DEFAULT_OVERDUE_HOURS),
    attributes: attributesOf(c.attributes),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: (c.updatedAt ?? c.createdAt).toISOString(),
  };
}

/** Names of the reps owning these customers (one query). */
export async function repNamesFor(app: Pick<AppContext, 'models'>, customers: readonly Pick<CustomerStored, 'ownerId'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(customers.map((c) => id(c.ownerId)).filter((v): v is string => v !== null))];
  if (ids.length === 0) return new Map();
  const reps = await app.models.Rep.find({ _id: mongoose.trusted({ $in: ids.map((v) => new mongoose.Types.ObjectId(v)) }) }, { name: 1 }).lean();
  return new Map(reps.map((r) => [r._id.toString(), r.name]));
}

/** Every rep's name (for exports that stream many customers). */
export async function allRepNames(app: Pick<AppContext, 'models'>): Promise<Map<string, string>> {
  const reps = await app.models.Rep.find({}, { name: 1 }).lean();
  return new Map(reps.map((r) => [r._id.toString(), r.name]));
}
