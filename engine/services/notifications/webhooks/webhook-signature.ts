import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Generic webhooks: `X-Allot-Signature: sha256=<hex>` where hex = HMAC-SHA256(secret, `${timestamp}.${body}`)
 * and timestamp is the `X-Allot-Timestamp` header (Unix seconds). Receivers recompute it and
 * reject old timestamps to stop replays.
 */
export function signGeneric(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Constant-time check of a generic signature (what a receiver does; used by tests and docs). */
export function verifyGeneric(secret: string, timestamp: number, body: string, signature: string): boolean {
  const want = Buffer.from(signGeneric(secret, timestamp, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * DingTalk custom robot, signed-secret mode (加签): sign = Base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)),
 * timestamp in epoch milliseconds (within an hour of DingTalk's clock).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The robot URL with `&timestamp=…&sign=…` appended; the sign is URL-encoded (+ / = escaped). */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return u.toString();
}
