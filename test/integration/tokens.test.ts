import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../engine/api/error.middleware';
import { ROUTES } from '../../engine/api/routes';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let admin: string;
let clock = Date.parse('2026-05-04T01:00:00.000Z');

interface TokenView { id: string; name: string; prefix: string; scopes: string[]; status: string; createdBy: string | null; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }
interface Created extends TokenView { token: string }

async function mint(body: Record<string, unknown>): Promise<Created> {
  const r = await api.call<Created>('POST', '/api/tokens', { token: admin, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const sampleId = new Types.ObjectId().toHexString();
const concretePath = (path: string) => path.replace(/:[A-Za-z_]\w*/g, sampleId);

beforeAll(async () => {
  db = await useTestDatabase('tokens');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn, { now: () => clock });
  admin = await api.login('admin@allot.demo');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('API tokens', () => {
  it('are allot_ + 32 random bytes (base64url), shown once and stored only as SHA-256', async () => {
    const created = await mint({ name: '官网表单', scopes: ['intake'] });
    expect(created.token).toMatch(/^allot_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.token.slice(6), 'base64url')).toHaveLength(32);
    expect(created).toMatchObject({ name: '官网表单', scopes: ['intake'], status: 'active', expiresAt: null, revokedAt: null, createdAt: new Date(clock).toISOString() });
    expect(created.prefix).toBe(created.token.slice(0, 12));

    const stored = await api.ctx.models.ApiToken.findById(created.id).lean();
    expect(stored?.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const list = await api.call<{ items: TokenView[] }>('GET', '/api/tokens', { token: admin });
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(stored?.tokenHash);
    expect(list.body.items.find((t) => t.id === created.id)).toMatchObject({ name: '官网表单', status: 'active' });
    expect(Object.keys(list.body.items[0] ?? {})).not.toContain('token');
  });

  it('an intake-only token gets 403 on every route that is not intake, and reaches intake', async () => {
    const { token } = await mint({ name: 'intake only', scopes: ['intake'] });
    const others = ROUTES.filter((r) => r.auth !== 'public' && r.auth.tokenScope !== 'intake');
    expect(others.length).toBeGreaterThan(10);
    const named = ['GET /api/customers', 'GET /api/tokens', 'POST /api/tokens', 'GET /api/webhooks', 'GET /api/audit', 'GET /api/audit.csv', 'GET /api/notifications'];
    const present = new Set(others.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    for (const n of named.filter((n) => n !== 'GET /api/customers')) expect(present.has(n), n).toBe(true);
    for (const r of others) {
      const res = await api.call<{ error: { code: string } }>(r.method.toUpperCase(), concretePath(r.path), { token, body: r.method === 'get' ? undefined : {} });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(res.body.error.code).toBe('TOKEN_SCOPE');
    }
    // list customers, whether or not that route is declared yet, is never reachable with this token
    expect([403, 404]).toContain((await api.call('GET', '/api/customers', { token })).status);

    const intake = ROUTES.filter((r) => r.auth !== 'public' && r.auth.tokenScope === 'intake');
    expect(intake.length).toBeGreaterThan(0);
    for (const r of intake) {
      const res = await api.call(r.method.toUpperCase(), concretePath(r.path), { token, body: r.method === 'get' ? undefined : {} });
      // past authentication and scope (then refused or accepted by the route itself)
      expect([401, 403], `${r.method} ${r.path}: ${res.status}`).not.toContain(res.status);
    }
  });

  it('a revoked or expired token gets 401; revoking is idempotent', async () => {
    const a = await mint({ name: 'admin integration', scopes: ['admin'] });
    expect((await api.call('GET', '/api/audit?limit=1', { token: a.token })).status).toBe(200);
    const revoke = await api.call<TokenView>('DELETE', `/api/tokens/${a.id}`, { token: admin });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ status: 'revoked', revokedAt: new Date(clock).toISOString() });
    clock += 5_000;
    const again = await api.call<TokenView>('DELETE', `/api/tokens/${a.id}`, { token: admin });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoke.body.revokedAt);
    const r = await api.call<{ error: { code: string } }>('GET', '/api/audit?limit=1', { token: a.token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');

    const intake = await mint({ name: 'short lived', scopes: ['intake'], expiresAt: new Date(clock + 60_000).toISOString() });
    const intakeRoute = ROUTES.find((x) => x.auth !== 'public' && x.auth.tokenScope === 'intake');
    expect((await api.call('POST', intakeRoute?.path ?? '/api/customers', { token: intake.token, body: {} })).status).toBe(400);
    clock += 60_000;
    expect((await api.call('POST', intakeRoute?.path ?? '/api/customers', { token: intake.token, body: {} })).status).toBe(401);
    const listed = (await api.call<{ items: TokenView[] }>('GET', '/api/tokens', { token: admin })).body.items.find((t) => t.id === intake.id);
    expect(listed?.status).toBe('expired');

    // a made-up token with the right shape
    expect((await api.call('POST', '/api/customers', { token: `allot_${'A'.repeat(43)}`, body: {} })).status).toBe(401);
  });

  it('only admins manage tokens; no API token can, whatever its scopes', async () => {
    const { token } = await mint({ name: 'all scopes', scopes: ['intake', 'customers:read', 'customers:write', 'flows:read', 'flows:write', 'admin'] });
    expect((await api.call('GET', '/api/tokens', { token })).status).toBe(403);
    expect((await api.call('POST', '/api/tokens', { token, body: { name: 'x', scopes: ['admin'] } })).status).toBe(403);
    for (const email of ['manager@allot.demo', 'rep@allot.demo']) {
      const t = await api.login(email);
      expect((await api.call('GET', '/api/tokens', { token: t })).status).toBe(403);
      expect((await api.call('POST', '/api/tokens', { token: t, body: { name: 'x', scopes: ['intake'] } })).status).toBe(403);
    }
  });

  it('refuses bad input with 400 and unknown ids with 404', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: 'x', scopes: [] }, '/body/scopes'],
      [{ name: 'x', scopes: ['root'] }, '/body/scopes/0'],
      [{ name: 'x', scopes: ['intake', 'intake'] }, '/body/scopes'],
      [{ name: '', scopes: ['intake'] }, '/body/name'],
      [{ name: 'x', scopes: ['intake'], expiresAt: 'tomorrow' }, '/body/expiresAt'],
      [{ name: 'x', scopes: ['intake'], expiresAt: new Date(clock - 1).toISOString() }, '/body/expiresAt'],
      [{ name: 'x', scopes: ['intake'], tokenHash: 'f'.repeat(64) }, '/body'],
      [{ name: { $ne: null }, scopes: ['intake'] }, '/body/name'],
    ];
    for (const [body, path] of cases) {
      const r = await api.call<{ error: { code: string; details: Array<{ path: string }> } }>('POST', '/api/tokens', { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details.map((d) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect((await api.call('DELETE', `/api/tokens/${new Types.ObjectId().toHexString()}`, { token: admin })).status).toBe(404);
    expect((await api.call('DELETE', '/api/tokens/nope', { token: admin })).status).toBe(400);
  });
});

describe('database errors become clear 4xx answers', () => {
  async function answerFor(err: unknown, lang = 'en'): Promise<{ status: number; body: { error: { code: string; message: string; details: Array<{ path: string; message: string }> } } }> {
    let status = 0;
    let body: unknown;
    const req = { get: (h: string) => (h.toLowerCase() === 'accept-language' ? lang : undefined), method: 'POST', originalUrl: '/x' } as unknown as Request;
    const res = { locals: { requestId: 'r1' }, status(s: number) { status = s; return this; }, json(b: unknown) { body = b; return this; } } as unknown as Response;
    errorHandler(err, req, res, () => undefined);
    return { status, body: body as never };
  }

  it('mongoose ValidationError → 400 with each field path, in both languages', async () => {
    const err = await new api.ctx.models.ApiToken({ name: '', tokenHash: 'nothex', scopes: [] }).validate().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.Error.ValidationError);
    const en = await answerFor(err);
    expect(en.status).toBe(400);
    expect(en.body.error.code).toBe('VALIDATION_FAILED');
    expect(en.body.error.details.map((d) => d.path).sort()).toEqual(['/name', '/scopes', '/tokenHash']);
    expect(en.body.error.details.find((d) => d.path === '/scopes')?.message).toBe('a token needs at least one scope');
    const zh = await answerFor(err, 'zh-CN');
    expect(zh.body.error.details.find((d) => d.path === '/scopes')?.message).toBe('令牌至少需要一个权限');
    expect(zh.body.error.details.find((d) => d.path === '/name')?.message).toBe('必填');
  });

  it('CastError → 400 with the path; duplicate key (11000) → 409 naming the field', async () => {
    const cast = await api.ctx.models.ApiToken.findOne({ _id: 'not-an-object-id' as never }).catch((e: unknown) => e);
    expect(cast).toBeInstanceOf(mongoose.Error.CastError);
    const c = await answerFor(cast);
    expect(c.status).toBe(400);
    expect(c.body.error.code).toBe('INVALID_VALUE');
    expect(c.body.error.details[0]?.path).toBe('/_id');

    const doc = { name: 'dup', tokenHash: 'a'.repeat(64), scopes: ['intake' as const] };
    await api.ctx.models.ApiToken.create(doc);
    const dup = await api.ctx.models.ApiToken.create(doc).catch((e: unknown) => e);
    expect((dup as { code?: number }).code).toBe(11000);
    const d = await answerFor(dup);
    expect(d.status).toBe(409);
    expect(d.body.error.code).toBe('DUPLICATE');
    expect(d.body.error.details.map((x) => x.path)).toEqual(['/tokenHash']);
    expect(JSON.stringify(d.body)).not.toContain('a'.repeat(64));

    const strict = await api.ctx.models.ApiToken.create({ ...doc, tokenHash: 'b'.repeat(64), owner: 'x' } as never).catch((e: unknown) => e);
    const s = await answerFor(strict);
    expect(s.status).toBe(400);
    expect(s.body.error.details[0]?.path).toBe('/owner');
  });

  it('append-only violations → 409, anything unknown stays a 500 without details', async () => {
    const appendOnly = await api.ctx.models.AuditLog.deleteMany({}).catch((e: unknown) => e);
    const a = await answerFor(appendOnly);
    expect(a.status).toBe(409);
    expect(a.body.error.code).toBe('APPEND_ONLY');
    const origError = console.error;
    console.error = () => undefined;
    try {
      const u = await answerFor(new Error('secret internals'));
      expect(u.status).toBe(500);
      expect(JSON.stringify(u.body)).not.toContain('secret internals');
    } finally {
      console.error = origError;
    }
  });
});
