import { Types } from 'mongoose';
import { text } from '../../../core/common/localized';
import { ApiError } from '../../../api/api-error';
import type { AppContext } from '../../../api/app-context';
import { afterCursor, decodeCursor, pageOf } from '../../audit/time-cursor';
import type { DeliveryView } from './webhook.schemas';
import { assertWebhookExists } from './webhook.service';
import { toDeliveryView } from './webhook.view';

export interface DeliveryQuery {
  status?: 'pending' | 'succeeded' | 'failed';
  event?: string;
  cursor?: string;
  limit: number;
}

/** A webhook's delivery log, newest first. */
export async function listDeliveries(app: AppContext, webhookId: string, q: DeliveryQuery): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  await assertWebhookExists(app, webhookId);
  const filter: Record<string, unknown> = { webhookId: new Types.ObjectId(webhookId) };
  if (q.status) filter.status = q.status;
  if (q.event) filter.event = q.event;
  const query = q.cursor ? { $and: [filter, afterCursor('createdAt', decodeCursor(q.cursor))] } : filter;
  const rows = await app.models.WebhookDelivery.find(query).sort({ createdAt: -1, _id: -1 }).limit(q.limit + 1).lean();
  const page = pageOf(rows, q.limit, (r) => r.createdAt ?? new Date(0));
  return { items: page.rows.map(toDeliveryView), nextCursor: page.nextCursor };
}

/** Most tries one delivery may have in all (the model's bound), so redelivery cannot grow a log without end. */
const MAX_TOTAL_ATTEMPTS = 95;

/**
 * Sends a delivery again: a new round of up to five tries starting now, same delivery id (the
 * receiver can recognise a repeat). Refused while the delivery is still waiting to be sent.
 */
export async function redeliver(app: AppContext, webhookId: string, deliveryId: string): Promise<{ before: DeliveryView; after: DeliveryView }> {
  await assertWebhookExists(app, webhookId);
  const d = await app.models.WebhookDelivery.findOne({ _id: deliveryId, webhookId }).lean();
  if (!d) throw ApiError.notFound(text('投递记录不存在', 'Delivery not found'));
  if (d.status === 'pending') {
    throw new ApiError(409, 'DELIVERY_PENDING', text('该投递仍在排队或重试中，无需重发', 'This delivery is still queued or retrying; no need to redeliver'));
  }
  if (d.attempts >= MAX_TOTAL_ATTEMPTS) {
    throw new ApiError(409, 'DELIVERY_ATTEMPTS_EXHAUSTED', text('该投递重试次数过多，请触发新的事件', 'This delivery has been tried too often; trigger a new event instead'));
  }
  const updated = await app.models.WebhookDelivery.findOneAndUpdate(
    { _id: d._id, status: d.status, attempts: d.attempts },
    { $set: { status: 'pending', nextAttemptAt: new Date(app.now()), roundStartAttempts: d.attempts } },
    { new: true },
  ).lean();
  if (!updated) throw new ApiError(409, 'DELIVERY_CHANGED', text('该投递刚被更新，请刷新后重试', 'This delivery just changed; refresh and try again'));
  return { before: toDeliveryView(d), after: toDeliveryView(updated) };
}
