import http from 'node:http';
import bcrypt from 'bcryptjs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSession } from '../../engine/api/auth/session-token';
import type { Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

/**
 * Claims racing for pool customers through real HTTP, at most 32 sockets at once: exactly one claim of
 * a customer wins, every other one is told why, and the counters equal the truth afterwards.
 */
const REPS = 20;
const clock = Date.parse('2026-04-01T02:00:00.000Z');
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let models: Models;
let admin: string;
let teamId: Types.ObjectId;
const reps: { repId: string; token: string }[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

interface Reply { status: number; body: { error?: { code: string }; customer?: { ownerId: string } } }

/** POST through the bounded agent (fetch would open a socket per request). */
function post(path: string, token: string): Promise<Reply> {
  const url = new URL(path, api.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Reply['body'] }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

async function newPool(name: string, rules: Record<string, unknown>): Promise<string> {
  const r = await api.call<{ id: string }>('POST', '/api/pools', { token: admin, body: { name, rules } });
  expect(r.status).toBe(201);
  return r.body.id;
}

async function poolCustomers(poolId: string, n: number): Promise<string[]> {
  const docs = await models.Customer.insertMany(
    Array.from({ length: n }, (_, i) => ({ name: `抢单客户 ${i}`, phone: `1390000${String(i).padStart(4, '0')}`, status: 'inPool', poolId: new Types.ObjectId(poolId) })),
  );
  return docs.map((d) => d._id.toString());
}

/** The truth the counters must equal: customers each rep holds, and claims per rep from a pool. */
async function expectCountersEqualTruth(poolId: string): Promise<Map<string, number>> {
  const owned = new Map<string, number>();
  for (const c of await models.Customer.find({ poolId: new Types.ObjectId(poolId), status: 'assigned' }).lean()) {
    owned.set(String(c.ownerId), (owned.get(String(c.ownerId)) ?? 0) + 1);
  }
  const claimed = await models.AssignmentEvent.find({ poolId: new Types.ObjectId(poolId), outcome: 'claimed' }).lean();
  expect(claimed).toHaveLength([...owned.values()].reduce((a, b) => a + b, 0));
  for (const { repId } of reps) {
    const rep = await models.Rep.findById(repId).lean();
    const counter = await models.ClaimCounter.findOne({ poolId: new Types.ObjectId(poolId), repId: new Types.ObjectId(repId) }).lean();
    const held = await models.Customer.countDocuments({ ownerId: new Types.ObjectId(repId), status: 'assigned' });
    expect(rep?.openCount, `openCount of ${repId}`).toBe(held);
    expect(counter?.count ?? 0, `claims today of ${repId}`).toBe(owned.get(repId) ?? 0);
  }
  return owned;
}

beforeAll(async () => {
  db = await useTestDatabase('poolrace');
  await seedDemo(db.conn, { reset: true, now: clock });
  api = await startTestApi(db.conn, { now: () => clock });
  models = api.ctx.models;
  admin = await api.login('admin@allot.demo');
  teamId = (await models.Team.findOne({ nameEn: 'Enterprise East' }).lean())?._id as Types.ObjectId;
  const hash = await bcrypt.hash('allot-demo', 4);
  for (let i = 0; i < REPS; i++) {
    const rep = await models.Rep.create({ name: `抢单${i}`, teamId, level: 2, capacity: 100, dailyCap: 50, timezone: 'Asia/Shanghai' });
    const user = await models.User.create({ email: `racer${i}@race.test`, passwordHash: hash, role: 'rep', repId: rep._id });
    // a real session token, signed as the login route signs it (the login route is rate-limited per address)
    const token = signSession({ u: user._id.toString(), v: 0, e: clock + 365 * 86_400_000 }, api.ctx.config.sessionSecret);
    reps.push({ repId: rep._id.toString(), token });
  }
});

afterAll(async () => {
  agent.destroy();
  await api?.close();
  await db?.drop();
});

describe('concurrent claims', () => {
  it('200 claims of one customer: exactly one succeeds, the rest are told it is no longer in the pool', async () => {
    const pool = await newPool('抢单公海', { claimsPerRepPerDay: 1000, maxHeldPerRep: 1000 });
    const [customerId] = await poolCustomers(pool, 1);
    const attempts = Array.from({ length: 200 }, (_, i) => reps[i % REPS] as { repId: string; token: string });
    const replies = await Promise.all(attempts.map((r) => post(`/api/pools/${pool}/customers/${customerId}/claim`, r.token)));

    const won = replies.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    const losers = replies.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(199);
    for (const r of losers) {
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('CLAIM_NOT_IN_POOL');
    }
    const customer = await models.Customer.findById(customerId).lean();
    expect(customer).toMatchObject({ status: 'assigned', version: 1 });
    expect(String(customer?.ownerId)).toBe(won[0]?.body.customer?.ownerId);
    const owned = await expectCountersEqualTruth(pool);
    expect([...owned.values()]).toEqual([1]);
  });

  it('100 claims of 10 customers by 10 reps under a daily limit of 2: one owner each, nobody above the limit, counters equal the truth', async () => {
    const pool = await newPool('限额抢单公海', { claimsPerRepPerDay: 2, maxHeldPerRep: 1000 });
    const ids = await poolCustomers(pool, 10);
    const attempts = ids.flatMap((id) => reps.slice(0, 10).map((r) => ({ id, rep: r })));
    const replies = await Promise.all(attempts.map(({ id, rep }) => post(`/api/pools/${pool}/customers/${id}/claim`, rep.token)));

    const codes = new Set(replies.filter((r) => r.status !== 200).map((r) => r.body.error?.code));
    for (const code of codes) expect(['CLAIM_NOT_IN_POOL', 'CLAIM_DAILY_LIMIT']).toContain(code);
    const won = replies.filter((r) => r.status === 200).length;
    expect(won).toBe(await models.Customer.countDocuments({ poolId: new Types.ObjectId(pool), status: 'assigned' }));
    expect(won).toBeLessThanOrEqual(10);
    const owned = await expectCountersEqualTruth(pool);
    for (const n of owned.values()) expect(n).toBeLessThanOrEqual(2);
    expect(won).toBeGreaterThanOrEqual(1);
  });
});
