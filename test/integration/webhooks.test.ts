import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../engine/api/routes';
import mongoose from 'mongoose';
import { getModels } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { deliverDue } from '../../engine/services/notifications/webhooks/delivery-pump';
import { emitEvent } from '../../engine/services/notifications/webhooks/webhook-emit.service';
import { text } from '../../engine/core/common/localized';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

/** A local receiver on loopback: records every request and answers from a per-path script. */
interface Received {
  path: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
const scripts = new Map<string, Array<{ status: number; body?: string }>>();
let receiver: Server;
let receiverUrl: string;

function answer(path: string, ...replies: Array<{ status: number; body?: string }>) {
  scripts.set(path, replies);
}

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let admin: string;
let clock = Date.parse('2026-03-02T02:00:00.000Z');

interface WebhookBody { id: string; url: string; kind: string; events: string[]; enabled: boolean; hasSecret: boolean; secret?: string }
interface Delivery {
  id: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string | null; deliveryKey: string;
  log: Array<{ attempt: number; at: string; statusCode: number | null; responseExcerpt: string | null; error: string | null; durationMs: number | null; nextAttemptAt: string | null }>;
}

async function createHook(body: Record<string, unknown>): Promise<WebhookBody> {
  const r = await api.call<WebhookBody>('POST', '/api/webhooks', { token: admin, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function deliveries(hookId: string): Promise<Delivery[]> {
  const r = await api.call<{ items: Delivery[] }>('GET', `/api/webhooks/${hookId}/deliveries`, { token: admin });
  expect(r.status).toBe(200);
  return r.body.items;
}

const at = (path: string) => received.filter((r) => r.path === path);

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      received.push({ path: u.pathname, rawQuery: u.search, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const script = scripts.get(u.pathname);
      const reply = (script && script.length > 1 ? script.shift() : script?.[0]) ?? { status: 200, body: 'ok' };
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  db = await useTestDatabase('webhooks');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn, { now: () => clock, env: { ALLOT_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  admin = await api.login('admin@allot.demo');
});

afterEach(async () => {
  // each test starts with no webhook and an empty queue
  const { Webhook, WebhookDelivery } = api.ctx.models;
  await Webhook.deleteMany({});
  await WebhookDelivery.updateMany({ status: 'pending' }, { $set: { status: 'failed' }, $unset: { nextAttemptAt: 1 } });
  clock += 10 * 60_000; // sessions last 12 h of this clock
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

describe('webhook administration', () => {
  it('creates a generic webhook with a generated secret shown once; lists mask URL keys and never show secrets', async () => {
    const hook = await createHook({ name: 'CRM 同步', url: `${receiverUrl}/generic?token=abcdefghijkl`, events: ['customer.assigned'] });
    expect(hook.kind).toBe('generic');
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(hook.hasSecret).toBe(true);
    expect(hook.url).toBe(`${receiverUrl}/generic?token=****ijkl`);

    const list = await api.call<{ items: WebhookBody[] }>('GET', '/api/webhooks', { token: admin });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
    expect(JSON.stringify(list.body)).not.toContain('abcdefghijkl');
    const one = await api.call<WebhookBody>('GET', `/api/webhooks/${hook.id}`, { token: admin });
    expect(one.body.secret).toBeUndefined();

    const audit = await api.ctx.models.AuditLog.findOne({ action: 'webhooks.create', 'target.id': hook.id }).lean();
    expect(audit).not.toBeNull();
    expect(JSON.stringify(audit)).not.toContain(hook.secret);

    const events = await api.call<{ items: Array<{ event: string }> }>('GET', '/api/webhooks/events', { token: admin });
    expect(events.body.items.map((e) => e.event)).toEqual(expect.arrayContaining(['customer.assigned', 'customer.reclaimed', 'customer.escalated', 'followUp.overdue', 'pool.claimed']));
  });

  it('refuses bad URLs, unknown events, secrets for WeCom, and non-admins', async () => {
    const bad = async (body: Record<string, unknown>, code: string) => {
      const r = await api.call<{ error: { code: string; details: Array<{ path: string }> } }>('POST', '/api/webhooks', { token: admin, body });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe(code);
      return r.body.error;
    };
    await bad({ name: 'ftp', url: 'ftp://example.com/x', events: ['customer.assigned'] }, 'VALIDATION_FAILED');
    const creds = await bad({ name: 'creds', url: `http://user:pw@127.0.0.1:1/x`, events: ['customer.assigned'] }, 'WEBHOOK_URL_REFUSED');
    expect(creds.details[0]?.path).toBe('/body/url');
    await bad({ name: 'event', url: `${receiverUrl}/x`, events: ['customer.exploded'] }, 'VALIDATION_FAILED');
    await bad({ name: 'wecom', url: `${receiverUrl}/x`, kind: 'wecom', secret: 'SEC0123456789abcdef', events: ['customer.assigned'] }, 'WEBHOOK_SECRET_UNUSED');
    await bad({ name: 'extra', url: `${receiverUrl}/x`, events: ['customer.assigned'], headers: { a: 1 } }, 'VALIDATION_FAILED');

    for (const email of ['manager@allot.demo', 'rep@allot.demo']) {
      const t = await api.login(email);
      expect((await api.call('GET', '/api/webhooks', { token: t })).status).toBe(403);
      expect((await api.call('POST', '/api/webhooks', { token: t, body: { name: 'x', url: `${receiverUrl}/x`, events: ['customer.assigned'] } })).status).toBe(403);
    }
  });

  it('without ALLOT_WEBHOOK_ALLOW_PRIVATE, loopback and private targets are refused at creation and at delivery', async () => {
    const strict = await startTestApi(db.conn, { now: () => clock });
    try {
      const t = await strict.login('admin@allot.demo');
      for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://10.0.0.8/x']) {
        const r = await strict.call<{ error: { code: string } }>('POST', '/api/webhooks', { token: t, body: { name: 'ssrf', url, events: ['customer.assigned'] } });
        expect(r.status, url).toBe(400);
        expect(r.body.error.code).toBe('WEBHOOK_URL_REFUSED');
      }
      // a hook stored while allowed is still refused by a strict pump: no request leaves, no retry
      const hook = await createHook({ name: 'loop', url: `${receiverUrl}/strict`, events: ['customer.assigned'] });
      await emitEvent(api.ctx, { event: 'customer.assigned', data: { customerId: 'c1' }, webhookIds: [hook.id] });
      const result = await deliverDue(strict.ctx, clock);
      expect(result).toMatchObject({ attempted: 1, failed: 1 });
      expect(at('/strict')).toHaveLength(0);
      const [d] = await deliveries(hook.id);
      expect(d?.status).toBe('failed');
      expect(d?.lastError).toMatch(/blocked/);
      expect(d?.nextAttemptAt).toBeNull();
    } finally {
      await strict.close();
    }
  });
});

describe('delivery', () => {
  it('generic: JSON body signed with HMAC-SHA256 over "timestamp.body", with event, delivery and timestamp headers', async () => {
    const hook = await createHook({ name: 'generic', url: `${receiverUrl}/signed`, events: ['customer.assigned', 'pool.claimed'] });
    const other = await createHook({ name: 'other', url: `${receiverUrl}/unsubscribed`, events: ['customer.won'] });
    const ids = await emitEvent(api.ctx, { event: 'customer.assigned', data: { customerId: 'c42', customerName: '杭州云帆', ownerName: '李娜', at: new Date(clock) } });
    expect(ids).toHaveLength(1);
    expect(await deliverDue(api.ctx, clock)).toEqual({ attempted: 1, succeeded: 1, retrying: 0, failed: 0 });

    const [req] = at('/signed');
    expect(req).toBeDefined();
    const r = req as Received;
    const ts = Number(r.headers['x-allot-timestamp']);
    expect(ts).toBe(Math.floor(clock / 1000));
    const want = `sha256=${createHmac('sha256', hook.secret as string).update(`${ts}.${r.body}`).digest('hex')}`;
    expect(r.headers['x-allot-signature']).toBe(want);
    expect(r.headers['x-allot-event']).toBe('customer.assigned');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(r.body) as { id: string; event: string; occurredAt: string; data: Record<string, unknown> };
    expect(r.headers['x-allot-delivery']).toBe(body.id);
    expect(body).toMatchObject({ event: 'customer.assigned', occurredAt: new Date(clock).toISOString(), data: { customerId: 'c42', customerName: '杭州云帆', at: new Date(clock).toISOString() } });
    expect(at('/unsubscribed')).toHaveLength(0);
    expect(await deliveries(other.id)).toHaveLength(0);

    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, nextAttemptAt: null, deliveryKey: body.id });
    expect(d?.log).toHaveLength(1);
    expect(d?.log[0]).toMatchObject({ attempt: 1, at: new Date(clock).toISOString(), statusCode: 200, responseExcerpt: 'ok', error: null, nextAttemptAt: null });
    expect(d?.log[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries after 500s with backoff (1 s, then 5 s) on an injected clock, and logs every try', async () => {
    const hook = await createHook({ name: 'flaky', url: `${receiverUrl}/flaky`, events: ['customer.reclaimed'] });
    answer('/flaky', { status: 500, body: 'boom' }, { status: 502, body: '{"error":"bad gateway"}' }, { status: 204 });
    await emitEvent(api.ctx, { event: 'customer.reclaimed', data: { customerId: 'c7' } });
    const t0 = clock;
    expect(await deliverDue(api.ctx, t0)).toMatchObject({ attempted: 1, retrying: 1 });
    expect(await deliverDue(api.ctx, t0 + 999)).toMatchObject({ attempted: 0 });
    expect(await deliverDue(api.ctx, t0 + 1_000)).toMatchObject({ attempted: 1, retrying: 1 });
    expect(await deliverDue(api.ctx, t0 + 1_000 + 4_999)).toMatchObject({ attempted: 0 });
    expect(await deliverDue(api.ctx, t0 + 6_000)).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(at('/flaky')).toHaveLength(3);
    // the same delivery id on every try, a fresh timestamp and signature each time
    expect(new Set(at('/flaky').map((r) => r.headers['x-allot-delivery'])).size).toBe(1);
    expect(at('/flaky').map((r) => r.headers['x-allot-attempt'])).toEqual(['1', '2', '3']);

    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204, lastError: null });
    expect(d?.log.map((l) => [l.attempt, l.statusCode, l.error, l.nextAttemptAt])).toEqual([
      [1, 500, 'HTTP 500', new Date(t0 + 1_000).toISOString()],
      [2, 502, 'HTTP 502', new Date(t0 + 6_000).toISOString()],
      [3, 204, null, null],
    ]);
    expect(d?.log[0]?.responseExcerpt).toBe('boom');
  });

  it('gives up after five tries, then a manual redelivery starts a new round with the same delivery id', async () => {
    const hook = await createHook({ name: 'down', url: `${receiverUrl}/down`, events: ['followUp.overdue'] });
    answer('/down', { status: 503, body: 'down' });
    await emitEvent(api.ctx, { event: 'followUp.overdue', data: { customerId: 'c9' } });
    let t = clock;
    const outcomes: string[] = [];
    for (const wait of [0, 1_000, 5_000, 30_000, 120_000]) {
      t += wait;
      const r = await deliverDue(api.ctx, t);
      outcomes.push(r.failed ? 'failed' : r.retrying ? 'retrying' : 'none');
    }
    expect(outcomes).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'failed']);
    expect(await deliverDue(api.ctx, t + 10 * 60_000)).toMatchObject({ attempted: 0 });
    let [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 5, lastStatusCode: 503, nextAttemptAt: null });

    answer('/down', { status: 200, body: 'back' });
    clock = t + 60_000;
    const re = await api.call<Delivery>('POST', `/api/webhooks/${hook.id}/deliveries/${d?.id}/redeliver`, { token: admin });
    expect(re.status).toBe(202);
    expect(re.body).toMatchObject({ status: 'pending', nextAttemptAt: new Date(clock).toISOString() });
    const again = await api.call<{ error: { code: string } }>('POST', `/api/webhooks/${hook.id}/deliveries/${d?.id}/redeliver`, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DELIVERY_PENDING');

    expect(await deliverDue(api.ctx, clock)).toMatchObject({ attempted: 1, succeeded: 1 });
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 6 });
    expect(new Set(at('/down').map((r) => r.headers['x-allot-delivery'])).size).toBe(1);
    const audit = await api.ctx.models.AuditLog.findOne({ action: 'webhooks.redeliver', 'target.id': d?.id }).lean();
    expect(audit?.after).toEqual({ status: 'pending', attempts: 5 });
  });

  it('WeCom group robot: markdown message to the robot URL; errcode ≠ 0 counts as a failure', async () => {
    const hook = await createHook({ name: '企业微信群', kind: 'wecom', url: `${receiverUrl}/cgi-bin/webhook/send?key=693a91f6-7xxx`, events: ['customer.escalated'] });
    expect(hook.hasSecret).toBe(false);
    expect(hook.secret).toBeUndefined();
    answer('/cgi-bin/webhook/send', { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' }, { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    await emitEvent(api.ctx, {
      event: 'customer.escalated',
      data: { customerId: 'c1' },
      message: { title: text('跟进超时升级', 'Escalated'), body: text('客户 **杭州云帆** 已 3 天未跟进', 'No follow-up for 3 days') },
    });
    expect(await deliverDue(api.ctx, clock)).toMatchObject({ retrying: 1 });
    expect(await deliverDue(api.ctx, clock + 1_000)).toMatchObject({ succeeded: 1 });
    const reqs = at('/cgi-bin/webhook/send');
    expect(reqs).toHaveLength(2);
    expect(reqs[0]?.query.get('key')).toBe('693a91f6-7xxx');
    expect(reqs[0]?.headers['x-allot-signature']).toBeUndefined();
    const body = JSON.parse(reqs[0]?.body ?? '{}') as { msgtype: string; markdown: { content: string } };
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown']);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('**跟进超时升级**');
    expect(body.markdown.content).toContain('已 3 天未跟进');
    const [d] = await deliveries(hook.id);
    expect(d?.log[0]?.error).toBe('errcode 45009: api freq out of limit');
  });

  it('DingTalk robot in signed-secret mode: &timestamp=…&sign=… with sign = urlencode(base64(HMAC-SHA256(secret, timestamp\\nsecret)))', async () => {
    const secret = 'SEC2f3c9a7b1e0d4c5b6a79880123456789abcdef0123456789abcdef01234567';
    const hook = await createHook({ name: '钉钉群', kind: 'dingtalk', url: `${receiverUrl}/robot/send?access_token=tok123`, secret, events: ['pool.claimed'], locale: 'en' });
    expect(hook.secret).toBeUndefined();
    expect(hook.hasSecret).toBe(true);
    answer('/robot/send', { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    await emitEvent(api.ctx, { event: 'pool.claimed', data: { customerName: 'Yunfan Tech', ownerName: 'Li Na', poolName: 'East pool' } });
    expect(await deliverDue(api.ctx, clock)).toMatchObject({ succeeded: 1 });
    const [req] = at('/robot/send');
    const r = req as Received;
    expect(r.query.get('access_token')).toBe('tok123');
    expect(r.query.get('timestamp')).toBe(String(clock));
    const sign = createHmac('sha256', secret).update(`${clock}\n${secret}`).digest('base64');
    expect(r.query.get('sign')).toBe(sign);
    // URL-encoded in the raw query: no bare + / = from base64
    const rawSign = /[?&]sign=([^&]*)/.exec(r.rawQuery)?.[1] ?? '';
    expect(rawSign).toBe(encodeURIComponent(sign));
    expect(rawSign).not.toMatch(/[+/=]/);
    const body = JSON.parse(r.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('Pool customer claimed');
    expect(body.markdown.text).toContain('Customer: Yunfan Tech');
    expect(body.markdown.text).toContain('Owner: Li Na');
  });

  it('DingTalk sign mismatch (errcode 310000) is logged and retried', async () => {
    const hook = await createHook({ name: '钉钉', kind: 'dingtalk', url: `${receiverUrl}/robot/bad?access_token=t`, secret: 'SECwrong-secret-0000000000', events: ['customer.won'] });
    answer('/robot/bad', { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    await emitEvent(api.ctx, { event: 'customer.won', data: { customerId: 'c1' } });
    expect(await deliverDue(api.ctx, clock)).toMatchObject({ retrying: 1 });
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: 'pending', lastStatusCode: 200, lastError: 'errcode 310000: sign not match' });
  });

  it('caps what it reads of an answer and stores a short excerpt', async () => {
    const hook = await createHook({ name: 'big', url: `${receiverUrl}/big`, events: ['job.finished'] });
    answer('/big', { status: 200, body: 'x'.repeat(2_000_000) });
    await emitEvent(api.ctx, { event: 'job.finished', data: { jobId: 'j1' } });
    expect(await deliverDue(api.ctx, clock)).toMatchObject({ succeeded: 1 });
    const [d] = await deliveries(hook.id);
    expect(d?.log[0]?.responseExcerpt).toHaveLength(500);
  });

  it('a dedupe key enqueues an event once per webhook; disabled webhooks get nothing', async () => {
    const on = await createHook({ name: 'on', url: `${receiverUrl}/dedupe`, events: ['customer.lost'] });
    const off = await createHook({ name: 'off', url: `${receiverUrl}/off`, events: ['customer.lost'] });
    expect((await api.call('PATCH', `/api/webhooks/${off.id}`, { token: admin, body: { enabled: false } })).status).toBe(200);
    const first = await emitEvent(api.ctx, { event: 'customer.lost', data: { customerId: 'c3' }, dedupeKey: 'lost:c3:v1' });
    const repeat = await emitEvent(api.ctx, { event: 'customer.lost', data: { customerId: 'c3' }, dedupeKey: 'lost:c3:v1' });
    expect(first).toHaveLength(1);
    expect(repeat).toHaveLength(0);
    await deliverDue(api.ctx, clock);
    expect(at('/dedupe')).toHaveLength(1);
    expect(await deliveries(on.id)).toHaveLength(1);
    expect(await deliveries(off.id)).toHaveLength(0);
  });

  it('POST /test queues a ping; deleting a webhook fails what is still queued and keeps the log', async () => {
    const hook = await createHook({ name: 'ping', url: `${receiverUrl}/ping`, events: ['customer.created'] });
    const r = await api.call<{ deliveryId: string }>('POST', `/api/webhooks/${hook.id}/test`, { token: admin });
    expect(r.status).toBe(202);
    expect(await deliverDue(api.ctx, clock)).toMatchObject({ succeeded: 1 });
    expect(at('/ping')[0]?.headers['x-allot-event']).toBe('webhook.ping');

    answer('/ping', { status: 500 });
    await api.call('POST', `/api/webhooks/${hook.id}/test`, { token: admin });
    await deliverDue(api.ctx, clock);
    expect((await api.call('DELETE', `/api/webhooks/${hook.id}`, { token: admin })).status).toBe(200);
    const left = await api.ctx.models.WebhookDelivery.find({ webhookId: hook.id }).lean();
    expect(left.map((d) => d.status).sort()).toEqual(['failed', 'succeeded']);
    expect(left.find((d) => d.status === 'failed')?.lastError).toBe('webhook deleted');
    expect((await api.call('GET', `/api/webhooks/${hook.id}/deliveries`, { token: admin })).status).toBe(404);
    expect((await api.call('GET', `/api/webhooks/${hook.id}`, { token: admin })).status).toBe(404);
  });

  it('rotating a generic secret returns a new one once, and signatures use it', async () => {
    const hook = await createHook({ name: 'rotate', url: `${receiverUrl}/rotate`, events: ['flow.published'] });
    const r = await api.call<WebhookBody>('POST', `/api/webhooks/${hook.id}/rotate-secret`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.secret).toMatch(/^whsec_/);
    expect(r.body.secret).not.toBe(hook.secret);
    await emitEvent(api.ctx, { event: 'flow.published', data: { flowId: 'f1' } });
    await deliverDue(api.ctx, clock);
    const [req] = at('/rotate');
    const ts = Number(req?.headers['x-allot-timestamp']);
    expect(req?.headers['x-allot-signature']).toBe(`sha256=${createHmac('sha256', r.body.secret as string).update(`${ts}.${req?.body}`).digest('hex')}`);
  });

  it('two pumps running at once send each delivery once', async () => {
    const hook = await createHook({ name: 'race', url: `${receiverUrl}/race`, events: ['customer.created'] });
    for (let i = 0; i < 12; i++) await emitEvent(api.ctx, { event: 'customer.created', data: { i } });
    const [a, b] = await Promise.all([deliverDue(api.ctx, clock), deliverDue(api.ctx, clock)]);
    expect((a?.attempted ?? 0) + (b?.attempted ?? 0)).toBe(12);
    expect(at('/race')).toHaveLength(12);
    expect(new Set(at('/race').map((r) => r.headers['x-allot-delivery'])).size).toBe(12);
    expect((await deliveries(hook.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
  });
});

describe('the delivery pump when nothing is due', () => {
  it('costs one look-up per tick (each is a scan on the embedded FerretDB, and the API’s intakes wait behind it)', async () => {
    const monitored = mongoose.createConnection(db.uri, { monitorCommands: true } as mongoose.ConnectOptions);
    await monitored.asPromise();
    try {
      const ctx = { ...api.ctx, conn: monitored, models: getModels(monitored) };
      await Promise.all(Object.values(ctx.models).map((m) => m.init())); // collections and indexes made before counting
      const commands: string[] = [];
      monitored.getClient().on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => void commands.push(`${e.commandName}:${String(e.command[e.commandName])}`));
      expect(await deliverDue(ctx, clock + 365 * 86_400_000)).toEqual({ attempted: 0, succeeded: 0, retrying: 0, failed: 0 });
      expect(commands).toEqual(['find:webhookDeliveries']);
    } finally {
      await monitored.close();
    }
  });
});

describe('responses match the OpenAPI declarations', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const check = (routeId: string, status: number, body: unknown) => {
    const route = ROUTES.find((r) => r.id === routeId);
    const schema = route?.responses[status] as TSchema | undefined;
    expect(schema, `${routeId} declares ${status}`).toBeDefined();
    const ok = ajv.validate(schema as TSchema, body);
    expect(ok, `${routeId}: ${ajv.errorsText()}`).toBe(true);
  };

  it('for webhooks, deliveries, notifications, audit and tokens', async () => {
    const created = await api.call('POST', '/api/webhooks', { token: admin, body: { name: 'c', url: `${receiverUrl}/contract`, events: ['customer.created'] } });
    check('webhooks.create', 201, created.body);
    const id = (created.body as WebhookBody).id;
    answer('/contract', { status: 500, body: 'no' }, { status: 200 });
    await emitEvent(api.ctx, { event: 'customer.created', data: { customerId: 'c1' } });
    await deliverDue(api.ctx, clock);
    await deliverDue(api.ctx, clock + 1_000);
    const calls: Array<[string, string, string, number, unknown?]> = [
      ['webhooks.list', 'GET', '/api/webhooks', 200],
      ['webhooks.get', 'GET', `/api/webhooks/${id}`, 200],
      ['webhooks.events', 'GET', '/api/webhooks/events', 200],
      ['webhooks.update', 'PATCH', `/api/webhooks/${id}`, 200, { locale: 'en' }],
      ['webhooks.deliveries', 'GET', `/api/webhooks/${id}/deliveries`, 200],
      ['webhooks.rotateSecret', 'POST', `/api/webhooks/${id}/rotate-secret`, 200],
      ['webhooks.test', 'POST', `/api/webhooks/${id}/test`, 202],
      ['notifications.list', 'GET', '/api/notifications?order=unreadFirst', 200],
      ['notifications.unreadCount', 'GET', '/api/notifications/unread-count', 200],
      ['notifications.readAll', 'POST', '/api/notifications/read-all', 200],
      ['audit.list', 'GET', '/api/audit?limit=20', 200],
      ['tokens.create', 'POST', '/api/tokens', 201, { name: 'contract', scopes: ['intake'] }],
      ['tokens.list', 'GET', '/api/tokens', 200],
    ];
    for (const [routeId, method, path, status, body] of calls) {
      const r = await api.call(method, path, { token: admin, ...(body ? { body } : {}) });
      expect(r.status, `${routeId}: ${JSON.stringify(r.body)}`).toBe(status);
      check(routeId, status, r.body);
    }
    const d = (await deliveries(id)).find((x) => x.status === 'succeeded');
    expect(d?.log.length).toBe(2);
    const re = await api.call('POST', `/api/webhooks/${id}/deliveries/${d?.id}/redeliver`, { token: admin });
    check('webhooks.redeliver', 202, re.body);
    const tokenId = ((await api.call<{ items: Array<{ id: string }> }>('GET', '/api/tokens', { token: admin })).body.items[0] as { id: string }).id;
    check('tokens.revoke', 200, (await api.call('DELETE', `/api/tokens/${tokenId}`, { token: admin })).body);
    check('webhooks.delete', 200, (await api.call('DELETE', `/api/webhooks/${id}`, { token: admin })).body);
  });
});
