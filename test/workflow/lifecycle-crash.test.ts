import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import slaLadder from '../../templates/sla-ladder/flow.json';
import { startLifecycle } from '../../engine/temporal/lifecycle-client';
import type { LifecycleOutcome } from '../../workflows/lifecycle/lifecycle.contract';
import { useTestDatabase } from '../harness/db';
import { uniqueTaskQueue } from '../harness/temporal';
import { addAssignedCustomer, createWorld, inboxOf, type World } from './fixtures/lifecycle-world';
import { createLongLivedTimeSkippingEnv } from './fixtures/time-skipping-env';
import { prebuiltWorkflowBundle } from './fixtures/workflow-bundle';
import { startWorkerProcess } from './fixtures/worker-process';

/**
 * Crash safety of the lifecycle: the worker *process* (engine/temporal/worker.ts) is killed in the middle
 * of the ladder — right after the reminder went out but before the activity reported back, then right
 * after the reclaim's compare-and-set but before its counter, event and message — and a new process
 * takes over. The ladder completes with one reminder, one escalation and one reclaim.
 */
let env: TestWorkflowEnvironment;
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let bundlePath: string;
const procs: Array<{ stop(): Promise<void> }> = [];
/** a SIGKILLed process: a signal, or exit code 137 when it ran under a wrapper */
const killed = (e: { code: number | null; signal: string | null }) => e.signal === 'SIGKILL' || e.code === 137;

beforeAll(async () => {
  [env, db, bundlePath] = await Promise.all([createLongLivedTimeSkippingEnv(), useTestDatabase('crash'), prebuiltWorkflowBundle()]);
  world = await createWorld(db.conn, { flow: slaLadder });
});

afterAll(async () => {
  for (const p of procs) await p.stop();
  await env?.teardown();
  await db?.drop();
});

it('a worker killed mid-ladder (after the reminder, after the reclaim) is replaced: no duplicate reminder, no double reclaim', async () => {
  const taskQueue = uniqueTaskQueue('crash');
  const spawn = async (fault?: string) => {
    // no sticky cache: the test server never hands a dead worker's sticky workflow task back to the shared queue
    const w = await startWorkerProcess({ mongoUri: db.uri, temporalAddress: env.address, taskQueue, bundlePath, ...(fault ? { fault } : {}), extraEnv: { ALLOT_WORKER_MAX_CACHED: '0' } });
    procs.push(w.proc);
    return w;
  };
  const t0 = await env.currentTimeMs();
  const customerId = await addAssignedCustomer(world, { assignedAt: t0, name: '坚韧客户' });
  const openBefore = (await world.models.Rep.findById(world.ownerRepId).lean())!.openCount;

  const first = await spawn('lifecycle.afterRemind');
  const handle = await startLifecycle(env.client, customerId, taskQueue, { activityTimeoutMs: 4_000 });
  const result = handle.result() as Promise<LifecycleOutcome>; // awaiting the result lets the server skip time

  expect(killed(await first.exited)).toBe(true);
  const reminders = async () => (await inboxOf(world, world.ownerRepId, 'reminder')).filter((n) => n.body['zh-CN'].includes('坚韧客户'));
  expect(await reminders()).toHaveLength(1); // sent, but the activity never completed

  const second = await spawn('lifecycle.afterReclaim');
  expect(killed(await second.exited)).toBe(true);
  const halfway = await world.models.Customer.findById(customerId).lean();
  expect(halfway?.status).toBe('inPool'); // the compare-and-set happened; its follow-ups had not
  expect(await world.models.AssignmentEvent.countDocuments({ customerId, outcome: 'reclaimed' })).toBe(0);

  await spawn();
  const outcome = await result;
  expect(outcome.reason).toBe('reclaimed');

  expect(await reminders()).toHaveLength(1);
  expect((await inboxOf(world, world.managerRepId, 'escalation')).filter((n) => n.body['zh-CN'].includes('坚韧客户'))).toHaveLength(1);
  expect((await inboxOf(world, world.ownerRepId, 'reclaimed')).filter((n) => n.body['zh-CN'].includes('坚韧客户'))).toHaveLength(1);
  expect(await world.models.AssignmentEvent.countDocuments({ customerId, outcome: 'reclaimed' })).toBe(1);
  expect((await world.models.Rep.findById(world.ownerRepId).lean())!.openCount).toBe(openBefore - 1);
  const customer = await world.models.Customer.findById(customerId).lean();
  expect(customer?.previousOwners.filter((p) => String(p.repId) === String(world.ownerRepId))).toHaveLength(1);
});
