import { describe, expect, it } from 'vitest';
import { NOW, stepCtx } from '../common/test-data.fixture';
import { defaultParams } from '../describe-catalog';
import { waitNode } from '../wait/wait.node';
import { waitForFollowUpNode } from './waitForFollowUp.node';

const H = 3_600_000;
const p = defaultParams('waitForFollowUp') as Parameters<typeof waitForFollowUpNode.step>[0];

describe('waitForFollowUp node', () => {
  const entered = waitForFollowUpNode.step(p, stepCtx({ nodeId: 'w1' }));
  const state = entered.type === 'wait' ? entered.nodeState : undefined;

  it('on entry starts one timer at the SLA, unique per entry', () => {
    expect(entered).toEqual({
      type: 'wait',
      actions: [{ kind: 'waitUntil', at: NOW + 24 * H, timerId: `w1@${NOW}`, nodeId: 'w1' }],
      nodeState: { timerId: `w1@${NOW}`, deadline: NOW + 24 * H, enteredAt: NOW },
    });
  });

  it('takes done when a follow-up is logged, timeout when its own timer fires', () => {
    expect(waitForFollowUpNode.step(p, stepCtx({ nodeId: 'w1', nodeState: state, event: { kind: 'followUpLogged', at: NOW + H } }))).toEqual({ type: 'continue', output: 'done', actions: [] });
    expect(waitForFollowUpNode.step(p, stepCtx({ nodeId: 'w1', nodeState: state, event: { kind: 'timerFired', at: NOW + 24 * H, timerId: `w1@${NOW}` } }))).toEqual({ type: 'continue', output: 'timeout', actions: [] });
  });

  it('keeps waiting on a stale timer or an unrelated event', () => {
    for (const event of [{ kind: 'timerFired' as const, at: NOW + 2, timerId: 'w1@1' }, { kind: 'statusChanged' as const, at: NOW + 1, status: 'assigned' as const }]) {
      expect(waitForFollowUpNode.step(p, stepCtx({ nodeId: 'w1', nodeState: state, event }))).toEqual({ type: 'wait', actions: [], nodeState: state });
    }
  });

  it('counts working time when asked', () => {
    const r = waitForFollowUpNode.step({ ...p, workingHoursOnly: true, sla: { amount: 9, unit: 'hours' } }, stepCtx({ nodeId: 'w1' }));
    // entered Wed 10:00 Shanghai; 9 working hours → Thu 10:00
    expect(r.actions[0]).toMatchObject({ at: NOW + 24 * H });
  });
});

describe('wait node', () => {
  const wp = defaultParams('wait') as Parameters<typeof waitNode.step>[0];
  it('waits its duration and ignores follow-ups', () => {
    const entered = waitNode.step(wp, stepCtx({ nodeId: 'z' }));
    expect(entered.actions).toEqual([{ kind: 'waitUntil', at: NOW + 24 * H, timerId: `z@${NOW}`, nodeId: 'z' }]);
    const state = entered.type === 'wait' ? entered.nodeState : undefined;
    expect(waitNode.step(wp, stepCtx({ nodeId: 'z', nodeState: state, event: { kind: 'followUpLogged', at: NOW + 1 } })).type).toBe('wait');
    expect(waitNode.step(wp, stepCtx({ nodeId: 'z', nodeState: state, event: { kind: 'timerFired', at: NOW + 24 * H, timerId: `z@${NOW}` } }))).toEqual({ type: 'continue', output: 'next', actions: [] });
  });
});
