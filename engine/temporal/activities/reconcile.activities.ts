import type { Client } from '@temporalio/client';
import type { AppContext } from '../../api/app-context';
import { reconcileLifecycles, type ReconcileReport } from '../../services/lifecycle/lifecycle-reconcile.service';

/** The reconciliation behind the Temporal Schedule (see schedules.ts). */
export function createReconcileActivities(app: AppContext, client: () => Promise<Client>, taskQueue: string) {
  return {
    async reconcileLifecycles(): Promise<ReconcileReport> {
      return reconcileLifecycles(app, await client(), taskQueue);
    },
  };
}

export type ReconcileActivities = ReturnType<typeof createReconcileActivities>;
