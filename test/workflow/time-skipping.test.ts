import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../harness/temporal';
import * as activities from './fixtures/foundation.activities';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

it('a workflow that sleeps 3 days finishes in seconds on the time-skipping server', async () => {
  const taskQueue = uniqueTaskQueue('sleep');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/foundation.workflows.ts', import.meta.url)),
    activities,
  });
  const wallStart = Date.now();
  const slept = await worker.runUntil(
    env.client.workflow.execute('sleepThreeDays', { taskQueue, workflowId: `sleep-${taskQueue}` }),
  );
  const wall = Date.now() - wallStart;
  expect(slept).toBeGreaterThanOrEqual(3 * 24 * 3600 * 1000);
  expect(wall).toBeLessThan(60_000);
});
