import { describe, expect, it } from 'vitest';
import { allocCtx, makeCustomer, makeEnv } from '../common/test-data.fixture';
import { dedupeNode } from './dedupe.node';
import { normaliseKey } from './match-keys';

const existing = [
  { id: 'old1', name: 'Old unowned', phone: '+86 138-0000-0000', status: 'inPool' as const },
  { id: 'old2', name: 'Old owned', phone: '13800000000', ownerId: 'r9', status: 'assigned' as const },
  { id: 'old3', name: 'Email twin', email: 'Boss@Example.com ', ownerId: 'r7', status: 'assigned' as const },
];

describe('dedupe node', () => {
  it('normalises phones, emails and companies', () => {
    expect(normaliseKey('phone', '+86 138-0000-0000')).toBe('13800000000');
    expect(normaliseKey('email', ' A@B.com')).toBe('a@b.com');
    expect(normaliseKey('company', '星辰科技有限公司')).toBe(normaliseKey('company', '星辰科技'));
    expect(normaliseKey('phone', '12')).toBeUndefined();
  });

  it('finds a duplicate by phone and keeps its owner (owned matches first)', () => {
    const r = dedupeNode.evaluate({ matchBy: ['phone', 'email'] }, allocCtx(makeCustomer({ phone: '138 0000 0000' }), makeEnv({ existing })));
    expect(r.output).toBe('duplicate');
    expect(r.effects).toEqual([{ kind: 'duplicate', existingId: 'old2', ownerId: 'r9' }]);
    expect(r.trace.summary.en).toBe('Same phone as existing customer "Old owned"; keeps owner r9');
  });

  it('follows the matchBy order and ignores keys not listed', () => {
    const c = makeCustomer({ phone: '13800000000', email: 'boss@example.com' });
    expect(dedupeNode.evaluate({ matchBy: ['email', 'phone'] }, allocCtx(c, makeEnv({ existing }))).effects[0]).toMatchObject({ existingId: 'old3' });
    expect(dedupeNode.evaluate({ matchBy: ['company'] }, allocCtx(c, makeEnv({ existing }))).output).toBe('new');
  });

  it('never matches the customer itself', () => {
    const r = dedupeNode.evaluate({ matchBy: ['phone'] }, allocCtx(makeCustomer({ id: 'old2', phone: '13800000000' }), makeEnv({ existing: [existing[1] as (typeof existing)[number]] })));
    expect(r.output).toBe('new');
  });
});
