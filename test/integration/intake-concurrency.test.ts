import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import roundRobin from '../../templates/round-robin/flow.json';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';
import { installActiveFlow } from '../harness/flows';
import { startApiProcess, type ApiProcess } from '../harness/api-process';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let servers: ApiProcess[] = [];

beforeAll(async () => {
  db = await useTestDatabase('concurrency');
  await seedDemo(db.conn, { reset: true });
  const { Rep, Customer } = getModels(db.conn);
  // Same eligible reps for the whole stream: plenty of room, no working-hours limits, no open load.
  await Customer.deleteMany({});
  await Rep.updateMany({}, { $set: { openCount: 0, todayCount: 0 } });
  await Rep.updateMany({ status: 'active' }, { $set: { capacity: 5000, dailyCap: 5000 }, $unset: { workingHours: 1 } });
  await installActiveFlow(db.conn, roundRobin);
  servers = await Promise.all([startApiProcess(db.uri), startApiProcess(db.uri)]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.drop();
});

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@allot.demo', password: 'allot-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

/** Runs `total` jobs with `clients` concurrent workers. */
async function pool<T>(total: number, clients: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

it('1,000 intakes from 32 clients over two API processes: each assigned once, round robin within one, retries idempotent', { timeout: 420_000 }, async () => {
  const token = await login(servers[0]!.baseUrl); // sessions are stateless: valid on both processes
  const send = (i: number, server = servers[i % 2]!) =>
    fetch(`${server.baseUrl}/api/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `load-${i}` },
      body: JSON.stringify({ name: `并发客户 ${i}`, phone: `137${String(i).padStart(8, '0')}`, industry: 'retail', province: '广东' }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { customerId: string; ownerId: string | null; outcome: string } }));

  const t0 = Date.now();
  const results = await pool(1000, 32, (i) => send(i));
  const secs = (Date.now() - t0) / 1000;
  console.log(`1000 intakes over 2 processes with 32 clients: ${secs.toFixed(1)} s (${(1000 / secs).toFixed(0)}/s)`);

  expect(results.filter((r) => r.status !== 201).map((r) => r.status)).toEqual([]);
  expect(results.every((r) => r.body.outcome === 'assigned')).toBe(true);

  const { Customer, Rep, AssignmentEvent } = getModels(db.conn);
  expect(await Customer.countDocuments()).toBe(1000);
  expect(await Customer.countDocuments({ status: 'assigned', ownerId: mongoose.trusted({ $exists: true }) })).toBe(1000);
  expect(await AssignmentEvent.countDocuments({ outcome: 'assigned' })).toBe(1000);

  // round robin across processes: counts never differ by more than one
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.body.ownerId!, (counts.get(r.body.ownerId!) ?? 0) + 1);
  const eligible = await Rep.find({ status: 'active', isManager: false }).lean();
  expect(counts.size).toBe(eligible.length);
  const values = [...counts.values()];
  expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);

  // counters equal the truth, and nobody is above capacity or daily cap
  for (const rep of await Rep.find().lean()) {
    const truth = await Customer.countDocuments({ ownerId: rep._id, status: 'assigned' });
    expect(rep.openCount, rep.name).toBe(truth);
    expect(rep.openCount).toBeLessThanOrEqual(rep.capacity);
    expect(rep.todayCount).toBeLessThanOrEqual(rep.dailyCap);
  }

  // retries (to the other process) return the same customer and owner, and store nothing new
  const retries = await pool(100, 16, (i) => send(i * 10, servers[(i * 10 + 1) % 2]!));
  retries.forEach((r, i) => {
    expect(r.body.customerId).toBe(results[i * 10]!.body.customerId);
    expect(r.body.ownerId).toBe(results[i * 10]!.body.ownerId);
  });
  expect(await Customer.countDocuments()).toBe(1000);
});

it('capacity is a hard limit under concurrency: nobody above it, the rest kept unassigned or pooled', { timeout: 300_000 }, async () => {
  const { Customer, Rep } = getModels(db.conn);
  await Customer.deleteMany({});
  await Rep.updateMany({ status: 'active' }, { $set: { capacity: 3, openCount: 0, todayCount: 0 } });
  const active = await Rep.countDocuments({ status: 'active', isManager: false });
  const token = await login(servers[1]!.baseUrl);
  const total = active * 3 + 20;
  const results = await pool(total, 32, (i) =>
    fetch(`${servers[i % 2]!.baseUrl}/api/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: `容量客户 ${i}`, phone: `136${String(i).padStart(8, '0')}` }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { outcome: string } })),
  );
  expect(results.every((r) => r.status === 201)).toBe(true);
  expect(results.filter((r) => r.body.outcome === 'assigned').length).toBe(active * 3);
  for (const rep of await Rep.find({ status: 'active', isManager: false }).lean()) {
    expect(rep.openCount).toBe(3);
    expect(await Customer.countDocuments({ ownerId: rep._id })).toBe(3);
  }
  expect(await Customer.countDocuments()).toBe(total);
});
