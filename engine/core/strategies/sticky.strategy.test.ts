import { describe, expect, it } from 'vitest';
import { cand, DAY, decide, makeCustomer, makeParams, makeRep, NOW } from './test-fixtures';

const sticky = makeParams({ strategy: 'sticky' });
const team = [cand(makeRep('a', { name: '张三' })), cand(makeRep('b', { name: '李四' })), cand(makeRep('c'))];
const expired = (repId: string) => ({ repId, cooldownUntil: NOW - DAY });

describe('sticky', () => {
  it('picks the most recent previous owner (the last entry) when eligible', () => {
    const customer = makeCustomer({ previousOwners: [expired('a'), expired('b')], accountOwnerId: 'c' });
    const d = decide({ customer, params: sticky, candidates: team });
    expect(d.repId).toBe('b');
    expect(d.why['zh-CN']).toBe('原负责人优先：分配给前负责人 李四');
  });

  it('falls back to the account owner when the previous owner is not eligible, and says why', () => {
    const customer = makeCustomer({ previousOwners: [{ repId: 'a', cooldownUntil: NOW + 2 * DAY }], accountOwnerId: 'c' });
    const d = decide({ customer, params: sticky, candidates: team });
    expect(d.repId).toBe('c');
    expect(d.why.en).toMatch(/^Sticky: assigned to the account owner Rep c \(the previous owner 张三 cannot take it: .*cooldown ends in 2 day/);
  });

  it('uses the account owner when there is no previous owner', () => {
    expect(decide({ customer: makeCustomer({ accountOwnerId: 'b' }), params: sticky, candidates: team }).repId).toBe('b');
  });

  it('takes none when neither is eligible, with both reasons', () => {
    const candidates = [cand(makeRep('a', { status: 'onLeave' })), cand(makeRep('b'))];
    const customer = makeCustomer({ previousOwners: [expired('a')], accountOwnerId: 'zz' });
    const d = decide({ customer, params: sticky, candidates });
    expect(d.repId).toBeNull();
    expect(d.change).toBeNull();
    expect(d.why.en).toContain('on leave');
    expect(d.why.en).toContain('account owner (zz) is not among the candidates');
  });

  it('takes none when the customer has no previous or account owner, even with eligible reps', () => {
    const d = decide({ customer: makeCustomer(), params: sticky, candidates: team });
    expect(d.repId).toBeNull();
    expect(d.why.en).toBe('Sticky: the customer has no previous owner and no account owner');
  });

  it('ignores quotas: the account stays with its owner', () => {
    const params = makeParams({ strategy: 'sticky', quotas: { newHireMinShare: 1 } });
    const candidates = [cand(makeRep('a')), cand(makeRep('n', { isNewHire: true }))];
    const d = decide({ customer: makeCustomer({ accountOwnerId: 'a' }), params, candidates });
    expect(d.repId).toBe('a');
    expect(d.quotas).toEqual([]);
  });
});
