import { describe, expect, it } from 'vitest';
import { CoreError } from '../common/core-error';
import { normalizeCustomer, normalizeCustomers, normalizeOrg } from './dataset-input';

const NOW = Date.UTC(2025, 0, 6);

describe('normalizeCustomer', () => {
  it('fills defaults, coerces numbers, dates and lists, and keeps other columns as attributes', () => {
    const c = normalizeCustomer(
      { id: 'c1', name: ' 华星 ', estimatedValue: '120000', churnRisk: '0.8', tags: 'vip|hot', createdAt: '2025-01-01T00:00:00Z', lastFollowUpAt: '', budget: '5', vip: 'true', note: 'x' },
      0,
      NOW,
    );
    expect(c).toEqual({
      id: 'c1', name: '华星', estimatedValue: 120000, churnRisk: 0.8, tags: ['vip', 'hot'], createdAt: Date.UTC(2025, 0, 1),
      status: 'new', collaboratorIds: [], previousOwners: [], attributes: { budget: 5, vip: true, note: 'x' },
    });
  });

  it('gives ids and creation times to bare rows', () => {
    expect(normalizeCustomer({ name: 'A' }, 4, NOW)).toMatchObject({ id: 'row-5', name: 'A', createdAt: NOW });
  });

  it('names the record and field of bad data', () => {
    const e = (() => {
      try {
        normalizeCustomer({ id: 'c1', estimatedValue: '12k' }, 2, NOW);
      } catch (err) {
        return err as CoreError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(CoreError);
    expect(e?.code).toBe('DATA_NOT_A_NUMBER');
    expect(e?.pointer).toBe('/2/estimatedValue');
    expect(() => normalizeCustomer({ id: 'c1', status: 'zombie' }, 0, NOW)).toThrow(/DATA_INVALID/);
    expect(() => normalizeCustomer({ id: 'c1', createdAt: 'soon' }, 0, NOW)).toThrow(/must be a date/);
    expect(() => normalizeCustomers([{ id: 'a' }, { id: 'a' }], NOW)).toThrow(/appears twice/);
    expect(() => normalizeCustomers({}, NOW)).toThrow(/must be an array/);
  });

  it('ignores prototype-polluting keys', () => {
    const c = normalizeCustomer(JSON.parse('{"id":"c1","__proto__":{"polluted":true},"constructor":"x"}'), 0, NOW);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(c.attributes).toEqual({});
  });
});

describe('normalizeOrg', () => {
  it('accepts a bare array, derives teams and managers, and reads starting loads', () => {
    const org = normalizeOrg([
      { id: 'r1', teamId: 't1', openCount: 3 },
      { id: 'm1', teamId: 't1', isManager: 'yes', industries: 'finance, retail' },
      { id: 'r2', teamId: 't2' },
    ]);
    expect(org.teams).toEqual([{ id: 't1', name: 't1', managerRepId: 'm1' }, { id: 't2', name: 't2' }]);
    expect(org.reps[1]).toMatchObject({ isManager: true, industries: ['finance', 'retail'], level: 1, weight: 1, capacity: 1000, dailyCap: 100, status: 'active' });
    expect(org.loads[0]).toEqual({ repId: 'r1', openCount: 3, todayCount: 0 });
    expect(org.pools).toEqual([]);
  });

  it('keeps the given teams and pools', () => {
    const org = normalizeOrg({ teams: [{ id: 't1', name: 'East', managerRepId: 'x' }], pools: [{ id: 'p', name: 'Pool' }], reps: [{ id: 'r1', teamId: 't1' }] });
    expect(org.teams).toEqual([{ id: 't1', name: 'East', managerRepId: 'x' }]);
    expect(org.pools).toEqual([{ id: 'p', name: 'Pool' }]);
  });

  it('rejects what is not a rep list', () => {
    expect(() => normalizeOrg({ people: [] })).toThrow(/`reps` array/);
    expect(() => normalizeOrg([{ name: 'no id' }])).toThrow(/DATA_INVALID/);
    expect(() => normalizeOrg([{ id: 'r1', level: 9 }])).toThrow(/DATA_INVALID/);
  });
});
