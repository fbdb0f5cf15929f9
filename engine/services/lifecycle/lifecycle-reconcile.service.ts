import type { Client } from '@temporalio/client';
import type { AppContext } from '../../api/app-context';
import { runningLifecycleCustomerIds, signalLifecycle, startLifecycle } from '../../temporal/lifecycle-client';
import { LIFECYCLE_SIGNALS } from '../../../workflows/lifecycle/lifecycle.contract';
import { settleLeaveStatuses } from '../reps/rep-status.service';
import { pruneDeliveredSignals } from './lifecycle-outbox.service';

export interface ReconcileReport {
  assigned: number;
  running: number;
  /** owned customers that had no running lifecycle: started now */
  started: number;
  /** running lifecycles of customers no longer owned: told to look again (they end) */
  nudged: number;
  prunedSignals: number;
  leave: { startedLeave: number; endedLeave: number };
}

/** How long delivered outbox rows are kept before pruning. */
const SIGNAL_RETENTION_MS = 24 * 3_600_000;

/**
 * The periodic safety net behind the dispatcher (run by a Temporal Schedule): every owned customer
 * must have a running lifecycle, and no lifecycle should outlive its customer's ownership. One scan of
 * the customers and one visibility listing; starting is idempotent, so a lifecycle that visibility has
 * not caught up with yet is simply found running. Also keeps rep leave statuses in step with their
 * windows and prunes delivered outbox rows.
 */
export async function reconcileLifecycles(app: AppContext, client: Client, taskQueue: string, opts: { concurrency?: number } = {}): Promise<ReconcileReport> {
  const now = app.now();
  const leave = await settleLeaveStatuses(app);
  const running = await runningLifecycleCustomerIds(client, taskQueue);
  const owned = await app.models.Customer.find({ status: 'assigned' }, { _id: 1 }).lean();
  const ownedIds = new Set(owned.map((c) => String(c._id)));
  const missing = [...ownedIds].filter((id) => !running.has(id));
  const stale = [...running].filter((id) => !ownedIds.has(id));
  const lanes = opts.concurrency ?? 8;
  let started = 0;
  let nudged = 0;
  const work = [...missing.map((id) => ({ id, start: true })), ...stale.map((id) => ({ id, start: false }))];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, work.length) }, async () => {
      while (next < work.length) {
        const w = work[next++];
        if (!w) break;
        if (w.start) {
          await startLifecycle(client, w.id, taskQueue);
          started += 1;
        } else if ((await signalLifecycle(client, w.id, LIFECYCLE_SIGNALS.statusChanged, { at: now })) === 'delivered') nudged += 1;
      }
    }),
  );
  const prunedSignals = await pruneDeliveredSignals(app, now - SIGNAL_RETENTION_MS);
  return { assigned: ownedIds.size, running: running.size, started, nudged, prunedSignals, leave };
}
