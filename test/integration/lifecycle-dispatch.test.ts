import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import slaLadder from '../../templates/sla-ladder/flow.json';
import { reconcileLifecycles } from '../../engine/services/lifecycle/lifecycle-reconcile.service';
import { changeRepStatus } from '../../engine/services/reps/rep-status.service';
import type { LifecycleViewT } from '../../engine/services/lifecycle/lifecycle-status.schemas';
import { LifecycleView } from '../../engine/services/lifecycle/lifecycle-status.schemas';
import { LifecycleDispatcher } from '../../engine/temporal/lifecycle-dispatcher';
import { queryLifecycleStatus, runningLifecycleCustomerIds, startLifecycle } from '../../engine/temporal/lifecycle-client';
import { ensureReconcileSchedule } from '../../engine/temporal/schedules';
import type { TemporalGateway } from '../../engine/temporal/temporal-connection';
import { lifecycleWorkflowId } from '../../workflows/lifecycle/lifecycle.contract';
import { startTestApi, type TestApi } from '../harness/api';
import { useTestDatabase } from '../harness/db';
import { uniqueTaskQueue } from '../harness/temporal';
import { runAllotWorker } from '../workflow/fixtures/lifecycle-harness';
import { addAssignedCustomer, createWorld, HOUR, type World } from '../workflow/fixtures/lifecycle-world';
import { schemaErrors } from './customers.fixtures';

/**
 * Lifecycles in the running system (dev server, real HTTP): a customer assigned through the API gets
 * its lifecycle from the dispatcher, the customer view's lifecycle endpoint shows the current step and
 * due times, a follow-up logged through the API moves it on; reconciliation and its Schedule start what
 * is missing.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let world: World;
let client: Client;
let connection: NativeConnection;
let stopWorker: () => Promise<void>;
let dispatcher: LifecycleDispatcher;
const taskQueue = uniqueTaskQueue('dispatch');

beforeAll(async () => {
  db = await useTestDatabase('lcdispatch');
  world = await createWorld(db.conn, { flow: slaLadder });
  api = await startTestApi(db.conn);
  client = await (api.ctx.temporal as unknown as TemporalGateway).client();
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  ({ stop: stopWorker } = await runAllotWorker({ app: api.ctx, connection, client, taskQueue }));
  dispatcher = new LifecycleDispatcher(api.ctx, async () => client, { taskQueue, idleMinMs: 100, idleMaxMs: 400, jobsEveryMs: 300 }).start();
});

afterAll(async () => {
  await dispatcher?.stop();
  await stopWorker?.();
  await connection?.close();
  await api?.close();
  await db?.drop();
});

const loginOf = (repId: Types.ObjectId) => api.login(`u${String(repId)}@allot.test`);

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('assigned through the API → lifecycle started by the dispatcher → visible and moved on through the API', () => {
  it('shows the current step and due times, and a logged follow-up moves it to the next cadence', async () => {
    const customer = await world.models.Customer.create({ name: '深蓝科技', status: 'new', lifecycle: { needsStart: false } });
    const id = String(customer._id);
    const manager = await loginOf(world.managerRepId);
    const assigned = await api.call('POST', `/api/customers/${id}/assign`, { token: manager, body: { repId: String(world.ownerRepId), reason: '客户指定 / asked for by name' } });
    expect(assigned.status).toBe(200);

    const owner = await loginOf(world.ownerRepId);
    const view = await eventually('lifecycle visible', async () => {
      const r = await api.call<LifecycleViewT>('GET', `/api/customers/${id}/lifecycle`, { token: owner });
      return r.status === 200 && r.body.currentNode ? r.body : undefined;
    });
    expect(schemaErrors(LifecycleView, view)).toBe('');
    expect(view).toMatchObject({ running: true, workflowId: lifecycleWorkflowId(id), ownerId: String(world.ownerRepId), currentNode: { id: 'first24h', type: 'waitForFollowUp', waiting: true } });
    const assignedAt = (await world.models.Customer.findById(id).lean())!.assignedAt!.getTime();
    expect(view.dueTimes[0]).toMatchObject({ kind: 'followUp', nodeId: 'first24h', at: new Date(assignedAt + 24 * HOUR).toISOString() });
    expect(view.flow?.versionId).toBe(world.flowVersionId);
    expect((await world.models.Customer.findById(id).lean())?.lifecycle).toMatchObject({ needsStart: false, flowVersionId: new Types.ObjectId(world.flowVersionId) });

    const logged = await api.call('POST', `/api/customers/${id}/follow-ups`, { token: owner, body: { channel: 'phone', note: '已电话沟通', outcome: 'connected' } });
    expect(logged.status).toBe(201);
    const moved = await eventually('lifecycle moved on', async () => {
      const r = await api.call<LifecycleViewT>('GET', `/api/customers/${id}/lifecycle`, { token: owner });
      return r.body.currentNode?.id === 'cadence' ? r.body : undefined;
    });
    expect(moved.dueTimes[0]?.kind).toBe('followUp');
    expect(new Date(moved.dueTimes[0]!.at).getTime()).toBeGreaterThan(assignedAt + 6 * 24 * HOUR);
    expect(moved.recentSteps.map((s) => s.nodeId)).toEqual(expect.arrayContaining(['first24h', 'cadence']));
    const outbox = await world.models.LifecycleSignal.find({ customerId: id }).lean();
    expect(outbox.length).toBeGreaterThanOrEqual(2);
    expect(outbox.every((row) => row.deliveredAt instanceof Date)).toBe(true);
  });

  it('answers 404 without a lifecycle and to callers who cannot see the customer', async () => {
    const lone = await world.models.Customer.create({ name: '无人认领', status: 'new', lifecycle: { needsStart: false } });
    const admin = await api.login(world.adminEmail);
    const none = await api.call<{ error: { code: string } }>('GET', `/api/customers/${String(lone._id)}/lifecycle`, { token: admin });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('LIFECYCLE_NOT_FOUND');
    const mine = await addAssignedCustomer(world, { assignedAt: Date.now(), needsStart: true });
    const stranger = await loginOf(world.colleagueRepIds[0]!);
    const hidden = await api.call<{ error: { code: string } }>('GET', `/api/customers/${mine}/lifecycle`, { token: stranger });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
  });
});

describe('redistribution jobs', () => {
  it('the dispatcher starts a queued redistribution job; without an allocation flow a departed rep\'s customers go to the pool', async () => {
    const leaver = world.colleagueRepIds[1]!;
    const ids = [await addAssignedCustomer(world, { assignedAt: Date.now(), ownerId: leaver }), await addAssignedCustomer(world, { assignedAt: Date.now(), ownerId: leaver })];
    const adminId = String((await world.models.User.findOne({ email: world.adminEmail }).lean())!._id);
    const change = await changeRepStatus(api.ctx, { kind: 'user', id: adminId, name: 'admin', role: 'admin', teamIds: [], scopes: [] }, String(leaver), { status: 'departed', reason: '离职' });
    const jobId = change.redistributionJobId!;
    const job = await eventually('job finished', async () => {
      const j = await world.models.Job.findById(jobId).lean();
      return j?.status === 'succeeded' ? j : undefined;
    }, 60_000);
    expect(job).toMatchObject({ total: 2, processed: 2, counts: { pooled: 2, assigned: 0 } });
    for (const id of ids) expect((await world.models.Customer.findById(id).lean())?.status).toBe('inPool');
  });
});

describe('starting is idempotent; reconciliation and its Schedule start what is missing', () => {
  it('a second start returns the running lifecycle', async () => {
    const id = await addAssignedCustomer(world, { assignedAt: Date.now() });
    const a = await startLifecycle(client, id, taskQueue);
    const b = await startLifecycle(client, id, taskQueue);
    expect(b.firstExecutionRunId).toBe(a.firstExecutionRunId);
  });

  it('reconciliation starts lifecycles of owned customers that have none, and ends those whose customer left', async () => {
    const missing = [await addAssignedCustomer(world, { assignedAt: Date.now() }), await addAssignedCustomer(world, { assignedAt: Date.now() })];
    const leaving = await addAssignedCustomer(world, { assignedAt: Date.now() });
    await startLifecycle(client, leaving, taskQueue);
    await eventually('leaving listed as running', async () => ((await runningLifecycleCustomerIds(client, taskQueue)).has(leaving) ? true : undefined));
    await world.models.Customer.updateOne({ _id: leaving }, { $set: { status: 'lost', closedAt: new Date() } });

    const report = await reconcileLifecycles(api.ctx, client, taskQueue);
    expect(report.started).toBeGreaterThanOrEqual(2);
    expect(report.nudged).toBeGreaterThanOrEqual(1);
    for (const id of missing) {
      const s = await eventually('started', async () => ((await queryLifecycleStatus(client, id))?.ownership ? await queryLifecycleStatus(client, id) : undefined) ?? undefined);
      expect(s.ownership?.ownerId).toBe(String(world.ownerRepId));
    }
    const ended = await client.workflow.getHandle(lifecycleWorkflowId(leaving)).result();
    expect(ended).toMatchObject({ reason: 'closed:lost' });
  });

  it('the reconciliation Schedule exists and, when triggered, starts a missing lifecycle', async () => {
    const scheduleId = await ensureReconcileSchedule(client, taskQueue, '1 hour');
    expect(await ensureReconcileSchedule(client, taskQueue, '1 hour')).toBe(scheduleId);
    const handle = client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconcileLifecycles', taskQueue });
      const orphan = await addAssignedCustomer(world, { assignedAt: Date.now() });
      await handle.trigger();
      const s = await eventually('started by the schedule', async () => (await queryLifecycleStatus(client, orphan).catch(() => null)) ?? undefined, 60_000);
      expect(s.customerId).toBe(orphan);
    } finally {
      await handle.delete();
    }
  });
});
