import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../engine/core/common/localized';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { notify, resolveRecipients } from '../../engine/services/notifications/inbox/notify.service';
import { sendFlowNotification } from '../../engine/services/notifications/flow-notify.service';
import { createApiToken } from '../../engine/services/tokens/api-token.service';
import { useTestDatabase } from '../harness/db';
import { startTestApi, type TestApi } from '../harness/api';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let clock = Date.parse('2026-03-02T02:00:00.000Z');
const tokens: Record<'admin' | 'manager' | 'rep', string> = { admin: '', manager: '', rep: '' };
const users = {} as Record<'admin' | 'manager' | 'rep', { _id: Types.ObjectId; repId: string; teamId: string }>;

interface Item { id: string; kind: string; title: { 'zh-CN': string; en: string }; read: boolean; readAt: string | null; createdAt: string; customerId: string | null }
interface Page { items: Item[]; nextCursor: string | null; unreadCount: number }

const msg = (n: number) => ({ kind: 'reminder' as const, title: text(`提醒 ${n}`, `Reminder ${n}`), body: text(`请跟进 ${n}`, `Follow up ${n}`) });

/** Every page of a listing, following cursors. */
async function allPages(token: string, query: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const r: { status: number; body: Page } = await api.call<Page>('GET', `/api/notifications?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    pages.push(r.body);
    cursor = r.body.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

beforeAll(async () => {
  db = await useTestDatabase('notifications');
  await seedDemo(db.conn, { reset: true });
  api = await startTestApi(db.conn, { now: () => clock });
  for (const role of ['admin', 'manager', 'rep'] as const) {
    tokens[role] = await api.login(`${role}@allot.demo`);
    const u = await api.ctx.models.User.findOne({ email: `${role}@allot.demo` }).lean();
    if (!u) throw new Error(`no ${role}`);
    users[role] = { _id: u._id, repId: u.repId ? String(u.repId) : '', teamId: u.managedTeamIds[0] ? String(u.managedTeamIds[0]) : '' };
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('notify()', () => {
  it('reaches users by id, by rep, by role and as managers of a team; each user once, disabled users never', async () => {
    const { User } = api.ctx.models;
    const byRep = await resolveRecipients(api.ctx, { repIds: [users.rep.repId] });
    expect(byRep).toEqual([String(users.rep._id)]);
    const teamId = users.manager.teamId;
    expect(await resolveRecipients(api.ctx, { managersOfTeamIds: [teamId] })).toEqual([String(users.manager._id)]);
    expect(await resolveRecipients(api.ctx, { role: 'admin' })).toEqual([String(users.admin._id)]);
    const mixed = await resolveRecipients(api.ctx, { userIds: [String(users.rep._id), 'not-an-id'], repIds: [users.rep.repId], role: 'admin' });
    expect(mixed.sort()).toEqual([String(users.admin._id), String(users.rep._id)].sort());
    expect(await resolveRecipients(api.ctx, {})).toEqual([]);

    const disabled = await User.create({ email: 'gone@allot.demo', name: 'Gone', passwordHash: 'x'.repeat(60), role: 'admin', disabled: true });
    expect(await resolveRecipients(api.ctx, { userIds: [String(disabled._id)] })).toEqual([]);
  });

  it('writes the inbox message with the clock time; a repeated dedupe key notifies each user once', async () => {
    const customer = await api.ctx.models.Customer.findOne({}).lean();
    const r = await notify(api.ctx, { repIds: [users.rep.repId], kind: 'assigned', title: text('新客户', 'New customer'), body: text('分配给你', 'Assigned to you'), customerId: String(customer?._id), link: `/customers/${String(customer?._id)}`, dedupeKey: 'assign:c1' });
    expect(r).toEqual({ userIds: [String(users.rep._id)], created: 1 });
    const again = await Promise.all([1, 2, 3].map(() => notify(api.ctx, { repIds: [users.rep.repId], kind: 'assigned', title: text('新客户', 'New customer'), body: text('分配给你', 'Assigned to you'), dedupeKey: 'assign:c1' })));
    expect(again.map((x) => x.created)).toEqual([0, 0, 0]);
    const stored = await api.ctx.models.Notification.find({ userId: users.rep._id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.createdAt?.getTime()).toBe(clock);
    expect(String(stored[0]?.customerId)).toBe(String(customer?._id));
  });
});

describe('inbox API', () => {
  it('lists only the caller’s own messages, newest first, with cursors', async () => {
    for (let n = 1; n <= 5; n++) {
      clock += 60_000;
      await notify(api.ctx, { userIds: [String(users.manager._id)], ...msg(n) });
    }
    await notify(api.ctx, { userIds: [String(users.admin._id)], ...msg(99) });
    const pages = await allPages(tokens.manager, 'limit=2');
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const titles = pages.flatMap((p) => p.items.map((i) => i.title.en));
    expect(titles).toEqual(['Reminder 5', 'Reminder 4', 'Reminder 3', 'Reminder 2', 'Reminder 1']);
    expect(pages[0]?.unreadCount).toBe(5);
    expect(titles).not.toContain('Reminder 99');

    const count = await api.call<{ count: number }>('GET', '/api/notifications/unread-count', { token: tokens.manager });
    expect(count.body.count).toBe(5);
  });

  it('marks one read (own only: another user’s message is 404), idempotently, and audits it', async () => {
    const list = await api.call<Page>('GET', '/api/notifications?limit=50', { token: tokens.manager });
    const target = list.body.items.find((i) => i.title.en === 'Reminder 2');
    expect(target).toBeDefined();
    const adminMsg = (await api.call<Page>('GET', '/api/notifications', { token: tokens.admin })).body.items[0];

    const other = await api.call<{ error: { code: string } }>('POST', `/api/notifications/${adminMsg?.id}/read`, { token: tokens.manager });
    expect(other.status).toBe(404);
    expect((await api.ctx.models.Notification.findById(adminMsg?.id).lean())?.readAt).toBeUndefined();

    clock += 1_000;
    const r = await api.call<Item>('POST', `/api/notifications/${target?.id}/read`, { token: tokens.manager, headers: { 'x-request-id': 'read-req-1' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: target?.id, read: true, readAt: new Date(clock).toISOString() });
    clock += 1_000;
    const again = await api.call<Item>('POST', `/api/notifications/${target?.id}/read`, { token: tokens.manager });
    expect(again.body.readAt).toBe(r.body.readAt);

    const audit = await api.ctx.models.AuditLog.findOne({ requestId: 'read-req-1' }).lean();
    expect(audit).toMatchObject({ action: 'notifications.read', target: { kind: 'notification', id: target?.id }, before: { readAt: null }, after: { readAt: r.body.readAt } });
    expect(audit?.actor).toMatchObject({ kind: 'user', id: String(users.manager._id) });
  });

  it('unreadFirst puts unread messages (newest first) before read ones, across page boundaries', async () => {
    const list = await api.call<Page>('GET', '/api/notifications?limit=50', { token: tokens.manager });
    const r4 = list.body.items.find((i) => i.title.en === 'Reminder 4');
    await api.call('POST', `/api/notifications/${r4?.id}/read`, { token: tokens.manager });
    // read: 2, 4; unread: 5, 3, 1
    for (const limit of [1, 2, 3, 4, 5]) {
      const pages = await allPages(tokens.manager, `order=unreadFirst&limit=${limit}`);
      const seq = pages.flatMap((p) => p.items.map((i) => `${i.title.en.slice(-1)}${i.read ? 'r' : 'u'}`));
      expect(seq, `limit ${limit}`).toEqual(['5u', '3u', '1u', '4r', '2r']);
    }
    const unread = await allPages(tokens.manager, 'unread=true&limit=2');
    expect(unread.flatMap((p) => p.items.map((i) => i.title.en))).toEqual(['Reminder 5', 'Reminder 3', 'Reminder 1']);
  });

  it('read-all marks every unread message of the caller only', async () => {
    const before = await api.ctx.models.Notification.countDocuments({ userId: users.admin._id, readAt: null });
    const r = await api.call<{ updated: number }>('POST', '/api/notifications/read-all', { token: tokens.manager });
    expect(r.status).toBe(200);
    expect(r.body.updated).toBe(3);
    expect((await api.call<{ count: number }>('GET', '/api/notifications/unread-count', { token: tokens.manager })).body.count).toBe(0);
    expect(await api.ctx.models.Notification.countDocuments({ userId: users.admin._id, readAt: null })).toBe(before);
  });

  it('refuses bad input with 400 and integration tokens with 403', async () => {
    const bad = [
      '/api/notifications?order=oldest',
      '/api/notifications?limit=0',
      '/api/notifications?userId=someone',
      '/api/notifications?cursor=not-a-cursor',
      `/api/notifications?cursor=${Buffer.from(JSON.stringify({ t: { $gt: 0 }, i: 'x' })).toString('base64url')}`,
      '/api/notifications?unread[$ne]=1',
    ];
    for (const path of bad) {
      const r = await api.call<{ error: { code: string } }>('GET', path, { token: tokens.rep });
      expect(r.status, path).toBe(400);
    }
    const badId = await api.call('POST', '/api/notifications/not-an-id/read', { token: tokens.rep });
    expect(badId.status).toBe(400);
    const { token } = await createApiToken(api.ctx, { name: 'admin-scope', scopes: ['admin'] });
    expect((await api.call('GET', '/api/notifications', { token })).status).toBe(403);
    expect((await api.call('GET', '/api/notifications')).status).toBe(401);
  });
});

describe('a flow’s notify node', () => {
  it('inApp reaches the named reps and the team’s managers once; robot channels queue flow.notify for webhooks of that kind', async () => {
    const { Webhook, WebhookDelivery, Notification } = api.ctx.models;
    const message = text('客户 杭州云帆 需要你关注', 'Customer Yunfan needs your attention');
    const ctx = { customerId: new Types.ObjectId().toHexString(), teamId: users.manager.teamId, dedupeKey: 'wf:c1:notify:1' };
    const first = await sendFlowNotification(api.ctx, { channel: 'inApp', to: [users.rep.repId], toManager: true, message }, ctx);
    const retry = await sendFlowNotification(api.ctx, { channel: 'inApp', to: [users.rep.repId], toManager: true, message }, ctx);
    expect(first.inbox?.userIds.sort()).toEqual([String(users.manager._id), String(users.rep._id)].sort());
    expect(first.inbox?.created).toBe(2);
    expect(retry.inbox?.created).toBe(0);
    const stored = await Notification.findOne({ userId: users.rep._id, dedupeKey: `wf:c1:notify:1:${String(users.rep._id)}` }).lean();
    expect(stored).toMatchObject({ kind: 'system', body: message, link: `/customers/${ctx.customerId}` });

    const robot = await Webhook.create({ name: '群', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1', events: ['flow.notify'] });
    await Webhook.create({ name: '钉钉', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', events: ['flow.notify'] });
    const named = await Webhook.create({ name: '指定', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k2', events: ['customer.won'] });
    const wecom = await sendFlowNotification(api.ctx, { channel: 'wecom', to: [users.rep.repId], message }, ctx);
    expect(wecom.deliveryIds).toHaveLength(1);
    const d = await WebhookDelivery.findById(wecom.deliveryIds[0]).lean();
    expect(String(d?.webhookId)).toBe(String(robot._id));
    expect(d?.payload).toMatchObject({ event: 'flow.notify', message: { body: message }, data: { customerId: ctx.customerId } });
    expect((await sendFlowNotification(api.ctx, { channel: 'wecom', message }, ctx)).deliveryIds).toHaveLength(0);

    const direct = await sendFlowNotification(api.ctx, { channel: 'wecom', message, webhookUrl: named.url }, { customerId: ctx.customerId });
    expect(direct.deliveryIds).toHaveLength(1);
    expect(String((await WebhookDelivery.findById(direct.deliveryIds[0]).lean())?.webhookId)).toBe(String(named._id));
    expect((await sendFlowNotification(api.ctx, { channel: 'webhook', message }, {})).deliveryIds).toHaveLength(0);
    expect(await sendFlowNotification(api.ctx, { channel: 'sms', message }, {})).toEqual({ inbox: null, deliveryIds: [] });
  });
});
