import { Agent, request } from 'node:http';

export interface PacedResult {
  /** requests answered */
  count: number;
  /** answered per second over the run */
  rps: number;
  /** from the moment each request was due to its full response (so a stall delays every request due during it) */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Open-loop load at a steady rate: request i is due at start + i / rate and is sent then, whether or
 * not earlier ones have been answered (over a pool of keep-alive connections, as many as are needed).
 * Latency is measured from the due time, not the send time, so a slow server cannot hide its stalls
 * by slowing the client down ("coordinated omission").
 *
 * Why not autocannon's `overallRate` for this: autocannon resets each connection's per-second quota
 * on a 1 s interval (lib/httpClient.js, `reqsMadeThisSecond`), so every connection sends its quota
 * back to back at the start of each second — a burst of `connections` requests in flight, then
 * silence. That measures queueing in a burst, not latency at a steady 100 requests per second.
 * The bench still runs autocannon for the saturation figures.
 */
export async function pacedLoad(opts: {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  body: (i: number) => string;
  rate: number;
  durationS: number;
  timeoutMs?: number;
}): Promise<PacedResult> {
  const url = new URL(opts.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(opts.rate * opts.durationS);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const start = performance.now() + 20;

  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const body = opts.body(i);
      const req = request(
        { host: url.hostname, port: url.port, path: opts.path, method: 'POST', agent, headers: { ...opts.headers, 'content-length': Buffer.byteLength(body) }, timeout: opts.timeoutMs ?? 30_000 },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i, due));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    non2xx,
    errors,
  };
}
