import { describe, expect, it } from 'vitest';
import type { ConstraintContext } from './constraints';
import { ineligibilityReasons } from './constraints';
import { cand, DAY, decide, makeCustomer, makeParams, makeRep, NOW } from './test-fixtures';

const ctx = (over: Partial<ConstraintContext> = {}): ConstraintContext => ({
  customer: makeCustomer(),
  now: NOW,
  constraints: makeParams().constraints,
  excludeRepIds: new Set(),
  ...over,
});
const codes = (...args: Parameters<typeof ineligibilityReasons>) => ineligibilityReasons(...args).map((r) => r.code);

describe('constraints', () => {
  it('an active rep with room is eligible', () => {
    expect(ineligibilityReasons(cand(makeRep('a')), ctx())).toEqual([]);
  });

  it('departed', () => {
    const [r] = ineligibilityReasons(cand(makeRep('a', { status: 'departed', name: '王五' })), ctx());
    expect(r?.code).toBe('departed');
    expect(r?.text['zh-CN']).toContain('王五');
    expect(r?.text.en).toContain('left');
  });

  it('on leave by status', () => {
    expect(codes(cand(makeRep('a', { status: 'onLeave' })), ctx())).toEqual(['onLeave']);
  });

  it('on leave inside [leaveFrom, leaveTo], bounds included, open bounds honoured', () => {
    const rep = (leaveFrom?: number, leaveTo?: number) => cand(makeRep('a', { leaveFrom, leaveTo }));
    expect(codes(rep(NOW - DAY, NOW + DAY), ctx())).toEqual(['onLeave']);
    expect(codes(rep(NOW, NOW), ctx())).toEqual(['onLeave']);
    expect(codes(rep(NOW + 1, NOW + DAY), ctx())).toEqual([]);
    expect(codes(rep(NOW - DAY, NOW - 1), ctx())).toEqual([]);
    expect(codes(rep(NOW - DAY, undefined), ctx())).toEqual(['onLeave']);
    expect(codes(rep(undefined, NOW + DAY), ctx())).toEqual(['onLeave']);
  });

  it('working hours only when the node asks, in the rep’s own time zone', () => {
    const wh = (timezone: string) => ({ timezone, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    const shanghai = cand(makeRep('sh', { workingHours: wh('Asia/Shanghai') }));
    const newYork = cand(makeRep('ny', { workingHours: wh('America/New_York') }));
    const noHours = cand(makeRep('free'));
    const asked = ctx({ constraints: makeParams({ constraints: { requireWorkingHours: true } }).constraints });
    expect(codes(shanghai, asked)).toEqual([]);
    expect(codes(newYork, asked)).toEqual(['outsideWorkingHours']);
    expect(ineligibilityReasons(newYork, asked)[0]?.text.en).toContain('Sun 21:00');
    expect(codes(noHours, asked)).toEqual([]);
    expect(codes(newYork, ctx())).toEqual([]);
    const broken = cand(makeRep('x', { workingHours: wh('Not/AZone') }));
    expect(codes(broken, asked)).toEqual(['invalidWorkingHours']);
  });

  it('capacity: openCount ≥ capacity, unless the node ignores capacity', () => {
    const rep = makeRep('a', { capacity: 10 });
    expect(codes(cand(rep, { openCount: 9 }), ctx())).toEqual([]);
    const [r] = ineligibilityReasons(cand(rep, { openCount: 10 }), ctx());
    expect(r?.code).toBe('atCapacity');
    expect(r?.text.en).toContain('10/10');
    const ignore = ctx({ constraints: makeParams({ constraints: { respectCapacity: false } }).constraints });
    expect(codes(cand(rep, { openCount: 10 }), ignore)).toEqual([]);
  });

  it('daily cap: todayCount ≥ dailyCap, unless the node ignores it', () => {
    const rep = makeRep('a', { dailyCap: 3 });
    expect(codes(cand(rep, { todayCount: 2 }), ctx())).toEqual([]);
    expect(codes(cand(rep, { todayCount: 3 }), ctx())).toEqual(['atDailyCap']);
    const ignore = ctx({ constraints: makeParams({ constraints: { respectDailyCap: false } }).constraints });
    expect(codes(cand(rep, { todayCount: 3 }), ignore)).toEqual([]);
  });

  it('previous-owner cooldown while cooldownUntil > now', () => {
    const customer = (cooldownUntil: number) => makeCustomer({ previousOwners: [{ repId: 'a', cooldownUntil }] });
    const rep = cand(makeRep('a'));
    const [r] = ineligibilityReasons(rep, ctx({ customer: customer(NOW + 3 * DAY) }));
    expect(r?.code).toBe('previousOwnerCooldown');
    expect(r?.text['zh-CN']).toContain('3 天');
    expect(codes(rep, ctx({ customer: customer(NOW) }))).toEqual([]);
    expect(codes(cand(makeRep('b')), ctx({ customer: customer(NOW + DAY) }))).toEqual([]);
  });

  it('excluded reps (the current owner on reassign)', () => {
    expect(codes(cand(makeRep('a')), ctx({ excludeRepIds: new Set(['a']) }))).toEqual(['excluded']);
  });

  it('keeps every failed constraint, in a stable order', () => {
    const rep = makeRep('a', { status: 'departed', capacity: 1, dailyCap: 1 });
    const customer = makeCustomer({ previousOwners: [{ repId: 'a', cooldownUntil: NOW + DAY }] });
    expect(codes(cand(rep, { openCount: 1, todayCount: 1 }), ctx({ customer, excludeRepIds: new Set(['a']) }))).toEqual([
      'departed', 'atCapacity', 'atDailyCap', 'previousOwnerCooldown', 'excluded',
    ]);
  });

  it('decideAssignment passes an excluded current owner over and records why', () => {
    const d = decide({ candidates: [cand(makeRep('a')), cand(makeRep('b'))], excludeRepIds: ['a'] });
    expect(d.repId).toBe('b');
    expect(d.trace.find((t) => t.repId === 'a')).toMatchObject({ eligible: false, picked: false, reasons: [{ code: 'excluded' }] });
  });
});
