import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ROUTES } from '../../engine/api/routes';
import bcrypt from 'bcryptjs';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSession } from '../../engine/api/auth/session-token';
import { localDate } from '../../engine/data/local-date';
import type { Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

/**
 * Public pools through real HTTP: rules and their validation, visibility, masked contacts, every
 * claim rule refusing with its reason, and release with the previous-owner cooldown.
 */
const DAY = 86_400_000;
let clock = Date.parse('2026-04-01T02:00:00.000Z');
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let models: Models;
let admin: string;
let manager: string;
let lina: string;
let linaRepId: string;
let eastTeamId: string;
let southTeamId: string;
let demoPoolId: string;

interface ErrorBody { error: { code: string; message: string; details: { path: string; message: string }[] } }
interface PoolBody { id: string; name: string; rules: Record<string, unknown> & { visibleTeamIds: string[] }; customerCount: number }
interface ClaimBody { customer: { id: string; ownerId: string; phone: string | null; protectedUntil: string; version: number }; claimsToday: { count: number; limit: number }; held: { count: number; limit: number } }

async function makeRep(teamId: string, key: string, extra: Record<string, unknown> = {}): Promise<{ repId: string; token: string }> {
  const rep = await models.Rep.create({ name: `测试${key}`, nameEn: `Test ${key}`, teamId: new Types.ObjectId(teamId), level: 2, capacity: 100, dailyCap: 50, timezone: 'Asia/Shanghai', ...extra });
  const email = `${key}@pools.test`;
  const user = await models.User.create({ email, name: key, passwordHash: await bcrypt.hash('allot-demo', 4), role: 'rep', repId: rep._id });
  // a real session token, signed as the login route signs it (the login route is rate-limited per address)
  const token = signSession({ u: user._id.toString(), v: 0, e: clock + 365 * DAY }, api.ctx.config.sessionSecret);
  return { repId: rep._id.toString(), token };
}

async function poolCustomer(poolId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const c = await models.Customer.create({ name: '公海客户', phone: '13800005678', email: 'zhang.wei@example.com', status: 'inPool', poolId: new Types.ObjectId(poolId), industry: 'retail', ...extra });
  return c._id.toString();
}

async function createPool(name: string, rules: Record<string, unknown>): Promise<string> {
  const r = await api.call<PoolBody>('POST', '/api/pools', { token: admin, body: { name, rules } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

const claim = (token: string, poolId: string, customerId: string, body?: unknown) =>
  api.call<ClaimBody & ErrorBody>('POST', `/api/pools/${poolId}/customers/${customerId}/claim`, { token, body: body ?? {} });

const openOf = async (repId: string) => (await models.Rep.findById(repId).lean())?.openCount ?? -1;
const ownedOf = (repId: string) => models.Customer.countDocuments({ ownerId: new Types.ObjectId(repId), status: 'assigned' });

/** Every response this file gets from a declared route must match the schema the route declares for its status (the OpenAPI document). */
const contractAjv = new Ajv({ strict: false, allErrors: true });
addFormats.default(contractAjv);
const contractCache = new WeakMap<object, ValidateFunction>();
function checkContract(method: string, path: string, status: number, body: unknown): void {
  const url = path.split('?')[0] ?? path;
  const route = ROUTES.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(url));
  const schema = route?.responses[status];
  if (!route || !schema || !('type' in schema || 'anyOf' in schema)) return;
  let validate = contractCache.get(schema);
  if (!validate) contractCache.set(schema, (validate = contractAjv.compile(schema)));
  expect(validate(body), `${method} ${url} → ${status} does not match its declared schema: ${JSON.stringify(validate.errors)}`).toBe(true);
}

beforeAll(async () => {
  db = await useTestDatabase('pools');
  await seedDemo(db.conn, { reset: true, now: clock });
  api = await startTestApi(db.conn, { now: () => clock, env: { ALLOT_SESSION_TTL_HOURS: '100000' } });
  models = api.ctx.models;
  const rawCall = api.call.bind(api);
  api.call = (async (method: string, path: string, opts?: Parameters<TestApi['call']>[2]) => {
    const r = await rawCall(method, path, opts);
    checkContract(method, path, r.status, r.body);
    return r;
  }) as TestApi['call'];
  [admin, manager, lina] = await Promise.all([api.login('admin@allot.demo'), api.login('manager@allot.demo'), api.login('rep@allot.demo')]);
  const linaUser = await models.User.findOne({ email: 'rep@allot.demo' }).lean();
  linaRepId = String(linaUser?.repId);
  eastTeamId = String((await models.Team.findOne({ nameEn: 'Enterprise East' }).lean())?._id);
  southTeamId = String((await models.Team.findOne({ nameEn: 'Channel South' }).lean())?._id);
  demoPoolId = String((await models.Pool.findOne({ isDefault: true }).lean())?._id);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('pool rules', () => {
  it('creates and updates a pool with its rules (admin only)', async () => {
    const id = await createPool('规则测试公海', { claimsPerRepPerDay: 3, maxHeldPerRep: 40, visibleTeamIds: [southTeamId] });
    const got = await api.call<PoolBody>('GET', `/api/pools/${id}`, { token: admin });
    expect(got.body.rules).toMatchObject({ claimsPerRepPerDay: 3, maxHeldPerRep: 40, protectionDays: 7, previousOwnerCooldownDays: 30, visibleTeamIds: [southTeamId] });
    const upd = await api.call<PoolBody>('PATCH', `/api/pools/${id}`, { token: admin, body: { rules: { protectionDays: 14 } } });
    expect(upd.status).toBe(200);
    expect(upd.body.rules).toMatchObject({ claimsPerRepPerDay: 3, protectionDays: 14, visibleTeamIds: [southTeamId] });
    expect((await api.call('PATCH', `/api/pools/${id}`, { token: manager, body: { name: 'x' } })).status).toBe(403);
    expect((await api.call('POST', '/api/pools', { token: lina, body: { name: 'x' } })).status).toBe(403);
  });

  it('names the field of every invalid rule', async () => {
    const neg = await api.call<ErrorBody>('POST', '/api/pools', { token: admin, body: { name: 'bad', rules: { claimsPerRepPerDay: -1 } } });
    expect(neg.status).toBe(400);
    expect(neg.body.error.details.map((d) => d.path)).toContain('/body/rules/claimsPerRepPerDay');
    const team = await api.call<ErrorBody>('POST', '/api/pools', { token: admin, body: { name: 'bad', rules: { visibleTeamIds: [new Types.ObjectId().toHexString()] } } });
    expect(team.status).toBe(400);
    expect(team.body.error.details[0]?.path).toBe('/body/rules/visibleTeamIds/0');
    const unknown = await api.call<ErrorBody>('POST', '/api/pools', { token: admin, body: { name: 'bad', rules: { $where: '1' } } });
    expect(unknown.status).toBe(400);
    const grades = await api.call<ErrorBody>('POST', '/api/pools', { token: admin, body: { name: 'bad', rules: { perGrade: [{ grade: 'A' }, { grade: 'A' }] } } });
    expect(grades.status).toBe(400);
    expect(grades.body.error.details[0]?.path).toBe('/body/rules/perGrade/1/grade');
    const dup = await api.call<ErrorBody>('POST', '/api/pools', { token: admin, body: { name: '公海' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('POOL_NAME_TAKEN');
    expect(await models.Pool.countDocuments({ name: 'bad' })).toBe(0);
  });

  it('lists only the pools visible to the caller', async () => {
    const southOnly = await createPool('华南专属公海', { visibleTeamIds: [southTeamId] });
    const mine = await api.call<{ items: PoolBody[] }>('GET', '/api/pools', { token: lina });
    expect(mine.body.items.map((p) => p.id)).toContain(demoPoolId);
    expect(mine.body.items.map((p) => p.id)).not.toContain(southOnly);
    expect((await api.call('GET', `/api/pools/${southOnly}`, { token: lina })).status).toBe(404);
    expect((await api.call('GET', `/api/pools/${southOnly}/customers`, { token: lina })).status).toBe(404);
    const all = await api.call<{ items: PoolBody[] }>('GET', '/api/pools', { token: admin });
    expect(all.body.items.map((p) => p.id)).toContain(southOnly);
  });
});

describe('pool customers', () => {
  it('masks phone and email for everyone until claimed', async () => {
    const stored = await models.Customer.find({ poolId: new Types.ObjectId(demoPoolId), status: 'inPool' }).lean();
    expect(stored.length).toBeGreaterThan(10);
    for (const token of [lina, manager, admin]) {
      const seen: { phone: string | null; email: string | null; id: string }[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `?limit=20&cursor=${cursor}` : '?limit=20';
        const r = await api.call<{ items: { id: string; phone: string | null; email: string | null }[]; nextCursor: string | null }>('GET', `/api/pools/${demoPoolId}/customers${q}`, { token });
        expect(r.status).toBe(200);
        const raw = JSON.stringify(r.body);
        for (const c of stored) {
          if (c.phone) expect(raw).not.toContain(c.phone);
          if (c.email) expect(raw).not.toContain(c.email);
        }
        seen.push(...r.body.items);
        cursor = r.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(stored.length);
      expect(new Set(seen.map((c) => c.id)).size).toBe(stored.length);
      for (const c of seen) {
        if (c.phone !== null) expect(c.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
        if (c.email !== null) expect(c.email).toMatch(/^.\*\*\*@[^@]+$/);
      }
    }
    const example = await poolCustomer(demoPoolId);
    const r = await api.call<{ items: { id: string; phone: string; email: string }[] }>('GET', `/api/pools/${demoPoolId}/customers?limit=200`, { token: lina });
    expect(r.body.items.find((c) => c.id === example)).toMatchObject({ phone: '138****5678', email: 'z***@example.com' });
  });

  it('refuses operator injection in the filters', async () => {
    for (const q of ['grade[$ne]=x', 'cursor[$gt]=0', 'industry=a&$where=1']) {
      const r = await api.call<ErrorBody>('GET', `/api/pools/${demoPoolId}/customers?${q}`, { token: lina });
      expect(r.status, q).toBe(400);
    }
  });
});

describe('claim', () => {
  it('claims: owner set, protection period, counters, event, lifecycle start, contacts unmasked', async () => {
    const pool = await createPool('领取公海', { protectionDays: 5, claimsPerRepPerDay: 10, maxHeldPerRep: 500 });
    const id = await poolCustomer(pool);
    const openBefore = await openOf(linaRepId);
    const r = await claim(lina, pool, id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.customer).toMatchObject({ id, ownerId: linaRepId, phone: '13800005678', protectedUntil: new Date(clock + 5 * DAY).toISOString(), version: 1 });
    expect(r.body.claimsToday).toMatchObject({ count: 1, limit: 10 });
    const c = await models.Customer.findById(id).lean();
    expect(c).toMatchObject({ status: 'assigned', teamId: new Types.ObjectId(eastTeamId), version: 1, lifecycle: { needsStart: true } });
    expect(c?.claimedAt?.getTime()).toBe(clock);
    expect(await openOf(linaRepId)).toBe(openBefore + 1);
    expect(await openOf(linaRepId)).toBe(await ownedOf(linaRepId));
    const events = await models.AssignmentEvent.find({ customerId: new Types.ObjectId(id) }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'claimed', ownerId: new Types.ObjectId(linaRepId), poolId: new Types.ObjectId(pool) });
    const audit = await models.AuditLog.findOne({ action: 'pools.claim', 'target.id': id }).lean();
    expect(audit).not.toBeNull();
  });

  it('CLAIM_DAILY_LIMIT: the per-rep-per-day counter stops at the limit; the next local day starts again', async () => {
    const pool = await createPool('每日上限公海', { claimsPerRepPerDay: 2 });
    const rep = await makeRep(eastTeamId, 'daily');
    const ids = await Promise.all([1, 2, 3].map(() => poolCustomer(pool)));
    expect((await claim(rep.token, pool, ids[0] as string)).status).toBe(200);
    expect((await claim(rep.token, pool, ids[1] as string)).status).toBe(200);
    const third = await claim(rep.token, pool, ids[2] as string);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('CLAIM_DAILY_LIMIT');
    expect(third.body.error.details[0]?.path).toBe('/rules/claimsPerRepPerDay');
    const counter = await models.ClaimCounter.findOne({ poolId: new Types.ObjectId(pool), repId: new Types.ObjectId(rep.repId) }).lean();
    expect(counter).toMatchObject({ count: 2, date: localDate(clock, 'Asia/Shanghai') });
    expect(await openOf(rep.repId)).toBe(2);
    const saved = clock;
    clock += DAY;
    try {
      expect((await claim(rep.token, pool, ids[2] as string)).status).toBe(200);
    } finally {
      clock = saved;
    }
  });

  it('CLAIM_MAX_HELD: the open count must stay below maxHeldPerRep, and the day counter is given back', async () => {
    const pool = await createPool('持有上限公海', { maxHeldPerRep: 2 });
    const rep = await makeRep(eastTeamId, 'held');
    const ids = await Promise.all([1, 2, 3].map(() => poolCustomer(pool)));
    expect((await claim(rep.token, pool, ids[0] as string)).status).toBe(200);
    expect((await claim(rep.token, pool, ids[1] as string)).status).toBe(200);
    const r = await claim(rep.token, pool, ids[2] as string);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CLAIM_MAX_HELD');
    expect(r.body.error.message).toMatch(/2/);
    expect(await openOf(rep.repId)).toBe(2);
    const counter = await models.ClaimCounter.findOne({ poolId: new Types.ObjectId(pool), repId: new Types.ObjectId(rep.repId) }).lean();
    expect(counter?.count).toBe(2);
    expect((await models.Customer.findById(ids[2]).lean())?.status).toBe('inPool');
  });

  it('CLAIM_NOT_IN_POOL: 409 after someone else got it, 404 for a customer that is not in this pool', async () => {
    const pool = await createPool('竞争公海', {});
    const other = await makeRep(eastTeamId, 'racer');
    const id = await poolCustomer(pool);
    expect((await claim(other.token, pool, id)).status).toBe(200);
    const late = await claim(lina, pool, id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CLAIM_NOT_IN_POOL');
    const owned = await models.Customer.findOne({ status: 'assigned', poolId: null }).lean();
    const foreign = await claim(lina, pool, String(owned?._id));
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('CLAIM_NOT_IN_POOL');
    const elsewhere = await poolCustomer(demoPoolId);
    expect((await claim(lina, pool, elsewhere)).body.error.code).toBe('CLAIM_NOT_IN_POOL');
  });

  it('CLAIM_NOT_VISIBLE: the rep’s team must see the pool', async () => {
    const pool = await createPool('华南可见公海', { visibleTeamIds: [southTeamId] });
    const id = await poolCustomer(pool);
    const r = await claim(lina, pool, id);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('CLAIM_NOT_VISIBLE');
    const southRep = await makeRep(southTeamId, 'southie');
    expect((await claim(southRep.token, pool, id)).status).toBe(200);
  });

  it('CLAIM_REP_INACTIVE, CLAIM_FOR_OTHER_FORBIDDEN and claims on behalf of a rep', async () => {
    const pool = await createPool('代领公海', {});
    const id = await poolCustomer(pool);
    const onLeave = await models.Rep.findOne({ nameEn: 'Zhang Wei' }).lean();
    const refused = await claim(manager, pool, id, { repId: String(onLeave?._id) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CLAIM_REP_INACTIVE');
    const wangLei = await models.Rep.findOne({ nameEn: 'Wang Lei' }).lean();
    const forOther = await claim(lina, pool, id, { repId: String(wangLei?._id) });
    expect(forOther.status).toBe(403);
    expect(forOther.body.error.code).toBe('CLAIM_FOR_OTHER_FORBIDDEN');
    const zhouJie = await models.Rep.findOne({ nameEn: 'Zhou Jie' }).lean();
    expect((await claim(manager, pool, id, { repId: String(zhouJie?._id) })).status).toBe(403);
    const adminNoRep = await claim(admin, pool, id);
    expect(adminNoRep.status).toBe(400);
    expect(adminNoRep.body.error.code).toBe('CLAIM_REP_REQUIRED');
    const ok = await claim(manager, pool, id, { repId: String(wangLei?._id) });
    expect(ok.status).toBe(200);
    expect(ok.body.customer.ownerId).toBe(String(wangLei?._id));
    const ev = await models.AssignmentEvent.findOne({ customerId: new Types.ObjectId(id), outcome: 'claimed' }).lean();
    expect(ev?.actor).toMatchObject({ kind: 'user', name: '陈静 / Chen Jing' });
    expect(ev?.why.en).toContain('for Wang Lei');
  });
});

describe('release', () => {
  it('returns the customer to its pool with the reason and a cooldown that refuses the previous owner', async () => {
    const pool = await createPool('退回公海', { previousOwnerCooldownDays: 10 });
    const rep = await makeRep(eastTeamId, 'releaser');
    const other = await makeRep(eastTeamId, 'taker');
    const id = await poolCustomer(pool);
    expect((await claim(rep.token, pool, id)).status).toBe(200);
    expect(await openOf(rep.repId)).toBe(1);

    expect((await api.call('POST', `/api/customers/${id}/release`, { token: other.token, body: { reason: '不是我的' } })).status).toBe(404);
    await models.Customer.updateOne({ _id: id }, { $set: { collaboratorIds: [new Types.ObjectId(other.repId)] } });
    const collab = await api.call<ErrorBody>('POST', `/api/customers/${id}/release`, { token: other.token, body: { reason: '协同也不行' } });
    expect(collab.status).toBe(403);
    const noReason = await api.call<ErrorBody>('POST', `/api/customers/${id}/release`, { token: rep.token, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]?.path).toBe('/body/reason');

    const r = await api.call<{ poolId: string; cooldownUntil: string; previousOwnerId: string }>('POST', `/api/customers/${id}/release`, { token: rep.token, body: { reason: '客户暂无预算' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ poolId: pool, previousOwnerId: rep.repId, cooldownUntil: new Date(clock + 10 * DAY).toISOString() });
    const c = await models.Customer.findById(id).lean();
    expect(c?.status).toBe('inPool');
    expect(c?.ownerId).toBeUndefined();
    expect(c?.collaboratorIds).toEqual([]);
    expect(c?.previousOwners.map((p) => String(p.repId))).toEqual([rep.repId]);
    expect(await openOf(rep.repId)).toBe(0);
    const ev = await models.AssignmentEvent.findOne({ customerId: new Types.ObjectId(id), outcome: 'released' }).lean();
    expect(ev?.why['zh-CN']).toContain('客户暂无预算');
    expect(await models.LifecycleSignal.countDocuments({ customerId: new Types.ObjectId(id), kind: 'released' })).toBe(1);
    expect((await api.call<ErrorBody>('POST', `/api/customers/${id}/release`, { token: admin, body: { reason: 'again' } })).body.error.code).toBe('RELEASE_NOT_OWNED');

    const back = await claim(rep.token, pool, id);
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('CLAIM_COOLDOWN');
    expect(back.body.error.details[0]?.path).toBe('/rules/previousOwnerCooldownDays');
    const listed = await api.call<{ items: { id: string; myCooldownUntil: string | null }[] }>('GET', `/api/pools/${pool}/customers`, { token: rep.token });
    expect(listed.body.items.find((x) => x.id === id)?.myCooldownUntil).toBe(new Date(clock + 10 * DAY).toISOString());
    expect(await ownedOf(rep.repId)).toBe(0);
    expect(await models.ClaimCounter.findOne({ poolId: new Types.ObjectId(pool), repId: new Types.ObjectId(rep.repId) }).lean()).toMatchObject({ count: 1 });

    const saved = clock;
    clock += 11 * DAY;
    try {
      expect((await claim(rep.token, pool, id)).status).toBe(200);
    } finally {
      clock = saved;
    }
  });

  it('a manager releases a team customer to the default pool, and the owner’s open count follows', async () => {
    const customer = await models.Customer.findOne({ status: 'assigned', teamId: new Types.ObjectId(eastTeamId), ownerId: mongoose.trusted({ $ne: new Types.ObjectId(linaRepId) }), poolId: null }).lean();
    const ownerId = String(customer?.ownerId);
    const before = await openOf(ownerId);
    const r = await api.call<{ poolId: string }>('POST', `/api/customers/${String(customer?._id)}/release`, { token: manager, body: { reason: '主管回收' } });
    expect(r.status).toBe(200);
    expect(r.body.poolId).toBe(demoPoolId);
    expect(await openOf(ownerId)).toBe(before - 1);
    expect(await openOf(ownerId)).toBe(await ownedOf(ownerId));
  });
});
