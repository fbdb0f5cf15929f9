import { Context } from '@temporalio/activity';
import type { AppContext } from '../../api/app-context';
import { faultPoint } from '../../services/allocation/fault-point';
import { once } from '../../services/lifecycle/activity-ledger';
import { atTime } from '../../services/lifecycle/app-clock';
import { beginLifecycle } from '../../services/lifecycle/begin-lifecycle.service';
import { loadCustomerSnapshot } from '../../services/lifecycle/customer-snapshot.service';
import { escalateToManager, notifyForFlow, remindOwner, warnOfRecycle } from '../../services/lifecycle/lifecycle-notify.service';
import { reassignByNode } from '../../services/lifecycle/reassign-by-node.service';
import { reclaimToPool } from '../../services/recycling/reclaim.service';
import type {
  BeginInput, BeginResult, CustomerSnapshot, EscalateInput, NotifyInput, ReassignInput, ReassignResult, ReclaimInput, ReclaimResult, RemindInput, SentResult, WarnRecycleInput,
} from './lifecycle-io';

/**
 * The idempotency key of the running activity: workflow id, run id and activity id. A retry (timeout,
 * worker crash) has the same key, and so does the replay of the same workflow step.
 */
export function activityKey(): string {
  const info = Context.current().info;
  const wf = info.workflowExecution;
  return `${wf?.workflowId ?? 'standalone'}:${wf?.runId ?? info.activityId}:${info.activityId}`;
}

/**
 * Activities of the customer lifecycle: every read and write the workflow needs. Each side effect runs
 * once per key (activityLedger + dedupe keys + compare-and-set), so running an activity twice sends one
 * reminder and reclaims once. Business time is the workflow's (`at` in the input), never this clock.
 */
export function createLifecycleActivities(app: AppContext) {
  return {
    async beginLifecycle(input: BeginInput): Promise<BeginResult> {
      return beginLifecycle(app, input, Context.current().info.workflowExecution?.workflowId ?? `customer-${input.customerId}`);
    },

    async loadCustomerSnapshot(customerId: string): Promise<CustomerSnapshot | null> {
      return loadCustomerSnapshot(app, customerId);
    },

    async remindOwner(input: RemindInput): Promise<SentResult> {
      const key = activityKey();
      return once(app.conn, key, async () => {
        const sent = await remindOwner(atTime(app, input.at), input, key);
        faultPoint('lifecycle.afterRemind');
        return sent;
      });
    },

    async notifyFlow(input: NotifyInput): Promise<SentResult> {
      const key = activityKey();
      return once(app.conn, key, () => notifyForFlow(atTime(app, input.at), input, key));
    },

    async escalateToManager(input: EscalateInput): Promise<SentResult> {
      const key = activityKey();
      return once(app.conn, key, () => escalateToManager(atTime(app, input.at), input, key));
    },

    async warnOfRecycle(input: WarnRecycleInput): Promise<SentResult> {
      const key = activityKey();
      return once(app.conn, key, () => warnOfRecycle(atTime(app, input.at), input, key));
    },

    async reassignCustomer(input: ReassignInput): Promise<ReassignResult> {
      return reassignByNode(atTime(app, input.at), input, activityKey());
    },

    async reclaimCustomer(input: ReclaimInput): Promise<ReclaimResult> {
      return reclaimToPool(atTime(app, input.at), {
        customerId: input.customerId,
        expected: input.expected,
        poolId: input.poolId,
        reason: input.reason,
        cooldownDays: input.cooldownDays ?? 0,
        at: input.at,
        key: activityKey(),
        source: input.source,
        ...(input.nodeId ? { nodeId: input.nodeId } : {}),
      });
    },
  };
}

export type LifecycleActivities = ReturnType<typeof createLifecycleActivities>;
