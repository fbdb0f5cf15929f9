import { Type } from '@sinclair/typebox';
import { LocalizedTextSchema, text } from '../../core/common/localized';
import { listDeliveries, redeliver } from '../../services/notifications/webhooks/webhook-delivery.service';
import { emitEvent } from '../../services/notifications/webhooks/webhook-emit.service';
import { WEBHOOK_EVENT_NAMES, WEBHOOK_EVENTS } from '../../services/notifications/webhooks/webhook-events';
import { CreateWebhookBody, DeliveryViewSchema, UpdateWebhookBody, WebhookViewSchema } from '../../services/notifications/webhooks/webhook.schemas';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, rotateWebhookSecret, updateWebhook } from '../../services/notifications/webhooks/webhook.service';
import { ApiError } from '../api-error';
import { IdParams, ObjectIdString } from '../http/common.schemas';
import { defineRoute } from '../http/define-route';

// webhooks hold secrets and reach out of the network: users with the admin role only, no API token
const adminOnly = { roles: ['admin'] } as const;
const WithSecret = Type.Composite([WebhookViewSchema, Type.Object({ secret: Type.Optional(Type.String({ description: 'shown once' })) })]);

export const webhookEventsRoute = defineRoute({
  id: 'webhooks.events',
  method: 'get',
  path: '/api/webhooks/events',
  tag: 'webhooks',
  summary: text('可订阅的事件', 'Events a webhook can subscribe to'),
  auth: adminOnly,
  responses: { 200: Type.Object({ items: Type.Array(Type.Object({ event: Type.String(), label: LocalizedTextSchema })) }) },
  async handler() {
    return { body: { items: WEBHOOK_EVENT_NAMES.map((event) => ({ event, label: WEBHOOK_EVENTS[event] })) } };
  },
});

export const listWebhooksRoute = defineRoute({
  id: 'webhooks.list',
  method: 'get',
  path: '/api/webhooks',
  tag: 'webhooks',
  summary: text('Webhook 列表（网址中的密钥已遮盖）', 'Webhooks (keys in URLs masked)'),
  auth: adminOnly,
  responses: { 200: Type.Object({ items: Type.Array(WebhookViewSchema) }) },
  async handler({ app }) {
    return { body: { items: await listWebhooks(app) } };
  },
});

export const createWebhookRoute = defineRoute({
  id: 'webhooks.create',
  method: 'post',
  path: '/api/webhooks',
  tag: 'webhooks',
  summary: text('创建 Webhook：通用（HMAC 签名）、企业微信或钉钉群机器人', 'Create a webhook: generic (HMAC-signed), WeCom or DingTalk group robot'),
  auth: adminOnly,
  body: CreateWebhookBody,
  responses: { 201: WithSecret },
  async handler({ app, principal, body, audit }) {
    const { webhook, secret } = await createWebhook(app, body, principal.id);
    audit({ action: 'webhooks.create', target: { kind: 'webhook', id: webhook.id }, after: webhook });
    return { status: 201, body: { ...webhook, ...(secret ? { secret } : {}) }, headers: { 'cache-control': 'no-store' } };
  },
});

export const getWebhookRoute = defineRoute({
  id: 'webhooks.get',
  method: 'get',
  path: '/api/webhooks/:id',
  tag: 'webhooks',
  summary: text('查看 Webhook', 'One webhook'),
  auth: adminOnly,
  params: IdParams,
  responses: { 200: WebhookViewSchema },
  async handler({ app, params }) {
    return { body: await getWebhook(app, params.id) };
  },
});

export const updateWebhookRoute = defineRoute({
  id: 'webhooks.update',
  method: 'patch',
  path: '/api/webhooks/:id',
  tag: 'webhooks',
  summary: text('修改 Webhook（名称、网址、事件、启用、语言、密钥）', 'Change a webhook (name, URL, events, enabled, language, secret)'),
  auth: adminOnly,
  params: IdParams,
  body: UpdateWebhookBody,
  responses: { 200: WebhookViewSchema },
  async handler({ app, params, body, audit }) {
    const { before, after } = await updateWebhook(app, params.id, body);
    audit({ action: 'webhooks.update', target: { kind: 'webhook', id: params.id }, before, after });
    return { body: after };
  },
});

export const deleteWebhookRoute = defineRoute({
  id: 'webhooks.delete',
  method: 'delete',
  path: '/api/webhooks/:id',
  tag: 'webhooks',
  summary: text('删除 Webhook（投递记录保留）', 'Delete a webhook (its delivery log is kept)'),
  auth: adminOnly,
  params: IdParams,
  responses: { 200: WebhookViewSchema },
  async handler({ app, params, audit }) {
    const before = await deleteWebhook(app, params.id);
    audit({ action: 'webhooks.delete', target: { kind: 'webhook', id: params.id }, before });
    return { body: before };
  },
});

export const rotateSecretRoute = defineRoute({
  id: 'webhooks.rotateSecret',
  method: 'post',
  path: '/api/webhooks/:id/rotate-secret',
  tag: 'webhooks',
  summary: text('重新生成通用 Webhook 的签名密钥（只显示这一次）', 'Generate a new signing secret for a generic webhook (shown once)'),
  auth: adminOnly,
  params: IdParams,
  responses: { 200: WithSecret },
  async handler({ app, params, audit }) {
    const { webhook, secret } = await rotateWebhookSecret(app, params.id);
    audit({ action: 'webhooks.rotateSecret', target: { kind: 'webhook', id: params.id }, after: { secretRotated: true } });
    return { body: { ...webhook, secret }, headers: { 'cache-control': 'no-store' } };
  },
});

export const testWebhookRoute = defineRoute({
  id: 'webhooks.test',
  method: 'post',
  path: '/api/webhooks/:id/test',
  tag: 'webhooks',
  summary: text('发送一条测试消息（进入投递队列）', 'Queue a test message to this webhook'),
  auth: adminOnly,
  params: IdParams,
  responses: { 202: Type.Object({ deliveryId: Type.String() }) },
  async handler({ app, params, principal, audit }) {
    const webhook = await getWebhook(app, params.id);
    if (!webhook.enabled) throw new ApiError(409, 'WEBHOOK_DISABLED', text('该 Webhook 已停用，请先启用', 'This webhook is disabled; enable it first'));
    const [deliveryId] = await emitEvent(app, {
      event: 'webhook.ping',
      data: { webhookId: webhook.id, requestedBy: principal.name },
      message: { title: text('Allot 测试消息', 'Allot test message'), body: text(`来自 ${principal.name} 的连通性测试`, `Connectivity test from ${principal.name}`) },
      webhookIds: [webhook.id],
    });
    if (!deliveryId) throw ApiError.notFound(text('Webhook 不存在', 'Webhook not found'));
    audit({ action: 'webhooks.test', target: { kind: 'webhook', id: params.id }, after: { deliveryId } });
    return { status: 202, body: { deliveryId } };
  },
});

export const listDeliveriesRoute = defineRoute({
  id: 'webhooks.deliveries',
  method: 'get',
  path: '/api/webhooks/:id/deliveries',
  tag: 'webhooks',
  summary: text('投递记录：每次尝试的状态码、响应摘要、错误、耗时和下次重试时间', 'Delivery log: each try’s status code, response excerpt, error, duration and next retry'),
  auth: adminOnly,
  params: IdParams,
  query: Type.Object(
    {
      status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])),
      event: Type.Optional(Type.String({ pattern: '^[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)*$', maxLength: 100 })),
      cursor: Type.Optional(Type.String({ maxLength: 200 })),
      limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    },
    { additionalProperties: false },
  ),
  responses: { 200: Type.Object({ items: Type.Array(DeliveryViewSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
  async handler({ app, params, query }) {
    return { body: await listDeliveries(app, params.id, query) };
  },
});

export const redeliverRoute = defineRoute({
  id: 'webhooks.redeliver',
  method: 'post',
  path: '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
  tag: 'webhooks',
  summary: text('重新投递（新一轮最多 5 次尝试，投递 ID 不变）', 'Redeliver (a new round of up to 5 tries, same delivery id)'),
  auth: adminOnly,
  params: Type.Object({ id: ObjectIdString, deliveryId: ObjectIdString }, { additionalProperties: false }),
  responses: { 202: DeliveryViewSchema },
  async handler({ app, params, audit }) {
    const { before, after } = await redeliver(app, params.id, params.deliveryId);
    audit({
      action: 'webhooks.redeliver',
      target: { kind: 'webhookDelivery', id: params.deliveryId },
      before: { status: before.status, attempts: before.attempts },
      after: { status: after.status, attempts: after.attempts },
    });
    return { status: 202, body: after };
  },
});

// fixed paths before /:id
export const webhookRoutes = [
  webhookEventsRoute, listWebhooksRoute, createWebhookRoute, getWebhookRoute, updateWebhookRoute, deleteWebhookRoute,
  rotateSecretRoute, testWebhookRoute, listDeliveriesRoute, redeliverRoute,
];
