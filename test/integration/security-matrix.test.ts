import { createHash } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import type { TSchema } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../engine/api/routes';
import type { AnyRoute } from '../../engine/api/http/define-route';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { getModels } from '../../engine/data/models';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

/**
 * The route-wide security matrix: every declared route is checked, so a new route that forgets a
 * role check, a scope check or input validation fails here.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let admin: string;
let repA: string;
const ids: Record<string, string> = {};

const fill = (path: string, values: Record<string, string>) => path.replace(/:([A-Za-z]+)/g, (_, k: string) => values[k] ?? new Types.ObjectId().toString());
const isRepRoute = (r: AnyRoute) => r.auth !== 'public' && (r.auth.roles as readonly string[]).includes('rep');

beforeAll(async () => {
  db = await useTestDatabase('security');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
  admin = await api.login('admin@allot.demo');
  repA = await api.login('rep@allot.demo');
  const m = getModels(db.conn);
  const me = await m.User.findOne({ email: 'rep@allot.demo' }).lean();
  const adminUser = await m.User.findOne({ email: 'admin@allot.demo' }).lean();
  const repAId = String(me!.repId);
  const repA_doc = await m.Rep.findById(repAId).lean();
  const otherCustomer = await m.Customer.findOne({ status: 'assigned', teamId: mongoose.trusted({ $ne: repA_doc!.teamId }) }).lean();
  const otherRep = await m.Rep.findById(otherCustomer!.ownerId).lean();
  expect(String(otherRep!._id)).not.toBe(repAId);
  const otherTeam = otherRep!.teamId;
  const hiddenPool = await m.Pool.create({ name: '隐藏公海', rules: { visibleTeamIds: [otherTeam] } });
  const pooled = await m.Customer.create({ name: '隐藏公海客户', status: 'inPool', poolId: hiddenPool._id });
  const note = await m.Notification.create({ userId: adminUser!._id, kind: 'system', title: { 'zh-CN': '私信', en: 'Private' }, body: { 'zh-CN': '仅管理员', en: 'Admin only' } });
  const job = await m.Job.create({ kind: 'import', status: 'succeeded', createdBy: { kind: 'user', id: String(adminUser!._id), name: 'admin' } });
  Object.assign(ids, {
    customer: String(otherCustomer!._id),
    pooledCustomer: String(pooled._id),
    pool: String(hiddenPool._id),
    rep: String(otherRep!._id),
    notification: String(note._id),
    job: String(job._id),
    repId: String(otherRep!._id),
  });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** Rep A's attempt on rep B's object for each id-taking route a rep may call. */
function bolaTarget(r: AnyRoute): string | undefined {
  if (!r.path.includes(':')) return undefined;
  if (r.path.startsWith('/api/teams/')) return undefined; // org structure: readable by every member
  if (r.path.startsWith('/api/customers/')) return fill(r.path, { id: ids.customer!, repId: ids.repId! });
  if (r.path.startsWith('/api/pools/')) return fill(r.path, { id: ids.pool!, customerId: ids.pooledCustomer! });
  if (r.path.startsWith('/api/notifications/')) return fill(r.path, { id: ids.notification! });
  if (r.path.startsWith('/api/reps/')) return fill(r.path, { id: ids.rep! });
  if (r.path.startsWith('/api/jobs/')) return fill(r.path, { id: ids.job! });
  throw new Error(`security matrix: no BOLA target for ${r.method} ${r.path} — add one`);
}

type Json = { type?: string | string[]; properties?: Record<string, Json>; required?: string[]; anyOf?: Json[]; const?: unknown; enum?: unknown[]; pattern?: string; format?: string; minLength?: number; minimum?: number; minItems?: number; minProperties?: number; items?: Json; default?: unknown };

/** A minimal value the schema accepts (so the scope check, not validation, answers); ids point at rep B's objects. */
function sample(s: Json, key = ''): unknown {
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!, key);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k] ?? {}, k);
      const first = Object.keys(s.properties ?? {})[0];
      if (!Object.keys(out).length && (s.minProperties ?? 0) > 0 && first) out[first] = sample(s.properties![first]!, first);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, key));
    case 'string':
      if (s.pattern?.includes('0-9a-fA-F]{24}') || /Id$/.test(key)) return ids.rep;
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'matrix@example.com';
      return 'matrix'.padEnd(s.minLength ?? 1, 'x');
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return 'matrix';
  }
}

function bodyFor(r: AnyRoute): unknown {
  return r.body ? sample(JSON.parse(JSON.stringify(r.body)) as Json) : undefined;
}

async function snapshot(): Promise<string> {
  const m = getModels(db.conn);
  const h = createHash('sha256');
  for (const model of [m.Customer, m.Rep, m.Pool, m.Team, m.User, m.Flow, m.FollowUp, m.Notification, m.ApiToken, m.Webhook]) {
    const docs = await (model as typeof m.Customer).find({}).sort({ _id: 1 }).lean();
    h.update(JSON.stringify(docs));
  }
  return h.digest('hex');
}

describe('security matrix over every declared route', () => {
  it('anonymous callers get 401 on every non-public route', async () => {
    const wrong: string[] = [];
    for (const r of ROUTES.filter((x) => x.auth !== 'public')) {
      const res = await api.call(r.method.toUpperCase(), fill(r.path, {}), { body: r.body ? {} : undefined });
      if (res.status !== 401) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a rep gets 403 on every route its role does not reach', async () => {
    const wrong: string[] = [];
    for (const r of ROUTES.filter((x) => x.auth !== 'public' && !isRepRoute(x))) {
      const res = await api.call(r.method.toUpperCase(), fill(r.path, {}), { token: repA, body: bodyFor(r) });
      if (res.status !== 403) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('rep A on rep B’s objects: every id-taking route answers 403 or 404, and nothing changes', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    let checked = 0;
    for (const r of ROUTES.filter(isRepRoute)) {
      const path = bolaTarget(r);
      if (!path) continue;
      checked++;
      const res = await api.call(r.method.toUpperCase(), path, { token: repA, body: bodyFor(r) });
      if (res.status !== 403 && res.status !== 404) wrong.push(`${r.method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(await snapshot()).toBe(before);
  });

  it('operator injection in every query string is refused or inert — never a 500 — and nothing changes', async () => {
    const before = await snapshot();
    const bad: string[] = [];
    for (const r of ROUTES.filter((x) => x.method === 'get' && x.query)) {
      const props = Object.keys((r.query as TSchema & { properties?: Record<string, unknown> }).properties ?? {});
      const path = fill(r.path, { id: ids.customer! });
      const attempts = [
        ...props.flatMap((p) => [`${p}[$ne]=1`, `${p}=${encodeURIComponent('{"$ne":null}')}`, `${p}[$regex]=.*`]),
        '$where=sleep(100)',
        `$nor=${encodeURIComponent('[{"a":1}]')}`,
        `filter=${encodeURIComponent('{"$expr":{"$eq":[1,1]}}')}`,
      ];
      for (const q of attempts) {
        const res = await api.call('GET', `${path}?${q}`, { token: admin });
        if (res.status >= 500) bad.push(`${r.path}?${q} → ${res.status}`);
      }
      const unknown = await api.call('GET', `${path}?$where=1`, { token: admin });
      if (unknown.status !== 400 && unknown.status !== 404) bad.push(`${r.path}?$where=1 → ${unknown.status} (unknown parameter accepted)`);
    }
    expect(bad).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('operator keys and wrong types in every JSON body get a 4xx naming the field; nothing is stored', async () => {
    const before = await snapshot();
    const bad: string[] = [];
    for (const r of ROUTES.filter((x) => x.body && x.auth !== 'public')) {
      const path = fill(r.path, { id: ids.customer!, customerId: ids.pooledCustomer!, repId: ids.repId! });
      for (const body of [{ $where: 'sleep(100)' }, { $nor: [{ a: 1 }] }, { name: { $ne: null }, $set: { role: 'admin' } }, []]) {
        const res = await api.call(r.method.toUpperCase(), path, { token: admin, body });
        const details = (res.body as { error?: { details?: { path: string }[] } })?.error?.details ?? [];
        if (res.status < 400 || res.status >= 500) bad.push(`${r.method} ${r.path} ${JSON.stringify(body)} → ${res.status}`);
        else if (res.status === 400 && !details.length && !Array.isArray(body)) bad.push(`${r.method} ${r.path} → 400 without field paths`);
      }
    }
    expect(bad).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});
