import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import roundRobin from '../../templates/round-robin/flow.json';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';
import { installActiveFlow } from '../harness/flows';
import { startApiProcess, type ApiProcess } from '../harness/api-process';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
const procs: ApiProcess[] = [];

beforeAll(async () => {
  db = await useTestDatabase('crash');
  await seedDemo(db.conn, { reset: true });
  await installActiveFlow(db.conn, roundRobin);
});
afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop('SIGKILL')));
  await db?.drop();
});

async function token(base: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@allot.demo', password: 'allot-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

const intake = (base: string, tok: string, i: number) =>
  fetch(`${base}/api/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}`, 'idempotency-key': `crash-${i}` },
    body: JSON.stringify({ name: `崩溃测试 ${i}`, phone: `135${String(i).padStart(8, '0')}` }),
  }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { customerId?: string; ownerId?: string } }),
    () => ({ status: 0, body: {} }),
  );

it('a process killed between taking a rep’s slot and writing the customer leaves no half-assigned customer; reconciliation restores the counters', async () => {
  const { Customer, Rep } = getModels(db.conn);
  const before = await Customer.countDocuments();

  // this process dies (SIGKILL) on its 5th decision, right after the round-robin turn and the rep slot are taken
  const doomed = await startApiProcess(db.uri, { ALLOT_FAULT_POINT: 'intake.afterHold', ALLOT_FAULT_AFTER: '5' });
  procs.push(doomed);
  const tok = await token(doomed.baseUrl);
  const first = [];
  for (let i = 0; i < 5; i++) first.push(await intake(doomed.baseUrl, tok, i));
  expect(first.slice(0, 4).every((r) => r.status === 201)).toBe(true);
  expect(first[4]!.status).toBe(0); // the connection died with the process
  expect([null, 137]).toContain(await doomed.stop()); // killed by SIGKILL (no exit code; 137 through a wrapper)

  // the 5th customer was never written: nothing half-assigned
  expect(await Customer.countDocuments()).toBe(before + 4);
  expect(await Customer.countDocuments({ name: '崩溃测试 4' })).toBe(0);
  // …but one rep's open count is one too many
  const drift = async () => {
    let d = 0;
    for (const r of await Rep.find().lean()) d += r.openCount - (await Customer.countDocuments({ ownerId: r._id, status: 'assigned' }));
    return d;
  };
  expect(await drift()).toBe(1);

  // a healthy process takes over; the client retries the lost request with its Idempotency-Key
  const healthy = await startApiProcess(db.uri, { ALLOT_IDEMPOTENCY_LEASE_MS: '500' });
  procs.push(healthy);
  const tok2 = await token(healthy.baseUrl);
  const retried = await intake(healthy.baseUrl, tok2, 4);
  expect(retried.status).toBe(201);
  expect(await Customer.countDocuments({ name: '崩溃测试 4' })).toBe(1);
  // the dead intake had reserved the phone's dedupe key; a later customer with that phone is still a duplicate of the stored one
  const twin = await fetch(`${healthy.baseUrl}/api/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tok2}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: '崩溃测试 4 的重复', phone: '135-0000-0004' }),
  });
  expect(((await twin.json()) as { outcome: string; duplicateOf: string }).duplicateOf).toBe((retried.body as { customerId?: string }).customerId);

  // reconciliation proves the counters equal the truth again
  const r = await fetch(`${healthy.baseUrl}/api/maintenance/reconcile-counters`, { method: 'POST', headers: { authorization: `Bearer ${tok2}` } });
  const fixed = ((await r.json()) as { fixed: { openCount: { was: number; now: number } }[] }).fixed;
  expect(fixed.some((f) => f.openCount.was === f.openCount.now + 1)).toBe(true);
  expect(await drift()).toBe(0);
  // every stored customer is whole: assigned ones have an owner, the others none
  expect(await Customer.countDocuments({ status: 'assigned', ownerId: mongoose.trusted({ $exists: false }) })).toBe(0);
  expect(await Customer.countDocuments({ status: 'new', ownerId: mongoose.trusted({ $exists: true }) })).toBe(0);
});
