import { describe, expect, it } from 'vitest';
import { gini, sharesAgainstWeights, spread } from './fairness';

describe('spread', () => {
  it('is max − min, and 0 for nothing', () => {
    expect(spread([])).toBe(0);
    expect(spread([4])).toBe(0);
    expect(spread([3, 7, 5, 3])).toBe(4);
  });
});

describe('gini', () => {
  it('is 0 for perfectly even counts and for all zeros', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });

  it('is (n − 1) / n when one rep gets everything', () => {
    expect(gini([0, 0, 0, 10])).toBeCloseTo(3 / 4, 12);
    expect(gini([9, 0])).toBeCloseTo(1 / 2, 12);
  });

  it('matches the mean-absolute-difference definition on known inputs', () => {
    // [1,2,3,4]: Σ|xi−xj| over ordered pairs = 20, G = 20 / (2 · 16 · 2.5) = 0.25
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 12);
    // [1,1,1,5]: pairs with 5 differ by 4 → Σ = 6·4 = 24, mean = 2, G = 24 / (2·16·2) = 0.375
    expect(gini([1, 1, 1, 5])).toBeCloseTo(0.375, 12);
  });

  it('rejects negative values', () => {
    expect(() => gini([1, -1])).toThrow(RangeError);
  });
});

describe('sharesAgainstWeights', () => {
  it('compares each share with its weight target', () => {
    const rows = sharesAgainstWeights([
      { key: 'a', count: 30, weight: 3 },
      { key: 'b', count: 10, weight: 1 },
      { key: 'c', count: 0, weight: 0 },
    ]);
    expect(rows[0]).toEqual({ key: 'a', count: 30, share: 0.75, target: 0.75, deviation: 0 });
    expect(rows[1]?.share).toBe(0.25);
    expect(rows[2]).toEqual({ key: 'c', count: 0, share: 0, target: 0, deviation: 0 });
  });

  it('reports deviation in assignments', () => {
    const rows = sharesAgainstWeights([
      { key: 'a', count: 6, weight: 1 },
      { key: 'b', count: 4, weight: 1 },
    ]);
    expect(rows.map((r) => r.deviation)).toEqual([1, -1]);
  });
});
