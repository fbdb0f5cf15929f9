import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LifecycleDispatcher } from '../../engine/temporal/lifecycle-dispatcher';
import { queryLifecycleStatus } from '../../engine/temporal/lifecycle-client';
import { freePort } from '../../scripts/stack/ports';
import { startTemporalDev, type EmbeddedTemporal } from '../../scripts/stack/temporal.service';
import { useTestDatabase } from '../harness/db';
import { uniqueTaskQueue } from '../harness/temporal';
import { runAllotWorker, testAppContext } from '../workflow/fixtures/lifecycle-harness';
import { addAssignedCustomer, createWorld, inboxOf, type World } from '../workflow/fixtures/lifecycle-world';

/**
 * The Temporal dev server (its own, with a SQLite file) is stopped in the middle of running lifecycles
 * and started again on the same port and file: the pending SLA timer still fires, and a follow-up
 * logged while the server was down reaches its lifecycle once it is back (the outbox keeps it).
 */
const pos = { x: 0, y: 0 };
const oneMinuteFlow = {
  schemaVersion: 1,
  id: 'restart-flow',
  name: '一分钟时限 One-minute SLA',
  kind: 'followUp',
  trigger: 'customerAssigned',
  nodes: [
    { id: 'start', type: 'trigger', version: 1, params: { on: 'customerAssigned' }, position: pos },
    { id: 'first', type: 'waitForFollowUp', version: 1, params: { sla: { amount: 1, unit: 'minutes' } }, position: pos },
    { id: 'remind', type: 'remind', version: 1, params: { message: { 'zh-CN': '请跟进 {{customer.name}}', en: 'Follow up with {{customer.name}}' } }, position: pos },
    { id: 'cadence', type: 'waitForFollowUp', version: 1, params: { sla: { amount: 10, unit: 'minutes' } }, position: pos },
    { id: 'end', type: 'end', version: 1, params: { reason: '' }, position: pos },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'first' },
    { id: 'e2', source: 'first', sourceHandle: 'timeout', target: 'remind' },
    { id: 'e3', source: 'remind', sourceHandle: 'next', target: 'end' },
    { id: 'e4', source: 'first', sourceHandle: 'done', target: 'cadence' },
    { id: 'e5', source: 'cadence', sourceHandle: 'done', target: 'cadence' },
    { id: 'e6', source: 'cadence', sourceHandle: 'timeout', target: 'end' },
  ],
};

let tmp: string;
let port: number;
let server: EmbeddedTemporal;
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let connection: Connection;
let native: NativeConnection;
let stopWorker: () => Promise<void>;
let dispatcher: LifecycleDispatcher;
const taskQueue = uniqueTaskQueue('restart');
const echoServer = process.env.ALLOT_TEST_ECHO === '1';
const dbFile = () => join(tmp, 'temporal.db');

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'allot-restart-'));
  port = await freePort();
  [server, db] = await Promise.all([startTemporalDev({ port, dbFile: dbFile(), headless: true, name: 'restart-temporal', echo: echoServer }), useTestDatabase('restart')]);
  world = await createWorld(db.conn, { flow: oneMinuteFlow });
  connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  native = await NativeConnection.connect({ address: server.address });
  const app = testAppContext(db.conn, client, server.address);
  ({ stop: stopWorker } = await runAllotWorker({ app, connection: native, client, taskQueue }));
  dispatcher = new LifecycleDispatcher(app, async () => client, { taskQueue, idleMinMs: 100, idleMaxMs: 300 }).start();
});

afterAll(async () => {
  await dispatcher?.stop();
  await stopWorker?.();
  await native?.close();
  await connection?.close();
  await server?.proc.stop();
  await db?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('a dev-server restart mid-run loses nothing: the pending timer fires, a follow-up logged meanwhile arrives', async () => {
  const client = new Client({ connection });
  const assignedAt = Date.now() - 40_000; // the one-minute SLA runs out ~20 s from now
  const timerCustomer = await addAssignedCustomer(world, { assignedAt, name: '计时客户', needsStart: true });
  const signalCustomer = await addAssignedCustomer(world, { assignedAt, name: '跟进客户', needsStart: true });
  for (const id of [timerCustomer, signalCustomer]) {
    await eventually('lifecycle started', async () => ((await queryLifecycleStatus(client, id))?.currentNode?.id === 'first' ? true : undefined));
  }

  await server.proc.stop();
  const loggedAt = new Date();
  await world.models.Customer.updateOne({ _id: signalCustomer }, { $set: { lastFollowUpAt: loggedAt } });
  await world.models.LifecycleSignal.create({ customerId: signalCustomer, kind: 'followUpLogged', at: loggedAt, payload: { at: loggedAt.toISOString() } });
  await new Promise((r) => setTimeout(r, 2_000)); // the dispatcher tries (and fails) while the server is down
  server = await startTemporalDev({ port, dbFile: dbFile(), headless: true, name: 'restart-temporal', echo: echoServer });

  const moved = await eventually('follow-up delivered after the restart', async () => {
    const s = await queryLifecycleStatus(client, signalCustomer);
    return s?.currentNode?.id === 'cadence' ? s : undefined;
  });
  expect(moved.recentSteps.map((s) => `${s.nodeId}:${s.result}`)).toContain('first:done');
  const row = await world.models.LifecycleSignal.findOne({ customerId: signalCustomer }).lean();
  expect(row?.deliveredAt).toBeInstanceOf(Date);

  const reminded = await eventually('timer fired after the restart', async () => {
    const r = (await inboxOf(world, world.ownerRepId, 'reminder')).filter((n) => n.body['zh-CN'].includes('计时客户'));
    return r.length > 0 ? r : undefined;
  });
  expect(reminded).toHaveLength(1);
  expect((await inboxOf(world, world.ownerRepId, 'reminder')).filter((n) => n.body['zh-CN'].includes('跟进客户'))).toHaveLength(0);
  const done = await client.workflow.getHandle(`customer-${timerCustomer}`).describe();
  expect(done.status.name).toBe('RUNNING'); // the flow ended at `end`; the lifecycle stays while the customer is owned
  const status = await queryLifecycleStatus(client, timerCustomer);
  expect(status).toMatchObject({ followUpEnded: true, currentNode: { id: 'end' } });
});
