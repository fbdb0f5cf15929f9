import { describe, expect, it } from 'vitest';
import { text } from '../../common/localized';
import { endNode } from '../end/end.node';
import { escalateNode } from '../escalate/escalate.node';
import { reclaimNode } from '../reclaim/reclaim.node';
import { remindNode } from '../remind/remind.node';
import { toPoolNode } from '../toPool/toPool.node';
import { triggerNode } from '../trigger/trigger.node';
import { allocCtx, makeCustomer, stepCtx } from './test-data.fixture';

const ctx = stepCtx({ nodeId: 'n', customer: makeCustomer({ name: 'Acme', ownerId: 'r1' }) });

describe('single-step nodes', () => {
  it('trigger goes on along next', () => {
    expect(triggerNode.evaluate({ on: 'customerCreated' }, allocCtx(makeCustomer())).output).toBe('next');
    expect(triggerNode.step({ on: 'customerAssigned' }, ctx)).toEqual({ type: 'continue', output: 'next', actions: [] });
    expect(triggerNode.check?.({ on: 'schedule' })[0]?.code).toBe('FLOW_SCHEDULE_WITHOUT_INTERVAL');
    expect(triggerNode.summary({ on: 'schedule', every: { amount: 2, unit: 'hours' } }, 'en')).toBe('Schedule: every 2 hours');
  });

  it('remind, escalate and reclaim emit their action and go on', () => {
    expect(remindNode.step({ message: text('跟进 {{customer.name}}', 'Follow up {{customer.name}}') }, ctx)).toEqual({
      type: 'continue', output: 'next', actions: [{ kind: 'remind', nodeId: 'n', message: text('跟进 Acme', 'Follow up Acme') }],
    });
    expect(escalateNode.step({ addManagerAsCollaborator: false, message: text('a', 'b') }, ctx).actions).toEqual([
      { kind: 'escalate', nodeId: 'n', addManagerAsCollaborator: false, message: text('a', 'b') },
    ]);
    expect(reclaimNode.step({ poolId: 'p1', reason: text('超时', 'Overdue'), cooldownDays: 7 }, ctx).actions).toEqual([
      { kind: 'reclaim', nodeId: 'n', poolId: 'p1', reason: text('超时', 'Overdue'), cooldownDays: 7 },
    ]);
  });

  it('toPool puts the customer in the pool with the reason', () => {
    const r = toPoolNode.evaluate({ poolId: 'p1', reason: text('无人可分', 'Nobody free') }, allocCtx(makeCustomer()));
    expect(r.effects).toEqual([{ kind: 'toPool', poolId: 'p1', reason: text('无人可分', 'Nobody free') }]);
    expect(toPoolNode.references({ poolId: 'p1', reason: text('x', 'y') })).toEqual([{ kind: 'pool', id: 'p1', pointer: '/poolId' }]);
  });

  it('end stops', () => {
    expect(endNode.step({ reason: 'won' }, ctx)).toEqual({ type: 'end', actions: [{ kind: 'end', nodeId: 'n', reason: 'won' }] });
    expect(endNode.evaluate({ reason: '' }, allocCtx(makeCustomer())).output).toBe('');
  });
});
