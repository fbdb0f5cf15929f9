import { stringify } from 'csv-stringify/sync';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import roundRobin from '../../templates/round-robin/flow.json';
import { getModels, type Models } from '../../engine/data/models';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { reconcileRepCounters } from '../../engine/services/allocation/reconcile-counters';
import { JobView, type JobViewT } from '../../engine/services/imports/job.schemas';
import { startApiProcess, type ApiProcess } from '../harness/api-process';
import { startTestApi, type TestApi } from '../harness/api';
import { useTestDatabase } from '../harness/db';
import { installActiveFlow } from '../harness/flows';
import { openCountMismatches, schemaErrors } from './customers.fixtures';

/**
 * An import whose API process dies (SIGKILL) part-way is finished by another API process: the job's
 * lease runs out, the new process takes it over and goes on from the last checkpoint, recognising
 * the rows the dead process had already written after it — no row twice, no valid row lost.
 */
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let api: TestApi;
let m: Models;
const procs: ApiProcess[] = [];

const ROWS = 3000;
const MARK = `resume-${new Types.ObjectId().toHexString().slice(-8)}`;
const phone = (n: number) => `1391${String(n).padStart(7, '0')}`;
/** data row i (1-based; CSV row i + 1): every 97th has a broken email, every 250th repeats the previous row's phone */
const badEmail = (i: number) => i % 97 === 0;
const repeatsPhone = (i: number) => i % 250 === 0;

function csvBody(): string {
  const rows: string[][] = [['name', 'phone', 'email', 'province', 'tags']];
  for (let i = 1; i <= ROWS; i++) {
    rows.push([`续传客户 ${i}`, phone(repeatsPhone(i) ? i - 1 : i), badEmail(i) ? `broken-${i}@` : `c${i}@resume.example.cn`, ['浙江', '江苏', '上海'][i % 3]!, MARK]);
  }
  return stringify(rows, { record_delimiter: '\r\n' });
}

beforeAll(async () => {
  db = await useTestDatabase('import-resume');
  m = getModels(db.conn);
  await seedDemo(db.conn, { reset: true });
  await installActiveFlow(db.conn, roundRobin);
  // every active rep has room for the whole file: the import assigns (and counts) every valid row
  await m.Rep.updateMany({ status: 'active' }, { $set: { capacity: 50_000, dailyCap: 10_000 }, $unset: { workingHours: 1 } });
  api = await startTestApi(db.conn);
  await reconcileRepCounters(api.ctx);
});
afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop('SIGKILL')));
  await api?.close();
  await db?.drop();
});

async function login(base: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@allot.demo', password: 'allot-demo' }) });
  return ((await r.json()) as { token: string }).token;
}

async function exited(p: ApiProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (p.child.exitCode === null && p.child.signalCode === null) {
    if (Date.now() > until) throw new Error(`process still alive:\n${p.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function jobVia(base: string, token: string, id: string): Promise<JobViewT> {
  const r = await fetch(`${base}/api/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as JobViewT;
}

it('a process killed mid-import: another process resumes the job and every valid row is imported exactly once', async () => {
  const lease = { ALLOT_IMPORT_LEASE_MS: '3000', ALLOT_IMPORT_SWEEP_MS: '500' };
  // dies (SIGKILL) when about to report its 4th segment: that segment's customers are stored, its report and checkpoint not
  const doomed = await startApiProcess(db.uri, { ...lease, ALLOT_FAULT_POINT: 'import.beforeCheckpoint', ALLOT_FAULT_AFTER: '4' });
  procs.push(doomed);
  const tokenA = await login(doomed.baseUrl);
  const res = await fetch(`${doomed.baseUrl}/api/customers/import?fileName=resume.csv`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'text/csv' }, body: csvBody() });
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  await exited(doomed, 120_000);
  expect(String(doomed.child.signalCode ?? doomed.child.exitCode)).toMatch(/SIGKILL|137/); // killed by SIGKILL

  // the dead process left the job running part-way, with rows written beyond what its report says
  const left = await m.Job.findById(jobId).lean();
  expect(left).toMatchObject({ status: 'running', attempts: 1 });
  expect(left!.processed).toBeGreaterThan(0);
  expect(left!.processed).toBeLessThan(ROWS);
  const storedAtDeath = await m.Customer.countDocuments({ tags: MARK });
  expect(storedAtDeath).toBeGreaterThan(left!.counts.imported);

  // a new process takes the job over once its lease has run out, and finishes it
  const healthy = await startApiProcess(db.uri, lease);
  procs.push(healthy);
  const tokenB = await login(healthy.baseUrl);
  let job = await jobVia(healthy.baseUrl, tokenB, jobId);
  for (const until = Date.now() + 180_000; job.status === 'running'; job = await jobVia(healthy.baseUrl, tokenB, jobId)) {
    if (Date.now() > until) throw new Error(`job not finished: ${JSON.stringify(job)}\n${healthy.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  expect(schemaErrors(JobView, job)).toBe('');

  const invalid = Array.from({ length: ROWS }, (_, k) => k + 1).filter(badEmail);
  const repeated = Array.from({ length: ROWS }, (_, k) => k + 1).filter((i) => repeatsPhone(i) && !badEmail(i) && !badEmail(i - 1));
  const valid = ROWS - invalid.length - repeated.length;
  expect(job).toMatchObject({ status: 'succeeded', total: ROWS, processed: ROWS, attempts: 2, counts: { imported: valid, rejected: invalid.length, duplicate: repeated.length, failed: 0, assigned: valid } });
  expect(job.resumedAt).not.toBeNull();
  expect(job.params.recovered).toMatchObject({ fromRow: left!.checkpoint && (left!.checkpoint as { row: number }).row });
  expect((job.params.recovered as { rowsFound: number }).rowsFound).toBeGreaterThan(0);

  // every valid row imported exactly once: one customer each, no phone twice, one assignment event each
  const customers = await m.Customer.find({ tags: MARK }, { phone: 1, ownerId: 1, status: 1 }).lean();
  expect(customers.length).toBe(valid);
  expect(new Set(customers.map((c) => c.phone)).size).toBe(valid);
  expect(customers.every((c) => c.status === 'assigned' && c.ownerId)).toBe(true);
  const events = await m.AssignmentEvent.find({ customerId: mongoose.trusted({ $in: customers.map((c) => c._id) }) }, { customerId: 1 }).lean();
  expect(events.length).toBe(valid);
  expect(new Set(events.map((e) => String(e.customerId))).size).toBe(valid);

  // the report has each row once: the imported rows name exactly those customers, the broken ones are rejected with their reason
  const rows = await m.JobRow.find({ jobId }).lean();
  expect(rows.length).toBe(ROWS);
  expect(new Set(rows.map((r) => r.row)).size).toBe(ROWS);
  const imported = rows.filter((r) => r.outcome === 'imported').map((r) => String(r.customerId));
  expect(new Set(imported)).toEqual(new Set(customers.map((c) => String(c._id))));
  const rejected = rows.filter((r) => r.outcome === 'rejected').sort((a, b) => a.row - b.row);
  expect(rejected.map((r) => r.row)).toEqual(invalid.map((i) => i + 1));
  expect(rejected.every((r) => r.field === 'email' && r.reason?.en)).toBe(true);
  expect(rows.filter((r) => r.code === 'DUPLICATE_IN_FILE').map((r) => r.row).sort((a, b) => a - b)).toEqual(repeated.map((i) => i + 1));

  // the counters equal the truth: nothing for the reconciliation to correct
  expect(await openCountMismatches(m)).toEqual([]);
  expect(await reconcileRepCounters(api.ctx)).toEqual([]);
  expect(await m.AuditLog.countDocuments({ action: 'customers.importResume', 'target.id': jobId })).toBe(1);
  // the upload kept for the resumption is dropped once the job is done
  expect(await m.JobSource.countDocuments({ jobId })).toBe(0);
}, 400_000);
