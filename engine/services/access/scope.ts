import mongoose, { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { Principal } from '../../api/auth/principal';

/**
 * Who may see what (DESIGN.md "Who uses it"): admins and integration tokens everything; managers
 * their teams; reps their own and collaborating customers and the pools visible to their team.
 * Filters built here carry operators, so they are wrapped in mongoose.trusted() — everything a caller
 * sends is sanitised by the global sanitizeFilter and never reaches a filter as an operator.
 */
const oid = (id: string) => new Types.ObjectId(id);

export const isAdminLike = (p: Principal) => p.role === 'admin' || p.role === 'integration';

/** A filter on customers restricted to what the caller may see (owned/collaborating/team). */
export function customerScopeFilter(p: Principal): Record<string, unknown> {
  if (isAdminLike(p)) return {};
  if (p.role === 'manager') return { teamId: mongoose.trusted({ $in: p.teamIds.map(oid) }) };
  if (p.role === 'rep' && p.repId) {
    return mongoose.trusted({ $or: [{ ownerId: oid(p.repId) }, { collaboratorIds: oid(p.repId) }] }) as Record<string, unknown>;
  }
  return { _id: null };
}

interface CustomerLike {
  ownerId?: unknown;
  teamId?: unknown;
  collaboratorIds?: unknown[];
}

export function canSeeCustomer(p: Principal, c: CustomerLike): boolean {
  if (isAdminLike(p)) return true;
  if (p.role === 'manager') return c.teamId != null && p.teamIds.includes(String(c.teamId));
  if (p.role === 'rep' && p.repId) {
    return String(c.ownerId ?? '') === p.repId || (c.collaboratorIds ?? []).some((id) => String(id) === p.repId);
  }
  return false;
}

/** 404, not 403, for objects outside the caller's reach: existence is not leaked. */
export function assertCanSeeCustomer(p: Principal, c: CustomerLike | null | undefined): asserts c is CustomerLike {
  if (!c || !canSeeCustomer(p, c)) throw ApiError.notFound(text('客户不存在或你无权查看', 'Customer not found or not visible to you'));
}

/** Whether a pool is visible to the caller: empty visibleTeamIds means every team. */
export function canSeePool(p: Principal, pool: { visibleTeamIds?: unknown[] }): boolean {
  if (isAdminLike(p)) return true;
  const visible = (pool.visibleTeamIds ?? []).map(String);
  return visible.length === 0 || p.teamIds.some((t) => visible.includes(t));
}

/** Admins manage every rep and team; managers those of their teams. */
export function canManageTeam(p: Principal, teamId: unknown): boolean {
  if (isAdminLike(p)) return true;
  return p.role === 'manager' && teamId != null && p.teamIds.includes(String(teamId));
}

export function assertCanManageTeam(p: Principal, teamId: unknown): void {
  if (!canManageTeam(p, teamId)) throw new ApiError(403, 'FORBIDDEN', text('你只能管理自己团队的销售', 'You can only manage the reps of your own teams'));
}
