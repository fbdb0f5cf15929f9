import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ServiceError } from '@temporalio/client';
import {
  LIFECYCLE_QUERIES, LIFECYCLE_WORKFLOW_TYPE, lifecycleWorkflowId, type LifecycleInput, type LifecycleStatus, type LIFECYCLE_SIGNALS,
} from '../../workflows/lifecycle/lifecycle.contract';

import { REDISTRIBUTE_WORKFLOW_TYPE, redistributionWorkflowId, type RedistributionInput } from '../../workflows/redistribution/redistribution.contract';

type SignalName = (typeof LIFECYCLE_SIGNALS)[keyof typeof LIFECYCLE_SIGNALS];

/**
 * Client-side access to customer lifecycles (dispatcher, reconciliation, API, tests). Starting is
 * idempotent: the id is derived from the customer, a running one is reused (conflict policy
 * USE_EXISTING) and a finished one may start again (reuse policy ALLOW_DUPLICATE).
 */
export async function startLifecycle(client: Client, customerId: string, taskQueue: string, tuning?: LifecycleInput['tuning']): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, {
    workflowId: lifecycleWorkflowId(customerId),
    taskQueue,
    args: [{ customerId, ...(tuning ? { tuning } : {}) } satisfies LifecycleInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    staticSummary: `customer ${customerId}`,
  });
}

/** Signals the running lifecycle, or starts one that receives the signal first (a closed one starts anew). */
export async function signalWithStartLifecycle(
  client: Client,
  customerId: string,
  taskQueue: string,
  signal: SignalName,
  payload: Record<string, unknown>,
  tuning?: LifecycleInput['tuning'],
): Promise<string> {
  const h = await client.workflow.signalWithStart(LIFECYCLE_WORKFLOW_TYPE, {
    workflowId: lifecycleWorkflowId(customerId),
    taskQueue,
    args: [{ customerId, ...(tuning ? { tuning } : {}) } satisfies LifecycleInput],
    signal,
    signalArgs: [payload],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    staticSummary: `customer ${customerId}`,
  });
  return h.signaledRunId;
}

/** Signals a running lifecycle; `notRunning` when there is none (nothing listens, nothing to do). */
export async function signalLifecycle(client: Client, customerId: string, signal: SignalName, payload: Record<string, unknown>): Promise<'delivered' | 'notRunning'> {
  try {
    await client.workflow.getHandle(lifecycleWorkflowId(customerId)).signal(signal, payload);
    return 'delivered';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'notRunning';
    throw err;
  }
}

/** The lifecycle's status through its query; null when the customer never had one. */
export async function queryLifecycleStatus(client: Client, customerId: string, timeoutMs = 5_000): Promise<LifecycleStatus | null> {
  const handle = client.workflow.getHandle(lifecycleWorkflowId(customerId));
  try {
    return await client.connection.withDeadline(Date.now() + timeoutMs, () => handle.query<LifecycleStatus>(LIFECYCLE_QUERIES.status));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    if (err instanceof ServiceError && /not found/i.test(err.message)) return null;
    throw err;
  }
}

/** Ids of the customers whose lifecycle runs now on `taskQueue` (visibility; eventually consistent). */
export async function runningLifecycleCustomerIds(client: Client, taskQueue: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const query = `WorkflowType = '${LIFECYCLE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue.replace(/'/g, '')}'`;
  for await (const wf of client.workflow.list({ query, pageSize: 1000 })) {
    if (wf.workflowId.startsWith('customer-')) ids.add(wf.workflowId.slice('customer-'.length));
  }
  return ids;
}

/**
 * Starts the redistribution of a job, once: a running one is reused, a finished one is never run again
 * (reuse policy REJECT_DUPLICATE). Returns false when it had finished already.
 */
export async function startRedistribution(client: Client, jobId: string, taskQueue: string, tuning?: RedistributionInput['tuning']): Promise<boolean> {
  try {
    await client.workflow.start(REDISTRIBUTE_WORKFLOW_TYPE, {
      workflowId: redistributionWorkflowId(jobId),
      taskQueue,
      args: [{ jobId, ...(tuning ? { tuning } : {}) } satisfies RedistributionInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `redistribution job ${jobId}`,
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
