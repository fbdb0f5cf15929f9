import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { readAppConfig } from '../api/app-config';
import { makeAppContext } from '../api/app-context';
import { connectDatabase } from '../data/connect';
import { createAllotWorker } from './allot-worker';
import { LifecycleDispatcher } from './lifecycle-dispatcher';
import { ensureReconcileSchedule } from './schedules';
import { NAMESPACE, TASK_QUEUE, TemporalGateway } from './temporal-connection';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;

/**
 * Process entry of a Temporal worker. Workers scale by starting more processes on the same task
 * queue; all state is in MongoDB and Temporal. The worker also runs the lifecycle dispatcher (one
 * process at a time holds its lease) and makes sure the reconciliation Schedule exists.
 *
 * Environment: MONGODB_URI, TEMPORAL_ADDRESS, ALLOT_TASK_QUEUE, ALLOT_WORKFLOW_BUNDLE (prebuilt bundle),
 * ALLOT_DISPATCHER=off, ALLOT_SCHEDULES=off, ALLOT_RECONCILE_EVERY (default "10 minutes"),
 * ALLOT_WORKER_MAX_CACHED (sticky cache size; 0 = no sticky execution), ALLOT_WORKER_LOG_LEVEL.
 */
async function main(): Promise<void> {
  // a second SIGTERM (the supervisor signals the whole process group) must not kill a worker that is draining
  // after the first (the SDK's handler is a one-shot)
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => undefined);
  Runtime.install({ logger: new DefaultLogger((process.env.ALLOT_WORKER_LOG_LEVEL as 'INFO' | undefined) ?? 'WARN') });
  const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018/allot';
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const conn = await connectDatabase(mongoUri);
  const gateway = new TemporalGateway(address);
  const app = makeAppContext(conn, gateway, readAppConfig(process.env, VERSION, 'worker-has-no-sessions'));
  const client = () => gateway.client();
  const connection = await NativeConnection.connect({ address });
  const maxCached = process.env.ALLOT_WORKER_MAX_CACHED ? Number(process.env.ALLOT_WORKER_MAX_CACHED) : NaN;
  const worker = await createAllotWorker({
    app,
    connection,
    client,
    taskQueue: TASK_QUEUE,
    namespace: NAMESPACE,
    ...(process.env.ALLOT_WORKFLOW_BUNDLE ? { workflowBundlePath: process.env.ALLOT_WORKFLOW_BUNDLE } : {}),
    ...(Number.isInteger(maxCached) && maxCached >= 0 ? { worker: { maxCachedWorkflows: maxCached } } : {}),
  });
  const dispatcher =
    process.env.ALLOT_DISPATCHER === 'off'
      ? undefined
      : new LifecycleDispatcher(app, client, { taskQueue: TASK_QUEUE, log: (l) => console.warn(`[dispatcher] ${l}`) }).start();
  if (process.env.ALLOT_SCHEDULES !== 'off') {
    ensureReconcileSchedule(await client(), TASK_QUEUE, process.env.ALLOT_RECONCILE_EVERY ?? '10 minutes').catch((err: Error) =>
      console.warn(`reconciliation schedule not set up: ${err.message}`),
    );
  }
  console.log(`worker polling task queue "${TASK_QUEUE}" on ${address}${dispatcher ? ' (dispatcher on)' : ''}`);
  await worker.run(); // resolves after SIGINT/SIGTERM (the SDK installs the handlers) once drained
  await dispatcher?.stop();
  await connection.close();
  await gateway.close();
  await conn.close();
  console.log('worker stopped');
}

main().catch((err) => {
  console.error('worker failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
