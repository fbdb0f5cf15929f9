import mongoose from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { Principal } from '../../api/auth/principal';
import { canManageTeam, isAdminLike } from '../access/scope';
import { oid } from './value-mappers';

/**
 * Who sees which reps: admins (and integration tokens) every rep, managers the reps of their teams,
 * a rep only their own profile. Out-of-reach reps answer 404, so existence is not leaked.
 */
export function repScopeFilter(p: Principal): Record<string, unknown> {
  if (isAdminLike(p)) return {};
  if (p.role === 'manager') return { teamId: mongoose.trusted({ $in: p.teamIds.map(oid) }) };
  if (p.role === 'rep' && p.repId) return { _id: oid(p.repId) };
  return { _id: null };
}

export function canSeeRep(p: Principal, rep: { _id: unknown; teamId: unknown }): boolean {
  if (isAdminLike(p)) return true;
  if (p.role === 'manager') return canManageTeam(p, rep.teamId);
  return p.role === 'rep' && p.repId === String(rep._id);
}

export const repNotFound = () => ApiError.notFound(text('销售不存在或你无权查看', 'Rep not found or not visible to you'));

export function assertCanSeeRep<T extends { _id: unknown; teamId: unknown }>(p: Principal, rep: T | null | undefined): asserts rep is T {
  if (!rep || !canSeeRep(p, rep)) throw repNotFound();
}

/** Admins edit every rep; managers the reps of their teams; reps nobody (the routes refuse them first). */
export function assertCanEditRep(p: Principal, rep: { _id: unknown; teamId: unknown }): void {
  if (!canManageTeam(p, rep.teamId)) {
    throw new ApiError(403, 'FORBIDDEN', text('你只能管理自己团队的销售', 'You can only manage the reps of your own teams'));
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(tz: string | undefined, path: string): void {
  if (tz !== undefined && !isTimeZone(tz)) {
    const t = text(`「${tz}」不是有效的 IANA 时区（例如 Asia/Shanghai）`, `"${tz}" is not an IANA time zone (e.g. Asia/Shanghai)`);
    throw new ApiError(400, 'VALIDATION_FAILED', t, [{ path, message: t }]);
  }
}
