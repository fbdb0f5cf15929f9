import { describe, expect, it } from 'vitest';
import { prepareFlow } from '../interpreter/prepare-flow';
import { DAY, makeCustomer, makeFlow, makeRep, NOW, type NodeSpec } from '../interpreter/test-fixtures';
import type { Customer } from '../model/customer.schema';
import { simulate } from './simulate';

const assignFlow = (assign: NodeSpec['params'], onNone: 'pool' | 'end' = 'pool', extra: NodeSpec[] = [], id = 'sim') =>
  prepareFlow(makeFlow('allocation', [
    { id: 't', type: 'trigger' },
    ...extra,
    { id: 'a', type: 'assign', params: assign },
    { id: 'p', type: 'toPool', params: { poolId: 'pool-main' } },
    { id: 'e', type: 'end' },
  ], [
    ['t', 'next', extra[0]?.id ?? 'a'],
    ...(extra[0] ? ([[extra[0].id, 'new', 'a'], [extra[0].id, 'duplicate', 'e']] as [string, string, string][]) : []),
    ['a', 'assigned', 'e'], ['a', 'none', onNone === 'pool' ? 'p' : 'e'], ['p', 'next', 'e'],
  ], id));

const customers = (n: number, over: (i: number) => Partial<Customer> = () => ({})): Customer[] =>
  Array.from({ length: n }, (_, i) => makeCustomer({ id: `c${i + 1}`, name: `C${i + 1}`, ...over(i) }));
const org = { teams: [{ id: 't1', name: 'T1' }], pools: [{ id: 'pool-main', name: '公海' }] };

describe('simulate', () => {
  it('evolves the round-robin state: every prefix stays within one, counts and fairness add up', () => {
    const reps = ['a', 'b', 'c'].map((id) => makeRep(id));
    const r = simulate(assignFlow({ strategy: 'roundRobin' }), { customers: customers(100), reps, ...org, now: NOW });
    expect(r.outcomes).toEqual({ assigned: 100, pool: 0, duplicate: 0, unassigned: 0 });
    expect(r.reps.map((x) => x.count)).toEqual([34, 33, 33]);
    const seen = new Map<string, number>();
    for (const d of r.decisions) {
      seen.set(d.ownerId as string, (seen.get(d.ownerId as string) ?? 0) + 1);
      const counts = reps.map((rep) => seen.get(rep.id) ?? 0);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(r.fairness).toMatchObject({ reps: 3, min: 33, max: 34, spread: 1 });
    expect(r.fairness.gini).toBeCloseTo(2 / 300, 12); // [33, 33, 34]: (−2·33 + 0·33 + 2·34) / (3 · 100)
    expect(r.nodes).toEqual([expect.objectContaining({ nodeId: 'a', assigned: 100, spread: 1, quotasMet: true })]);
    expect(r.reps[0]?.openCount).toBe(34);
    expect(r.violations.total).toBe(0);
  });

  it('respects capacity, sends the rest to the pool and counts no violation', () => {
    const reps = ['a', 'b', 'c'].map((id) => makeRep(id, { capacity: 10 }));
    const r = simulate(assignFlow({ strategy: 'leastLoaded' }), { customers: customers(40), reps, ...org, now: NOW });
    expect(r.outcomes.assigned).toBe(30);
    expect(r.outcomes.pool).toBe(10);
    expect(r.pools).toEqual({ 'pool-main': 10 });
    expect(r.reps.map((x) => x.openCount)).toEqual([10, 10, 10]);
    expect(r.violations).toMatchObject({ total: 0, capacity: 0, dailyCap: 0 });
  });

  it('counts violations honestly when a flow ignores capacity and caps', () => {
    const reps = [makeRep('a', { capacity: 5, dailyCap: 3 })];
    const r = simulate(assignFlow({ strategy: 'roundRobin', constraints: { respectCapacity: false, respectDailyCap: false } }), { customers: customers(8), reps, ...org, now: NOW });
    expect(r.outcomes.assigned).toBe(8);
    expect(r.violations.capacity).toBe(3); // the 6th, 7th and 8th
    expect(r.violations.dailyCap).toBe(5); // the 4th … 8th
    expect(r.violations.items[0]).toMatchObject({ kind: 'dailyCap', customerId: 'c4', repId: 'a' });
  });

  it('rolls days over on the createdAt clock: daily caps reset each day', () => {
    const reps = [makeRep('a', { dailyCap: 2 }), makeRep('b', { dailyCap: 2 })];
    const list = customers(18, (i) => ({ createdAt: NOW + Math.floor(i / 6) * DAY + i * 60_000 }));
    const r = simulate(assignFlow({ strategy: 'roundRobin' }, 'end'), { customers: list, reps, ...org, now: NOW, clock: 'createdAt' });
    expect(r.days).toBe(3);
    expect(r.outcomes).toMatchObject({ assigned: 12, unassigned: 6 });
    expect(r.reps.map((x) => x.maxInOneDay)).toEqual([2, 2]);
    expect(r.unassigned.groups).toEqual([expect.objectContaining({ code: 'NO_ELIGIBLE_REP', nodeId: 'a', count: 6 })]);
    expect(r.unassigned.groups[0]?.customerIds).toEqual(['c5', 'c6', 'c11', 'c12', 'c17', 'c18']);
    expect(r.violations.total).toBe(0);
  });

  it('finds duplicates among customers it already placed and keeps their owner', () => {
    const reps = ['a', 'b'].map((id) => makeRep(id));
    const flow = assignFlow({ strategy: 'roundRobin' }, 'pool', [{ id: 'd', type: 'dedupe', params: { matchBy: ['phone'] } }]);
    const list = customers(6, (i) => ({ phone: `1380000000${i % 3}` }));
    const r = simulate(flow, { customers: list, reps, ...org, now: NOW });
    expect(r.outcomes).toMatchObject({ assigned: 3, duplicate: 3 });
    const byId = new Map(r.decisions.map((d) => [d.customerId, d]));
    expect(byId.get('c4')).toMatchObject({ outcome: 'duplicate', ownerId: byId.get('c1')?.ownerId });
    expect(r.reps.reduce((s, x) => s + x.openCount, 0)).toBe(3);
  });

  it('holds a new-hire minimum share and reports it', () => {
    const reps = [makeRep('n1', { isNewHire: true }), ...['v1', 'v2', 'v3', 'v4'].map((id) => makeRep(id))];
    const r = simulate(assignFlow({ strategy: 'roundRobin', quotas: { newHireMinShare: 0.4 } }), { customers: customers(50), reps, ...org, now: NOW });
    const node = r.nodes[0];
    expect(node?.newHireMinShare).toBe(0.4);
    expect(node?.newHireShare).toBeGreaterThanOrEqual(0.38);
    expect(node?.quotasMet).toBe(true);
  });

  it('keeps traces for the first N customers only, reports progress, and can skip decisions', () => {
    const reps = ['a', 'b'].map((id) => makeRep(id));
    const progress: number[] = [];
    const r = simulate(assignFlow({ strategy: 'roundRobin' }), {
      customers: customers(25), reps, ...org, now: NOW, traces: 2, decisions: false, progressEvery: 10, onProgress: (d) => progress.push(d),
    });
    expect(r.traces.map((t) => t.customerId)).toEqual(['c1', 'c2']);
    expect(r.traces[0]?.trace.length).toBeGreaterThan(0);
    expect(r.decisions).toEqual([]);
    expect(progress).toEqual([10, 20, 25]);
  });

  it('moves an owned customer off its previous owner\'s open count when it changes hands', () => {
    const reps = [makeRep('a'), makeRep('b')];
    const list = customers(2, () => ({ ownerId: 'b', status: 'assigned' as const }));
    const r = simulate(assignFlow({ strategy: 'roundRobin', candidateTeams: [] }), {
      customers: list, reps, ...org, now: NOW, loads: [{ repId: 'b', openCount: 2, todayCount: 0 }],
    });
    // c1 → a (b loses one); c2 stays with b, which already counted it
    expect(r.decisions.map((d) => d.ownerId)).toEqual(['a', 'b']);
    expect(r.reps.map((x) => x.openCount)).toEqual([1, 1]);
  });

  it('refuses a follow-up flow', () => {
    const p = prepareFlow(makeFlow('followUp', [{ id: 't', type: 'trigger' }, { id: 'e', type: 'end' }], [['t', 'next', 'e']]));
    expect(() => simulate(p, { customers: [], reps: [], ...org, now: NOW })).toThrow(/FLOW_WRONG_KIND/);
  });
});
