import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import slaLadder from '../../templates/sla-ladder/flow.json';
import { prepareFlow } from '../../engine/core/interpreter/prepare-flow';
import { startFollowUp } from '../../engine/core/interpreter/step-follow-up';
import type { FlowDocument } from '../../engine/core/flow/flow.schema';
import { LifecycleCarrySchema, LifecycleStatusSchema } from '../../workflows/lifecycle/lifecycle.contract';
import { carryOf, dueTimes, rememberSignal, statusOf, type LifecycleState } from '../../workflows/lifecycle/lifecycle-state';
import { DAY_MS } from '../../workflows/lifecycle/recycle-plan';

/** The lifecycle's bookkeeping, pure: what is due when, what the queries answer, what continue-as-new carries. */
const T0 = Date.UTC(2025, 0, 6, 2, 0);
const prepared = prepareFlow(slaLadder as unknown as FlowDocument, { version: 1 });
const customer = { id: 'c1', name: 'C', tags: [], status: 'assigned' as const, ownerId: 'r1', collaboratorIds: [], previousOwners: [], createdAt: T0, assignedAt: T0, attributes: {} };

function state(): LifecycleState {
  return {
    customerId: 'c1',
    flow: { versionId: 'v1', flowId: 'f1', version: 1, document: slaLadder },
    prepared,
    followUp: startFollowUp(prepared, customer, T0).state,
    ownership: { ownerId: 'r1', since: T0 },
    snapshot: {
      customer,
      rules: { poolId: 'p1', recycleAfterDaysNoFollowUp: 15, recycleAfterDaysNoDeal: 0, perGrade: [], warnDaysBefore: 3, previousOwnerCooldownDays: 30 },
    },
    seenSignalIds: [],
    recentActions: [],
    inbox: [],
    runs: 1,
    finished: null,
  };
}

describe('lifecycle state', () => {
  it('lists the follow-up timer and the pool-rule warning, soonest first', () => {
    expect(dueTimes(state()).map((d) => [d.kind, (d.at - T0) / DAY_MS])).toEqual([['followUp', 1], ['recycleWarning', 12]]);
  });

  it('holds every clock while the owner is on leave: they act at the return', () => {
    const st = { ...state(), pausedUntil: T0 + 5 * DAY_MS };
    expect(dueTimes(st).map((d) => [d.kind, (d.actsAt - T0) / DAY_MS])).toEqual([['followUp', 5], ['recycleWarning', 12]]);
  });

  it('answers the status query and carries a JSON-safe state to the next run', () => {
    const st = state();
    const status = statusOf(st);
    expect(Value.Check(LifecycleStatusSchema, status)).toBe(true);
    expect(status.currentNode).toEqual({ id: 'first24h', type: 'waitForFollowUp', waiting: true });
    const carry = JSON.parse(JSON.stringify(carryOf(st)));
    expect(Value.Check(LifecycleCarrySchema, carry)).toBe(true);
    expect(carry).toMatchObject({ flowVersionId: 'v1', runs: 2, ownership: { ownerId: 'r1', since: T0 } });
  });

  it('recognises a redelivered signal by its outbox id', () => {
    const st = state();
    expect(rememberSignal(st, 's1')).toBe(true);
    expect(rememberSignal(st, 's1')).toBe(false);
    expect(rememberSignal(st, undefined)).toBe(true);
  });
});
