import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ROUTES } from '../../engine/api/routes';
import bcrypt from 'bcryptjs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSession } from '../../engine/api/auth/session-token';
import type { Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

/** Follow-ups through real HTTP: who may log them, validation, lastFollowUpAt only forward, the lifecycle outbox, the list. */
const MIN = 60_000;
const clock = Date.parse('2026-04-01T02:00:00.000Z');
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let models: Models;
let admin: string;
let manager: string;
let lina: string;
let linaRepId: string;
let wangLeiToken: string;
let linaCustomer: string;
let wangLeiCustomer: string;

interface ErrorBody { error: { code: string; details: { path: string; message: string }[] } }
interface FollowUp { id: string; at: string; repId: string; outcome: string; channel: string; note: string; nextFollowUpAt: string | null }
interface PageBody { items: FollowUp[]; nextCursor: string | null }

const post = (token: string, customerId: string, body: unknown) => api.call<FollowUp & ErrorBody>('POST', `/api/customers/${customerId}/follow-ups`, { token, body });
const lastFollowUpAt = async (id: string) => (await models.Customer.findById(id).lean())?.lastFollowUpAt?.getTime() ?? null;

/** A fresh assigned customer (no follow-ups yet) owned by `ownerId`. */
async function ownedCustomer(ownerId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const owner = await models.Rep.findById(ownerId).lean();
  const c = await models.Customer.create({ name: '跟进客户', status: 'assigned', ownerId: new Types.ObjectId(ownerId), teamId: owner?.teamId, assignedAt: new Date(clock - 3 * 86_400_000), ...extra });
  return c._id.toString();
}

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
  db = await useTestDatabase('followups');
  await seedDemo(db.conn, { reset: true, now: clock });
  api = await startTestApi(db.conn, { now: () => clock });
  models = api.ctx.models;
  const rawCall = api.call.bind(api);
  api.call = (async (method: string, path: string, opts?: Parameters<TestApi['call']>[2]) => {
    const r = await rawCall(method, path, opts);
    checkContract(method, path, r.status, r.body);
    return r;
  }) as TestApi['call'];
  [admin, manager, lina] = await Promise.all([api.login('admin@allot.demo'), api.login('manager@allot.demo'), api.login('rep@allot.demo')]);
  linaRepId = String((await models.User.findOne({ email: 'rep@allot.demo' }).lean())?.repId);
  const wangLei = await models.Rep.findOne({ nameEn: 'Wang Lei' }).lean();
  const user = await models.User.create({ email: 'wanglei@followups.test', passwordHash: await bcrypt.hash('allot-demo', 4), role: 'rep', repId: wangLei?._id });
  wangLeiToken = signSession({ u: user._id.toString(), v: 0, e: clock + 86_400_000 }, api.ctx.config.sessionSecret);
  linaCustomer = await ownedCustomer(linaRepId);
  wangLeiCustomer = await ownedCustomer(String(wangLei?._id));
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('logging a follow-up', () => {
  it('the owner logs one: stored, lastFollowUpAt set, the lifecycle outbox told', async () => {
    const r = await post(lina, linaCustomer, { channel: 'phone', note: '电话沟通需求', outcome: 'connected', nextStep: '发送方案', nextFollowUpAt: new Date(clock + 2 * 86_400_000).toISOString() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ at: new Date(clock).toISOString(), repId: linaRepId, channel: 'phone', outcome: 'connected', nextFollowUpAt: new Date(clock + 2 * 86_400_000).toISOString() });
    expect(await lastFollowUpAt(linaCustomer)).toBe(clock);
    const signal = await models.LifecycleSignal.findOne({ customerId: new Types.ObjectId(linaCustomer), kind: 'followUpLogged' }).lean();
    expect(signal).toMatchObject({ at: new Date(clock), attempts: 0 });
    expect(signal?.deliveredAt).toBeUndefined();
    expect(signal?.payload).toMatchObject({ followUpId: r.body.id, repId: linaRepId, outcome: 'connected' });
    expect(await models.AuditLog.countDocuments({ action: 'followUps.create', 'target.id': r.body.id })).toBe(1);
  });

  it('moves lastFollowUpAt only forward, also under concurrent posts', async () => {
    const id = await ownedCustomer(linaRepId);
    expect((await post(lina, id, { at: new Date(clock - 60 * MIN).toISOString(), channel: 'wechat', note: 'a', outcome: 'noAnswer' })).status).toBe(201);
    expect(await lastFollowUpAt(id)).toBe(clock - 60 * MIN);
    expect((await post(lina, id, { at: new Date(clock - 120 * MIN).toISOString(), channel: 'email', note: 'older, logged late', outcome: 'other' })).status).toBe(201);
    expect(await lastFollowUpAt(id)).toBe(clock - 60 * MIN);
    const offsets = [50, 5, 45, 10, 40, 15, 35, 20, 30, 25];
    const replies = await Promise.all(offsets.map((m) => post(lina, id, { at: new Date(clock - m * MIN).toISOString(), channel: 'phone', note: `t-${m}`, outcome: 'interested' })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(await lastFollowUpAt(id)).toBe(clock - 5 * MIN);
    expect(await models.FollowUp.countDocuments({ customerId: new Types.ObjectId(id) })).toBe(12);
  });

  it('accepts a clock a little ahead, refuses the future, and names every bad field', async () => {
    expect((await post(lina, linaCustomer, { at: new Date(clock + 30_000).toISOString(), channel: 'visit', note: 'ok', outcome: 'dealProgress' })).status).toBe(201);
    const cases: [unknown, string][] = [
      [{ at: new Date(clock + 2 * MIN).toISOString(), channel: 'phone', note: 'x', outcome: 'connected' }, '/body/at'],
      [{ channel: 'fax', note: 'x', outcome: 'connected' }, '/body/channel'],
      [{ channel: 'phone', note: 'x'.repeat(2001), outcome: 'connected' }, '/body/note'],
      [{ channel: 'phone', note: 'x', outcome: 'won' }, '/body/outcome'],
      [{ channel: 'phone', outcome: 'connected' }, '/body/note'],
      [{ channel: 'phone', note: { $ne: null }, outcome: 'connected' }, '/body/note'],
      [{ channel: 'phone', note: 'x', outcome: 'connected', at: 'yesterday' }, '/body/at'],
      [{ channel: 'phone', note: 'x', outcome: 'connected', nextFollowUpAt: new Date(clock - MIN).toISOString() }, '/body/nextFollowUpAt'],
      [{ channel: 'phone', note: 'x', outcome: 'connected', repId: linaRepId }, '/body'],
    ];
    const before = await models.FollowUp.countDocuments();
    for (const [body, path] of cases) {
      const r = await post(lina, linaCustomer, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.details.map((d) => d.path), JSON.stringify(body).slice(0, 80)).toContain(path);
    }
    expect(await models.FollowUp.countDocuments()).toBe(before);
  });

  it('only the owner or a collaborator: others get 404 when they cannot see it, 403 when they can', async () => {
    const bola = await post(lina, wangLeiCustomer, { channel: 'phone', note: '越权', outcome: 'connected' });
    expect(bola.status).toBe(404);
    expect((await post(wangLeiToken, linaCustomer, { channel: 'phone', note: '越权', outcome: 'connected' })).status).toBe(404);
    const mgr = await post(manager, wangLeiCustomer, { channel: 'phone', note: '主管不是负责人', outcome: 'connected' });
    expect(mgr.status).toBe(403);
    expect(mgr.body.error.code).toBe('FOLLOW_UP_NOT_ALLOWED');
    expect((await post(admin, wangLeiCustomer, { channel: 'phone', note: 'admin', outcome: 'connected' })).status).toBe(403);
    expect(await models.FollowUp.countDocuments({ customerId: new Types.ObjectId(wangLeiCustomer) })).toBe(0);
    expect(await lastFollowUpAt(wangLeiCustomer)).toBeNull();

    await models.Customer.updateOne({ _id: wangLeiCustomer }, { $set: { collaboratorIds: [new Types.ObjectId(linaRepId)] } });
    const collab = await post(lina, wangLeiCustomer, { channel: 'meeting', note: '协同拜访', outcome: 'interested' });
    expect(collab.status).toBe(201);
    expect(collab.body.repId).toBe(linaRepId);
    expect(await lastFollowUpAt(wangLeiCustomer)).toBe(clock);
  });
});

describe('listing follow-ups', () => {
  it('newest first, cursor pages without gaps or repeats', async () => {
    const id = await ownedCustomer(linaRepId);
    const ats = [90, 10, 50, 30, 70, 30, 20].map((m) => clock - m * MIN);
    for (const at of ats) expect((await post(lina, id, { at: new Date(at).toISOString(), channel: 'phone', note: 'n', outcome: 'connected' })).status).toBe(201);
    const seen: FollowUp[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: PageBody } = await api.call<PageBody>('GET', `/api/customers/${id}/follow-ups?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: lina });
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen.map((f) => Date.parse(f.at))).toEqual([...ats].sort((a, b) => b - a));
    expect(new Set(seen.map((f) => f.id)).size).toBe(ats.length);
  });

  it('anyone who can see the customer reads them; others get 404; a bad cursor is a 400', async () => {
    expect((await api.call<PageBody>('GET', `/api/customers/${wangLeiCustomer}/follow-ups`, { token: manager })).body.items.length).toBeGreaterThan(0);
    expect((await api.call('GET', `/api/customers/${linaCustomer}/follow-ups`, { token: wangLeiToken })).status).toBe(404);
    expect((await api.call('GET', `/api/customers/${new Types.ObjectId().toHexString()}/follow-ups`, { token: admin })).status).toBe(404);
    const bad = await api.call<ErrorBody>('GET', `/api/customers/${linaCustomer}/follow-ups?cursor=%7B%22%24ne%22%3Anull%7D`, { token: lina });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.path).toBe('/query/cursor');
    expect((await api.call('GET', `/api/customers/${linaCustomer}/follow-ups?customerId[$ne]=1`, { token: lina })).status).toBe(400);
  });
});
