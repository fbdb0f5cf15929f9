import { describe, expect, it } from 'vitest';
import { DAY_MS, planRecycle, recycleReasonText, rulesForGrade, type PoolRules } from '../../workflows/lifecycle/recycle-plan';

/** The pure pool-rule clock the lifecycle workflow runs (no Temporal needed). */
const T0 = Date.UTC(2025, 0, 6, 2, 0);
const rules: PoolRules = {
  poolId: 'p1',
  recycleAfterDaysNoFollowUp: 15,
  recycleAfterDaysNoDeal: 30,
  perGrade: [{ grade: 'A', recycleAfterDaysNoFollowUp: 30, recycleAfterDaysNoDeal: 60 }, { grade: 'D', recycleAfterDaysNoFollowUp: 7 }],
  warnDaysBefore: 3,
  previousOwnerCooldownDays: 30,
};
const day = (n: number) => T0 + n * DAY_MS;

describe('planRecycle', () => {
  it('warns N days before the earlier of the two rules, and recycles only after the warning', () => {
    expect(planRecycle({ assignedAt: T0 }, rules, undefined)).toEqual({ reason: 'noFollowUp', days: 15, deadline: day(15), warnAt: day(12) });
    expect(planRecycle({ assignedAt: T0 }, rules, { warnedAt: day(12), deadline: day(15) })).toEqual({ reason: 'noFollowUp', days: 15, deadline: day(15), recycleAt: day(15) });
  });

  it('counts the follow-up clock from the last follow-up, the deal clock from the assignment', () => {
    const late = planRecycle({ assignedAt: T0, lastFollowUpAt: day(20) }, rules, undefined);
    expect(late).toMatchObject({ reason: 'noDeal', days: 30, deadline: day(30), warnAt: day(27) });
    const early = planRecycle({ assignedAt: T0, lastFollowUpAt: day(5) }, rules, undefined);
    expect(early).toMatchObject({ reason: 'noFollowUp', deadline: day(20), warnAt: day(17) });
  });

  it('uses the per-grade numbers for that grade, the pool numbers for the missing one', () => {
    expect(rulesForGrade(rules, 'A')).toEqual({ noFollowUp: 30, noDeal: 60 });
    expect(rulesForGrade(rules, 'D')).toEqual({ noFollowUp: 7, noDeal: 30 });
    expect(rulesForGrade(rules, 'B')).toEqual({ noFollowUp: 15, noDeal: 30 });
    expect(planRecycle({ assignedAt: T0, grade: 'D' }, rules, undefined)).toMatchObject({ deadline: day(7), warnAt: day(4) });
  });

  it('never recycles inside the protection period, and warns before its end', () => {
    const p = planRecycle({ assignedAt: T0, protectedUntil: day(20) }, rules, undefined);
    expect(p).toMatchObject({ deadline: day(15), warnAt: day(17) });
    expect(planRecycle({ assignedAt: T0, protectedUntil: day(20) }, rules, { warnedAt: day(17), deadline: day(15) })?.recycleAt).toBe(day(20));
  });

  it('a customer found overdue is warned now and recycled N days after the warning, never without notice', () => {
    const overdue = planRecycle({ assignedAt: day(-40) }, rules, undefined);
    expect(overdue?.warnAt).toBeLessThan(T0);
    expect(overdue?.recycleAt).toBeUndefined();
    expect(planRecycle({ assignedAt: day(-40) }, rules, { warnedAt: T0, deadline: overdue!.deadline })?.recycleAt).toBe(day(3));
  });

  it('a warning counts only for the deadline it announced', () => {
    const stale = { warnedAt: day(12), deadline: day(15) };
    expect(planRecycle({ assignedAt: T0, lastFollowUpAt: day(13) }, rules, stale)).toMatchObject({ deadline: day(28), warnAt: day(25) });
  });

  it('without warnings it recycles at the deadline; zero days switch a rule off; no rule, no plan', () => {
    expect(planRecycle({ assignedAt: T0 }, { ...rules, warnDaysBefore: 0 }, undefined)).toMatchObject({ recycleAt: day(15) });
    expect(planRecycle({ assignedAt: T0 }, { ...rules, recycleAfterDaysNoFollowUp: 0 }, undefined)).toMatchObject({ reason: 'noDeal', deadline: day(30) });
    expect(planRecycle({ assignedAt: T0 }, { ...rules, recycleAfterDaysNoFollowUp: 0, recycleAfterDaysNoDeal: 0 }, undefined)).toBeNull();
  });

  it('says why in both languages', () => {
    expect(recycleReasonText('noDeal', 30)).toEqual({ 'zh-CN': '分配 30 天未成交，按公海规则回收', en: 'No deal 30 days after assignment: recycled by the pool rules' });
  });
});
