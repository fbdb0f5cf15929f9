import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { BlockedTargetError, resolveTarget, type ResolvedTarget } from './webhook-url.guard';

export const DELIVERY_TIMEOUT_MS = 5_000;
/** bytes of the answer read at most (the rest is dropped) */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostResult {
  /** HTTP status, when an answer came */
  statusCode?: number;
  /** the answer's text, cut at MAX_RESPONSE_BYTES */
  responseText: string;
  /** network error, timeout or a refused target */
  error?: string;
  /** true when the target was refused (private address): retrying will not help */
  blocked: boolean;
  durationMs: number;
}

export interface PostOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Connects to the address already checked, whatever the name resolves to now. */
const pinned = (t: ResolvedTarget): LookupFunction =>
  ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts?.all) cb(null, [{ address: t.address, family: t.family }]);
    else cb(null, t.address, t.family);
  }) as unknown as LookupFunction;

/**
 * One POST of a webhook: no redirects followed, 5 s for the whole exchange, the answer capped,
 * and only to a target that passed the address check. Never throws.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  const elapsed = () => Math.round(performance.now() - started);
  let target: ResolvedTarget;
  const u = new URL(url);
  try {
    target = await resolveTarget(u, opts.allowPrivate);
  } catch (err) {
    const blocked = err instanceof BlockedTargetError;
    return { responseText: '', error: blocked ? (err as Error).message : `DNS: ${(err as Error).message}`, blocked, durationMs: elapsed() };
  }
  const payload = Buffer.from(body, 'utf8');
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, 'durationMs' | 'blocked'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, blocked: false, durationMs: elapsed() });
    };
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: 'POST',
        agent: false,
        lookup: pinned(target),
        headers: { ...headers, 'content-length': String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => finish({ statusCode: res.statusCode, responseText: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          if (size >= maxBytes) return;
          const part = chunk.subarray(0, maxBytes - size);
          chunks.push(part);
          size += part.length;
          if (size >= maxBytes) {
            done();
            res.destroy();
          }
        });
        res.on('end', done);
        res.on('error', done);
        res.on('close', done);
      },
    );
    const timer = setTimeout(() => {
      finish({ responseText: '', error: `timeout after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish({ responseText: '', error: err.message }));
    req.end(payload);
  });
}
