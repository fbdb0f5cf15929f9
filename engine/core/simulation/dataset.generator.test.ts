import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { CustomerSchema } from '../model/customer.schema';
import { RepSchema } from '../model/rep.schema';
import { generateCustomers, generateOrg } from './dataset.generator';
import { seededRandom } from './seeded-random';

const NOW = Date.UTC(2025, 0, 6);

describe('seeded datasets', () => {
  it('are reproducible from the seed and differ between seeds', () => {
    const a = generateCustomers({ count: 200, seed: 1, now: NOW });
    expect(generateCustomers({ count: 200, seed: 1, now: NOW })).toEqual(a);
    expect(generateCustomers({ count: 200, seed: 2, now: NOW })).not.toEqual(a);
    const r = seededRandom(9);
    const xs = Array.from({ length: 1000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('produce valid customers and reps, with every team managed', () => {
    for (const c of generateCustomers({ count: 300, seed: 3, now: NOW })) {
      expect(Value.Check(CustomerSchema, c)).toBe(true);
      expect(c.createdAt).toBeLessThanOrEqual(NOW);
    }
    const org = generateOrg({ count: 50, seed: 7, teams: 5 });
    expect(org.reps).toHaveLength(50);
    for (const rep of org.reps) expect(Value.Check(RepSchema, rep)).toBe(true);
    expect(org.teams.map((t) => t.managerRepId)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(new Set(org.reps.map((r) => r.id)).size).toBe(50);
  });
});
