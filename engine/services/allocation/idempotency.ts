import { createHash } from 'node:crypto';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';

const DAY = 86_400_000;
/** how long a pending key may stay pending before a retry may take it over (its request is presumed dead) */
const LEASE_MS = Number(process.env.ALLOT_IDEMPOTENCY_LEASE_MS ?? 15_000);
export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Runs `fn` once per key: the first request records the key as pending (unique index), stores the
 * response when done; a retry with the same key gets the stored response; the same key with another
 * body is refused (422); a retry while the first is still running gets 409 and may retry.
 * A failed first attempt releases the key so a retry can run.
 */
export async function withIdempotency<T>(
  app: AppContext,
  key: string | undefined,
  scope: string,
  body: unknown,
  fn: () => Promise<{ status: number; body: T; customerId?: string }>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (!key) return { ...(await fn()), replayed: false };
  if (!/^[\w.:-]{1,200}$/.test(key)) {
    throw new ApiError(400, 'IDEMPOTENCY_KEY_INVALID', text('Idempotency-Key 须为 1–200 个字母、数字或 ._:-', 'Idempotency-Key must be 1–200 letters, digits or ._:-'), [
      { path: '/headers/idempotency-key', message: text('格式不正确', 'Has the wrong format') },
    ]);
  }
  const { IdempotencyKey } = app.models;
  const fullKey = `${scope}:${key}`;
  const hash = requestHash(body);
  const now = app.now();
  for (let attempt = 0; attempt < 50; attempt++) {
    const existing = await IdempotencyKey.findById(fullKey).lean();
    if (existing) {
      if (existing.requestHash !== hash) {
        throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', text('该 Idempotency-Key 已用于另一个不同的请求', 'This Idempotency-Key was already used for a different request'));
      }
      if (existing.state === 'done') {
        const stored = existing.response as { status: number; body: T };
        return { status: stored.status, body: stored.body, replayed: true };
      }
      // A pending key whose request has not finished within the lease died with its process:
      // take it over (compare-and-set on its timestamp, so one retry wins) and run again.
      const since = existing.updatedAt?.getTime() ?? 0;
      if (app.now() - since > LEASE_MS) {
        const took = await IdempotencyKey.updateOne(
          { _id: fullKey, state: 'pending', updatedAt: existing.updatedAt },
          { $set: { updatedAt: new Date(app.now()) } },
          { timestamps: false },
        );
        if (took.modifiedCount === 1) return await run();
      }
      // the first request is still running: wait a little for it
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      await IdempotencyKey.create({ key: fullKey, scope, requestHash: hash, state: 'pending', expiresAt: new Date(now + 7 * DAY) });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) continue; // another request took the key first
      throw err;
    }
    return await run();
  }
  throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', text('相同 Idempotency-Key 的请求仍在处理，请稍后重试', 'A request with this Idempotency-Key is still in progress; retry shortly'));

  async function run(): Promise<{ status: number; body: T; replayed: boolean }> {
    try {
      const result = await fn();
      await IdempotencyKey.updateOne(
        { _id: fullKey },
        { $set: { state: 'done', response: { status: result.status, body: result.body }, ...(result.customerId ? { customerId: result.customerId } : {}) } },
      );
      return { status: result.status, body: result.body, replayed: false };
    } catch (err) {
      await IdempotencyKey.deleteOne({ _id: fullKey });
      throw err;
    }
  }
}
