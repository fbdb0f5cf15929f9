import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import type { FollowUpAction, FollowUpEvent } from '../nodes/node-definition';
import { FOLLOW_UP_HISTORY_LIMIT, FollowUpStateSchema } from './follow-up-state.schema';
import { prepareFlow } from './prepare-flow';
import { startFollowUp, stepFollowUp, type FollowUpState } from './step-follow-up';
import { DAY, HOUR, makeCustomer, makeFlow, NOW } from './test-fixtures';

/** The standard SLA ladder: first contact within 24 h → remind → escalate at 48 h → reclaim at 7 days;
 *  after a follow-up, the next cadence: a follow-up every 7 days, else reclaim. */
const ladder = prepareFlow(makeFlow('followUp', [
  { id: 'start', type: 'trigger', params: { on: 'customerAssigned' } },
  { id: 'first24h', type: 'waitForFollowUp', params: { sla: { amount: 24, unit: 'hours' } } },
  { id: 'remind', type: 'remind' },
  { id: 'by48h', type: 'waitForFollowUp', params: { sla: { amount: 24, unit: 'hours' } } },
  { id: 'escalate', type: 'escalate' },
  { id: 'by7d', type: 'waitForFollowUp', params: { sla: { amount: 120, unit: 'hours' } } },
  { id: 'reclaim', type: 'reclaim', params: { poolId: 'pool-main' } },
  { id: 'cadence', type: 'waitForFollowUp', params: { sla: { amount: 7, unit: 'days' } } },
  { id: 'end', type: 'end' },
], [
  ['start', 'next', 'first24h'],
  ['first24h', 'timeout', 'remind'], ['remind', 'next', 'by48h'],
  ['by48h', 'timeout', 'escalate'], ['escalate', 'next', 'by7d'],
  ['by7d', 'timeout', 'reclaim'], ['reclaim', 'next', 'end'],
  ['first24h', 'done', 'cadence'], ['by48h', 'done', 'cadence'], ['by7d', 'done', 'cadence'],
  ['cadence', 'done', 'cadence'], ['cadence', 'timeout', 'reclaim'],
], 'sla'));

const customer = makeCustomer({ ownerId: 'r1', status: 'assigned', assignedAt: NOW });
const kinds = (actions: FollowUpAction[]) => actions.map((a) => a.kind);
const waitAt = (actions: FollowUpAction[]) => actions.find((a): a is Extract<FollowUpAction, { kind: 'waitUntil' }> => a.kind === 'waitUntil');

/** Drives the stepper like the workflow: fires each timer when it is due, until `until` or the end. */
function runUntil(state: FollowUpState, until: number, log: Array<{ at: number; actions: FollowUpAction[] }>, extra: FollowUpEvent[] = []): FollowUpState {
  const pending = [...extra].sort((a, b) => a.at - b.at);
  let s = state;
  while (!s.ended) {
    const next = pending[0];
    const due = s.dueAt;
    if (next && (due === undefined || next.at <= due) && next.at <= until) {
      pending.shift();
      const r = stepFollowUp(ladder, s, next, customer);
      log.push({ at: next.at, actions: r.actions });
      s = r.state;
    } else if (due !== undefined && due <= until && s.timerId) {
      const r = stepFollowUp(ladder, s, { kind: 'timerFired', at: due, timerId: s.timerId }, customer);
      log.push({ at: due, actions: r.actions });
      s = r.state;
    } else break;
  }
  return s;
}

describe('follow-up stepper: the SLA ladder over simulated days', () => {
  it('starts by waiting 24 h for the first contact', () => {
    const { state, actions } = startFollowUp(ladder, customer, NOW);
    expect(actions).toEqual([{ kind: 'waitUntil', at: NOW + 24 * HOUR, timerId: `first24h@${NOW}`, nodeId: 'first24h' }]);
    expect(state).toMatchObject({ nodeId: 'first24h', dueAt: NOW + 24 * HOUR, ended: false, flowId: 'sla' });
    expect(Value.Check(FollowUpStateSchema, state)).toBe(true);
  });

  it('with no follow-up: reminds at 24 h, escalates at 48 h, reclaims at 7 days, then ends', () => {
    const log: Array<{ at: number; actions: FollowUpAction[] }> = [];
    const started = startFollowUp(ladder, customer, NOW);
    const s = runUntil(started.state, NOW + 30 * DAY, log);
    expect(log.map((l) => [(l.at - NOW) / HOUR, kinds(l.actions)])).toEqual([
      [24, ['remind', 'waitUntil']],
      [48, ['escalate', 'waitUntil']],
      [168, ['reclaim', 'end']],
    ]);
    const reclaim = log[2]?.actions[0];
    expect(reclaim).toMatchObject({ kind: 'reclaim', poolId: 'pool-main', nodeId: 'reclaim' });
    expect(s).toMatchObject({ ended: true, endReason: 'end', nodeId: 'end' });
    expect(s.dueAt).toBeUndefined();
  });

  it('a follow-up at 30 h stops the ladder (no escalation) and starts the next cadence', () => {
    const log: Array<{ at: number; actions: FollowUpAction[] }> = [];
    const started = startFollowUp(ladder, customer, NOW);
    const s = runUntil(started.state, NOW + 3 * DAY, log, [{ kind: 'followUpLogged', at: NOW + 30 * HOUR }]);
    expect(log.map((l) => [(l.at - NOW) / HOUR, kinds(l.actions)])).toEqual([
      [24, ['remind', 'waitUntil']],
      [30, ['waitUntil']],
    ]);
    expect(waitAt(log[1]?.actions ?? [])).toEqual({ kind: 'waitUntil', at: NOW + 30 * HOUR + 7 * DAY, timerId: `cadence@${NOW + 30 * HOUR}`, nodeId: 'cadence' });
    expect(s).toMatchObject({ nodeId: 'cadence', ended: false, dueAt: NOW + 30 * HOUR + 7 * DAY });
    // the 48 h timer of the abandoned ladder step still fires in the workflow: it is stale and ignored
    const stale = stepFollowUp(ladder, s, { kind: 'timerFired', at: NOW + 48 * HOUR, timerId: `by48h@${NOW + 24 * HOUR}` }, customer);
    expect(stale.actions).toEqual([]);
    expect(stale.state).toBe(s);
  });

  it('keeps the cadence going with each follow-up, and reclaims after a silent week', () => {
    const log: Array<{ at: number; actions: FollowUpAction[] }> = [];
    const started = startFollowUp(ladder, customer, NOW);
    const followUps: FollowUpEvent[] = [1, 6, 12].map((d) => ({ kind: 'followUpLogged', at: NOW + d * DAY }));
    const s = runUntil(started.state, NOW + 60 * DAY, log, followUps);
    expect(log.map((l) => [(l.at - NOW) / DAY, kinds(l.actions)])).toEqual([
      [1, ['waitUntil']],
      [6, ['waitUntil']],
      [12, ['waitUntil']],
      [19, ['reclaim', 'end']],
    ]);
    expect(s.ended).toBe(true);
  });

  it('an owner change restarts the cadence from the trigger with a fresh first-contact SLA', () => {
    const started = startFollowUp(ladder, customer, NOW);
    const atRemind = stepFollowUp(ladder, started.state, { kind: 'timerFired', at: NOW + 24 * HOUR, timerId: `first24h@${NOW}` }, customer);
    expect(atRemind.state.nodeId).toBe('by48h');
    const moved = stepFollowUp(ladder, atRemind.state, { kind: 'ownerChanged', at: NOW + 40 * HOUR, ownerId: 'r2' }, { ...customer, ownerId: 'r2' });
    expect(moved.actions).toEqual([{ kind: 'waitUntil', at: NOW + 64 * HOUR, timerId: `first24h@${NOW + 40 * HOUR}`, nodeId: 'first24h' }]);
    expect(moved.state.nodeId).toBe('first24h');
    // the old owner's 48 h timer is stale now
    expect(stepFollowUp(ladder, moved.state, { kind: 'timerFired', at: NOW + 48 * HOUR, timerId: `by48h@${NOW + 24 * HOUR}` }, customer).actions).toEqual([]);
  });

  it('ends when the owner is removed or the deal is won or lost, and ignores everything afterwards', () => {
    const started = startFollowUp(ladder, customer, NOW);
    for (const status of ['won', 'lost', 'inPool'] as const) {
      const r = stepFollowUp(ladder, started.state, { kind: 'statusChanged', at: NOW + HOUR, status }, customer);
      expect(r.actions).toEqual([{ kind: 'end', nodeId: 'first24h', reason: `status:${status}` }]);
      expect(r.state).toMatchObject({ ended: true, endReason: `status:${status}` });
      expect(stepFollowUp(ladder, r.state, { kind: 'timerFired', at: NOW + 24 * HOUR, timerId: `first24h@${NOW}` }, customer).actions).toEqual([]);
    }
    const gone = stepFollowUp(ladder, started.state, { kind: 'ownerChanged', at: NOW + HOUR, ownerId: null }, customer);
    expect(gone.state).toMatchObject({ ended: true, endReason: 'ownerRemoved' });
    const stillOpen = stepFollowUp(ladder, started.state, { kind: 'statusChanged', at: NOW + HOUR, status: 'assigned' }, customer);
    expect(stillOpen.state.ended).toBe(false);
    expect(stillOpen.actions).toEqual([]);
  });

  it('is deterministic and its state survives a JSON round trip (continue-as-new)', () => {
    const events: FollowUpEvent[] = [
      { kind: 'timerFired', at: NOW + 24 * HOUR, timerId: `first24h@${NOW}` },
      { kind: 'followUpLogged', at: NOW + 30 * HOUR },
      { kind: 'followUpLogged', at: NOW + 5 * DAY },
    ];
    const drive = (roundTrip: boolean) => {
      let { state } = startFollowUp(ladder, customer, NOW);
      const all: FollowUpAction[][] = [];
      for (const e of events) {
        if (roundTrip) state = JSON.parse(JSON.stringify(state)) as FollowUpState;
        const r = stepFollowUp(ladder, state, e, customer);
        all.push(r.actions);
        state = r.state;
      }
      return { state, all };
    };
    const a = drive(false);
    const b = drive(true);
    expect(b).toEqual(a);
    expect(Value.Check(FollowUpStateSchema, a.state)).toBe(true);
  });

  it('keeps a bounded history', () => {
    let { state } = startFollowUp(ladder, customer, NOW);
    for (let i = 1; i <= 100; i++) state = stepFollowUp(ladder, state, { kind: 'followUpLogged', at: NOW + i * HOUR }, customer).state;
    expect(state.history.length).toBe(FOLLOW_UP_HISTORY_LIMIT);
    expect(state.history.at(-1)).toMatchObject({ nodeId: 'cadence', event: 'entered', result: 'wait', at: NOW + 100 * HOUR });
    expect(state.steps).toBeGreaterThan(100);
  });
});

describe('follow-up stepper: actions the workflow carries out', () => {
  const withReassign = prepareFlow(makeFlow('followUp', [
    { id: 'start', type: 'trigger', params: { on: 'customerAssigned' } },
    { id: 'w', type: 'waitForFollowUp', params: { sla: { amount: 2, unit: 'days' } } },
    { id: 'again', type: 'reassign' },
    { id: 'notify', type: 'notify', params: { recipients: ['owner'] } },
    { id: 'pool', type: 'reclaim', params: { poolId: 'pool-main' } },
    { id: 'end', type: 'end' },
  ], [
    ['start', 'next', 'w'], ['w', 'done', 'end'], ['w', 'timeout', 'again'],
    ['again', 'assigned', 'notify'], ['again', 'none', 'pool'], ['notify', 'next', 'end'], ['pool', 'next', 'end'],
  ]));

  it('asks for a reassignment and follows the result the workflow reports', () => {
    const s0 = startFollowUp(withReassign, customer, NOW).state;
    const r1 = stepFollowUp(withReassign, s0, { kind: 'timerFired', at: NOW + 2 * DAY, timerId: `w@${NOW}` }, customer);
    expect(kinds(r1.actions)).toEqual(['reassign']);
    expect(r1.state).toMatchObject({ nodeId: 'again', ended: false });
    expect(r1.state.timerId).toBeUndefined();
    // a result for another node is ignored
    expect(stepFollowUp(withReassign, r1.state, { kind: 'actionResult', at: NOW + 2 * DAY, nodeId: 'w', output: 'assigned' }, customer).actions).toEqual([]);
    const assigned = stepFollowUp(withReassign, r1.state, { kind: 'actionResult', at: NOW + 2 * DAY, nodeId: 'again', output: 'assigned' }, { ...customer, ownerId: 'r2' });
    expect(kinds(assigned.actions)).toEqual(['notify', 'end']);
    const none = stepFollowUp(withReassign, r1.state, { kind: 'actionResult', at: NOW + 2 * DAY, nodeId: 'again', output: 'none' }, customer);
    expect(kinds(none.actions)).toEqual(['reclaim', 'end']);
  });

  it('refuses an allocation flow', () => {
    const alloc = prepareFlow(makeFlow('allocation', [{ id: 't', type: 'trigger' }, { id: 'e', type: 'end' }], [['t', 'next', 'e']]));
    expect(() => startFollowUp(alloc, customer, NOW)).toThrow(/FLOW_WRONG_KIND/);
  });
});
