import { describe, expect, it } from 'vitest';
import { prepareFlow } from '../../core/interpreter/prepare-flow';
import { makeCustomer, makeEnv, makeFlow, makeRep, NOW } from '../../core/interpreter/test-fixtures';
import type { ActiveFlow } from './active-flow.cache';
import { decideBatch } from './batch-decide';

/** trigger → dedupe(phone, company) → assign(roundRobin) → pool when nobody is eligible */
const doc = makeFlow(
  'allocation',
  [
    { id: 't', type: 'trigger' },
    { id: 'd', type: 'dedupe', params: { matchBy: ['phone', 'company'] } },
    { id: 'a', type: 'assign', params: { strategy: 'roundRobin' } },
    { id: 'p', type: 'toPool', params: { poolId: 'pool-main', reason: { 'zh-CN': '无人可分', en: 'Nobody eligible' } } },
    { id: 'e', type: 'end' },
  ],
  [['t', 'next', 'd'], ['d', 'new', 'a'], ['d', 'duplicate', 'e'], ['a', 'assigned', 'e'], ['a', 'none', 'p'], ['p', 'next', 'e']],
);
const flow: ActiveFlow = { flowId: 'f1', flowVersionId: 'v1', version: 1, trigger: 'customerImported', prepared: prepareFlow(doc) };
const noPool = async () => false;
const customers = (n: number, over: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: n }, (_, i) => makeCustomer({ id: `c${i}`, name: `C${i}`, phone: `1380000${String(i).padStart(4, '0')}`, createdAt: NOW, ...over(i) }));
const loaded = (reps = [makeRep('r1'), makeRep('r2'), makeRep('r3')]) => ({ env: makeEnv(reps), timezones: new Map<string, string>(), todayDates: new Map<string, string>() });

describe('decideBatch', () => {
  it('runs round robin row after row in memory: even turns, one node plan, one take per rep with its count', async () => {
    const l = loaded();
    const plan = await decideBatch(flow, l, customers(7), () => [], noPool);
    const owners = plan.decisions.map((d) => d.result?.ownerId);
    expect(owners.every(Boolean)).toBe(true);
    const counts = new Map<string, number>();
    for (const o of owners) counts.set(o!, (counts.get(o!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([2, 2, 3]);
    expect(plan.nodes).toHaveLength(1);
    expect(plan.nodes[0]).toMatchObject({ nodeKey: 'f1:a', initial: undefined, final: { seq: 7 } });
    expect(Object.fromEntries(plan.nodes[0]!.counts)).toEqual(Object.fromEntries(counts));
    expect(Object.fromEntries(plan.takes.map((t) => [t.limits.repId, t.k]))).toEqual(Object.fromEntries(counts));
    expect(l.env.reps.map((r) => r.load.openCount).sort()).toEqual([2, 2, 3]);
  });

  it('never plans more than a rep can take: once capacity is used up in the batch, the rest go to the pool', async () => {
    const l = loaded([makeRep('r1', { capacity: 2 }), makeRep('r2', { dailyCap: 1 })]);
    const plan = await decideBatch(flow, { ...l, env: { ...l.env, pools: [{ id: 'pool-main', name: '公海' }] } }, customers(6), () => [], noPool);
    expect(plan.decisions.map((d) => d.result?.outcome)).toEqual(['assigned', 'assigned', 'assigned', 'pool', 'pool', 'pool']);
    expect(Object.fromEntries(plan.takes.map((t) => [t.limits.repId, t.k]))).toEqual({ r1: 2, r2: 1 });
  });

  it('finds duplicates within the batch (by contact key) and against the database; a duplicate takes no turn', async () => {
    const l = loaded();
    const rows = customers(4, (i) => (i === 2 ? { phone: '13800000000' } : i === 3 ? { company: 'Old Co' } : {}));
    const dbMatch = { id: 'old1', name: 'Old', status: 'assigned' as const, ownerId: 'r9', company: 'Old Co' };
    const plan = await decideBatch(flow, l, rows, (i) => (i === 3 ? [dbMatch] : []), noPool);
    expect(plan.decisions.map((d) => d.result?.outcome)).toEqual(['assigned', 'assigned', 'duplicate', 'duplicate']);
    expect(plan.decisions[2]!.result?.duplicateOf).toBe('c0');
    expect(plan.decisions[3]!.result?.duplicateOf).toBe('old1');
    expect(plan.nodes[0]!.final.seq).toBe(2);
    expect(plan.takes.reduce((s, t) => s + t.k, 0)).toBe(2);
  });
});
