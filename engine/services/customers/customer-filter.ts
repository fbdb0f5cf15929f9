import mongoose, { Types } from 'mongoose';
import type { Principal } from '../../api/auth/principal';
import { customerScopeFilter } from '../access/scope';
import type { CustomerFilterT } from './customer.schemas';

const HOUR = 3_600_000;

/** Text matched literally inside a regular expression. */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `$and` of the non-empty parts (a single part as it is). */
function andOf(parts: Record<string, unknown>[]): Record<string, unknown> {
  const nonEmpty = parts.filter((f) => Object.keys(f).length > 0);
  if (nonEmpty.length === 0) return {};
  if (nonEmpty.length === 1) return nonEmpty[0] ?? {};
  return { $and: nonEmpty };
}

/**
 * "Overdue" (no follow-up within the SLA): an assigned customer whose lastFollowUpAt — or assignedAt
 * when it has none — is older than `hours`. `false` selects assigned customers followed up in time.
 */
function overdueFilter(overdue: boolean, hours: number, now: number): Record<string, unknown>[] {
  const cutoff = new Date(now - hours * HOUR);
  const op = overdue ? '$lt' : '$gte';
  return [
    { status: 'assigned' },
    {
      $or: [
        { lastFollowUpAt: mongoose.trusted({ [op]: cutoff }) },
        { lastFollowUpAt: mongoose.trusted({ $exists: false }), assignedAt: mongoose.trusted({ [op]: cutoff }) },
      ],
    },
  ];
}

/**
 * The customers filter: the caller's scope and every query filter. Values come from the validated
 * query (strings, numbers, booleans — never objects); operators are added here, each wrapped in
 * mongoose.trusted(), so nothing a caller sends can act as an operator.
 */
export function customerFilter(p: Principal, q: CustomerFilterT, now: number): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [customerScopeFilter(p)];
  if (q.owner) parts.push({ ownerId: new Types.ObjectId(q.owner) });
  if (q.team) parts.push({ teamId: new Types.ObjectId(q.team) });
  if (q.status) parts.push({ status: q.status });
  if (q.grade) parts.push({ grade: q.grade });
  if (q.tag) parts.push({ tags: q.tag });
  if (q.source) parts.push({ source: q.source });
  if (q.province) parts.push({ province: q.province });
  if (q.overdue !== undefined) parts.push(...overdueFilter(q.overdue, q.overdueHours, now));
  if (q.q) {
    const prefix = new RegExp(`^${escapeRegex(q.q)}`, 'i');
    parts.push({ $or: [{ name: prefix }, { company: prefix }] });
  }
  return andOf(parts);
}
