import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { connectDatabase } from '../data/connect';
import { createSystemActivities } from './activities/system.activities';
import { NAMESPACE, TASK_QUEUE } from './temporal-connection';

/**
 * Process entry of a Temporal worker. Workers scale by starting more processes on the same task
 * queue; all state is in MongoDB and Temporal.
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger((process.env.ALLOT_WORKER_LOG_LEVEL as 'INFO' | undefined) ?? 'WARN') });
  const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018/allot';
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const conn = await connectDatabase(mongoUri);
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities: { ...createSystemActivities(conn) },
    shutdownGraceTime: '10 seconds',
  });
  console.log(`worker polling task queue "${TASK_QUEUE}" on ${address}`);
  await worker.run(); // resolves after SIGINT/SIGTERM (the SDK installs the handlers) once drained
  await connection.close();
  await conn.close();
  console.log('worker stopped');
}

main().catch((err) => {
  console.error('worker failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
