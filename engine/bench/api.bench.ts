/**
 * `npm run bench:api` — the API benchmark, on loopback against its own embedded FerretDB and API
 * process (api-launcher.ts), bounded in time:
 * 1. The floor: one direct findOneAndUpdate round trip to the same database (mongoose), p50 / p95 over 2,000 calls.
 * 2. Intake (POST /api/customers, round-robin flow active): a steady 100 requests/s for 20 s, open loop
 *    (paced-load.ts: each request sent when due, latency from when it was due); then autocannon with
 *    16 connections and `overallRate` 100 (which sends each second's 100 as a burst — shown for
 *    comparison with earlier runs); then autocannon as fast as it goes with 32 connections for 15 s.
 * 3. Import: a 50,000-row CSV through POST /api/customers/import, polled on GET /api/jobs/:id until done;
 *    wall time including allocation.
 * Prints a table with the targets (intake p95 ≤ 25 ms at 100 req/s; import ≤ 90 s) and the ratio
 * intake p50 ÷ floor p50. Exit status 1 when a target is missed.
 */
import { cpus, loadavg } from 'node:os';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { startBenchStack, type BenchStack } from './api-launcher';
import { pacedLoad } from './paced-load';

const TARGET = { intakeP95Ms: 25, importS: 90 };
const FLOOR_CALLS = 2_000;
const IMPORT_ROWS = 50_000;
const IMPORT_TIMEOUT_S = 600;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Latencies {
  count: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function floor(stack: BenchStack): Promise<{ p50: number; p95: number }> {
  const col = stack.conn.collection<{ _id: string; n: number }>('benchFloor');
  await col.insertOne({ _id: 'floor', n: 0 });
  const times: number[] = [];
  for (let i = 0; i < FLOOR_CALLS; i++) {
    const t = performance.now();
    await col.findOneAndUpdate({ _id: 'floor' }, { $inc: { n: 1 } });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

let serial = 0;
/** Each request a new customer (its own phone), so none is a duplicate. */
const intakeBody = () => {
  const n = serial++;
  return JSON.stringify({ name: `压测客户 ${n}`, phone: `139${String(n).padStart(8, '0')}`, province: ['浙江', '江苏', '上海', '广东'][n % 4], estimatedValue: (n % 50) * 10_000 });
};
function intakeRequest(): AutocannonRequest {
  return { method: 'POST', path: '/api/customers', setupRequest: (req) => ({ ...req, body: intakeBody() }) };
}

async function intake(stack: BenchStack, opts: { connections: number; duration: number; overallRate?: number }): Promise<Latencies> {
  const times: number[] = [];
  const instance = autocannon({
    url: stack.baseUrl,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 30,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
    requests: [intakeRequest()],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const r = await instance;
  times.sort((a, b) => a - b);
  return { count: times.length, rps: times.length / r.duration, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function importRows(stack: BenchStack): Promise<{ seconds: number; counts: Record<string, number>; status: string }> {
  const lines = ['名称,电话,省份,预计金额'];
  for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`导入客户 ${i},136${String(i).padStart(8, '0')},${['浙江', '江苏', '上海', '广东'][i % 4]},${(i % 50) * 10_000}`);
  const body = `${lines.join('\r\n')}\r\n`;
  const t0 = performance.now();
  const res = await fetch(`${stack.baseUrl}/api/customers/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${stack.token}` }, body });
  if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  for (;;) {
    const job = (await (await fetch(`${stack.baseUrl}/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${stack.token}` } })).json()) as { status: string; processed: number; counts: Record<string, number> };
    const seconds = (performance.now() - t0) / 1000;
    if (job.status !== 'running' || seconds > IMPORT_TIMEOUT_S) return { seconds, counts: job.counts, status: job.status === 'running' ? `still running after ${IMPORT_TIMEOUT_S} s (${job.processed} rows)` : job.status };
    await new Promise((r) => setTimeout(r, 500));
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  console.log(`API benchmark — ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (before start)`);
  const stack = await startBenchStack();
  try {
    const f = await floor(stack);
    console.log(`floor: findOneAndUpdate p50 ${ms(f.p50)} p95 ${ms(f.p95)}`);
    const steady = (durationS: number) =>
      pacedLoad({ baseUrl: stack.baseUrl, path: '/api/customers', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` }, body: intakeBody, rate: 100, durationS });
    const warm = await steady(8); // warm-up (JIT, connection pools, caches); reported, not judged
    console.log(`warm-up, steady 100/s for 8 s: ${JSON.stringify(warm)}`);
    const fixed = await steady(20);
    console.log(`intake steady 100/s: ${JSON.stringify(fixed)}`);
    const burst = await intake(stack, { connections: 16, duration: 20, overallRate: 100 });
    console.log(`intake autocannon overallRate 100 (bursts): ${JSON.stringify(burst)}`);
    const max = await intake(stack, { connections: 32, duration: 15 });
    console.log(`intake max: ${JSON.stringify(max)}`);
    const imp = await importRows(stack);
    console.log(`import: ${JSON.stringify(imp)}`);

    const rows: [string, string, string, boolean | null][] = [
      ['floor: findOneAndUpdate p50 / p95', `${ms(f.p50)} / ${ms(f.p95)}`, '—', null],
      ['intake, steady 100 req/s (open loop): achieved rate', `${fixed.rps.toFixed(1)} req/s (${fixed.count} requests, ${fixed.non2xx} non-2xx, ${fixed.errors} errors)`, '—', null],
      ['intake, steady 100 req/s: p50 / p95 / p99 / max', `${ms(fixed.p50)} / ${ms(fixed.p95)} / ${ms(fixed.p99)} / ${ms(fixed.max)}`, `p95 ≤ ${TARGET.intakeP95Ms} ms`, fixed.p95 <= TARGET.intakeP95Ms && fixed.non2xx === 0 && fixed.errors === 0],
      ['intake, autocannon 16 conns overallRate 100 (each second\'s quota as a burst): p50 / p95 / p99', `${ms(burst.p50)} / ${ms(burst.p95)} / ${ms(burst.p99)} (${burst.rps.toFixed(1)} req/s)`, '—', null],
      ['intake max (32 conns): throughput', `${max.rps.toFixed(1)} req/s (${max.count} requests, ${max.non2xx} non-2xx, ${max.errors} errors)`, '—', null],
      ['intake max (32 conns): p50 / p95 / p99', `${ms(max.p50)} / ${ms(max.p95)} / ${ms(max.p99)}`, '—', null],
      ['ratio intake p50 ÷ floor p50 (steady 100 req/s)', `${(fixed.p50 / f.p50).toFixed(1)} ×`, '—', null],
      [`import ${IMPORT_ROWS.toLocaleString('en')} rows (CSV, allocation included)`, `${imp.seconds.toFixed(1)} s (${(IMPORT_ROWS / imp.seconds).toFixed(0)} rows/s) ${imp.status}, ${JSON.stringify(imp.counts)}`, `≤ ${TARGET.importS} s`, imp.status === 'succeeded' && imp.seconds <= TARGET.importS],
    ];
    console.log('\n| measure | result | target | met |\n|---|---|---|---|');
    for (const [what, result, target, met] of rows) console.log(`| ${what} | ${result} | ${target} | ${met === null ? '' : met ? 'yes' : 'NO'} |`);
    console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    process.exitCode = rows.some((r) => r[3] === false) ? 1 : 0;
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
