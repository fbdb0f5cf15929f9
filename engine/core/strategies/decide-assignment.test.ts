import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../nodes/node-definition';
import { STRATEGY_NAMES } from './assign-params.schema';
import { AssignmentDecisionSchema } from './assignment-decision.schema';
import { inCandidateTeams } from './candidate-set';
import { applyAllocationChange, emptyNodeState } from './node-state';
import { cand, DAY, decide, makeCustomer, makeParams, makeRep, NOW } from './test-fixtures';

describe('decideAssignment', () => {
  it('takes none when nobody is eligible, and the why counts the reasons', () => {
    const candidates = [
      cand(makeRep('a', { capacity: 1 }), { openCount: 1 }),
      cand(makeRep('b', { capacity: 1 }), { openCount: 3 }),
      cand(makeRep('c', { status: 'onLeave' })),
    ];
    const d = decide({ candidates });
    expect(d).toMatchObject({ repId: null, change: null, strategy: 'roundRobin' });
    expect(d.why.en).toBe('No eligible rep: of 3 candidate(s), 2 at capacity, 1 on leave');
    expect(d.why['zh-CN']).toBe('没有符合条件的销售：共 3 名候选人，其中已满额 2 人、休假中 1 人');
    expect(d.trace.every((t) => !t.eligible && !t.picked && t.reasons.length > 0)).toBe(true);
  });

  it('takes none on an empty candidate set, for every strategy, and says to check teams and filter', () => {
    for (const strategy of STRATEGY_NAMES) {
      const d = decide({ candidates: [], params: makeParams({ strategy, specific: { repId: 'x' } }) });
      expect(d.repId).toBeNull();
      expect(d.why.en).toContain('candidate set is empty');
    }
  });

  it('traces every candidate and matches the decision schema', () => {
    const a = cand(makeRep('a'));
    const d = decide({ candidates: [a, cand(makeRep('b', { status: 'departed' }))] });
    expect(d.trace.map((t) => t.repId)).toEqual(['a', 'b']);
    expect(d.trace[0]).toEqual({ repId: 'a', name: 'Rep a', eligible: true, reasons: [], picked: true, loadRatio: 0 });
    expect(Value.Check(AssignmentDecisionSchema, d)).toBe(true);
  });

  it('counts assignments per rep when the change is applied', () => {
    let state = emptyNodeState('flow:assign1');
    const candidates = [cand(makeRep('a')), cand(makeRep('b'))];
    for (let i = 0; i < 5; i++) state = applyAllocationChange(state, decide({ candidates, nodeState: state }).change!);
    expect(state).toEqual({ nodeKey: 'flow:assign1', seq: 5, lastSeq: { a: 5, b: 4 }, currentWeight: {}, assigned: { a: 3, b: 2 } });
  });

  it('refuses a state or change that belongs to another node', () => {
    expect(() => decide({ candidates: [], nodeState: emptyNodeState('other') })).toThrowError(
      expect.objectContaining({ code: 'strategy.nodeKeyMismatch' }),
    );
    const change = decide({ candidates: [cand(makeRep('a'))] }).change!;
    expect(() => applyAllocationChange(emptyNodeState('other'), change)).toThrowError(expect.objectContaining({ code: 'strategy.nodeKeyMismatch' }));
  });

  it('inCandidateTeams keeps the node’s teams, or everyone when none are listed', () => {
    const list = [cand(makeRep('a', { teamId: 't1' })), cand(makeRep('b', { teamId: 't2' }))];
    expect(inCandidateTeams(list, ['t2']).map((c) => c.rep.id)).toEqual(['b']);
    expect(inCandidateTeams(list, [])).toHaveLength(2);
  });

  it('property: never picks an ineligible rep; picks someone whenever a pool strategy has an eligible rep', () => {
    const repArb = fc.record({
      status: fc.constantFrom('active', 'active', 'active', 'onLeave', 'departed'),
      capacity: fc.integer({ min: 0, max: 5 }),
      openCount: fc.integer({ min: 0, max: 6 }),
      dailyCap: fc.integer({ min: 0, max: 3 }),
      todayCount: fc.integer({ min: 0, max: 4 }),
      leave: fc.option(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
      timezone: fc.option(fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London'), { nil: undefined }),
      cooldownDays: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
      isNewHire: fc.boolean(),
      isTopRep: fc.boolean(),
      weight: fc.integer({ min: 0, max: 4 }),
      level: fc.integer({ min: 1, max: 5 }),
    });
    const scenario = fc.record({
      reps: fc.array(repArb, { minLength: 0, maxLength: 10 }),
      strategy: fc.constantFrom(...STRATEGY_NAMES),
      requireWorkingHours: fc.boolean(),
      excludeFirst: fc.boolean(),
      accountOwner: fc.integer({ min: 0, max: 10 }),
      quotas: fc.record({ newHireMinShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), topRepMaxShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }) }),
      hour: fc.integer({ min: 0, max: 24 * 7 - 1 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const now = NOW + s.hour * 3_600_000;
        const previousOwners: Array<{ repId: string; cooldownUntil: number }> = [];
        const candidates: Candidate[] = s.reps.map((r, i) => {
          const id = `r${i}`;
          if (r.cooldownDays !== undefined) previousOwners.push({ repId: id, cooldownUntil: now + r.cooldownDays * DAY });
          const rep = makeRep(id, {
            status: r.status as 'active', capacity: r.capacity, dailyCap: r.dailyCap, isNewHire: r.isNewHire, isTopRep: r.isTopRep,
            weight: r.weight, level: r.level, isManager: i === 0,
            ...(r.leave ? { leaveFrom: now + r.leave[0] * DAY, leaveTo: now + (r.leave[0] + r.leave[1]) * DAY } : {}),
            ...(r.timezone ? { workingHours: { timezone: r.timezone, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } } : {}),
          });
          return cand(rep, { openCount: r.openCount, todayCount: r.todayCount });
        });
        const params = makeParams({
          strategy: s.strategy, quotas: s.quotas, candidateTeams: ['t1'],
          constraints: { requireWorkingHours: s.requireWorkingHours }, specific: { repId: 'r1', useTeamManager: true },
        });
        const customer = makeCustomer({ previousOwners, accountOwnerId: `r${s.accountOwner}`, grade: 'A' });
        const d = decide({ candidates, params, customer, now, excludeRepIds: s.excludeFirst ? ['r0'] : [] });
        const eligible = d.trace.filter((t) => t.eligible).map((t) => t.repId);
        expect(d.trace).toHaveLength(candidates.length);
        expect(d.trace.filter((t) => t.picked).map((t) => t.repId)).toEqual(d.repId === null ? [] : [d.repId]);
        if (d.repId !== null) {
          expect(eligible).toContain(d.repId);
          expect(d.change).toMatchObject({ repId: d.repId, expectedSeq: 0, newSeq: 1, lastSeq: 1, incAssigned: 1 });
        } else {
          expect(d.change).toBeNull();
          expect(d.why.en.length).toBeGreaterThan(0);
          if (!['sticky', 'specific'].includes(s.strategy)) expect(eligible).toEqual([]);
        }
        for (const t of d.trace) if (!t.eligible) expect(t.reasons.length).toBeGreaterThan(0);
        expect(decide({ candidates, params, customer, now, excludeRepIds: s.excludeFirst ? ['r0'] : [] })).toEqual(d);
      }),
      { numRuns: 400 },
    );
  });
});
