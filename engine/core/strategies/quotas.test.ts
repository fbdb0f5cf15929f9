import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeAllocationState } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import type { StrategyName } from './assign-params.schema';
import { emptyNodeState } from './node-state';
import { applyQuotas } from './quotas';
import { cand, decide, makeParams, makeRep, stream } from './test-fixtures';

const POOL_STRATEGIES: StrategyName[] = ['roundRobin', 'weightedRoundRobin', 'leastLoaded', 'skillMatch'];

function shareOf(state: NodeAllocationState, candidates: Candidate[], inGroup: (c: Candidate) => boolean): number {
  const total = Object.values(state.assigned).reduce((s, n) => s + n, 0);
  const group = candidates.filter(inGroup).reduce((s, c) => s + (state.assigned[c.rep.id] ?? 0), 0);
  return total === 0 ? 0 : group / total;
}

/** A team of 2–8 reps with random roles and weights; `kind` marks new hires / top reps (never both). */
const team = fc
  .array(fc.record({ role: fc.constantFrom('plain', 'newHire', 'top'), weight: fc.integer({ min: 1, max: 5 }) }), { minLength: 2, maxLength: 8 })
  .map((specs) => specs.map((s, i) => cand(makeRep(`r${i}`, { weight: s.weight, isNewHire: s.role === 'newHire', isTopRep: s.role === 'top' }))));

describe('quotas', () => {
  it('new-hire minimum: restricts the pick to new hires and records that it changed the pick', () => {
    const candidates = [cand(makeRep('a')), cand(makeRep('b')), cand(makeRep('n', { isNewHire: true, name: '新人' }))];
    const params = makeParams({ quotas: { newHireMinShare: 0.5 } });
    const d = decide({ candidates, params });
    expect(d.repId).toBe('n');
    expect(d.quotas).toEqual([
      expect.objectContaining({ quota: 'newHireMinShare', applied: true, changedPick: true, withoutQuotaRepId: 'a' }),
    ]);
    expect(d.trace.find((t) => t.repId === 'a')).toMatchObject({ eligible: true, picked: false, reasons: [{ code: 'quotaNewHireReserved' }] });
    expect(d.why.en).toContain('this pick goes to a new hire');
  });

  it('new-hire minimum: no restriction once the share is met', () => {
    const candidates = [cand(makeRep('a')), cand(makeRep('n', { isNewHire: true }))];
    const state = { ...emptyNodeState('flow:assign1'), seq: 2, assigned: { a: 1, n: 1 }, lastSeq: { a: 1, n: 2 } };
    const d = decide({ candidates, params: makeParams({ quotas: { newHireMinShare: 0.3 } }), nodeState: state });
    expect(d.repId).toBe('a');
    expect(d.quotas).toEqual([]);
  });

  it('top-rep maximum: leaves top reps out while someone else is eligible; says so when nobody else is', () => {
    const top = cand(makeRep('t', { isTopRep: true }));
    const params = makeParams({ quotas: { topRepMaxShare: 0.5 } });
    const d = decide({ candidates: [top, cand(makeRep('u'))], params });
    expect(d.repId).toBe('u');
    expect(d.quotas[0]).toMatchObject({ quota: 'topRepMaxShare', applied: true, changedPick: true, withoutQuotaRepId: 't' });
    const alone = decide({ candidates: [top, cand(makeRep('u', { status: 'departed' }))], params });
    expect(alone.repId).toBe('t');
    expect(alone.quotas[0]).toMatchObject({ applied: false, changedPick: false });
    expect(alone.quotas[0]?.text.en).toContain('cannot be held');
  });

  it('a quota that narrows the pool without changing the pick says so', () => {
    const candidates = [cand(makeRep('a', { isNewHire: true })), cand(makeRep('b'))];
    const d = decide({ candidates, params: makeParams({ quotas: { newHireMinShare: 0.2 } }) });
    expect(d.repId).toBe('a');
    expect(d.quotas[0]).toMatchObject({ applied: true, changedPick: false, withoutQuotaRepId: 'a' });
  });

  it('never empties the pool', () => {
    const only = [cand(makeRep('t', { isTopRep: true }))];
    expect(applyQuotas(only, only, emptyNodeState('k'), { newHireMinShare: 1, topRepMaxShare: 0 }).pool).toHaveLength(1);
  });

  it('property: over a stream, the new-hire share never falls below the minimum and the top share never exceeds the maximum', () => {
    fc.assert(
      fc.property(
        team,
        fc.constantFrom(...POOL_STRATEGIES),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
        fc.option(fc.double({ min: 0, max: 0.99, noNaN: true }), { nil: undefined }),
        fc.integer({ min: 1, max: 40 }),
        (candidates, strategy, newHireMinShare, topRepMaxShare, n) => {
          const params = makeParams({ strategy, quotas: { newHireMinShare, topRepMaxShare } });
          let state = emptyNodeState('flow:assign1');
          const hasNewHire = candidates.some((c) => c.rep.isNewHire);
          const hasOther = candidates.some((c) => !c.rep.isTopRep);
          for (let i = 0; i < n; i++) {
            const next = stream(1, { candidates, params }, state);
            expect(next.picks[0]).not.toBeNull();
            state = next.state;
            if (newHireMinShare !== undefined && hasNewHire) {
              expect(shareOf(state, candidates, (c) => c.rep.isNewHire)).toBeGreaterThanOrEqual(newHireMinShare - 1e-12);
            }
            if (topRepMaxShare !== undefined && hasOther) {
              expect(shareOf(state, candidates, (c) => c.rep.isTopRep)).toBeLessThanOrEqual(topRepMaxShare + 1e-12);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
