import { describe, expect, it } from 'vitest';
import { prepareFlow } from '../interpreter/prepare-flow';
import { DAY, HOUR, makeCustomer, makeFlow, NOW } from '../interpreter/test-fixtures';
import { playFollowUp } from './follow-up-timeline';

/** A daily check: reclaim after 3 days without a follow-up (reads lastFollowUpAt, which the timeline keeps current). */
const idleCheck = prepareFlow(makeFlow('followUp', [
  { id: 's', type: 'trigger', params: { on: 'customerAssigned' } },
  { id: 'daily', type: 'wait', params: { duration: { amount: 1, unit: 'days' } } },
  { id: 'idle', type: 'condition', params: { condition: { any: [
    { fact: 'daysSinceLastFollowUp', operator: 'greaterThanInclusive', value: 3 },
    { all: [{ fact: 'lastFollowUpAt', operator: 'exists', value: false }, { fact: 'daysSinceAssigned', operator: 'greaterThanInclusive', value: 3 }] },
  ] } } },
  { id: 'reclaim', type: 'reclaim', params: { poolId: 'pool-main' } },
  { id: 'end', type: 'end' },
], [['s', 'next', 'daily'], ['daily', 'next', 'idle'], ['idle', 'true', 'reclaim'], ['idle', 'false', 'daily'], ['reclaim', 'next', 'end']]));

const customer = makeCustomer({ ownerId: 'r1', status: 'assigned', assignedAt: NOW });

describe('playFollowUp', () => {
  it('fires timers when due and keeps the customer current as events arrive', () => {
    const t = playFollowUp(idleCheck, customer, { start: NOW, until: NOW + 30 * DAY, events: [{ kind: 'followUpLogged', at: NOW + 2 * DAY + HOUR }] });
    const actions = t.entries.filter((e) => e.actions.some((a) => a.kind !== 'waitUntil'));
    // follow-up at day 2 + 1 h: idle ≥ 3 days first holds at the day-6 check
    expect(actions.map((e) => [(e.at - NOW) / DAY, e.actions.map((a) => a.kind)])).toEqual([[6, ['reclaim', 'end']]]);
    expect(t.customer.lastFollowUpAt).toBe(NOW + 2 * DAY + HOUR);
    expect(t.entries[0]).toMatchObject({ at: NOW, cause: 'started' });
    expect(t.entries.filter((e) => e.cause === 'timer')).toHaveLength(6);
    expect(t.state.ended).toBe(true);
  });

  it('stops at `until` while the flow still waits', () => {
    const t = playFollowUp(idleCheck, customer, { start: NOW, until: NOW + 2 * DAY + HOUR });
    expect(t.entries.map((e) => e.cause)).toEqual(['started', 'timer', 'timer']);
    expect(t.state).toMatchObject({ ended: false, nodeId: 'daily', dueAt: NOW + 3 * DAY });
  });

  it('applies status and owner changes to the customer and ends on a won deal', () => {
    const t = playFollowUp(idleCheck, customer, { start: NOW, until: NOW + 30 * DAY, events: [
      { kind: 'ownerChanged', at: NOW + HOUR, ownerId: 'r2' },
      { kind: 'statusChanged', at: NOW + 2 * HOUR, status: 'won' },
    ] });
    expect(t.customer).toMatchObject({ ownerId: 'r2', status: 'won', assignedAt: NOW + HOUR });
    expect(t.state).toMatchObject({ ended: true, endReason: 'status:won' });
  });
});
