import { proxyActivities } from '@temporalio/workflow';
import type { ReconcileActivities } from '../engine/temporal/activities/reconcile.activities';

/**
 * Started by the `allot-reconcile-lifecycles` Schedule: finds owned customers without a running
 * lifecycle and starts them, and nudges lifecycles whose customer is no longer owned.
 */
export async function reconcileLifecycles(): Promise<Awaited<ReturnType<ReconcileActivities['reconcileLifecycles']>>> {
  const { reconcileLifecycles: run } = proxyActivities<ReconcileActivities>({
    startToCloseTimeout: '20 minutes',
    retry: { initialInterval: '5 seconds', maximumAttempts: 3 },
  });
  return run();
}
