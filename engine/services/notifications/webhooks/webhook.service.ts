import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { text } from '../../../core/common/localized';
import { ApiError } from '../../../api/api-error';
import type { AppContext } from '../../../api/app-context';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookView } from './webhook.schemas';
import { toWebhookView } from './webhook.view';
import { webhookUrlProblem } from './webhook-url.guard';

const notFound = () => ApiError.notFound(text('Webhook 不存在', 'Webhook not found'));

/** A new HMAC key for a generic webhook: 32 random bytes. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

function assertUrl(app: AppContext, url: string): void {
  const problem = webhookUrlProblem(url, app.config.webhookAllowPrivate === true);
  if (problem) throw new ApiError(400, 'WEBHOOK_URL_REFUSED', problem, [{ path: '/body/url', message: problem }]);
}

function assertSecretFits(kind: string, secret: string | undefined): void {
  if (kind === 'wecom' && secret !== undefined) {
    const m = text('企业微信群机器人没有签名密钥（密钥在网址的 key 参数里），请不要填写 secret', 'WeCom robots have no signing secret (the key is in the URL); leave secret out');
    throw new ApiError(400, 'WEBHOOK_SECRET_UNUSED', m, [{ path: '/body/secret', message: m }]);
  }
}

async function load(app: AppContext, id: string) {
  const w = await app.models.Webhook.findById(id).select('+secret').lean();
  if (!w) throw notFound();
  return w;
}

const viewOf = (w: Awaited<ReturnType<typeof load>>) => toWebhookView(w, Boolean(w.secret));

/** Creates a webhook; a generic one without a secret gets a generated one, returned here once. */
export async function createWebhook(app: AppContext, input: CreateWebhookInput, createdBy?: string): Promise<{ webhook: WebhookView; secret?: string }> {
  const kind = input.kind ?? 'generic';
  assertUrl(app, input.url);
  assertSecretFits(kind, input.secret);
  const generated = kind === 'generic' && !input.secret ? generateWebhookSecret() : undefined;
  const doc = await app.models.Webhook.create({
    name: input.name,
    url: input.url,
    kind,
    events: input.events,
    enabled: input.enabled ?? true,
    locale: input.locale ?? 'zh-CN',
    ...(input.secret || generated ? { secret: input.secret ?? generated } : {}),
    ...(createdBy && mongoose.isValidObjectId(createdBy) ? { createdBy } : {}),
  });
  const w = await load(app, String(doc._id));
  return { webhook: viewOf(w), ...(generated ? { secret: generated } : {}) };
}

export async function listWebhooks(app: AppContext): Promise<WebhookView[]> {
  const rows = await app.models.Webhook.find({}).select('+secret').sort({ createdAt: -1, _id: -1 }).limit(500).lean();
  return rows.map(viewOf);
}

export async function getWebhook(app: AppContext, id: string): Promise<WebhookView> {
  return viewOf(await load(app, id));
}

export async function updateWebhook(app: AppContext, id: string, patch: UpdateWebhookInput): Promise<{ before: WebhookView; after: WebhookView }> {
  const current = await load(app, id);
  if (patch.url !== undefined) assertUrl(app, patch.url);
  assertSecretFits(current.kind, patch.secret);
  const $set: Record<string, unknown> = {};
  for (const key of ['name', 'url', 'events', 'enabled', 'locale', 'secret'] as const) {
    if (patch[key] !== undefined) $set[key] = patch[key];
  }
  await app.models.Webhook.updateOne({ _id: current._id }, { $set });
  return { before: viewOf(current), after: viewOf(await load(app, id)) };
}

/** Deletes a webhook; its delivery log stays, and deliveries still waiting are marked failed. */
export async function deleteWebhook(app: AppContext, id: string): Promise<WebhookView> {
  const current = await load(app, id);
  await app.models.Webhook.deleteOne({ _id: current._id });
  await app.models.WebhookDelivery.updateMany(
    { webhookId: current._id, status: 'pending' },
    { $set: { status: 'failed', lastError: 'webhook deleted' }, $unset: { nextAttemptAt: 1 } },
  );
  return viewOf(current);
}

/** A new generated secret for a generic webhook, returned once. */
export async function rotateWebhookSecret(app: AppContext, id: string): Promise<{ webhook: WebhookView; secret: string }> {
  const current = await load(app, id);
  if (current.kind !== 'generic') {
    throw new ApiError(
      409,
      'WEBHOOK_SECRET_NOT_GENERATED',
      text('只有通用 Webhook 的密钥由系统生成；钉钉加签密钥请在钉钉中重置后用 PATCH 更新', 'Only generic webhooks have generated secrets; reset a DingTalk secret in DingTalk and PATCH it here'),
    );
  }
  const secret = generateWebhookSecret();
  await app.models.Webhook.updateOne({ _id: current._id }, { $set: { secret } });
  return { webhook: viewOf(await load(app, id)), secret };
}

/** Filter for a webhook's own deliveries, checking the webhook exists (404 otherwise). */
export async function assertWebhookExists(app: AppContext, id: string): Promise<void> {
  if (!(await app.models.Webhook.exists({ _id: id }))) throw notFound();
}
