import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { text } from '../../engine/core/common/localized';
import { localDate } from '../../engine/data/local-date';
import { getModels, type Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { startTestApi, type TestApi } from '../harness/api';
import { useTestDatabase } from '../harness/db';

/**
 * The counters pool claims are checked against (claims today per pool, customers held) drift when a
 * process dies mid-claim; the reconciliation recomputes them from the truth, through the admin API,
 * and the claims that follow obey the pool's rules with the repaired counts.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let m: Models;
let admin: string;
let manager: string;
let lina: string;
let linaId: Types.ObjectId;
let otherId: Types.ObjectId;
let poolId: string;

interface ClaimBody { claimsToday: { count: number; limit: number }; held: { count: number; limit: number }; error?: { code: string } }
interface Report {
  claimsToday: { poolId: string; repId: string; name: string; date: string; was: number; now: number }[];
  held: { repId: string; name: string; was: number; now: number }[];
  busy: number;
}

const truthHeld = (repId: Types.ObjectId) => m.Customer.countDocuments({ ownerId: repId, status: 'assigned' });
const openOf = async (repId: Types.ObjectId) => (await m.Rep.findById(repId).lean())!.openCount;
const today = () => localDate(Date.now(), 'Asia/Shanghai');
const counterOf = async (repId: Types.ObjectId) => (await m.ClaimCounter.findOne({ poolId: new Types.ObjectId(poolId), repId, date: today() }).lean())?.count ?? null;
let phoneNo = 0;
const inPool = async () => String((await m.Customer.create({ name: `公海客户 ${++phoneNo}`, phone: `1385000${String(phoneNo).padStart(4, '0')}`, status: 'inPool', poolId: new Types.ObjectId(poolId) }))._id);
const claim = (token: string, customerId: string, body: object = {}) => api.call<ClaimBody>('POST', `/api/pools/${poolId}/customers/${customerId}/claim`, { token, body });
const reconcile = (token: string) => api.call<Report>('POST', '/api/maintenance/reconcile-claim-counters', { token });

beforeAll(async () => {
  db = await useTestDatabase('claim-reconcile');
  m = getModels(db.conn);
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  [admin, manager, lina] = await Promise.all([api.login('admin@allot.demo'), api.login('manager@allot.demo'), api.login('rep@allot.demo')]);
  linaId = (await m.User.findOne({ email: 'rep@allot.demo' }).lean())!.repId!;
  const otherRep = await m.Rep.findOne({ _id: mongoose.trusted({ $ne: linaId }), status: 'active', timezone: 'Asia/Shanghai' }).lean();
  otherId = otherRep!._id;
  // the seed's own counters made true first, so that every drift below is the one this test makes
  await m.Rep.updateOne({ _id: linaId }, { $set: { openCount: await truthHeld(linaId) } });
  await m.Rep.updateOne({ _id: otherId }, { $set: { openCount: await truthHeld(otherId) } });
  const held = await truthHeld(linaId);
  const r = await api.call<{ id: string }>('POST', '/api/pools', { token: admin, body: { name: '对账公海', rules: { claimsPerRepPerDay: 3, maxHeldPerRep: held + 2, protectionDays: 0, previousOwnerCooldownDays: 0, visibleTeamIds: [] } } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  poolId = r.body.id;
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

it('repairs leaked and lost claim counters from the truth, and later claims obey the rules with the repaired counts', async () => {
  const held0 = await truthHeld(linaId);
  const first = await claim(lina, await inPool());
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  expect(first.body).toMatchObject({ claimsToday: { count: 1, limit: 3 }, held: { count: held0 + 1, limit: held0 + 2 } });

  // a process killed mid-claim, twice over, leaves Li Na's counters too high: both at the pool's limits
  await m.ClaimCounter.updateOne({ poolId: new Types.ObjectId(poolId), repId: linaId, date: today() }, { $set: { count: 3 } });
  await m.Rep.updateOne({ _id: linaId }, { $set: { openCount: held0 + 2 } });
  const refused = await claim(lina, await inPool());
  expect(refused.status).toBe(409);
  expect(refused.body.error?.code).toBe('CLAIM_DAILY_LIMIT');

  // another rep: one claim through the API, one whose process died after the customer was written but before its event,
  // and its counter row lost; its open count one short. A claim of yesterday counts for nothing today.
  const other = await claim(admin, await inPool(), { repId: String(otherId) });
  expect(other.status, JSON.stringify(other.body)).toBe(200);
  await m.Customer.create({ name: '中断的领取', phone: '13850009999', status: 'assigned', ownerId: otherId, poolId: new Types.ObjectId(poolId), claimedAt: new Date(), assignedAt: new Date() });
  await m.AssignmentEvent.create({ customerId: new Types.ObjectId(), trigger: 'claim', outcome: 'claimed', ownerId: otherId, poolId: new Types.ObjectId(poolId), why: text('昨天领取', 'Claimed yesterday'), actor: { kind: 'system' }, at: new Date(Date.now() - 30 * 3_600_000) });
  await m.ClaimCounter.deleteOne({ poolId: new Types.ObjectId(poolId), repId: otherId, date: today() });
  const otherHeld = await truthHeld(otherId);
  await m.Rep.updateOne({ _id: otherId }, { $set: { openCount: otherHeld - 1 } });

  // admin only
  expect((await reconcile(lina)).status).toBe(403);
  expect((await reconcile(manager)).status).toBe(403);
  const r = await reconcile(admin);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.busy).toBe(0);
  const byRep = (list: { repId: string }[], id: Types.ObjectId) => list.filter((f) => f.repId === String(id));
  expect(byRep(r.body.claimsToday, linaId)).toEqual([expect.objectContaining({ poolId, date: today(), was: 3, now: 1 })]);
  expect(byRep(r.body.claimsToday, otherId)).toEqual([expect.objectContaining({ poolId, date: today(), was: 0, now: 2 })]);
  expect(byRep(r.body.held, linaId)).toEqual([expect.objectContaining({ was: held0 + 2, now: held0 + 1 })]);
  expect(byRep(r.body.held, otherId)).toEqual([expect.objectContaining({ was: otherHeld - 1, now: otherHeld })]);
  expect(r.body.claimsToday.length + r.body.held.length).toBe(4);

  // repaired in the database, and audited with before and after
  expect(await counterOf(linaId)).toBe(1);
  expect(await counterOf(otherId)).toBe(2);
  expect(await openOf(linaId)).toBe(held0 + 1);
  expect(await openOf(otherId)).toBe(otherHeld);
  const audits = await m.AuditLog.find({ action: 'pools.reconcileClaimCounters' }).lean();
  expect(audits.length).toBe(4);
  expect(audits.find((a) => a.target?.id === String(linaId) && (a.before as { claimsToday?: number })?.claimsToday === 3)?.after).toMatchObject({ claimsToday: 1, poolId });

  // the rules hold with the repaired counts: one more claim fits (held reaches the limit), the next is refused for the held limit
  const again = await claim(lina, await inPool());
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body).toMatchObject({ claimsToday: { count: 2 }, held: { count: held0 + 2 } });
  const full = await claim(lina, await inPool());
  expect(full.status).toBe(409);
  expect(full.body.error?.code).toBe('CLAIM_MAX_HELD');
  expect(await counterOf(linaId)).toBe(2); // the refused claim gave its daily count back

  // nothing left to repair
  const clean = await reconcile(admin);
  expect(clean.body).toEqual({ claimsToday: [], held: [], busy: 0 });
  expect(await m.AuditLog.countDocuments({ action: 'pools.reconcileClaimCounters' })).toBe(5);
});
