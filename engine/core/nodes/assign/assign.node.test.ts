import { describe, expect, it } from 'vitest';
import { applyAllocationChange, emptyNodeState } from '../../strategies/node-state';
import type { AllocationChange } from '../../strategies/assignment-decision.schema';
import { defaultParams } from '../describe-catalog';
import type { AssignParams } from '../../strategies/assign-params.schema';
import { allocCtx, candidate, makeCustomer, makeEnv, makeRep } from '../common/test-data.fixture';
import { assignNode } from './assign.node';

const base = defaultParams('assign') as AssignParams;
const reps = [
  candidate(makeRep('s1', { teamId: 'senior', industries: ['finance'] })),
  candidate(makeRep('s2', { teamId: 'senior', industries: ['retail'] })),
  candidate(makeRep('g1', { teamId: 'general', industries: ['finance'] })),
  candidate(makeRep('s3', { teamId: 'senior', industries: ['finance'] }), 100),
];

describe('assign node', () => {
  it('builds the candidate set from teams and the rep filter, and keeps why others are out', () => {
    const params: AssignParams = { ...base, candidateTeams: ['senior'], repFilter: { fact: 'rep.industries', operator: 'contains', value: { fact: 'industry' } } };
    const r = assignNode.evaluate(params, allocCtx(makeCustomer({ industry: 'finance' }), makeEnv({ reps })));
    expect(r.output).toBe('assigned');
    const effect = r.effects[0];
    expect(effect).toMatchObject({ kind: 'assign', repId: 's1', teamId: 'senior', nodeKey: 'f1:n1' });
    const detail = r.trace.detail as { notInCandidateSet: Array<{ repId: string; reason: string; text: { en: string } }>; candidates: Array<{ repId: string; eligible: boolean }> };
    expect(detail.notInCandidateSet.map((o) => [o.repId, o.reason])).toEqual([['s2', 'repFilter'], ['g1', 'notInCandidateTeams']]);
    expect(detail.notInCandidateSet[0]?.text.en).toMatch(/^Not in candidate set/);
    // s3 is in the set but at capacity: the strategy's trace keeps it, ineligible
    expect(detail.candidates.map((c) => [c.repId, c.eligible])).toEqual([['s1', true], ['s3', false]]);
  });

  it('rotates with the node state the environment carries', () => {
    const params: AssignParams = { ...base, candidateTeams: ['senior'] };
    const env = makeEnv({ reps: reps.slice(0, 2) });
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = assignNode.evaluate(params, allocCtx(makeCustomer({ id: `c${i}` }), env));
      const e = r.effects[0] as { repId: string; nodeKey: string; stateChange: AllocationChange };
      picks.push(e.repId);
      env.nodeStates[e.nodeKey] = applyAllocationChange(env.nodeStates[e.nodeKey] ?? emptyNodeState(e.nodeKey), e.stateChange);
    }
    expect(picks).toEqual(['s1', 's2', 's1', 's2']);
  });

  it('takes none with the reasons when no candidate is eligible', () => {
    const r = assignNode.evaluate({ ...base, candidateTeams: ['nobody'] }, allocCtx(makeCustomer(), makeEnv({ reps })));
    expect(r.output).toBe('none');
    expect(r.effects).toEqual([]);
    expect(r.trace.summary.en).toMatch(/candidate set is empty/);
  });

  it('names the teams and reps it refers to', () => {
    const refs = assignNode.references({ ...base, candidateTeams: ['senior'], strategy: 'specific', specific: { repId: 'r7' }, repFilter: { fact: 'rep.level', operator: 'greaterThan', value: 2 } });
    expect(refs).toEqual([
      { kind: 'team', id: 'senior', pointer: '/candidateTeams/0' },
      { kind: 'rep', id: 'r7', pointer: '/specific/repId' },
      { kind: 'field', name: 'rep.level', pointer: '/repFilter/fact' },
    ]);
  });

  it('summarises strategy, teams and filter for the card', () => {
    const p: AssignParams = { ...base, strategy: 'skillMatch', candidateTeams: ['Senior'] };
    expect(assignNode.summary(p, 'en')).toBe('Skill match among Senior');
    expect(assignNode.summary(p, 'zh-CN')).toBe('Senior中能力匹配');
  });
});
