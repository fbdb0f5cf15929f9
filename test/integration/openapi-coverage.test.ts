import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';
import { peekRecords } from '../harness/openapi-recorder';
import { checkResponse } from '../harness/openapi-contract';

/**
 * Routes no other integration test answers with 2xx, called through real HTTP so the OpenAPI contract check
 * (test/harness/openapi-contract.setup.ts) sees their documented responses and the run's route coverage is complete.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
beforeAll(async () => {
  db = await useTestDatabase('openapi_cov');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface Me { id: string; email: string; role: string; repId: string | null; teamIds: string[] }

it('auth.me names the logged-in user; auth.logout ends every session of that user', async () => {
  const rep = await api.login('rep@allot.demo');
  const me = await api.call<Me>('GET', '/api/auth/me', { token: rep });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ email: 'rep@allot.demo', role: 'rep' });
  expect(me.body.repId).toMatch(/^[0-9a-f]{24}$/);
  expect(me.body.teamIds).toHaveLength(1);

  const secondDevice = await api.login('rep@allot.demo');
  const out = await api.call<{ ok: boolean }>('POST', '/api/auth/logout', { token: rep });
  expect(out.status).toBe(200);
  expect(out.body).toEqual({ ok: true });
  expect(out.headers.get('set-cookie') ?? '').toMatch(/allot_session=;/);
  for (const token of [rep, secondDevice]) expect((await api.call('GET', '/api/auth/me', { token })).status).toBe(401);

  const again = await api.login('rep@allot.demo');
  expect((await api.call<Me>('GET', '/api/auth/me', { token: again })).body.id).toBe(me.body.id);
});

it('the session cookie from login reaches auth.me as well as the bearer token does', async () => {
  const login = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@allot.demo', password: 'allot-demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^allot_session=./);
  const me = await api.call<Me>('GET', '/api/auth/me', { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ email: 'manager@allot.demo', role: 'manager' });
  expect(me.body.teamIds.length).toBeGreaterThan(0);
});

interface TeamView { id: string; name: string; memberCount: number; activeCount: number }

it('teams.get shows a team to its members and an admin, and hides other teams from a rep', async () => {
  const [admin, rep] = [await api.login('admin@allot.demo'), await api.login('rep@allot.demo')];
  const me = await api.call<Me>('GET', '/api/auth/me', { token: rep });
  const own = me.body.teamIds[0]!;
  const seen = await api.call<TeamView>('GET', `/api/teams/${own}`, { token: rep });
  expect(seen.status).toBe(200);
  expect(seen.body.id).toBe(own);
  expect(seen.body.memberCount).toBeGreaterThan(0);
  const teams = await api.call<{ items: TeamView[] }>('GET', '/api/teams', { token: admin });
  const other = teams.body.items.find((t) => t.id !== own)!;
  expect((await api.call<TeamView>('GET', `/api/teams/${other.id}`, { token: admin })).body).toMatchObject({ id: other.id, name: other.name });
  expect((await api.call('GET', `/api/teams/${other.id}`, { token: rep })).status).toBe(404);
});

it('the contract recorder sees raw fetches too, and flags a body field the document does not name', async () => {
  const token = await api.login('manager@allot.demo');
  const before = peekRecords().length;
  const res = await fetch(`${api.baseUrl}/api/auth/me?probe=1`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  await res.text();
  await new Promise((r) => setTimeout(r, 50)); // 'finish' follows the last write
  const rec = peekRecords().slice(before).find((r) => r.url === '/api/auth/me?probe=1');
  expect(rec).toMatchObject({ method: 'GET', status: 200 });
  expect(checkResponse(rec!)).toEqual({ routeId: 'auth.me' });
  const doctored = { ...rec!, body: JSON.stringify({ ...(JSON.parse(rec!.body!) as object), secret: 'x' }) };
  expect(checkResponse(doctored).violation?.errors?.join('\n')).toContain('"additionalProperty":"secret"');
  expect(checkResponse({ ...rec!, status: 201 }).violation?.problem).toMatch(/status 201 is not documented/);
});
