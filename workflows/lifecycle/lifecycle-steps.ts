import { log } from '@temporalio/workflow';
import { startFollowUp, stepFollowUp, type FollowUpStep } from '../../engine/core/interpreter/step-follow-up';
import type { FollowUpAction, FollowUpEvent } from '../../engine/core/nodes/node-definition';
import type { CustomerSnapshot } from '../../engine/temporal/activities/lifecycle-io';
import type { LifecycleActivities } from '../../engine/temporal/activities/lifecycle.activities';
import type { DeferredReclaim, InboxEvent } from './lifecycle.contract';
import { isOwned, recordAction, recyclePlanOf, rememberSignal, type LifecycleState } from './lifecycle-state';
import { DAY_MS, recycleReasonText } from './recycle-plan';

/**
 * How the lifecycle reacts (workflow code: deterministic; all I/O through activities). The engine's
 * follow-up stepper decides; this carries out its actions, applies the pool rules, and keeps the
 * ownership in step with the customer as the database has it.
 */
export type Acts = LifecycleActivities;

/** A lifecycle that starts long after the assignment (backlog, restore) does not replay more than this of the past. */
const CATCH_UP_MS = DAY_MS;
const ENDING = new Set(['won', 'lost', 'inPool']);

function finish(st: LifecycleState, reason: string, at: number): void {
  if (!st.finished) st.finished = { reason, at };
}

/** Steps the follow-up flow with one event and carries out what it asks for. */
async function step(st: LifecycleState, acts: Acts, event: FollowUpEvent): Promise<void> {
  if (!st.prepared || !st.followUp || !st.snapshot) return;
  await apply(st, acts, stepFollowUp(st.prepared, st.followUp, event, st.snapshot.customer));
}

async function apply(st: LifecycleState, acts: Acts, r: FollowUpStep): Promise<void> {
  st.followUp = r.state;
  for (const action of r.actions) {
    if (st.finished) return;
    await perform(st, acts, action);
  }
}

/** A new ownership (or the first): a fresh cadence from the trigger, a fresh pool-rule clock. */
async function startOwnership(st: LifecycleState, acts: Acts, snap: CustomerSnapshot, now: number): Promise<void> {
  const c = snap.customer;
  if (!isOwned(c)) return;
  const since = c.assignedAt ?? now;
  st.ownership = { ownerId: c.ownerId, since };
  st.notice = undefined;
  st.deferredReclaim = undefined;
  st.pausedUntil = undefined;
  st.finished = null;
  if (!st.prepared) return;
  const startAt = Math.min(now, Math.max(since, now - CATCH_UP_MS));
  await apply(st, acts, startFollowUp(st.prepared, c, startAt));
  const last = c.lastFollowUpAt;
  if (last !== undefined && last >= startAt && last <= now && !st.finished) await step(st, acts, { kind: 'followUpLogged', at: last });
}

/**
 * Takes the customer as the database has it now: ends the lifecycle when it is no longer owned,
 * restarts the cadence when the ownership is a new one. Returns true when the ownership is unchanged.
 */
export async function applySnapshot(st: LifecycleState, acts: Acts, snap: CustomerSnapshot | null, now: number): Promise<boolean> {
  st.snapshot = snap;
  const c = snap?.customer;
  if (!snap || !isOwned(c)) {
    if (st.prepared && st.followUp && !st.followUp.ended && c) {
      const ev: FollowUpEvent = ENDING.has(c.status) ? { kind: 'statusChanged', at: now, status: c.status } : { kind: 'ownerChanged', at: now, ownerId: null };
      await step(st, acts, ev);
    }
    finish(st, !c ? 'customerMissing' : c.status === 'inPool' ? 'inPool' : ENDING.has(c.status) ? `closed:${c.status}` : 'notAssigned', now);
    return false;
  }
  const o = st.ownership;
  if (o && !st.finished && o.ownerId === c.ownerId && o.since === (c.assignedAt ?? o.since)) return true;
  await startOwnership(st, acts, snap, now);
  return false;
}

async function refresh(st: LifecycleState, acts: Acts, now: number): Promise<boolean> {
  return applySnapshot(st, acts, await acts.loadCustomerSnapshot(st.customerId), now);
}

async function reclaim(st: LifecycleState, acts: Acts, d: DeferredReclaim, source: 'flow' | 'poolRule', now: number): Promise<void> {
  const o = st.ownership;
  if (!o) return;
  const r = await acts.reclaimCustomer({
    customerId: st.customerId, expected: o, poolId: d.poolId, reason: d.reason, source, nodeId: d.nodeId, at: now,
    ...(d.cooldownDays !== undefined ? { cooldownDays: d.cooldownDays } : {}),
  });
  recordAction(st, { at: now, kind: source === 'flow' ? 'reclaim' : 'recycle', nodeId: d.nodeId, outcome: r.outcome });
  if (r.outcome === 'reclaimed') {
    st.deferredReclaim = undefined;
    finish(st, 'reclaimed', now);
  } else if (r.outcome === 'protected' && r.protectedUntil !== undefined) {
    st.deferredReclaim = { ...d, until: r.protectedUntil };
  } else {
    st.deferredReclaim = undefined;
    await refresh(st, acts, now);
  }
}

/** Carries out one action of the stepper. */
async function perform(st: LifecycleState, acts: Acts, a: FollowUpAction): Promise<void> {
  const now = Date.now();
  const o = st.ownership;
  const teamId = st.snapshot?.customer.teamId;
  if (!o) return;
  const base = { customerId: st.customerId, at: now };
  switch (a.kind) {
    case 'waitUntil':
    case 'end':
      return;
    case 'remind': {
      const r = await acts.remindOwner({ ...base, ownerId: o.ownerId, nodeId: a.nodeId, message: a.message });
      recordAction(st, { at: now, kind: 'remind', nodeId: a.nodeId, outcome: r.created > 0 ? 'sent' : 'alreadySent' });
      return;
    }
    case 'notify': {
      await acts.notifyFlow({ ...base, ownerId: o.ownerId, ...(teamId ? { teamId } : {}), action: a });
      recordAction(st, { at: now, kind: 'notify', nodeId: a.nodeId, outcome: a.channel });
      return;
    }
    case 'escalate': {
      const r = await acts.escalateToManager({
        ...base, ownerId: o.ownerId, ...(teamId ? { teamId } : {}), nodeId: a.nodeId, message: a.message, addManagerAsCollaborator: a.addManagerAsCollaborator,
      });
      recordAction(st, { at: now, kind: 'escalate', nodeId: a.nodeId, outcome: r.collaboratorAdded ? 'sent+collaborator' : 'sent' });
      return;
    }
    case 'reassign': {
      const flow = st.flow;
      if (!flow) return;
      const r = await acts.reassignCustomer({ ...base, expected: o, nodeId: a.nodeId, params: a.params, flow: { flowId: flow.flowId, versionId: flow.versionId, version: flow.version } });
      recordAction(st, { at: now, kind: 'reassign', nodeId: a.nodeId, outcome: r.output });
      if (r.output === 'assigned' && r.ownership) {
        st.ownership = r.ownership;
        st.notice = undefined;
        st.deferredReclaim = undefined;
        st.pausedUntil = undefined;
        if (st.snapshot) st.snapshot = { ...st.snapshot, customer: { ...st.snapshot.customer, ownerId: r.ownership.ownerId, assignedAt: r.ownership.since } };
      }
      await step(st, acts, { kind: 'actionResult', at: now, nodeId: a.nodeId, output: r.output });
      return;
    }
    case 'reclaim': {
      const d: DeferredReclaim = { until: now, nodeId: a.nodeId, poolId: a.poolId, reason: a.reason, ...(a.cooldownDays !== undefined ? { cooldownDays: a.cooldownDays } : {}) };
      const protectedUntil = st.snapshot?.protectedUntil;
      if (protectedUntil !== undefined && protectedUntil > now) {
        st.deferredReclaim = { ...d, until: protectedUntil };
        recordAction(st, { at: now, kind: 'reclaim', nodeId: a.nodeId, outcome: 'protected' });
        return;
      }
      await reclaim(st, acts, d, 'flow', now);
      return;
    }
  }
}

/** One signal from the inbox. */
export async function handleEvent(st: LifecycleState, acts: Acts, ev: InboxEvent): Promise<void> {
  const now = Date.now();
  if (!rememberSignal(st, ev.signal.signalId)) return;
  switch (ev.kind) {
    case 'followUpLogged': {
      if (!(await refresh(st, acts, now))) return;
      await step(st, acts, { kind: 'followUpLogged', at: Math.min(ev.signal.at, now) });
      return;
    }
    case 'ownerChanged': {
      const o = st.ownership;
      // the dispatcher's start signal repeats the ownership the run began with: nothing to re-read
      if (!st.finished && o && ev.signal.ownerId === o.ownerId && ev.signal.at === o.since) return;
      await refresh(st, acts, now);
      return;
    }
    case 'statusChanged':
      await refresh(st, acts, now);
      return;
    case 'repOnLeave': {
      if (st.ownership?.ownerId !== ev.signal.repId || ev.signal.until <= now) return;
      st.pausedUntil = Math.max(st.pausedUntil ?? 0, ev.signal.until);
      recordAction(st, { at: now, kind: 'pause', outcome: `until ${new Date(ev.signal.until).toISOString()}` });
      return;
    }
  }
}

/** Whatever timers are due now: re-read the customer once, then the follow-up timer, the deferred reclaim, the pool rules. */
export async function handleDue(st: LifecycleState, acts: Acts): Promise<void> {
  const now = Date.now();
  if (!(await refresh(st, acts, now))) return;
  const paused = st.pausedUntil !== undefined && st.pausedUntil > now;
  if (paused) return;
  const fu = st.followUp;
  if (fu && !fu.ended && fu.dueAt !== undefined && fu.timerId !== undefined && fu.dueAt <= now) {
    // a timer held back by a leave fires at the return, and the cadence goes on from there
    const late = st.pausedUntil !== undefined && st.pausedUntil > fu.dueAt;
    await step(st, acts, { kind: 'timerFired', at: late ? now : fu.dueAt, timerId: fu.timerId });
    if (late) st.pausedUntil = undefined;
  }
  if (st.finished) return;
  const d = st.deferredReclaim;
  if (d && d.until <= now) await reclaim(st, acts, d, 'flow', now);
  if (st.finished) return;
  const plan = recyclePlanOf(st);
  const o = st.ownership;
  const rules = st.snapshot?.rules;
  if (!plan || !o || !rules) return;
  if (plan.warnAt !== undefined && plan.warnAt <= now) {
    const recycleAt = Math.max(plan.deadline, now + rules.warnDaysBefore * DAY_MS, st.snapshot?.protectedUntil ?? 0);
    await acts.warnOfRecycle({ customerId: st.customerId, ownerId: o.ownerId, reason: plan.reason, days: plan.days, recycleAt, at: now });
    st.notice = { warnedAt: now, deadline: plan.deadline };
    recordAction(st, { at: now, kind: 'recycleWarning', outcome: `${plan.reason}:${plan.days}d` });
  } else if (plan.recycleAt !== undefined && plan.recycleAt <= now) {
    const reason = recycleReasonText(plan.reason, plan.days);
    await reclaim(st, acts, { until: now, nodeId: `poolRule:${plan.reason}`, poolId: rules.poolId, reason, cooldownDays: rules.previousOwnerCooldownDays }, 'poolRule', now);
  }
  if (st.pausedUntil !== undefined && st.pausedUntil <= now) st.pausedUntil = undefined;
  const finished = st.finished as LifecycleState['finished'];
  if (finished) log.info('lifecycle finished', { customerId: st.customerId, reason: finished.reason });
}
