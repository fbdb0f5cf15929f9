import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { AppContext } from '../api/app-context';
import { createLifecycleActivities } from './activities/lifecycle.activities';
import { createReconcileActivities } from './activities/reconcile.activities';
import { createRedistributionActivities } from './activities/redistribution.activities';
import { createSystemActivities } from './activities/system.activities';
import { signalLifecycle } from './lifecycle-client';
import { LIFECYCLE_SIGNALS } from '../../workflows/lifecycle/lifecycle.contract';

/** workflows kept in the worker's sticky cache (ALLOT_WORKER_MAX_CACHED overrides) */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

/** Every activity the worker serves, bound to this process's database and Temporal client. */
export function allotActivities(app: AppContext, client: () => Promise<Client>, taskQueue: string) {
  return {
    ...createSystemActivities(app.conn),
    ...createLifecycleActivities(app),
    ...createRedistributionActivities(app, {
      async repOnLeave(customerId, repId, until, at) {
        await signalLifecycle(await client(), customerId, LIFECYCLE_SIGNALS.repOnLeave, { at, repId, until });
      },
    }),
    ...createReconcileActivities(app, client, taskQueue),
  };
}

export interface AllotWorkerOptions {
  app: AppContext;
  connection: NativeConnection;
  client: () => Promise<Client>;
  taskQueue: string;
  namespace?: string;
  /** a prebuilt workflow bundle (bundleWorkflowCode → file); default: bundle workflows/index.ts now */
  workflowBundlePath?: string;
  worker?: Partial<WorkerOptions>;
}

/** The Allot worker: the workflows of workflows/ and all activities, on one task queue. */
export async function createAllotWorker(o: AllotWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    taskQueue: o.taskQueue,
    ...(o.workflowBundlePath ? { workflowBundle: { codePath: o.workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
    activities: allotActivities(o.app, o.client, o.taskQueue),
    shutdownGraceTime: '10 seconds',
    // lifecycles are many and mostly asleep: keep a bounded number in memory (the SDK default grows with the
    // heap, ~2,000 on 4 GB, ~0.5 MB each); an evicted one is replayed — at most a few hundred events — when it wakes
    maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
    ...o.worker,
  });
}
