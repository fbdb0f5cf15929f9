import mongoose from 'mongoose';
import type { AppContext } from '../../../api/app-context';
import type { Locale } from '../../../core/common/localized';
import type { DeliveryPayload } from './robot-message';
import { DELIVERY_LEASE_MS, retryDelay } from './retry-schedule';
import { postWebhook } from './webhook-http.client';
import { acceptedBy, buildRequest } from './webhook-request.builder';

export interface PumpResult {
  attempted: number;
  succeeded: number;
  retrying: number;
  failed: number;
}

export interface DeliverDueOptions {
  /** most deliveries tried in one call (default 50) */
  limit?: number;
  /** tries in flight at once (default 4) */
  concurrency?: number;
}

const EXCERPT_CHARS = 500;

/** claims older than this are pruned (no pump holds a list of due deliveries that long) */
const CLAIM_RETENTION_MS = 24 * 3_600_000;
const CANDIDATES = 20;

/**
 * Claims one delivery that is due. The claim is an insert under the key
 * `<id>:<attempt>:<due time>`: among pumps (API processes) racing for the same try exactly one
 * insert succeeds. The winner then moves nextAttemptAt forward by the lease; if it dies mid-send,
 * the try is due again when the lease runs out, under a new key.
 */
async function claimDue(app: AppContext, now: number) {
  const { WebhookDelivery, WebhookClaim } = app.models;
  const due = await WebhookDelivery.find({ status: 'pending', nextAttemptAt: mongoose.trusted({ $lte: new Date(now) }) })
    .sort({ nextAttemptAt: 1, _id: 1 })
    .limit(CANDIDATES)
    .lean();
  for (const d of due) {
    const key = `${String(d._id)}:${d.attempts + 1}:${d.nextAttemptAt?.getTime() ?? 0}`;
    try {
      await WebhookClaim.create({ _id: key, at: new Date(now) });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) continue;
      throw err;
    }
    await WebhookDelivery.updateOne({ _id: d._id }, { $set: { nextAttemptAt: new Date(now + DELIVERY_LEASE_MS) } });
    const fresh = await WebhookDelivery.findById(d._id).lean();
    if (fresh && fresh.status === 'pending' && fresh.attempts === d.attempts) return fresh;
  }
  return null;
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claimDue>>>;
type Outcome = 'succeeded' | 'retrying' | 'failed';

/** One try of a claimed delivery, recorded in its log; returns how it ended. */
async function attempt(app: AppContext, d: Claimed, now: number): Promise<Outcome> {
  const attemptNo = d.attempts + 1;
  const inRound = attemptNo - (d.roundStartAttempts ?? 0);
  const hook = await app.models.Webhook.findById(d.webhookId).select('+secret').lean();
  let statusCode: number | undefined;
  let excerpt = '';
  let error: string | undefined;
  let durationMs = 0;
  let ok = false;
  let permanent = false;
  if (!hook || !hook.enabled) {
    error = hook ? 'webhook disabled' : 'webhook deleted';
    permanent = true;
  } else {
    const req = buildRequest({ kind: hook.kind, url: hook.url, secret: hook.secret, locale: hook.locale as Locale }, d.payload as DeliveryPayload, attemptNo, now);
    const res = await postWebhook(req.url, req.headers, req.body, { allowPrivate: app.config.webhookAllowPrivate === true });
    statusCode = res.statusCode;
    excerpt = res.responseText.slice(0, EXCERPT_CHARS);
    durationMs = res.durationMs;
    const verdict = acceptedBy(hook.kind, res.statusCode, res.responseText);
    ok = verdict.ok;
    error = res.error ?? verdict.error;
    permanent = res.blocked;
  }
  const delay = ok || permanent ? undefined : retryDelay(inRound);
  const outcome: Outcome = ok ? 'succeeded' : delay !== undefined ? 'retrying' : 'failed';
  const at = new Date(now);
  const next = delay !== undefined ? new Date(now + delay) : undefined;
  const entry = {
    attempt: attemptNo,
    at,
    durationMs,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(excerpt ? { responseExcerpt: excerpt } : {}),
    ...(error ? { error: error.slice(0, 2000) } : {}),
    ...(next ? { nextAttemptAt: next } : {}),
  };
  const $set: Record<string, unknown> = {
    status: outcome === 'retrying' ? 'pending' : outcome,
    lastDurationMs: durationMs,
    lastResponseExcerpt: excerpt,
    ...(statusCode !== undefined ? { lastStatusCode: statusCode } : {}),
    ...(error ? { lastError: error.slice(0, 2000) } : {}),
    ...(next ? { nextAttemptAt: next } : {}),
    ...(ok ? { deliveredAt: at } : {}),
  };
  const $unset: Record<string, 1> = {};
  if (!next) $unset.nextAttemptAt = 1;
  if (statusCode === undefined) $unset.lastStatusCode = 1;
  if (!error) $unset.lastError = 1;
  // guarded by the attempt count: if the lease ran out and another pump recorded this try, do nothing
  await app.models.WebhookDelivery.updateOne(
    { _id: d._id, attempts: d.attempts },
    { $set, $inc: { attempts: 1 }, $push: { attemptLog: entry }, ...(Object.keys($unset).length ? { $unset } : {}) },
  );
  return outcome;
}

/**
 * The delivery pump: sends every delivery due at `now`, records each try and schedules the next
 * (1 s, 5 s, 30 s, 2 min; five tries per round). Safe to run in several processes at once.
 * The clock is a parameter so tests drive retries without waiting.
 */
export async function deliverDue(app: AppContext, now: number = app.now(), opts: DeliverDueOptions = {}): Promise<PumpResult> {
  const limit = opts.limit ?? 50;
  const result: PumpResult = { attempted: 0, succeeded: 0, retrying: 0, failed: 0 };
  // an idle tick is one look-up (each is a scan on the embedded FerretDB, where the API's intakes wait behind it)
  const first = await claimDue(app, now);
  if (!first) return result;
  await app.models.WebhookClaim.deleteMany({ at: mongoose.trusted({ $lt: new Date(now - CLAIM_RETENTION_MS) }) });
  const worker = async (claimed: Claimed | null) => {
    let d = claimed;
    while (result.attempted < limit) {
      d ??= await claimDue(app, now);
      if (!d) return;
      result.attempted += 1;
      result[await attempt(app, d, now)] += 1;
      d = null;
    }
  };
  const others = Math.max(1, opts.concurrency ?? 4) - 1;
  await Promise.all([worker(first), ...Array.from({ length: others }, () => worker(null))]);
  return result;
}

/**
 * Runs deliverDue on an interval in this process (the API server starts it). Returns stop().
 * Errors are logged and the next tick tries again; ticks never overlap.
 */
export function startDeliveryPump(app: AppContext, intervalMs = 1_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDue(app)
      .catch((err: unknown) => console.error('[webhooks] delivery pump failed:', err instanceof Error ? err.message : err))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
