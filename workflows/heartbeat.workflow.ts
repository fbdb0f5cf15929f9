import { proxyActivities } from '@temporalio/workflow';
import type { SystemActivities } from '../engine/temporal/activities/system.activities';

const { recordWorkerHeartbeat } = proxyActivities<SystemActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } });

/**
 * Proves the whole chain (Temporal → worker → database) from the outside: the supervisor runs it once
 * after start and ops can run it from the Temporal UI. Writes the worker's identity and time.
 */
export async function heartbeatWorkflow(source: string): Promise<{ workerIdentity: string; at: string }> {
  return await recordWorkerHeartbeat(source);
}
