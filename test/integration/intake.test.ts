import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import roundRobin from '../../templates/round-robin/flow.json';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { installActiveFlow } from '../harness/flows';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let admin: string;

beforeAll(async () => {
  db = await useTestDatabase('intake');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  admin = await api.login('admin@allot.demo');
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const body = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `测试客户 ${n}`,
  company: `测试公司 ${n}`,
  phone: `139${String(10_000_000 + n).slice(-8)}`,
  industry: 'manufacturing',
  province: '浙江',
  source: 'web',
  ...extra,
});

describe('POST /api/customers without an active flow', () => {
  it('keeps the customer, unassigned, and says why', async () => {
    const r = await api.call<{ outcome: string; customerId: string; why: { en: string } }>('POST', '/api/customers', { token: admin, body: body(1) });
    expect(r.status).toBe(201);
    expect(r.body.outcome).toBe('noActiveFlow');
    expect(r.body.why.en).toMatch(/No active allocation flow/);
    const stored = await getModels(db.conn).Customer.findById(r.body.customerId).lean();
    expect(stored?.status).toBe('new');
    expect(stored?.ownerId).toBeUndefined();
  });
});

describe('POST /api/customers with the round-robin template active', () => {
  beforeAll(async () => {
    await installActiveFlow(db.conn, roundRobin);
  });

  it('assigns, stores the owner once, counts the slot and writes the assignment event', async () => {
    const r = await api.call<{ outcome: string; customerId: string; ownerId: string }>('POST', '/api/customers', { token: admin, body: body(2) });
    expect(r.status).toBe(201);
    expect(r.body.outcome).toBe('assigned');
    const { Customer, Rep, AssignmentEvent, AuditLog } = getModels(db.conn);
    const c = await Customer.findById(r.body.customerId).lean();
    expect(String(c?.ownerId)).toBe(r.body.ownerId);
    expect(c?.status).toBe('assigned');
    expect(c?.lifecycle?.needsStart).toBe(true);
    const rep = await Rep.findById(r.body.ownerId).lean();
    expect(rep?.openCount).toBe(await Customer.countDocuments({ ownerId: r.body.ownerId, status: 'assigned' }));
    const ev = await AssignmentEvent.findOne({ customerId: r.body.customerId }).lean();
    expect(ev?.outcome).toBe('assigned');
    expect(ev?.path.length).toBeGreaterThan(1);
    expect(ev?.why.en.length).toBeGreaterThan(5);
    const audit = await AuditLog.findOne({ action: 'customers.create', 'target.id': r.body.customerId }).lean();
    expect(audit?.actor.name).toBeTruthy();
  });

  it('an Idempotency-Key retry returns the same customer and owner; another body with the key is refused', async () => {
    const headers = { 'idempotency-key': 'order-7781' };
    const first = await api.call<{ customerId: string; ownerId: string; replayed: boolean }>('POST', '/api/customers', { token: admin, body: body(3), headers });
    const again = await api.call<{ customerId: string; ownerId: string; replayed: boolean }>('POST', '/api/customers', { token: admin, body: body(3), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.customerId).toBe(first.body.customerId);
    expect(again.body.ownerId).toBe(first.body.ownerId);
    expect(again.body.replayed).toBe(true);
    expect(await getModels(db.conn).Customer.countDocuments({ name: body(3).name })).toBe(1);
    const other = await api.call<{ error: { code: string } }>('POST', '/api/customers', { token: admin, body: body(4), headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a duplicate by phone keeps its owner and is not stored again', async () => {
    const first = await api.call<{ customerId: string; ownerId: string }>('POST', '/api/customers', { token: admin, body: body(5) });
    const dup = await api.call<{ outcome: string; duplicateOf: string; ownerId: string }>('POST', '/api/customers', {
      token: admin,
      body: body(5, { name: 'Another name', company: 'Other Co' }),
    });
    expect(dup.status).toBe(200);
    expect(dup.body.outcome).toBe('duplicate');
    expect(dup.body.duplicateOf).toBe(first.body.customerId);
    expect(await getModels(db.conn).Customer.countDocuments({ phone: body(5).phone })).toBe(1);
  });

  it('refuses bad input with the field path, in the caller’s language, and stores nothing', async () => {
    const before = await getModels(db.conn).Customer.countDocuments();
    const missing = await api.call<{ error: { code: string; message: string; details: { path: string }[] } }>('POST', '/api/customers', {
      token: admin,
      body: { company: 'x' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d) => d.path)).toContain('/body/name');
    expect(missing.body.error.message).toMatch(/Missing required field/);
    const zh = await api.call<{ error: { message: string } }>('POST', '/api/customers', { token: admin, body: { name: 'x', $where: '1' } });
    expect(zh.status).toBe(400);
    expect(zh.body.error.message).toMatch(/不认识的字段/);
    const wrong = await api.call('POST', '/api/customers', { token: admin, body: { name: { $ne: null } } });
    expect(wrong.status).toBe(400);
    const notJson = await api.call<{ error: { code: string } }>('POST', '/api/customers', { token: admin, body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    const huge = await api.call('POST', '/api/customers', { token: admin, body: { name: 'x'.repeat(2_000_000) } });
    expect(huge.status).toBe(413);
    expect(await getModels(db.conn).Customer.countDocuments()).toBe(before);
  });

  it('needs a login; a rep may push a customer in', async () => {
    const anon = await api.call('POST', '/api/customers', { body: body(6) });
    expect(anon.status).toBe(401);
    const rep = await api.login('rep@allot.demo');
    const r = await api.call('POST', '/api/customers', { token: rep, body: body(7) });
    expect(r.status).toBe(201);
  });
});
