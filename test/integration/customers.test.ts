import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import roundRobin from '../../templates/round-robin/flow.json';
import { getModels, type Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { CustomerDetailView, CustomerPage, CustomerUpdateResult, CustomerView, OwnerChangeResult, type CustomerViewT } from '../../engine/services/customers/customer.schemas';
import { startTestApi, type TestApi } from '../harness/api';
import { useTestDatabase } from '../harness/db';
import { installActiveFlow } from '../harness/flows';
import { createLogin, openCountMismatches, rescoreFlowDocument, schemaErrors } from './customers.fixtures';

/** test-side filters with operators must be trusted (the app sanitises filters globally) */
const t = <T extends object>(filter: T): T => mongoose.trusted(filter) as T;
const NOW = Date.UTC(2025, 5, 16, 2, 0, 0); // 2025-06-16 10:00 Asia/Shanghai
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let m: Models;
let admin: string;
let manager: string;
let repA: string;
let repB: string;
let repAId: string;
let repBId: string;
let managerTeamIds: string[];

type Page = { items: CustomerViewT[]; nextCursor: string | null };
type Err = { error: { code: string; message: string; details: { path: string }[] } };

beforeAll(async () => {
  db = await useTestDatabase('customers');
  m = getModels(db.conn);
  await seedDemo(db.conn, { now: NOW });
  api = await startTestApi(db.conn, { now: () => NOW });
  admin = await api.login('admin@allot.demo');
  manager = await api.login('manager@allot.demo');
  repA = await api.login('rep@allot.demo');
  const userA = await m.User.findOne({ email: 'rep@allot.demo' }).lean();
  repAId = String(userA?.repId);
  const managerUser = await m.User.findOne({ email: 'manager@allot.demo' }).lean();
  managerTeamIds = (managerUser?.managedTeamIds ?? []).map(String);
  // rep B: an active non-manager rep, other than A, who owns assigned customers
  const owners = await m.Customer.distinct('ownerId', { status: 'assigned' });
  const b = await m.Rep.findOne({ _id: t({ $in: owners.filter((o) => String(o) !== repAId) }), status: 'active', isManager: false }).lean();
  repBId = String(b?._id);
  await createLogin(m, 'rep-b@allot.test', { repId: b!._id });
  repB = await api.login('rep-b@allot.test');
  await installActiveFlow(db.conn, roundRobin);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function listAll(token: string, query = ''): Promise<CustomerViewT[]> {
  const out: CustomerViewT[] = [];
  let cursor: string | null = null;
  do {
    const r: { status: number; body: Page } = await api.call<Page>('GET', `/api/customers?limit=200${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    out.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return out;
}

/** A fingerprint of every customer's version and owner: must not move when a request is refused. */
async function fingerprint(): Promise<string> {
  const docs = await m.Customer.find({}, { version: 1, ownerId: 1, status: 1, collaboratorIds: 1, name: 1 }).sort({ _id: 1 }).lean();
  return JSON.stringify(docs);
}

async function customerOf(repId: string, status: 'assigned' | 'won' | 'lost' = 'assigned') {
  const c = await m.Customer.findOne({ ownerId: repId, status }).sort({ _id: 1 }).lean();
  if (!c) throw new Error(`no ${status} customer of ${repId}`);
  return c;
}

describe('GET /api/customers: pagination and filters', () => {
  it('pages through every customer once, newest first, with an opaque cursor', async () => {
    const first = await api.call<Page>('GET', '/api/customers?limit=50', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(schemaErrors(CustomerPage, first.body)).toBe('');
    const all = await listAll(admin);
    expect(all.length).toBe(await m.Customer.countDocuments());
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true);
    }
    const bad = await api.call<Err>('GET', '/api/customers?cursor=not-a-cursor', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
  });

  it('filters by owner, team, status, grade, tag, source and province, each matching the database', async () => {
    const sample = (await m.Customer.find({ status: 'assigned' }).sort({ _id: 1 }).lean()).find((c) => c.grade && c.tags.length && c.source && c.province);
    expect(sample).toBeTruthy();
    const s = sample!;
    const cases: [string, Record<string, unknown>][] = [
      [`owner=${s.ownerId}`, { ownerId: s.ownerId }],
      [`team=${s.teamId}`, { teamId: s.teamId }],
      ['status=inPool', { status: 'inPool' }],
      [`grade=${s.grade}`, { grade: s.grade }],
      [`tag=${encodeURIComponent(s.tags[0]!)}`, { tags: s.tags[0] }],
      [`source=${encodeURIComponent(s.source!)}`, { source: s.source }],
      [`province=${encodeURIComponent(s.province!)}`, { province: s.province }],
      [`status=assigned&grade=${s.grade}&province=${encodeURIComponent(s.province!)}`, { status: 'assigned', grade: s.grade, province: s.province }],
    ];
    for (const [query, truth] of cases) {
      const items = await listAll(admin, query);
      expect(items.length, query).toBe(await m.Customer.countDocuments(truth));
      expect(items.length, query).toBeGreaterThan(0);
    }
  });

  it('filters overdue (no follow-up within the SLA) and by name / company prefix, escaped', async () => {
    const overdue = await listAll(admin, 'overdue=true');
    const cutoff = NOW - 24 * HOUR;
    const truth = (await m.Customer.find({ status: 'assigned' }).lean()).filter((c) => ((c.lastFollowUpAt ?? c.assignedAt)?.getTime() ?? Infinity) < cutoff);
    expect(overdue.map((c) => c.id).sort()).toEqual(truth.map((c) => String(c._id)).sort());
    expect(overdue.every((c) => c.overdue && c.status === 'assigned')).toBe(true);
    const inTime = await listAll(admin, 'overdue=false');
    expect(inTime.length + overdue.length).toBe(await m.Customer.countDocuments({ status: 'assigned' }));
    const longSla = await listAll(admin, 'overdue=true&overdueHours=8760');
    expect(longSla.length).toBeLessThan(overdue.length);

    const someone = (await m.Customer.find().sort({ _id: 1 }).lean()).find((c) => c.company);
    const prefix = someone!.name.slice(0, 1);
    const byName = await listAll(admin, `q=${encodeURIComponent(prefix)}`);
    expect(byName.length).toBeGreaterThan(0);
    const lower = prefix.toLowerCase();
    expect(byName.every((c) => c.name.toLowerCase().startsWith(lower) || (c.company ?? '').toLowerCase().startsWith(lower))).toBe(true);
    expect(await listAll(admin, `q=${encodeURIComponent('.*')}`)).toHaveLength(0);
    expect(await listAll(admin, `q=${encodeURIComponent('(')}`)).toHaveLength(0);
  });
});

describe('scoping', () => {
  it('a rep sees exactly its own and collaborating customers; a manager its teams', async () => {
    const mine = await listAll(repA);
    const truth = await m.Customer.countDocuments({ $or: [{ ownerId: repAId }, { collaboratorIds: repAId }] });
    expect(mine.length).toBe(truth);
    expect(mine.every((c) => c.ownerId === repAId || c.collaboratorIds.includes(repAId))).toBe(true);
    const team = await listAll(manager);
    expect(team.length).toBe(await m.Customer.countDocuments({ teamId: t({ $in: managerTeamIds }) }));
    expect(team.every((c) => c.teamId !== null && managerTeamIds.includes(c.teamId))).toBe(true);
    // a rep filtering by another rep's id gets nothing
    expect(await listAll(repA, `owner=${repBId}`)).toHaveLength(0);
  });

  it('BOLA: rep A on rep B’s customer gets 404 (403 for manager-only routes), and nothing changes', async () => {
    const c = await customerOf(repBId);
    const id = String(c._id);
    const before = await fingerprint();
    const calls: [string, string, unknown][] = [
      ['GET', `/api/customers/${id}`, undefined],
      ['PATCH', `/api/customers/${id}`, { name: 'hijacked' }],
      ['POST', `/api/customers/${id}/collaborators`, { repId: repAId }],
      ['DELETE', `/api/customers/${id}/collaborators/${repAId}`, undefined],
      ['POST', `/api/customers/${id}/status`, { status: 'won' }],
      ['POST', `/api/customers/${id}/follow-ups`, { channel: 'phone', outcome: 'connected', note: 'x' }],
      ['GET', `/api/customers/${id}/follow-ups`, undefined],
    ];
    for (const [method, path, body] of calls) {
      const r = await api.call<Err>(method, path, { token: repA, body });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error.code, `${method} ${path}`).not.toBe('ROUTE_NOT_FOUND');
    }
    for (const path of [`/api/customers/${id}/assign`, `/api/customers/${id}/reassign`]) {
      const r = await api.call<Err>('POST', path, { token: repA, body: { repId: repAId, reason: 'mine now' } });
      expect(r.status, path).toBe(403);
    }
    // a manager outside the customer's team cannot reach it either
    const other = await m.Customer.findOne({ status: 'assigned', teamId: t({ $nin: managerTeamIds }) }).lean();
    const r = await api.call<Err>('POST', `/api/customers/${other!._id}/assign`, { token: manager, body: { repId: repAId, reason: 'x' } });
    expect(r.status).toBe(404);
    expect(await fingerprint()).toBe(before);
  });
});

describe('injection corpus in every filter and body', () => {
  const payloads = ['{"$ne":null}', '{"$gt":""}', '$where', 'this.a==1', '{"$regex":".*"}', '{"$expr":{"$eq":[1,1]}}', '{"$nor":[{"a":1}]}', '.*'];
  const keys = ['owner', 'team', 'status', 'grade', 'tag', 'source', 'province', 'overdue', 'overdueHours', 'q', 'cursor', 'limit'];

  it('answers 400 or an inert empty page, never 500, and changes nothing', async () => {
    const before = await fingerprint();
    for (const key of keys) {
      for (const p of payloads) {
        const r = await api.call<Page & Err>('GET', `/api/customers?${key}=${encodeURIComponent(p)}`, { token: admin });
        expect([200, 400], `${key}=${p}`).toContain(r.status);
        if (r.status === 200) expect(r.body.items, `${key}=${p}`).toHaveLength(0);
        const csv = await api.call('GET', `/api/customers.csv?${key}=${encodeURIComponent(p)}`, { token: admin });
        expect([200, 400], `csv ${key}=${p}`).toContain(csv.status);
      }
    }
    const bracketed = ['owner[$ne]=1', 'a[$ne]=1', 'status[$regex]=.*', '$where=1', '$nor[0][status]=won', '$expr[$eq][0]=1', 'grade[$exists]=true', 'q[$regex]=.*'];
    for (const q of bracketed) {
      const r = await api.call<Err>('GET', `/api/customers?${q}`, { token: admin });
      expect(r.status, q).toBe(400);
    }
    const c = await customerOf(repBId);
    const bodies: [string, string, unknown][] = [
      ['PATCH', `/api/customers/${c._id}`, { name: { $ne: null } }],
      ['PATCH', `/api/customers/${c._id}`, { $set: { ownerId: repAId } }],
      ['PATCH', `/api/customers/${c._id}`, { ownerId: repAId }],
      ['PATCH', `/api/customers/${c._id}`, { attributes: { $where: 'x' } }],
      ['PATCH', `/api/customers/${c._id}`, { attributes: { 'a.b': 1 } }],
      ['PATCH', `/api/customers/${c._id}`, { tags: [{ $gt: '' }] }],
      ['POST', `/api/customers/${c._id}/assign`, { repId: { $ne: null }, reason: 'x' }],
      ['POST', `/api/customers/${c._id}/reassign`, { reason: { $expr: 1 } }],
      ['POST', `/api/customers/${c._id}/collaborators`, { repId: '{"$ne":null}' }],
      ['POST', `/api/customers/${c._id}/status`, { status: { $in: ['won'] } }],
      ['GET', '/api/customers/%7B%22%24ne%22%3Anull%7D', undefined],
    ];
    for (const [method, path, body] of bodies) {
      const r = await api.call<Err>(method, path, { token: admin, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
    }
    expect(await fingerprint()).toBe(before);
  });
});

describe('PATCH /api/customers/:id', () => {
  it('updates attributes with a version compare-and-set (body or If-Match), and audits before/after', async () => {
    const c = await customerOf(repAId);
    const id = String(c._id);
    const ok = await api.call<{ customer: CustomerViewT; rescore: null }>('PATCH', `/api/customers/${id}`, {
      token: repA,
      body: { city: '杭州', phone: '+86 139-0000-1234', company: null, attributes: { 预算周期: 'Q3', seats: 12 }, version: c.version },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.customer).toMatchObject({ city: '杭州', company: null, version: c.version + 1, attributes: { 预算周期: 'Q3', seats: 12 } });
    expect(schemaErrors(CustomerUpdateResult, ok.body)).toBe('');
    expect(ok.headers.get('etag')).toBe(`"${c.version + 1}"`);
    const stored = await m.Customer.findById(id).lean();
    expect(stored?.phoneNormalized).toBe('13900001234');
    // the dedupe keys follow the edit: the new phone finds this customer, the old one no longer does
    expect(String((await m.ContactKey.findById('p:13900001234').lean())?.customerId)).toBe(id);
    if (c.phoneNormalized) expect(String((await m.ContactKey.findById(`p:${c.phoneNormalized}`).lean())?.customerId ?? '')).not.toBe(id);
    expect(stored?.company).toBeUndefined();
    expect(stored?.companyNormalized).toBeUndefined();
    expect(String(stored?.ownerId)).toBe(repAId);

    const stale = await api.call<Err>('PATCH', `/api/customers/${id}`, { token: repA, body: { city: '宁波', version: c.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const staleHeader = await api.call<Err>('PATCH', `/api/customers/${id}`, { token: repA, body: { city: '宁波' }, headers: { 'if-match': `"${c.version}"` } });
    expect(staleHeader.status).toBe(409);
    const badHeader = await api.call<Err>('PATCH', `/api/customers/${id}`, { token: repA, body: { city: '宁波' }, headers: { 'if-match': 'abc' } });
    expect(badHeader.status).toBe(400);
    const fresh = await api.call<{ customer: CustomerViewT }>('PATCH', `/api/customers/${id}`, { token: repA, body: { city: '宁波' }, headers: { 'if-match': `"${c.version + 1}"` } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.customer.city).toBe('宁波');
    const audit = await m.AuditLog.findOne({ action: 'customers.update', 'target.id': id }).sort({ at: 1 }).lean();
    expect((audit?.before as { city: string | null }).city).toBe(c.city ?? null);
    expect((audit?.after as { city: string }).city).toBe('杭州');
    const empty = await api.call<Err>('PATCH', `/api/customers/${id}`, { token: repA, body: {} });
    expect(empty.status).toBe(400);
  });

  it('re-scores through the active customerUpdated flow: score, grade and tags only', async () => {
    await installActiveFlow(db.conn, rescoreFlowDocument());
    try {
      const c = await customerOf(repAId);
      const r = await api.call<{ customer: CustomerViewT; rescore: { score: number; grade: string; tags: string[]; flowVersion: number } }>('PATCH', `/api/customers/${c._id}`, {
        token: admin,
        body: { estimatedValue: 2_000_000, tags: ['keep'] },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.rescore).toMatchObject({ score: 70, grade: 'B', tags: ['keep', 'big'], flowVersion: 1 });
      expect(r.body.customer).toMatchObject({ score: 70, grade: 'B', tags: ['keep', 'big'], estimatedValue: 2_000_000, ownerId: repAId, status: 'assigned' });
      const small = await api.call<{ customer: CustomerViewT }>('PATCH', `/api/customers/${c._id}`, { token: admin, body: { estimatedValue: 10, tags: [] } });
      expect(small.body.customer).toMatchObject({ score: 20, grade: 'D', tags: [] });
    } finally {
      await m.ActiveFlow.deleteMany({ trigger: 'customerUpdated' });
    }
  });
});

describe('manual assign and reassign', () => {
  it('a manager assigns within the team: counters, previous owner cooldown, event, lifecycle', async () => {
    const team = managerTeamIds[0]!;
    const reps = await m.Rep.find({ teamId: team, status: 'active', isManager: false }).sort({ _id: 1 }).lean();
    const c = await m.Customer.findOne({ teamId: team, status: 'assigned', ownerId: t({ $in: reps.map((r) => r._id) }) }).lean();
    const from = String(c!.ownerId);
    const to = reps.find((r) => String(r._id) !== from && r.openCount < r.capacity)!;
    const r = await api.call<{ outcome: string; ownerId: string; previousOwnerId: string; customer: CustomerViewT; why: { en: string } }>(
      'POST', `/api/customers/${c!._id}/assign`, { token: manager, body: { repId: String(to._id), reason: '客户指定对接人' } },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'manual', ownerId: String(to._id), previousOwnerId: from });
    expect(r.body.why.en).toContain('客户指定对接人');
    expect(schemaErrors(OwnerChangeResult, r.body)).toBe('');
    expect(r.body.customer.previousOwners.at(-1)).toEqual({ repId: from, cooldownUntil: new Date(NOW + 30 * DAY).toISOString() });
    expect(await openCountMismatches(m)).toEqual([]);
    const stored = await m.Customer.findById(c!._id).lean();
    expect(stored?.lifecycle?.needsStart).toBe(true);
    expect(stored?.version).toBe(c!.version + 1);
    const ev = await m.AssignmentEvent.findOne({ customerId: c!._id }).sort({ at: -1, _id: -1 }).lean();
    expect(ev).toMatchObject({ outcome: 'manual' });
    expect(String(ev?.previousOwnerId)).toBe(from);
    expect(ev?.actor.kind).toBe('user');
    expect(await m.LifecycleSignal.countDocuments({ customerId: c!._id, kind: 'ownerChanged' })).toBe(1);

    const same = await api.call<Err>('POST', `/api/customers/${c!._id}/assign`, { token: manager, body: { repId: String(to._id), reason: 'again' } });
    expect(same.status).toBe(409);
    const outsider = await m.Rep.findOne({ teamId: t({ $nin: managerTeamIds }), status: 'active' }).lean();
    const foreign = await api.call<Err>('POST', `/api/customers/${c!._id}/assign`, { token: manager, body: { repId: String(outsider!._id), reason: 'x' } });
    expect(foreign.status).toBe(403);
    const departed = await m.Rep.findOne({ status: 'departed' }).lean();
    const gone = await api.call<Err>('POST', `/api/customers/${c!._id}/assign`, { token: admin, body: { repId: String(departed!._id), reason: 'x' } });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe('REP_NOT_ACTIVE');
    expect(await openCountMismatches(m)).toEqual([]);
  });

  it('an admin assigns a pool customer: out of the pool, counted, event manual', async () => {
    const c = await m.Customer.findOne({ status: 'inPool' }).lean();
    const rep = await m.Rep.findOne({ status: 'active', isManager: false, _id: t({ $nin: [repAId, repBId] }) }).lean();
    const r = await api.call<{ customer: CustomerViewT }>('POST', `/api/customers/${c!._id}/assign`, { token: admin, body: { repId: String(rep!._id), reason: '大客户直派' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.customer).toMatchObject({ status: 'assigned', poolId: null, ownerId: String(rep!._id), teamId: String(rep!.teamId) });
    expect(await openCountMismatches(m)).toEqual([]);
  });

  it('reassign without a rep runs the active flow excluding the owner; with a rep moves it by hand', async () => {
    const c = await customerOf(repBId);
    const r = await api.call<{ outcome: string; ownerId: string; previousOwnerId: string; why: { en: string } }>('POST', `/api/customers/${c._id}/reassign`, {
      token: admin,
      body: { reason: '负责人长期未跟进' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.outcome).toBe('reassigned');
    expect(r.body.previousOwnerId).toBe(repBId);
    expect(r.body.ownerId).not.toBe(repBId);
    expect(r.body.why.en).toContain('负责人长期未跟进');
    expect(await openCountMismatches(m)).toEqual([]);
    const detail = await api.call<{ assignmentHistory: { outcome: string; previousOwnerId: string }[]; decisionTrace: { outcome: string; trace: { path: unknown[] } }; followUpCount: number }>(
      'GET', `/api/customers/${c._id}`, { token: admin },
    );
    expect(detail.status).toBe(200);
    expect(schemaErrors(CustomerDetailView, detail.body)).toBe('');
    expect(detail.body.assignmentHistory[0]).toMatchObject({ outcome: 'reassigned', previousOwnerId: repBId });
    expect(detail.body.decisionTrace.outcome).toBe('reassigned');
    expect(detail.body.decisionTrace.trace.path.length).toBeGreaterThan(1);
    expect(detail.body.followUpCount).toBe(await m.FollowUp.countDocuments({ customerId: c._id }));
    // B lost it: B no longer sees it
    expect((await api.call('GET', `/api/customers/${c._id}`, { token: repB })).status).toBe(404);

    const back = await api.call<{ outcome: string; ownerId: string }>('POST', `/api/customers/${c._id}/reassign`, { token: admin, body: { reason: '退回', repId: repBId } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ outcome: 'reassigned', ownerId: repBId });
    expect(await openCountMismatches(m)).toEqual([]);
  });
});

describe('collaborators and won / lost', () => {
  it('the owner adds and removes a collaborator, who then sees the customer', async () => {
    const c = await customerOf(repAId);
    const add = await api.call<CustomerViewT>('POST', `/api/customers/${c._id}/collaborators`, { token: repA, body: { repId: repBId } });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.collaboratorIds).toContain(repBId);
    expect(schemaErrors(CustomerView, add.body)).toBe('');
    expect((await api.call('GET', `/api/customers/${c._id}`, { token: repB })).status).toBe(200);
    // a collaborator may edit but not manage collaborators or close the deal
    expect((await api.call('PATCH', `/api/customers/${c._id}`, { token: repB, body: { city: '苏州' } })).status).toBe(200);
    expect((await api.call('POST', `/api/customers/${c._id}/collaborators`, { token: repB, body: { repId: repBId } })).status).toBe(403);
    expect((await api.call('POST', `/api/customers/${c._id}/status`, { token: repB, body: { status: 'won' } })).status).toBe(403);
    const owner = await api.call<Err>('POST', `/api/customers/${c._id}/collaborators`, { token: repA, body: { repId: repAId } });
    expect(owner.status).toBe(409);
    const remove = await api.call<CustomerViewT>('DELETE', `/api/customers/${c._id}/collaborators/${repBId}`, { token: repA });
    expect(remove.status).toBe(200);
    expect(remove.body.collaboratorIds).not.toContain(repBId);
    expect((await api.call('DELETE', `/api/customers/${c._id}/collaborators/${repBId}`, { token: repA })).status).toBe(404);
    expect((await api.call('GET', `/api/customers/${c._id}`, { token: repB })).status).toBe(404);
  });

  it('won and lost close the deal: closedAt, value, open count, stats recomputed, lifecycle told', async () => {
    const c = await customerOf(repAId);
    const won = await api.call<CustomerViewT>('POST', `/api/customers/${c._id}/status`, { token: repA, body: { status: 'won', value: 880_000, reason: '签约' } });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', estimatedValue: 880_000, closedAt: new Date(NOW).toISOString() });
    expect(schemaErrors(CustomerView, won.body)).toBe('');
    expect(await openCountMismatches(m)).toEqual([]);
    const rep = await m.Rep.findById(repAId).lean();
    expect(rep?.stats?.computedAt?.getTime()).toBe(NOW);
    expect(rep?.stats?.wonDeals).toBeGreaterThanOrEqual(1);
    expect(await m.LifecycleSignal.countDocuments({ customerId: c._id, kind: 'dealClosed' })).toBe(1);
    const again = await api.call<Err>('POST', `/api/customers/${c._id}/status`, { token: repA, body: { status: 'lost' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CLOSED');

    const other = await m.Customer.findOne({ teamId: t({ $in: managerTeamIds }), status: 'assigned' }).lean();
    const lost = await api.call<CustomerViewT>('POST', `/api/customers/${other!._id}/status`, { token: manager, body: { status: 'lost', reason: '预算取消' } });
    expect(lost.status).toBe(200);
    expect(lost.body.status).toBe('lost');
    expect(await openCountMismatches(m)).toEqual([]);
    const pooled = await m.Customer.findOne({ status: 'inPool' }).lean();
    expect((await api.call<Err>('POST', `/api/customers/${pooled!._id}/status`, { token: admin, body: { status: 'won' } })).status).toBe(409);
  });
});
