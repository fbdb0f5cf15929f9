import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cand, decide, makeParams, makeRep, stream } from './test-fixtures';

const wrr = makeParams({ strategy: 'weightedRoundRobin' });
const weighted = (weights: Record<string, number>) => Object.entries(weights).map(([id, weight]) => cand(makeRep(id, { weight })));

describe('weightedRoundRobin', () => {
  it('follows the nginx smooth sequence for weights 5, 1, 1', () => {
    const { picks, state } = stream(14, { candidates: weighted({ a: 5, b: 1, c: 1 }), params: wrr });
    expect(picks.join('')).toBe('aabacaa'.repeat(2));
    expect(state.currentWeight).toEqual({ a: 0, b: 0, c: 0 });
  });

  it('returns the full new current-weight map, keeping reps outside the pool as they were', () => {
    const first = stream(1, { candidates: weighted({ a: 2, b: 1, off: 3 }), params: wrr });
    expect(first.changes[0]?.currentWeight).toEqual({ a: 2, b: 1, off: -3 });
    const candidates = [...weighted({ a: 2, b: 1 }), cand(makeRep('off', { weight: 3, status: 'onLeave' }))];
    const d = decide({ candidates, params: wrr, nodeState: first.state });
    expect(d.repId).toBe('a');
    expect(d.change?.currentWeight).toEqual({ a: 1, b: 2, off: -3 });
    expect(d.why.en).toContain('weight 2 of 3');
  });

  it('never picks a weight-0 rep while someone has weight; all-zero weights count equally', () => {
    expect(stream(6, { candidates: weighted({ a: 0, b: 1 }), params: wrr }).picks).toEqual(Array(6).fill('b'));
    expect(stream(4, { candidates: weighted({ a: 0, b: 0 }), params: wrr }).picks).toEqual(['a', 'b', 'a', 'b']);
  });

  it('property: within one of the target share over every prefix, exactly the weights over every cycle', () => {
    const weights = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: 1, maxLength: 6 }).chain((ids) =>
      fc.tuple(fc.constant(ids), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: ids.length, maxLength: ids.length })),
    );
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 3 }), ([ids, ws], cycles) => {
        const w = Object.fromEntries(ids.map((id, i) => [id, ws[i] ?? 1]));
        const total = ws.reduce((s, x) => s + x, 0);
        const { picks } = stream(total * cycles, { candidates: weighted(w), params: wrr });
        const counts = new Map<string, number>();
        picks.forEach((p, i) => {
          counts.set(p!, (counts.get(p!) ?? 0) + 1);
          const n = i + 1;
          for (const id of ids) expect(Math.abs((counts.get(id) ?? 0) - (n * (w[id] ?? 0)) / total)).toBeLessThanOrEqual(1);
          if (n % total === 0) for (const id of ids) expect(counts.get(id) ?? 0).toBe(((w[id] ?? 0) * n) / total);
        });
      }),
      { numRuns: 150 },
    );
  });
});
