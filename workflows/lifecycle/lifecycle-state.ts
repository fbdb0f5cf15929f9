import type { PreparedFlow } from '../../engine/core/interpreter/prepare-flow';
import type { FollowUpState } from '../../engine/core/interpreter/follow-up-state.schema';
import type { Customer } from '../../engine/core/model/customer.schema';
import type { CustomerSnapshot, FlowRef } from '../../engine/temporal/activities/lifecycle-io';
import type {
  DeferredReclaim, DueTime, InboxEvent, LifecycleActionRecord, LifecycleCarry, LifecycleStatus, Ownership, RecycleNotice,
} from './lifecycle.contract';
import { planRecycle, type RecyclePlan } from './recycle-plan';

/**
 * Everything one lifecycle run holds between events. Pure helpers only (no Temporal calls): what is due
 * when, what the queries answer, what continue-as-new carries.
 */
export interface LifecycleState {
  customerId: string;
  flow: FlowRef | null;
  prepared: PreparedFlow | null;
  followUp: FollowUpState | null;
  ownership: Ownership | null;
  snapshot: CustomerSnapshot | null;
  notice?: RecycleNotice;
  deferredReclaim?: DeferredReclaim;
  pausedUntil?: number;
  seenSignalIds: string[];
  recentActions: LifecycleActionRecord[];
  inbox: InboxEvent[];
  runs: number;
  /** set once the customer is no longer owned (the run ends when its inbox is empty) */
  finished: { reason: string; at: number } | null;
}

const SEEN_LIMIT = 50;
const ACTIONS_LIMIT = 20;

export function rememberSignal(st: LifecycleState, id: string | undefined): boolean {
  if (id === undefined) return true;
  if (st.seenSignalIds.includes(id)) return false;
  st.seenSignalIds.push(id);
  if (st.seenSignalIds.length > SEEN_LIMIT) st.seenSignalIds.splice(0, st.seenSignalIds.length - SEEN_LIMIT);
  return true;
}

export function recordAction(st: LifecycleState, a: LifecycleActionRecord): void {
  st.recentActions.push(a);
  if (st.recentActions.length > ACTIONS_LIMIT) st.recentActions.splice(0, st.recentActions.length - ACTIONS_LIMIT);
}

export const isOwned = (c: Customer | undefined): c is Customer & { ownerId: string } => c !== undefined && c.status === 'assigned' && c.ownerId !== undefined;

/** The pool-rule plan for the current ownership, or null (no rules, not owned). */
export function recyclePlanOf(st: LifecycleState): RecyclePlan | null {
  const snap = st.snapshot;
  if (!snap?.rules || !st.ownership || !isOwned(snap.customer)) return null;
  const c = snap.customer;
  return planRecycle(
    {
      assignedAt: st.ownership.since,
      ...(c.grade !== undefined ? { grade: c.grade } : {}),
      ...(c.lastFollowUpAt !== undefined ? { lastFollowUpAt: c.lastFollowUpAt } : {}),
      ...(snap.protectedUntil !== undefined ? { protectedUntil: snap.protectedUntil } : {}),
    },
    snap.rules,
    st.notice,
  );
}

/** While the owner is on leave, every clock waits for the return. */
const actsAt = (st: LifecycleState, at: number) => (st.pausedUntil !== undefined && st.pausedUntil > at ? st.pausedUntil : at);

/** The timers the lifecycle waits on, soonest first. */
export function dueTimes(st: LifecycleState): DueTime[] {
  if (st.finished) return [];
  const out: DueTime[] = [];
  const fu = st.followUp;
  if (fu && !fu.ended && fu.dueAt !== undefined) out.push({ kind: 'followUp', at: fu.dueAt, nodeId: fu.nodeId, actsAt: actsAt(st, fu.dueAt) });
  const plan = recyclePlanOf(st);
  if (plan?.warnAt !== undefined) out.push({ kind: 'recycleWarning', at: plan.warnAt, actsAt: actsAt(st, plan.warnAt) });
  if (plan?.recycleAt !== undefined) out.push({ kind: 'recycle', at: plan.recycleAt, actsAt: actsAt(st, plan.recycleAt) });
  const d = st.deferredReclaim;
  if (d) out.push({ kind: 'deferredReclaim', at: d.until, nodeId: d.nodeId, actsAt: actsAt(st, d.until) });
  return out.sort((a, b) => a.actsAt - b.actsAt);
}

/** A one-line description of the next timer (shown on the timer in the Temporal web UI). */
export function timerSummary(d: DueTime): string {
  const when = new Date(d.at).toISOString().replace('T', ' ').slice(0, 16);
  switch (d.kind) {
    case 'followUp':
      return `follow-up node ${d.nodeId ?? '?'} due ${when} UTC`;
    case 'recycleWarning':
      return `pool recycle warning ${when} UTC`;
    case 'recycle':
      return `pool recycle ${when} UTC`;
    default:
      return `reclaim after protection ${when} UTC`;
  }
}

export function statusOf(st: LifecycleState): LifecycleStatus {
  const fu = st.followUp;
  const node = fu ? st.prepared?.nodes.get(fu.nodeId) : undefined;
  return {
    customerId: st.customerId,
    flow: st.flow ? { id: st.flow.flowId, version: st.flow.version, versionId: st.flow.versionId } : null,
    ownership: st.ownership,
    currentNode: fu ? { id: fu.nodeId, type: node?.type ?? 'unknown', waiting: !fu.ended } : null,
    followUpEnded: fu?.ended ?? true,
    endReason: fu?.endReason ?? null,
    dueTimes: dueTimes(st),
    pausedUntil: st.pausedUntil ?? null,
    recentSteps: fu ? fu.history.slice(-10) : [],
    recentActions: st.recentActions.slice(-10),
    run: st.runs,
    finished: st.finished !== null,
  };
}

export function carryOf(st: LifecycleState): LifecycleCarry {
  return {
    flowVersionId: st.flow?.versionId ?? null,
    followUp: st.followUp,
    ownership: st.ownership,
    ...(st.notice ? { notice: st.notice } : {}),
    ...(st.deferredReclaim ? { deferredReclaim: st.deferredReclaim } : {}),
    ...(st.pausedUntil !== undefined ? { pausedUntil: st.pausedUntil } : {}),
    seenSignalIds: st.seenSignalIds,
    recentActions: st.recentActions,
    inbox: st.inbox,
    runs: st.runs + 1,
  };
}
