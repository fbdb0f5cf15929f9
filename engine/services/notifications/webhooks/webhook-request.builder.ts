import type { Locale } from '../../../core/common/localized';
import { dingtalkBody, wecomBody, type DeliveryPayload } from './robot-message';
import { dingtalkSignedUrl, signGeneric } from './webhook-signature';

export interface WebhookTarget {
  kind: 'generic' | 'wecom' | 'dingtalk';
  url: string;
  secret?: string | null;
  locale: Locale;
}

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const USER_AGENT = 'Allot-Webhooks/1';

/**
 * The HTTP request of one try. Generic: the payload as JSON, signed (X-Allot-Signature over
 * `${timestamp}.${body}`, timestamp in Unix seconds). WeCom: markdown message to the robot URL.
 * DingTalk: markdown message, and with a secret the signed URL (timestamp in ms + sign).
 */
export function buildRequest(target: WebhookTarget, payload: DeliveryPayload, attempt: number, nowMs: number): OutgoingRequest {
  const json = { 'content-type': 'application/json; charset=utf-8', 'user-agent': USER_AGENT };
  if (target.kind === 'wecom') return { url: target.url, headers: json, body: wecomBody(payload, target.locale) };
  if (target.kind === 'dingtalk') {
    const url = target.secret ? dingtalkSignedUrl(target.url, target.secret, nowMs) : target.url;
    return { url, headers: json, body: dingtalkBody(payload, target.locale) };
  }
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(nowMs / 1000);
  return {
    url: target.url,
    body,
    headers: {
      ...json,
      'x-allot-event': payload.event,
      'x-allot-delivery': payload.id,
      'x-allot-timestamp': String(timestamp),
      'x-allot-attempt': String(attempt),
      'x-allot-signature': signGeneric(target.secret ?? '', timestamp, body),
    },
  };
}

/**
 * Whether the receiver accepted: a 2xx, and for WeCom / DingTalk robots also `errcode: 0` in the
 * answer (they answer 200 with an error code when the key, sign or rate limit is wrong).
 */
export function acceptedBy(kind: WebhookTarget['kind'], statusCode: number | undefined, responseText: string): { ok: boolean; error?: string } {
  if (statusCode === undefined) return { ok: false };
  if (statusCode < 200 || statusCode >= 300) return { ok: false, error: `HTTP ${statusCode}` };
  if (kind === 'generic') return { ok: true };
  try {
    const answer = JSON.parse(responseText) as { errcode?: unknown; errmsg?: unknown };
    if (answer.errcode === 0 || answer.errcode === undefined) return { ok: true };
    return { ok: false, error: `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`.slice(0, 500) };
  } catch {
    return { ok: true };
  }
}
