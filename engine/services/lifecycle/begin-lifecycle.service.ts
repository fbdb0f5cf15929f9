import type { AppContext } from '../../api/app-context';
import type { BeginInput, BeginResult } from '../../temporal/activities/lifecycle-io';
import { loadCustomerSnapshot } from './customer-snapshot.service';
import { followUpFlowFor } from './lifecycle-flow.service';

/**
 * The first activity of a lifecycle run: the customer (with its pool rules) and the follow-up flow
 * version to run. A new lifecycle pins the active version and records it on the customer
 * (`lifecycle.flowVersionId`, `startedAt`, `workflowId`; one `_id` update); continue-as-new reloads the
 * pinned one.
 */
export async function beginLifecycle(app: Pick<AppContext, 'conn' | 'models'>, input: BeginInput, workflowId: string): Promise<BeginResult> {
  const [snapshot, flow] = await Promise.all([loadCustomerSnapshot(app, input.customerId), followUpFlowFor(app, input.flowVersionId, input.pickActive)]);
  if (snapshot && input.pickActive) {
    await app.models.Customer.updateOne(
      { _id: input.customerId },
      {
        $set: { 'lifecycle.workflowId': workflowId, 'lifecycle.startedAt': new Date(input.at), ...(flow ? { 'lifecycle.flowVersionId': flow.versionId } : {}) },
        ...(flow ? {} : { $unset: { 'lifecycle.flowVersionId': 1 } }),
      },
    );
  }
  return { snapshot, flow };
}
