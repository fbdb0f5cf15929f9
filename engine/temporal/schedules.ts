import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const RECONCILE_SCHEDULE_ID = 'allot-reconcile-lifecycles';

/** The schedule id for a task queue (the default queue keeps the plain id). */
export const reconcileScheduleId = (taskQueue: string) => (taskQueue === 'allot' ? RECONCILE_SCHEDULE_ID : `${RECONCILE_SCHEDULE_ID}-${taskQueue}`);

/**
 * Makes sure the reconciliation runs on a Temporal Schedule (visible and pausable in the web UI): every
 * `every` (default 10 minutes), never two at once. Creating it again finds it; a different interval is
 * written over.
 */
export async function ensureReconcileSchedule(client: Client, taskQueue: string, every = '10 minutes'): Promise<string> {
  const scheduleId = reconcileScheduleId(taskQueue);
  const spec = { intervals: [{ every }] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action: { type: 'startWorkflow', workflowType: 'reconcileLifecycles', taskQueue, args: [], workflowId: `${scheduleId}-run` },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec }));
  }
  return scheduleId;
}
