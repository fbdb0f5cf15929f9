import type { Locale } from '../../../core/common/localized';
import type { WebhookDeliveryRaw } from '../../../data/collections/webhook-delivery.model';
import type { WebhookRaw } from '../../../data/collections/webhook.model';
import type { DeliveryView, WebhookView } from './webhook.schemas';

type Stored<T> = T & { _id: unknown; createdAt?: Date; updatedAt?: Date };

/** Query values (robot keys, access tokens) masked, keeping their last 4 characters to tell them apart. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    for (const [k, v] of [...u.searchParams]) u.searchParams.set(k, v.length > 8 ? `****${v.slice(-4)}` : '****');
    return u.toString().replace(/%2A/g, '*');
  } catch {
    return '****';
  }
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toWebhookView(w: Stored<WebhookRaw> & { secret?: string | null }, hasSecret: boolean): WebhookView {
  return {
    id: String(w._id),
    name: w.name,
    url: maskUrl(w.url),
    kind: w.kind,
    events: [...w.events],
    enabled: w.enabled,
    locale: w.locale as Locale,
    hasSecret,
    createdAt: (w.createdAt ?? new Date(0)).toISOString(),
    updatedAt: (w.updatedAt ?? w.createdAt ?? new Date(0)).toISOString(),
  };
}

export function toDeliveryView(d: Stored<WebhookDeliveryRaw>): DeliveryView {
  return {
    id: String(d._id),
    webhookId: String(d.webhookId),
    deliveryKey: d.deliveryKey,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode ?? null,
    lastError: d.lastError ?? null,
    lastResponseExcerpt: d.lastResponseExcerpt ?? null,
    lastDurationMs: d.lastDurationMs ?? null,
    nextAttemptAt: iso(d.nextAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: (d.createdAt ?? new Date(0)).toISOString(),
    payload: d.payload as unknown,
    log: (d.attemptLog ?? []).map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      statusCode: a.statusCode ?? null,
      responseExcerpt: a.responseExcerpt ?? null,
      error: a.error ?? null,
      durationMs: a.durationMs ?? null,
      nextAttemptAt: iso(a.nextAttemptAt),
    })),
  };
}
