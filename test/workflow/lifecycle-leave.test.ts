import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../engine/api/auth/principal';
import { changeRepStatus } from '../../engine/services/reps/rep-status.service';
import { startRedistribution } from '../../engine/temporal/lifecycle-client';
import { REDISTRIBUTION_PROGRESS_QUERY, redistributionWorkflowId, type RedistributionProgress } from '../../workflows/redistribution/redistribution.contract';
import { useTestDatabase } from '../harness/db';
import { installActiveFlow } from '../harness/flows';
import { uniqueTaskQueue } from '../harness/temporal';
import { saveHistory } from './fixtures/histories';
import { runAllotWorker, testAppContext } from './fixtures/lifecycle-harness';
import { addAssignedCustomer, createWorld, DAY, type World } from './fixtures/lifecycle-world';
import { createLongLivedTimeSkippingEnv } from './fixtures/time-skipping-env';

/**
 * A leave with an end date: the rep's customers go to colleagues through the `repDeparted` flow while
 * the rep is away, and come back when the rep returns because the flow says so (its first assign node
 * is `sticky`: the previous owner first). Simulated days on the time-skipping server.
 */
const pos = { x: 0, y: 0 };
const leaveFlow = {
  schemaVersion: 1,
  id: 'leave-flow',
  name: '休假交接 Leave hand-over',
  kind: 'allocation',
  trigger: 'repDeparted',
  nodes: [
    { id: 'start', type: 'trigger', version: 1, params: { on: 'repDeparted' }, position: pos },
    { id: 'previousOwner', type: 'assign', version: 1, params: { strategy: 'sticky' }, position: pos },
    { id: 'colleague', type: 'assign', version: 1, params: { strategy: 'roundRobin', repFilter: { fact: 'rep.isManager', operator: 'equal', value: false } }, position: pos },
    { id: 'pool', type: 'toPool', version: 1, params: { poolId: 'pool-main' }, position: pos },
    { id: 'end', type: 'end', version: 1, params: { reason: '' }, position: pos },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'previousOwner' },
    { id: 'e2', source: 'previousOwner', sourceHandle: 'assigned', target: 'end' },
    { id: 'e3', source: 'previousOwner', sourceHandle: 'none', target: 'colleague' },
    { id: 'e4', source: 'colleague', sourceHandle: 'assigned', target: 'end' },
    { id: 'e5', source: 'colleague', sourceHandle: 'none', target: 'pool' },
    { id: 'e6', source: 'pool', sourceHandle: 'next', target: 'end' },
  ],
};

let env: TestWorkflowEnvironment;
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let stop: () => Promise<void>;
const taskQueue = uniqueTaskQueue('leave');

beforeAll(async () => {
  [env, db] = await Promise.all([createLongLivedTimeSkippingEnv(), useTestDatabase('leave')]);
  world = await createWorld(db.conn);
  await installActiveFlow(db.conn, leaveFlow, undefined, { pool: { 'pool-main': String(world.poolId) } });
  ({ stop } = await runAllotWorker({ app: testAppContext(db.conn, env.client), connection: env.nativeConnection, client: env.client, taskQueue }));
});

afterAll(async () => {
  await stop?.();
  await env?.teardown();
  await db?.drop();
});

it('moves the customers of a rep on leave to colleagues, and hands them back when the rep returns', async () => {
  const t0 = await env.currentTimeMs();
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await addAssignedCustomer(world, { assignedAt: t0 - DAY, name: `休假客户 ${i}` }));
  const adminId = String((await world.models.User.findOne({ email: world.adminEmail }).lean())!._id);
  const admin: Principal = { kind: 'user', id: adminId, name: 'admin', role: 'admin', teamIds: [], scopes: [] };
  const app = { ...testAppContext(db.conn, env.client), now: () => t0 };
  const change = await changeRepStatus(app, admin, String(world.ownerRepId), {
    status: 'onLeave', leaveFrom: new Date(t0 - 60_000).toISOString(), leaveTo: new Date(t0 + 3 * DAY).toISOString(), reason: '年假 / annual leave',
  });
  const jobId = change.redistributionJobId!;
  await startRedistribution(env.client, jobId, taskQueue);
  const handle = env.client.workflow.getHandle(redistributionWorkflowId(jobId));

  await env.sleep(DAY); // moved on the first day, now waiting for the return
  const away = await handle.query<RedistributionProgress>(REDISTRIBUTION_PROGRESS_QUERY);
  expect(away).toMatchObject({ phase: 'waitingForReturn', mode: 'onLeave', processed: 3, counts: { assigned: 3 } });
  for (const id of ids) {
    const c = await world.models.Customer.findById(id).lean();
    expect(world.colleagueRepIds.map(String)).toContain(String(c?.ownerId));
  }

  const done = (await handle.result()) as RedistributionProgress;
  expect(done).toMatchObject({ phase: 'done', handedBack: 3 });
  for (const id of ids) {
    const c = await world.models.Customer.findById(id).lean();
    expect(String(c?.ownerId)).toBe(String(world.ownerRepId));
    expect(c?.assignedAt?.getTime()).toBeGreaterThanOrEqual(t0 + 3 * DAY);
  }
  expect((await world.models.Rep.findById(world.ownerRepId).lean())?.status).toBe('active');
  expect((await world.models.Job.findById(jobId).lean())?.status).toBe('succeeded');
  await saveHistory(env.address, handle.workflowId, 'redistribution-leave-hand-back');
});
