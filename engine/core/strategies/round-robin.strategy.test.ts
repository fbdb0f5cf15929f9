import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeAllocationState } from '../model/rep.schema';
import { applyAllocationChange, emptyNodeState } from './node-state';
import { cand, decide, makeRep, stream } from './test-fixtures';

const reps = (...ids: string[]) => ids.map((id) => cand(makeRep(id)));

/** max − min of the per-rep counts of `picks` over `ids` after each prefix. */
function prefixSpreads(picks: Array<string | null>, ids: string[]): number[] {
  const counts = new Map(ids.map((id) => [id, 0]));
  return picks.map((p) => {
    if (p !== null) counts.set(p, (counts.get(p) ?? 0) + 1);
    const values = [...counts.values()];
    return Math.max(...values) - Math.min(...values);
  });
}

describe('roundRobin', () => {
  it('never-assigned reps first (by id), then the oldest last assignment', () => {
    const { picks } = stream(7, { candidates: reps('c', 'a', 'b') });
    expect(picks).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('a rep joining later goes first, then rejoins the cycle', () => {
    const first = stream(2, { candidates: reps('a', 'b') });
    const { picks } = stream(4, { candidates: reps('a', 'b', 'z') }, first.state);
    expect(picks).toEqual(['z', 'a', 'b', 'z']);
  });

  it('explains the pick and records the state change', () => {
    const d = decide({ candidates: reps('a', 'b') });
    expect(d).toMatchObject({ repId: 'a', strategy: 'roundRobin', change: { nodeKey: 'flow:assign1', repId: 'a', expectedSeq: 0, newSeq: 1, lastSeq: 1, incAssigned: 1 } });
    expect(d.change?.currentWeight).toBeUndefined();
    expect(d.why.en).toContain('has not been assigned');
    const state = applyAllocationChange(emptyNodeState('flow:assign1'), d.change!);
    const next = decide({ candidates: reps('a', 'b'), nodeState: applyAllocationChange(state, decide({ candidates: reps('a', 'b'), nodeState: state }).change!) });
    expect(next.repId).toBe('a');
    expect(next.why.en).toContain('oldest (seq 1)');
  });

  it('rep ids that name Object.prototype members are plain keys', () => {
    const { picks } = stream(4, { candidates: reps('constructor', '__proto__') });
    expect(picks).toEqual(['__proto__', 'constructor', '__proto__', 'constructor']);
  });

  it('two processes deciding from the same read: the second compare-and-set fails, re-reading yields the next rep', () => {
    const candidates = reps('a', 'b', 'c');
    const read = emptyNodeState('flow:assign1');
    const p1 = decide({ candidates, nodeState: read });
    const p2 = decide({ candidates, nodeState: read });
    expect(p2.repId).toBe(p1.repId);
    const afterP1 = applyAllocationChange(read, p1.change!);
    expect(() => applyAllocationChange(afterP1, p2.change!)).toThrowError(expect.objectContaining({ code: 'strategy.staleNodeState' }));
    const retry = decide({ candidates, nodeState: afterP1 });
    expect(retry.repId).not.toBe(p1.repId);
  });

  it('property: with the same eligible reps, counts differ by at most one over every prefix of a stream', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 8 });
    const scenario = ids.chain((repIds) =>
      fc.record({
        repIds: fc.constant(repIds),
        // an arbitrary history: some reps assigned before, in any order
        history: fc.array(fc.constantFrom(...repIds), { maxLength: 20 }),
        // reps that are in the candidate set but never eligible
        blocked: fc.uniqueArray(fc.stringMatching(/^x[a-z]{1,3}$/), { maxLength: 3 }),
        length: fc.integer({ min: 1, max: 60 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ repIds, history, blocked, length }) => {
        let start: NodeAllocationState = emptyNodeState('flow:assign1');
        for (const [i, id] of history.entries()) {
          start = { ...start, seq: i + 1, lastSeq: { ...start.lastSeq, [id]: i + 1 } };
        }
        const candidates = [
          ...repIds.map((id) => cand(makeRep(id))),
          ...blocked.map((id) => cand(makeRep(id, { status: 'departed' }))),
        ];
        const { picks } = stream(length, { candidates }, start);
        expect(picks.every((p) => p !== null && repIds.includes(p))).toBe(true);
        expect(Math.max(...prefixSpreads(picks, repIds))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
