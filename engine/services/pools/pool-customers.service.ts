import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { CustomerRaw } from '../../data/collections/customer.model';
import type { Stored } from '../../data/mappers';
import { cursorId } from '../reps/rep.service';
import { iso } from '../reps/value-mappers';
import { maskEmail, maskPhone } from './contact-mask';
import type { PoolCustomersQueryT, PoolCustomerViewT } from './pool.schemas';
import { loadVisiblePool } from './pool.service';

type App = Pick<AppContext, 'models' | 'now'>;
type CustomerStored = Stored<CustomerRaw>;

/** Pool customers as a would-be claimer sees them: contacts masked, plus the caller's own cooldown if any. */
export function poolCustomerView(c: CustomerStored, callerRepId: string | undefined, now: number): PoolCustomerViewT {
  const mine = callerRepId
    ? (c.previousOwners ?? [])
        .filter((po) => po.repId.toString() === callerRepId && po.cooldownUntil.getTime() > now)
        .map((po) => po.cooldownUntil.getTime())
        .sort((a, b) => b - a)[0]
    : undefined;
  return {
    id: c._id.toString(),
    name: c.name,
    company: c.company ?? null,
    industry: c.industry ?? null,
    province: c.province ?? null,
    city: c.city ?? null,
    size: c.size ?? null,
    source: c.source ?? null,
    grade: c.grade ?? null,
    score: c.score ?? null,
    tags: [...(c.tags ?? [])],
    estimatedValue: c.estimatedValue ?? null,
    phone: maskPhone(c.phone),
    email: maskEmail(c.email),
    lastFollowUpAt: iso(c.lastFollowUpAt),
    createdAt: c.createdAt.toISOString(),
    myCooldownUntil: mine === undefined ? null : new Date(mine).toISOString(),
  };
}

/** `GET /api/pools/:id/customers`: the customers in a visible pool, newest first, by _id cursor. */
export async function listPoolCustomers(app: App, p: Principal, poolId: string, q: PoolCustomersQueryT): Promise<{ items: PoolCustomerViewT[]; nextCursor: string | null }> {
  const pool = await loadVisiblePool(app, p, poolId);
  const filter: Record<string, unknown> = { poolId: pool._id, status: 'inPool' };
  if (q.grade) filter.grade = q.grade;
  if (q.industry) filter.industry = q.industry;
  if (q.province) filter.province = q.province;
  if (q.cursor !== undefined) filter._id = mongoose.trusted({ $lt: cursorId(q.cursor) });
  const docs = (await app.models.Customer.find(filter).sort({ _id: -1 }).limit(q.limit + 1).lean()) as CustomerStored[];
  const page = docs.slice(0, q.limit);
  const now = app.now();
  return {
    items: page.map((c) => poolCustomerView(c, p.repId, now)),
    nextCursor: docs.length > q.limit ? (page.at(-1)?._id.toString() ?? null) : null,
  };
}
