import { describe, expect, it } from 'vitest';
import type { AssignParams } from '../../strategies/assign-params.schema';
import { allocCtx, candidate, makeCustomer, makeEnv, makeRep, stepCtx } from '../common/test-data.fixture';
import { defaultParams } from '../describe-catalog';
import { reassignNode } from './reassign.node';

const params = defaultParams('reassign') as AssignParams;

describe('reassign node', () => {
  it('runs an assign step that excludes the current owner', () => {
    const env = makeEnv({ reps: [candidate(makeRep('r1')), candidate(makeRep('r2'))] });
    const r = reassignNode.evaluate(params, allocCtx(makeCustomer({ ownerId: 'r1', status: 'assigned' }), env));
    expect(r.output).toBe('assigned');
    expect(r.effects[0]).toMatchObject({ kind: 'assign', repId: 'r2' });
    const alone = reassignNode.evaluate(params, allocCtx(makeCustomer({ ownerId: 'r1' }), makeEnv({ reps: [candidate(makeRep('r1'))] })));
    expect(alone.output).toBe('none');
  });

  it('in follow-up flows asks the workflow to reassign and waits for the result', () => {
    const entered = reassignNode.step(params, stepCtx({ nodeId: 'ra' }));
    expect(entered.type).toBe('wait');
    expect(entered.actions).toEqual([{ kind: 'reassign', nodeId: 'ra', params }]);
    const state = entered.type === 'wait' ? entered.nodeState : undefined;
    const other = reassignNode.step(params, stepCtx({ nodeId: 'ra', nodeState: state, event: { kind: 'actionResult', at: 2, nodeId: 'zz', output: 'assigned' } }));
    expect(other).toEqual({ type: 'wait', actions: [], nodeState: state });
    const done = reassignNode.step(params, stepCtx({ nodeId: 'ra', nodeState: state, event: { kind: 'actionResult', at: 3, nodeId: 'ra', output: 'none' } }));
    expect(done).toEqual({ type: 'continue', output: 'none', actions: [] });
    const odd = reassignNode.step(params, stepCtx({ nodeId: 'ra', nodeState: state, event: { kind: 'actionResult', at: 3, nodeId: 'ra', output: 'weird' } }));
    expect(odd).toMatchObject({ output: 'none' });
  });
});
