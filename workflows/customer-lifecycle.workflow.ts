import { condition, continueAsNew, defineQuery, defineSignal, log, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { Value } from '@sinclair/typebox/value';
import { prepareFlow } from '../engine/core/interpreter/prepare-flow';
import type { FlowDocument } from '../engine/core/flow/flow.schema';
import type { LifecycleActivities } from '../engine/temporal/activities/lifecycle.activities';
import {
  FollowUpLoggedSignalSchema, LIFECYCLE_QUERIES, LIFECYCLE_SIGNALS, OwnerChangedSignalSchema, RepOnLeaveSignalSchema, StatusChangedSignalSchema,
  type DueTime, type FollowUpLoggedSignal, type InboxEvent, type LifecycleInput, type LifecycleOutcome, type LifecycleStatus, type OwnerChangedSignal,
  type RepOnLeaveSignal, type StatusChangedSignal,
} from './lifecycle/lifecycle.contract';
import { carryOf, dueTimes, statusOf, timerSummary, type LifecycleState } from './lifecycle/lifecycle-state';
import { applySnapshot, handleDue, handleEvent } from './lifecycle/lifecycle-steps';
import type { FollowUpHistoryEntry } from '../engine/core/interpreter/follow-up-state.schema';
import type { TSchema } from '@sinclair/typebox';

export const followUpLoggedSignal = defineSignal<[FollowUpLoggedSignal]>(LIFECYCLE_SIGNALS.followUpLogged);
export const ownerChangedSignal = defineSignal<[OwnerChangedSignal]>(LIFECYCLE_SIGNALS.ownerChanged);
export const statusChangedSignal = defineSignal<[StatusChangedSignal]>(LIFECYCLE_SIGNALS.statusChanged);
export const repOnLeaveSignal = defineSignal<[RepOnLeaveSignal]>(LIFECYCLE_SIGNALS.repOnLeave);

export const lifecycleStatusQuery = defineQuery<LifecycleStatus>(LIFECYCLE_QUERIES.status);
export const currentNodeQuery = defineQuery<LifecycleStatus['currentNode']>(LIFECYCLE_QUERIES.currentNode);
export const dueTimesQuery = defineQuery<DueTime[]>(LIFECYCLE_QUERIES.dueTimes);
export const recentStepsQuery = defineQuery<FollowUpHistoryEntry[]>(LIFECYCLE_QUERIES.recentSteps);

const DEFAULT_HISTORY_LIMIT = 200;

/**
 * One entity workflow per customer (id `customer-<customerId>`; starting it again finds the running
 * one). It runs the follow-up flow version pinned at its start through the engine's stepper — waits
 * with SLAs, reminders, escalations, reassignment, reclaim — and the customer's pool rules (recycle
 * after N days without a follow-up or a deal, warned N days before, not during the protection period).
 * Signals say that something may have changed; the customer is then re-read through an activity, so the
 * database stays the truth and duplicate or late signals do no harm. The run ends when the customer is
 * no longer owned; it continues as new well before its history grows large.
 */
export async function customerLifecycle(input: LifecycleInput): Promise<LifecycleOutcome> {
  const tuning = input.tuning ?? {};
  const acts = proxyActivities<LifecycleActivities>({
    startToCloseTimeout: tuning.activityTimeoutMs ?? 30_000,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const carry = input.carry;
  const st: LifecycleState = {
    customerId: input.customerId,
    flow: null,
    prepared: null,
    followUp: carry?.followUp ?? null,
    ownership: carry?.ownership ?? null,
    snapshot: null,
    ...(carry?.notice ? { notice: carry.notice } : {}),
    ...(carry?.deferredReclaim ? { deferredReclaim: carry.deferredReclaim } : {}),
    ...(carry?.pausedUntil !== undefined ? { pausedUntil: carry.pausedUntil } : {}),
    seenSignalIds: carry?.seenSignalIds ?? [],
    recentActions: carry?.recentActions ?? [],
    inbox: carry?.inbox ?? [],
    runs: carry?.runs ?? 1,
    finished: null,
  };

  const accept = <T extends InboxEvent>(kind: T['kind'], schema: TSchema) => (signal: unknown) => {
    if (!Value.Check(schema, signal)) {
      log.warn('lifecycle signal ignored: malformed payload', { kind });
      return;
    }
    st.inbox.push({ kind, signal } as InboxEvent);
  };
  setHandler(followUpLoggedSignal, accept('followUpLogged', FollowUpLoggedSignalSchema));
  setHandler(ownerChangedSignal, accept('ownerChanged', OwnerChangedSignalSchema));
  setHandler(statusChangedSignal, accept('statusChanged', StatusChangedSignalSchema));
  setHandler(repOnLeaveSignal, accept('repOnLeave', RepOnLeaveSignalSchema));
  setHandler(lifecycleStatusQuery, () => statusOf(st));
  setHandler(currentNodeQuery, () => statusOf(st).currentNode);
  setHandler(dueTimesQuery, () => dueTimes(st));
  setHandler(recentStepsQuery, () => st.followUp?.history ?? []);

  const begun = await acts.beginLifecycle({
    customerId: input.customerId,
    flowVersionId: carry ? carry.flowVersionId : null,
    pickActive: carry === undefined,
    at: Date.now(),
  });
  st.flow = begun.flow;
  st.prepared = begun.flow ? prepareFlow(begun.flow.document as FlowDocument, { version: begun.flow.version }) : null;
  await applySnapshot(st, acts, begun.snapshot, Date.now());

  const historyLimit = tuning.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  let busy = 0;
  for (;;) {
    if (st.finished && st.inbox.length === 0) break;
    if (!st.finished && st.inbox.length === 0) {
      const info = workflowInfo();
      if (info.historyLength >= historyLimit || info.continueAsNewSuggested) {
        await continueAsNew<typeof customerLifecycle>({ customerId: input.customerId, carry: carryOf(st), ...(input.tuning ? { tuning: input.tuning } : {}) });
      }
    }
    if (st.inbox.length === 0) {
      const next = st.finished ? undefined : dueTimes(st)[0];
      const wait = next === undefined ? Infinity : next.actsAt - Date.now();
      if (next === undefined) await condition(() => st.inbox.length > 0);
      else if (wait > 0) await condition(() => st.inbox.length > 0, wait, { summary: timerSummary(next) });
      if (wait > 0) busy = 0;
      else if (++busy > 20) {
        // something due that handling does not clear would spin: never act more than 20 times in a row without a pause
        log.warn('lifecycle: a due timer keeps coming back; pausing a minute', { customerId: input.customerId, next });
        await sleep('1 minute');
        busy = 0;
      }
    }
    const ev = st.inbox.shift();
    if (ev) await handleEvent(st, acts, ev);
    else await handleDue(st, acts);
  }
  const end = st.finished ?? { reason: 'ended', at: Date.now() };
  return { customerId: input.customerId, reason: end.reason, at: end.at };
}
