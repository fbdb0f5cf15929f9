import { describe, expect, it } from 'vitest';
import { allocCtx, candidate, makeCustomer, makeEnv, makeRep } from '../common/test-data.fixture';
import { defaultParams } from '../describe-catalog';
import { collaborateNode } from './collaborate.node';

type Params = Parameters<typeof collaborateNode.evaluate>[0];
const base = defaultParams('collaborate') as Params;
const owned = makeCustomer({ ownerId: 'o1', teamId: 'ka', status: 'assigned' });
const env = () => makeEnv({
  reps: [candidate(makeRep('o1', { teamId: 'ka' })), candidate(makeRep('m1', { teamId: 'ka', isManager: true })), candidate(makeRep('x1', { teamId: 'solutions' })), candidate(makeRep('x2', { teamId: 'solutions' })), candidate(makeRep('gone', { status: 'departed' }))],
  teams: [{ id: 'ka', name: 'Key accounts', managerRepId: 'm1' }, { id: 'solutions', name: 'Solutions' }],
});

describe('collaborate node', () => {
  it('adds the owner’s team manager', () => {
    const r = collaborateNode.evaluate(base, allocCtx(owned, env()));
    expect(r.effects).toEqual([{ kind: 'addCollaborators', repIds: ['m1'] }]);
  });

  it('adds nothing when the manager already owns the customer', () => {
    const r = collaborateNode.evaluate(base, allocCtx({ ...owned, ownerId: 'm1' }, env()));
    expect(r.effects).toEqual([]);
    expect(r.trace.summary.en).toMatch(/already/);
  });

  it('adds named reps, skipping departed ones and the owner', () => {
    const r = collaborateNode.evaluate({ ...base, mode: 'reps', repIds: ['x1', 'gone', 'o1'] }, allocCtx(owned, env()));
    expect(r.effects).toEqual([{ kind: 'addCollaborators', repIds: ['x1'] }]);
    expect(r.trace.detail).toMatchObject({ skipped: [{ repId: 'gone', why: 'departed' }, { repId: 'o1', why: 'alreadyOnCustomer' }] });
  });

  it('picks several by strategy among candidate teams, chaining the rotation state', () => {
    const p: Params = { ...base, mode: 'strategy', count: 2, assign: { ...base.assign, candidateTeams: ['solutions'] } };
    const r = collaborateNode.evaluate(p, allocCtx(owned, env()));
    const e = r.effects[0] as { repIds: string[]; stateChanges: Array<{ nodeKey: string }> };
    expect(e.repIds).toEqual(['x1', 'x2']);
    expect(e.stateChanges.map((c) => c.nodeKey)).toEqual(['f1:n1', 'f1:n1']);
  });

  it('requires reps in named-reps mode', () => {
    expect(collaborateNode.check?.({ ...base, mode: 'reps' })[0]?.code).toBe('FLOW_COLLABORATE_NO_REPS');
  });
});
