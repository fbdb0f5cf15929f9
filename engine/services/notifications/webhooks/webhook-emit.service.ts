import { createHash, randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import type { LocalizedText } from '../../../core/common/localized';
import type { AppContext } from '../../../api/app-context';
import type { WEBHOOK_KINDS } from '../../../data/collections/webhook.model';
import type { DeliveryPayload } from './robot-message';
import type { WebhookEvent } from './webhook-events';

export interface EmitEventInput {
  event: WebhookEvent;
  /** what happened: ids and names (JSON; dates become ISO strings) */
  data: Record<string, unknown>;
  /** the sentence robots show; without it they show the event's name and the main facts of `data` */
  message?: { title: LocalizedText; body: LocalizedText };
  /** makes a retried caller (a Temporal activity) enqueue each delivery once */
  dedupeKey?: string;
  /** only webhooks of these kinds (a flow's notify node picks channels) */
  kinds?: ReadonlyArray<(typeof WEBHOOK_KINDS)[number]>;
  /** only these webhooks, subscribed or not (a test message) */
  webhookIds?: readonly string[];
  /** only the registered webhooks with these exact URLs, subscribed or not (a flow node naming its robot) */
  urls?: readonly string[];
}

/** Stable delivery id for a deduplicated event, short enough for headers and the unique index. */
const keyFor = (dedupeKey: string, webhookId: string) => `dlv_${createHash('sha256').update(`${dedupeKey}|${webhookId}`).digest('base64url').slice(0, 32)}`;

/**
 * Enqueues the event for every enabled webhook subscribed to it. Nothing is sent here: the
 * delivery pump (deliverDue) sends, signs and retries, off the request path.
 * Returns the ids of the deliveries created (repeats of a dedupeKey are skipped).
 */
export async function emitEvent(app: AppContext, input: EmitEventInput): Promise<string[]> {
  const filter: Record<string, unknown> = { enabled: true };
  if (input.webhookIds) filter._id = mongoose.trusted({ $in: input.webhookIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)) });
  else if (input.urls) filter.url = mongoose.trusted({ $in: [...input.urls] });
  else filter.events = input.event;
  if (input.kinds) filter.kind = mongoose.trusted({ $in: [...input.kinds] });
  const hooks = await app.models.Webhook.find(filter, { _id: 1 }).lean();
  if (!hooks.length) return [];
  const now = app.now();
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>;
  const created: string[] = [];
  for (const hook of hooks) {
    const deliveryKey = input.dedupeKey ? keyFor(input.dedupeKey, String(hook._id)) : `dlv_${randomUUID().replace(/-/g, '')}`;
    const payload: DeliveryPayload = {
      id: deliveryKey,
      event: input.event,
      occurredAt: new Date(now).toISOString(),
      data,
      ...(input.message ? { message: input.message } : {}),
    };
    try {
      const doc = await app.models.WebhookDelivery.create({
        webhookId: hook._id,
        event: input.event,
        payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: new Date(now),
        deliveryKey,
        createdAt: new Date(now),
      });
      created.push(String(doc._id));
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
  return created;
}
