import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import slaLadder from '../../templates/sla-ladder/flow.json';
import { queryLifecycleStatus } from '../../engine/temporal/lifecycle-client';
import { reconcileScheduleId } from '../../engine/temporal/schedules';
import { TemporalGateway } from '../../engine/temporal/temporal-connection';
import { useTestDatabase } from '../harness/db';
import { uniqueTaskQueue } from '../harness/temporal';
import { addAssignedCustomer, createWorld, type World } from '../workflow/fixtures/lifecycle-world';
import { prebuiltWorkflowBundle } from '../workflow/fixtures/workflow-bundle';
import { startWorkerProcess } from '../workflow/fixtures/worker-process';

/**
 * The worker process as `npm start` runs it (engine/temporal/worker.ts): it serves the lifecycle
 * workflows and activities, runs the dispatcher and sets up the reconciliation Schedule, and stops
 * cleanly on SIGTERM.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let gateway: TemporalGateway;
let client: Client;
const taskQueue = uniqueTaskQueue('workerproc');

beforeAll(async () => {
  db = await useTestDatabase('workerproc');
  world = await createWorld(db.conn, { flow: slaLadder });
  gateway = new TemporalGateway(inject('temporalAddress'));
  client = await gateway.client();
});

afterAll(async () => {
  await client?.schedule.getHandle(reconcileScheduleId(taskQueue)).delete().catch(() => undefined);
  await gateway?.close();
  await db?.drop();
});

it('starts lifecycles through its dispatcher, owns the reconciliation Schedule, and stops cleanly', async () => {
  const worker = await startWorkerProcess({
    mongoUri: db.uri, temporalAddress: inject('temporalAddress'), taskQueue, bundlePath: await prebuiltWorkflowBundle(), dispatcher: true,
    extraEnv: { ALLOT_SCHEDULES: 'on', ALLOT_RECONCILE_EVERY: '1 hour' },
  });
  try {
    expect(worker.proc.lastLines(40).join('\n')).toContain('(dispatcher on)');
    const heartbeat = await client.workflow.execute('heartbeatWorkflow', { taskQueue, workflowId: `hb-${taskQueue}`, args: ['worker test'] });
    expect(heartbeat).toMatchObject({ workerIdentity: expect.any(String) });

    const id = await addAssignedCustomer(world, { assignedAt: Date.now(), needsStart: true });
    const deadline = Date.now() + 60_000;
    let status = await queryLifecycleStatus(client, id).catch(() => null);
    while (!status?.currentNode && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      status = await queryLifecycleStatus(client, id).catch(() => null);
    }
    expect(status?.currentNode).toMatchObject({ id: 'first24h', waiting: true });

    let described = await client.schedule.getHandle(reconcileScheduleId(taskQueue)).describe().catch(() => null);
    for (let i = 0; !described && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 200));
      described = await client.schedule.getHandle(reconcileScheduleId(taskQueue)).describe().catch(() => null);
    }
    expect(described?.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconcileLifecycles', taskQueue });
    expect(described?.spec.intervals?.[0]?.every).toBe(3_600_000);
  } finally {
    await worker.proc.stop();
  }
  const exit = await worker.exited;
  expect(exit.code).toBe(0);
  expect(worker.proc.lastLines(10).join('\n')).toContain('worker stopped');
});
