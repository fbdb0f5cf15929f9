import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { CustomerRaw } from '../../data/collections/customer.model';
import type { Stored } from '../../data/mappers';
import { assertCanSeeCustomer, canSeeCustomer, canSeePool, isAdminLike } from '../access/scope';

/** A customer as `.lean()` gives it. */
export type CustomerStored = Stored<CustomerRaw> & { createdAt: Date; updatedAt: Date };

type App = Pick<AppContext, 'models'>;

export const customerNotFound = () => ApiError.notFound(text('客户不存在或你无权查看', 'Customer not found or not visible to you'));

/** The customer if the caller may see it; 404 otherwise (existence is not leaked). */
export async function loadVisibleCustomer(app: App, p: Principal, id: string): Promise<CustomerStored> {
  const doc = (await app.models.Customer.findById(id).lean()) as CustomerStored | null;
  assertCanSeeCustomer(p, doc);
  return doc;
}

export const isOwner = (p: Principal, c: Pick<CustomerStored, 'ownerId'>): boolean => !!p.repId && c.ownerId != null && String(c.ownerId) === p.repId;

/**
 * Collaborators and won/lost: the owner, a manager of the customer's team, or an admin (the caller
 * already sees the customer; a collaborator who is not the owner gets 403).
 */
export function assertOwnerManagerOrAdmin(p: Principal, c: CustomerStored): void {
  if (isAdminLike(p) || p.role === 'manager' || isOwner(p, c)) return;
  throw new ApiError(403, 'FORBIDDEN', text('只有负责人、主管或管理员可以这样做', 'Only the owner, a manager or an admin may do this'));
}

/**
 * Who may assign or reassign a customer by hand: admins any; managers a customer of their teams, or an
 * unowned one (new, or in a pool their teams see). Anything else looks like no customer (404).
 */
export async function loadAssignableCustomer(app: App, p: Principal, id: string): Promise<CustomerStored> {
  const doc = (await app.models.Customer.findById(id).lean()) as CustomerStored | null;
  if (!doc) throw customerNotFound();
  if (canSeeCustomer(p, doc)) return doc;
  if (p.role === 'manager' && !doc.ownerId) {
    if (doc.status === 'new') return doc;
    if (doc.status === 'inPool' && doc.poolId) {
      const pool = await app.models.Pool.findById(doc.poolId, { rules: 1 }).lean();
      if (pool && canSeePool(p, pool.rules)) return doc;
    }
  }
  throw customerNotFound();
}
