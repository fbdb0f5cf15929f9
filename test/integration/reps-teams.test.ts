import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ROUTES } from '../../engine/api/routes';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../engine/core/common/localized';
import type { Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { recomputeStatsForClosedDeal } from '../../engine/services/reps/rep-stats.service';
import { settleLeaveStatuses } from '../../engine/services/reps/rep-status.service';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

/** Reps and teams through real HTTP: role scoping, validation, status changes, the load view and the capability profile. */
const H = 3_600_000;
const DAY = 24 * H;
// 10:00 on 1 April in Shanghai, 19:00 on 31 March in Los Angeles
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

interface ErrorBody { error: { code: string; details: { path: string; message: string }[] } }
interface RepBody { id: string; name: string; teamId: string; status: string; isManager: boolean; capacity: number; todayCount: number; leaveFrom: string | null; stats: Record<string, unknown> }
interface LoadItem { repId: string; status: string; onLeaveNow: boolean; open: { count: number; capacity: number; ratio: number | null }; today: { date: string; count: number; cap: number }; profile: { industries: string[] }; stats: { winRateByIndustry: unknown[] } }
interface LoadBody { items: LoadItem[]; totals: { reps: number; open: number; capacity: number; today: number; dailyCap: number } }

const repBody = (teamId: string, name: string, extra: Record<string, unknown> = {}) => ({ name, teamId, level: 2, capacity: 30, dailyCap: 5, industries: ['finance'], ...extra });

async function createRepAsAdmin(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api.call<RepBody>('POST', '/api/reps', { token: admin, body: repBody(eastTeamId, name, extra) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
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
  db = await useTestDatabase('repsteams');
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
  linaRepId = String((await models.User.findOne({ email: 'rep@allot.demo' }).lean())?.repId);
  eastTeamId = String((await models.Team.findOne({ nameEn: 'Enterprise East' }).lean())?._id);
  southTeamId = String((await models.Team.findOne({ nameEn: 'Channel South' }).lean())?._id);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('role scoping', () => {
  it('a rep reads only their own profile and edits nothing', async () => {
    const list = await api.call<{ items: RepBody[] }>('GET', '/api/reps', { token: lina });
    expect(list.body.items.map((r) => r.id)).toEqual([linaRepId]);
    expect((await api.call('GET', `/api/reps/${linaRepId}`, { token: lina })).status).toBe(200);
    const other = await models.Rep.findOne({ nameEn: 'Wang Lei' }).lean();
    expect((await api.call('GET', `/api/reps/${String(other?._id)}`, { token: lina })).status).toBe(404);
    expect((await api.call('PATCH', `/api/reps/${linaRepId}`, { token: lina, body: { capacity: 999 } })).status).toBe(403);
    expect((await api.call('POST', '/api/reps', { token: lina, body: repBody(eastTeamId, 'x') })).status).toBe(403);
    expect((await api.call('POST', `/api/reps/${linaRepId}/status`, { token: lina, body: { status: 'departed', reason: 'x' } })).status).toBe(403);
    expect((await api.call('POST', '/api/teams', { token: lina, body: { name: 'x' } })).status).toBe(403);
    expect((await api.call('POST', '/api/reps/stats/recompute', { token: lina, body: {} })).status).toBe(403);
    const load = await api.call<LoadBody>('GET', '/api/reps/load', { token: lina });
    expect(load.body.items.map((i) => i.repId)).toEqual([linaRepId]);
    expect((await models.Rep.findById(linaRepId).lean())?.capacity).toBe(60);
  });

  it('a manager manages only the reps of their teams', async () => {
    const list = await api.call<{ items: RepBody[] }>('GET', '/api/reps?limit=200', { token: manager });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(new Set(list.body.items.map((r) => r.teamId))).toEqual(new Set([eastTeamId]));
    const south = await models.Rep.findOne({ nameEn: 'Zhou Jie' }).lean();
    const southId = String(south?._id);
    expect((await api.call('GET', `/api/reps/${southId}`, { token: manager })).status).toBe(404);
    expect([403, 404]).toContain((await api.call('PATCH', `/api/reps/${southId}`, { token: manager, body: { capacity: 1 } })).status);
    expect([403, 404]).toContain((await api.call('POST', `/api/reps/${southId}/status`, { token: manager, body: { status: 'departed', reason: 'x' } })).status);
    expect((await models.Rep.findById(southId).lean())).toMatchObject({ capacity: south?.capacity, status: 'active' });
    expect((await api.call('POST', '/api/reps', { token: manager, body: repBody(southTeamId, '越界新人') })).status).toBe(403);

    const created = await api.call<RepBody>('POST', '/api/reps', { token: manager, body: repBody(eastTeamId, '东区新人', { isNewHire: true }) });
    expect(created.status).toBe(201);
    const moved = await api.call('PATCH', `/api/reps/${created.body.id}`, { token: manager, body: { teamId: southTeamId } });
    expect(moved.status).toBe(403);
    const upd = await api.call<RepBody>('PATCH', `/api/reps/${created.body.id}`, { token: manager, body: { capacity: 45, regions: ['上海'], workingHours: { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } } });
    expect(upd.status).toBe(200);
    expect(upd.body.capacity).toBe(45);
    expect(await models.AuditLog.countDocuments({ action: 'reps.update', 'target.id': created.body.id })).toBe(1);
  });

  it('page through reps with a cursor', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: RepBody[]; nextCursor: string | null } } = await api.call('GET', `/api/reps?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      expect(r.status).toBe(200);
      ids.push(...r.body.items.map((x) => x.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(ids.length).toBe(await models.Rep.countDocuments());
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('validation', () => {
  it('names the offending field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/reps', repBody(eastTeamId, 'x', { level: 9 }), '/body/level'],
      ['POST', '/api/reps', repBody(eastTeamId, 'x', { capacity: 1.5 }), '/body/capacity'],
      ['POST', '/api/reps', repBody(eastTeamId, 'x', { timezone: 'Mars/Olympus' }), '/body/timezone'],
      ['POST', '/api/reps', repBody(eastTeamId, 'x', { workingHours: { timezone: 'Asia/Shanghai', days: [8], start: '09:00', end: '18:00' } }), '/body/workingHours/days/0'],
      ['POST', '/api/reps', repBody(new Types.ObjectId().toHexString(), 'x'), '/body/teamId'],
      ['POST', '/api/reps', { ...repBody(eastTeamId, 'x'), openCount: 0 }, '/body'],
      ['POST', '/api/reps', { teamId: eastTeamId, level: 1, capacity: 1, dailyCap: 1 }, '/body/name'],
      ['PATCH', `/api/reps/${linaRepId}`, {}, '/body'],
      ['PATCH', `/api/reps/${linaRepId}`, { weight: { $gt: 0 } }, '/body/weight'],
      ['POST', `/api/reps/${linaRepId}/status`, { status: 'onLeave', leaveFrom: new Date(clock).toISOString(), reason: '年假' }, '/body/leaveTo'],
      ['POST', `/api/reps/${linaRepId}/status`, { status: 'onLeave', leaveFrom: new Date(clock + DAY).toISOString(), leaveTo: new Date(clock).toISOString(), reason: '年假' }, '/body/leaveTo'],
      ['POST', `/api/reps/${linaRepId}/status`, { status: 'active', leaveFrom: new Date(clock).toISOString(), reason: 'x' }, '/body/leaveFrom'],
      ['POST', `/api/reps/${linaRepId}/status`, { status: 'fired', reason: 'x' }, '/body/status'],
      ['POST', `/api/reps/${linaRepId}/status`, { status: 'departed' }, '/body/reason'],
      ['POST', '/api/teams', { name: '' }, '/body/name'],
    ];
    const reps = await models.Rep.countDocuments();
    for (const [method, path, body, field] of cases) {
      const r = await api.call<ErrorBody>(method, path, { token: admin, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.error.details.map((d) => d.path), `${method} ${path} ${JSON.stringify(body)}`).toContain(field);
    }
    expect(await models.Rep.countDocuments()).toBe(reps);
    expect((await models.Rep.findById(linaRepId).lean())?.status).toBe('active');
    expect((await api.call('GET', '/api/reps/not-an-id', { token: admin })).status).toBe(400);
  });
});

describe('teams', () => {
  it('creates, lists and updates teams with their manager', async () => {
    const mgrRep = await createRepAsAdmin('华北主管');
    const created = await api.call<{ id: string; manager: { repId: string } | null; memberCount: number }>('POST', '/api/teams', { token: admin, body: { name: '华北组', nameEn: 'North', managerRepId: mgrRep } });
    expect(created.status).toBe(201);
    expect(created.body.manager?.repId).toBe(mgrRep);
    expect((await models.Rep.findById(mgrRep).lean())?.isManager).toBe(true);
    const dup = await api.call<ErrorBody>('POST', '/api/teams', { token: admin, body: { name: '华北组' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('TEAM_NAME_TAKEN');
    expect((await api.call('POST', '/api/teams', { token: manager, body: { name: '主管建的组' } })).status).toBe(403);
    const mine = await api.call<{ items: { id: string; memberCount: number }[] }>('GET', '/api/teams', { token: manager });
    expect(mine.body.items.map((t) => t.id)).toEqual([eastTeamId]);
    expect(mine.body.items[0]?.memberCount).toBe(await models.Rep.countDocuments({ teamId: new Types.ObjectId(eastTeamId), status: mongoose.trusted({ $ne: 'departed' }) }));
    expect((await api.call('GET', `/api/teams/${created.body.id}`, { token: manager })).status).toBe(404);
    const cleared = await api.call<{ manager: unknown }>('PATCH', `/api/teams/${created.body.id}`, { token: admin, body: { managerRepId: null, description: '北方市场' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.manager).toBeNull();
    expect((await models.Rep.findById(mgrRep).lean())?.isManager).toBe(false);
  });
});

describe('status changes', () => {
  it('a leave that has begun: onLeave now, one redistribution job requested', async () => {
    const wangLei = String((await models.Rep.findOne({ nameEn: 'Wang Lei' }).lean())?._id);
    const body = { status: 'onLeave', leaveFrom: new Date(clock - H).toISOString(), leaveTo: new Date(clock + 5 * DAY).toISOString(), reason: '年假' };
    const r = await api.call<{ rep: RepBody; redistributionJobId: string | null; scheduled: boolean }>('POST', `/api/reps/${wangLei}/status`, { token: manager, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ scheduled: false, rep: { status: 'onLeave', leaveFrom: body.leaveFrom } });
    const job = await models.Job.findById(r.body.redistributionJobId).lean();
    expect(job).toMatchObject({ kind: 'redistribution', status: 'queued', params: { repId: wangLei, toStatus: 'onLeave', reason: '年假' } });
    const again = await api.call<{ redistributionJobId: string | null }>('POST', `/api/reps/${wangLei}/status`, { token: manager, body: { ...body, leaveTo: new Date(clock + 6 * DAY).toISOString() } });
    expect(again.body.redistributionJobId).toBeNull();
    expect(await models.Job.countDocuments({ kind: 'redistribution', 'params.repId': wangLei } as never)).toBe(1);
  });

  it('a leave that starts later stays active until the window opens, then settles both ways', async () => {
    const repId = await createRepAsAdmin('未来请假');
    const leaveFrom = clock + 2 * DAY;
    const leaveTo = clock + 4 * DAY;
    const r = await api.call<{ rep: RepBody; redistributionJobId: string; scheduled: boolean }>('POST', `/api/reps/${repId}/status`, { token: admin, body: { status: 'onLeave', leaveFrom: new Date(leaveFrom).toISOString(), leaveTo: new Date(leaveTo).toISOString(), reason: '婚假' } });
    expect(r.body).toMatchObject({ scheduled: true, rep: { status: 'active' } });
    expect((await models.Job.findById(r.body.redistributionJobId).lean())?.params).toMatchObject({ startAt: new Date(leaveFrom).toISOString() });
    const saved = clock;
    try {
      clock = leaveFrom + H;
      await settleLeaveStatuses(api.ctx);
      expect((await models.Rep.findById(repId).lean())?.status).toBe('onLeave');
      clock = leaveTo + H;
      await settleLeaveStatuses(api.ctx);
      const back = await models.Rep.findById(repId).lean();
      expect(back?.status).toBe('active');
      expect(back?.leaveFrom).toBeUndefined();
    } finally {
      clock = saved;
    }
  });

  it('departing unlinks the rep from routing at once and requests redistribution; a departed rep cannot go on leave', async () => {
    const repId = await createRepAsAdmin('离职者');
    const team = await api.call<{ id: string }>('POST', '/api/teams', { token: admin, body: { name: '离职测试组', managerRepId: repId } });
    const r = await api.call<{ rep: RepBody; redistributionJobId: string }>('POST', `/api/reps/${repId}/status`, { token: admin, body: { status: 'departed', reason: '个人原因离职' } });
    expect(r.status).toBe(200);
    expect(r.body.rep).toMatchObject({ status: 'departed', isManager: false });
    expect((await models.Rep.findById(repId).lean())?.departedAt?.getTime()).toBe(clock);
    expect((await models.Team.findById(team.body.id).lean())?.managerRepId).toBeUndefined();
    expect(await models.Job.findById(r.body.redistributionJobId).lean()).toMatchObject({ kind: 'redistribution', status: 'queued', params: { repId, toStatus: 'departed' } });
    const leave = await api.call<ErrorBody>('POST', `/api/reps/${repId}/status`, { token: admin, body: { status: 'onLeave', leaveFrom: new Date(clock).toISOString(), leaveTo: new Date(clock + DAY).toISOString(), reason: 'x' } });
    expect(leave.status).toBe(409);
    expect(leave.body.error.code).toBe('REP_DEPARTED');
    const load = await api.call<LoadBody>('GET', '/api/reps/load', { token: admin });
    expect(load.body.items.map((i) => i.repId)).not.toContain(repId);
    const back = await api.call<{ rep: RepBody; redistributionJobId: string | null }>('POST', `/api/reps/${repId}/status`, { token: admin, body: { status: 'active', reason: '返聘' } });
    expect(back.body).toMatchObject({ rep: { status: 'active' }, redistributionJobId: null });
  });
});

describe('load view', () => {
  it('open vs capacity and today vs daily cap match the data, today in each rep’s zone', async () => {
    const sh = await createRepAsAdmin('上海今日', { timezone: 'Asia/Shanghai' });
    const la = await createRepAsAdmin('洛杉矶今日', { timezone: 'America/Los_Angeles' });
    const stale = await createRepAsAdmin('昨日计数', { timezone: 'Asia/Shanghai' });
    await models.Rep.updateOne({ _id: sh }, { $set: { todayCount: 3, todayDate: '2026-04-01' } });
    await models.Rep.updateOne({ _id: la }, { $set: { todayCount: 2, todayDate: '2026-03-31' } });
    await models.Rep.updateOne({ _id: stale }, { $set: { todayCount: 4, todayDate: '2026-03-31' } });

    const r = await api.call<LoadBody>('GET', '/api/reps/load', { token: admin });
    expect(r.status).toBe(200);
    const by = new Map(r.body.items.map((i) => [i.repId, i]));
    expect(by.get(sh)?.today).toEqual({ date: '2026-04-01', count: 3, cap: 5 });
    expect(by.get(la)?.today).toEqual({ date: '2026-03-31', count: 2, cap: 5 });
    expect(by.get(stale)?.today).toEqual({ date: '2026-04-01', count: 0, cap: 5 });

    const reps = await models.Rep.find({ status: mongoose.trusted({ $ne: 'departed' }) }).lean();
    expect(r.body.items).toHaveLength(reps.length);
    for (const rep of reps) {
      const item = by.get(rep._id.toString());
      const open = await models.Customer.countDocuments({ ownerId: rep._id, status: 'assigned' });
      expect(item?.open, rep.name).toEqual({ count: open, capacity: rep.capacity, ratio: rep.capacity > 0 ? open / rep.capacity : null });
      expect(item?.profile.industries).toEqual(rep.industries);
    }
    expect(r.body.totals).toEqual({
      reps: r.body.items.length,
      open: r.body.items.reduce((s, i) => s + i.open.count, 0),
      capacity: r.body.items.reduce((s, i) => s + i.open.capacity, 0),
      today: r.body.items.reduce((s, i) => s + i.today.count, 0),
      dailyCap: r.body.items.reduce((s, i) => s + i.today.cap, 0),
    });
    const zhangWei = await models.Rep.findOne({ nameEn: 'Zhang Wei' }).lean();
    expect(by.get(String(zhangWei?._id))?.onLeaveNow).toBe(true);
    const mine = await api.call<LoadBody>('GET', '/api/reps/load', { token: manager });
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((i) => by.has(i.repId))).toBe(true);
    const eastIds = new Set((await models.Rep.find({ teamId: new Types.ObjectId(eastTeamId) }).lean()).map((x) => x._id.toString()));
    expect(mine.body.items.every((i) => eastIds.has(i.repId))).toBe(true);
    expect((await api.call<LoadBody>('GET', `/api/reps/load?teamId=${southTeamId}`, { token: manager })).body.items).toEqual([]);
  });
});

describe('capability profile', () => {
  it('recomputes win rate per industry, average deal value, median first response and escalation share from history', async () => {
    const repId = await createRepAsAdmin('画像样本');
    const rep = new Types.ObjectId(repId);
    const other = (await models.Rep.findOne({ nameEn: 'Wang Lei' }).lean())?._id;
    const adminUser = (await models.User.findOne({ email: 'admin@allot.demo' }).lean())?._id;
    const closed = (industry: string, status: 'won' | 'lost', value: number, daysAgo: number, owner = rep) =>
      ({ name: `成交 ${industry}`, industry, status, estimatedValue: value, ownerId: owner, closedAt: new Date(clock - daysAgo * DAY) });
    await models.Customer.insertMany([
      closed('finance', 'won', 100_000, 10),
      closed('finance', 'won', 300_000, 20),
      closed('finance', 'lost', 900_000, 5),
      closed('retail', 'lost', 50_000, 30),
      closed('finance', 'won', 1_000_000, 100), // before the window
      closed('finance', 'won', 777_000, 3, other as Types.ObjectId), // someone else's
    ]);
    const t0 = clock - 10 * DAY;
    const assigned = await models.Customer.insertMany([1, 2, 3, 4, 5].map((i) => ({ name: `分配 ${i}`, status: 'assigned', ownerId: rep })));
    const [c1, c2, c3, c4, c5] = assigned.map((c) => c._id);
    const ev = (customerId: unknown, outcome: string, ownerId: unknown, at: number) =>
      ({ customerId, outcome, ownerId, path: [], why: text('测试', 'test'), actor: { kind: 'system', id: 'test' }, at: new Date(at) });
    await models.AssignmentEvent.insertMany([
      ev(c1, 'assigned', rep, t0), ev(c2, 'assigned', rep, t0), ev(c3, 'claimed', rep, t0), ev(c4, 'assigned', rep, t0),
      ev(c4, 'reassigned', other, t0 + 2 * H),
      ev(c5, 'assigned', rep, clock - 120 * DAY), // assigned before the window
    ]);
    const fu = (customerId: unknown, repIdOf: unknown, at: number) => ({ customerId, repId: repIdOf, at: new Date(at), channel: 'phone', outcome: 'connected', note: 'n' });
    await models.FollowUp.insertMany([
      fu(c1, rep, t0 + 1 * H), fu(c2, rep, t0 + 3 * H), fu(c3, rep, t0 + 8 * H), fu(c3, rep, t0 + 20 * H),
      fu(c4, rep, t0 + 3 * H), // after c4 was reassigned away
      fu(c4, other, t0 + 1 * H), // by someone else
    ]);
    const esc = (customerId: unknown, at: number) => ({
      userId: adminUser, kind: 'escalation', title: { 'zh-CN': '升级', en: 'Escalation' }, body: { 'zh-CN': '升级', en: 'Escalation' }, customerId, createdAt: new Date(at), updatedAt: new Date(at),
    });
    // one escalation of c2 notifies two people; c5's is outside any counted assignment
    await models.Notification.collection.insertMany([esc(c2, t0 + 24 * H), esc(c2, t0 + 24 * H), esc(c5, t0)]);

    expect((await api.call('POST', '/api/reps/stats/recompute', { token: manager, body: { repId } })).status).toBe(403);
    const r = await api.call<{ recomputed: number }>('POST', '/api/reps/stats/recompute', { token: admin, body: { repId } });
    expect(r.status).toBe(200);
    expect(r.body.recomputed).toBe(1);
    const got = await api.call<RepBody>('GET', `/api/reps/${repId}`, { token: admin });
    expect(got.body.stats).toEqual({
      winRateByIndustry: [{ industry: 'finance', winRate: 0.6667, deals: 3 }, { industry: 'retail', winRate: 0, deals: 1 }],
      avgDealValue: 200_000,
      medianFirstResponseHours: 3,
      escalationShare: 0.25,
      windowDays: 90,
      closedDeals: 4,
      wonDeals: 2,
      assignments: 4,
      respondedAssignments: 3,
      escalatedAssignments: 1,
      computedAt: new Date(clock).toISOString(),
    });
    const load = await api.call<LoadBody>('GET', '/api/reps/load', { token: admin });
    expect(load.body.items.find((i) => i.repId === repId)?.stats.winRateByIndustry).toHaveLength(2);

    // a deal closes: the customers service calls recomputeStatsForClosedDeal
    await models.Customer.updateOne({ _id: c1 }, { $set: { status: 'won', industry: 'retail', estimatedValue: 500_000, closedAt: new Date(clock) } });
    await recomputeStatsForClosedDeal(api.ctx, rep);
    const after = (await models.Rep.findById(repId).lean())?.stats;
    expect(after?.winRateByIndustry.find((w) => w.industry === 'retail')).toMatchObject({ winRate: 0.5, deals: 2 });
    expect(after?.avgDealValue).toBe(300_000);

    const all = await api.call<{ recomputed: number }>('POST', '/api/reps/stats/recompute', { token: admin, body: {} });
    expect(all.body.recomputed).toBe(await models.Rep.countDocuments({ status: mongoose.trusted({ $ne: 'departed' }) }));
    expect((await api.call('POST', '/api/reps/stats/recompute', { token: admin, body: { repId: new Types.ObjectId().toHexString() } })).status).toBe(404);
  });
});
