import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int within bounds and reaches both ends; sample gives distinct items', () => {
    const r = createPrng(7);
    const ints = Array.from({ length: 2000 }, () => r.int(3, 6));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(6);
    const s = r.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(s).size).toBe(3);
    expect(r.sample(['a'], 3)).toEqual(['a']);
  });

  it('follows the weights of weighted picks', () => {
    const r = createPrng(1);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.weighted([['a', 1], ['b', 3], ['c', 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
  });
});
