import { text, type LocalizedText } from '../../engine/core/common/localized';
import type { RecycleNotice } from './lifecycle.contract';

/**
 * Pool rules over time (DESIGN.md "Follow-up, escalation and the public pool"), pure: when an owned
 * customer goes back to its pool for lack of a follow-up or of a deal, and when its owner is warned.
 *
 * - deadline = the earlier of (last follow-up, else assignment) + N days without follow-up, and
 *   assignment + N days without a deal; per-grade rules replace the pool's numbers for that grade;
 *   0 days switches a rule off;
 * - the protection period after a claim (`protectedUntil`) postpones the recycle;
 * - with `warnDaysBefore` > 0 the owner is always warned first, `warnDaysBefore` days ahead: the warning is
 *   due at deadline − N days, and the recycle never comes sooner than N days after the warning actually went
 *   out (a customer found already overdue is warned now and recycled N days later, never without notice).
 *   A warning counts only for the deadline it announced: a follow-up that moves the deadline asks for a new one.
 */
export interface PoolRules {
  poolId: string;
  recycleAfterDaysNoFollowUp: number;
  recycleAfterDaysNoDeal: number;
  perGrade: Array<{ grade: string; recycleAfterDaysNoFollowUp?: number; recycleAfterDaysNoDeal?: number }>;
  warnDaysBefore: number;
  previousOwnerCooldownDays: number;
}

export interface RecycleFacts {
  grade?: string;
  assignedAt: number;
  lastFollowUpAt?: number;
  protectedUntil?: number;
}

export type RecycleReason = 'noFollowUp' | 'noDeal';

export interface RecyclePlan {
  reason: RecycleReason;
  /** the rule's number of days */
  days: number;
  /** when the rule is broken */
  deadline: number;
  /** the warning still to send (absent once warned for this deadline, or without warnings) */
  warnAt?: number;
  /** when the customer goes back (absent while a warning is still owed) */
  recycleAt?: number;
}

export const DAY_MS = 86_400_000;

export function rulesForGrade(rules: PoolRules, grade: string | undefined): { noFollowUp: number; noDeal: number } {
  const g = grade === undefined ? undefined : rules.perGrade.find((r) => r.grade === grade);
  return {
    noFollowUp: g?.recycleAfterDaysNoFollowUp ?? rules.recycleAfterDaysNoFollowUp,
    noDeal: g?.recycleAfterDaysNoDeal ?? rules.recycleAfterDaysNoDeal,
  };
}

export function planRecycle(facts: RecycleFacts, rules: PoolRules, notice: RecycleNotice | undefined): RecyclePlan | null {
  const days = rulesForGrade(rules, facts.grade);
  let best: { reason: RecycleReason; days: number; deadline: number } | undefined;
  if (days.noFollowUp > 0) {
    const from = Math.max(facts.lastFollowUpAt ?? facts.assignedAt, facts.assignedAt);
    best = { reason: 'noFollowUp', days: days.noFollowUp, deadline: from + days.noFollowUp * DAY_MS };
  }
  if (days.noDeal > 0) {
    const deadline = facts.assignedAt + days.noDeal * DAY_MS;
    if (!best || deadline < best.deadline) best = { reason: 'noDeal', days: days.noDeal, deadline };
  }
  if (!best) return null;
  const notBefore = Math.max(best.deadline, facts.protectedUntil ?? 0);
  const warnMs = rules.warnDaysBefore * DAY_MS;
  if (warnMs <= 0) return { ...best, recycleAt: notBefore };
  if (notice && notice.deadline === best.deadline) return { ...best, recycleAt: Math.max(notBefore, notice.warnedAt + warnMs) };
  return { ...best, warnAt: notBefore - warnMs };
}

/** Why a pool rule recycles a customer (recorded on the assignment event and shown to the owner). */
export function recycleReasonText(reason: RecycleReason, days: number): LocalizedText {
  return reason === 'noFollowUp'
    ? text(`${days} 天未跟进，按公海规则回收`, `No follow-up for ${days} days: recycled by the pool rules`)
    : text(`分配 ${days} 天未成交，按公海规则回收`, `No deal ${days} days after assignment: recycled by the pool rules`);
}
