import { describe, expect, it } from 'vitest';
import { emptyNodeState } from './node-state';
import { cand, decide, makeParams, makeRep } from './test-fixtures';

const ll = makeParams({ strategy: 'leastLoaded' });

describe('leastLoaded', () => {
  it('picks the lowest open / capacity, not the lowest open count', () => {
    const candidates = [
      cand(makeRep('a', { capacity: 10 }), { openCount: 3 }), // 30%
      cand(makeRep('b', { capacity: 40 }), { openCount: 8 }), // 20%
      cand(makeRep('c', { capacity: 5 }), { openCount: 2 }), // 40%
    ];
    const d = decide({ candidates, params: ll });
    expect(d.repId).toBe('b');
    expect(d.why.en).toContain('8/40, 20%');
    expect(d.trace.map((t) => t.loadRatio)).toEqual([0.3, 0.2, 0.4]);
  });

  it('breaks ties by round robin (equal ratios such as 1/3 and 2/6 tie)', () => {
    const candidates = [
      cand(makeRep('a', { capacity: 3 }), { openCount: 1 }),
      cand(makeRep('b', { capacity: 6 }), { openCount: 2 }),
      cand(makeRep('c', { capacity: 2 }), { openCount: 1 }),
    ];
    const state = { ...emptyNodeState('flow:assign1'), seq: 9, lastSeq: { a: 9, b: 4 } };
    const d = decide({ candidates, params: ll, nodeState: state });
    expect(d.repId).toBe('b');
    expect(d.why.en).toContain('tied with 1 other(s)');
    expect(decide({ candidates, params: ll }).repId).toBe('a');
  });

  it('a rep without capacity sorts last when capacity is not enforced', () => {
    const params = makeParams({ strategy: 'leastLoaded', constraints: { respectCapacity: false } });
    const candidates = [cand(makeRep('a', { capacity: 0 })), cand(makeRep('b', { capacity: 2 }), { openCount: 5 })];
    const d = decide({ candidates, params });
    expect(d.repId).toBe('b');
    expect(d.trace[0]?.loadRatio).toBeNull();
  });

  it('skips reps at capacity', () => {
    const candidates = [cand(makeRep('a', { capacity: 2 }), { openCount: 2 }), cand(makeRep('b', { capacity: 2 }), { openCount: 1 })];
    expect(decide({ candidates, params: ll }).repId).toBe('b');
  });
});
