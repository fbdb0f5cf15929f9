import mongoose from 'mongoose';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { FlowDocument } from '../../core/flow/flow.schema';
import type { JobRaw } from '../../data/collections/job.model';
import type { Stored } from '../../data/mappers';
import { preparedVersion, type ActiveFlow } from '../allocation/active-flow.cache';
import { actorOf } from '../allocation/assignment-event.writer';
import { reconcileRepCounters } from '../allocation/reconcile-counters';
import { readCheckpoint, type ImportCheckpoint } from './import-checkpoint';
import { runInBackground } from './import-job.service';
import { abandonHeldLeases, importLeaseSettings, JobLease, type ImportLeaseSettings } from './import-lease';
import { planImport, type ImportFormat } from './import-plan';
import { rowToIntake } from './import-row';
import { rowCustomerId } from './import-row-id';
import { dedupeKeys, IMPORT_ROW_LIMIT, type ResumeState } from './import-runner';
import { readRows } from './import-source';
import { loadImportSource } from './import-source.store';
import { recoverRows, type UncertainRow } from './import-recovery';
import { emptyCounts } from './job-report';

type JobStored = Stored<JobRaw> & { updatedAt?: Date };

/** jobs taken over in one sweep, at most */
const CLAIMS_PER_SWEEP = 5;
/** an import running without a lease (started before leases existed) that has not moved for this long is given up */
const LEGACY_STALE_MS = 15 * 60_000;

const paramsOf = (job: JobStored): Record<string, unknown> =>
  job.params && typeof job.params === 'object' && !Array.isArray(job.params) ? (job.params as Record<string, unknown>) : {};

/** The flow version the job started with (an import keeps it to the end), or null when it ran without one. */
async function flowOfJob(app: AppContext, params: Record<string, unknown>): Promise<ActiveFlow | null> {
  if (typeof params.flowVersionId !== 'string') return null;
  const v = await app.models.FlowVersion.findById(params.flowVersionId).lean();
  if (!v) throw new Error(`flow version ${params.flowVersionId} no longer exists`);
  return {
    flowId: String(v.flowId),
    flowVersionId: String(v._id),
    version: v.version,
    trigger: typeof params.flowTrigger === 'string' ? params.flowTrigger : 'customerImported',
    prepared: preparedVersion(String(v._id), v.document as FlowDocument, v.version),
  };
}

/** Who the import acts as (for the events and the audit): the job's creator, as recorded. */
function principalOfJob(job: JobStored, cp: ImportCheckpoint): Principal {
  const by = job.createdBy;
  return { kind: by?.kind === 'apiToken' ? 'apiToken' : 'user', id: by?.id ?? '', name: by?.name ?? '', role: cp.actorRole, teamIds: [], scopes: [] };
}

/** Rows up to the checkpoint whose phone and email did not become the file's "first" (their in-file dedupe is replayed without them). */
async function excludedRows(app: AppContext, job: JobStored): Promise<Set<number>> {
  const rows = await app.models.JobRow.find({ jobId: job._id, outcome: mongoose.trusted({ $in: ['rejected', 'failed', 'duplicate'] }) }, { row: 1, outcome: 1, code: 1 }).lean();
  return new Set(rows.filter((r) => r.outcome !== 'duplicate' || r.code === 'DUPLICATE_IN_FILE').map((r) => r.row));
}

/** The valid rows a stopped run may have handed to the allocation: after the checkpoint, up to the last batch started. */
async function uncertainRows(job: JobStored, plan: ReturnType<typeof planImport>, cp: ImportCheckpoint): Promise<UncertainRow[]> {
  const out: UncertainRow[] = [];
  if (cp.startedThrough <= cp.row) return out;
  let n = 0;
  for await (const src of readRows(plan)) {
    n++;
    if (src.row > cp.startedThrough) break;
    if (src.row <= cp.row || n > IMPORT_ROW_LIMIT || 'rejection' in src) continue;
    const parsed = rowToIntake(src.entries);
    if (parsed.ok) out.push({ row: src.row, id: rowCustomerId(job._id, src.row), keys: dedupeKeys(parsed.input) });
  }
  return out;
}

/**
 * Finishes a job another run left (its lease ran out): reads the stored upload again, works out
 * what the stopped run had stored after its checkpoint (recoverRows), reconciles the rep counters
 * when a batch was caught half-way (keys reserved, customers not written), records the recovery on
 * the job and on the audit log, and runs the import on from the checkpoint.
 */
export async function resumeImport(app: AppContext, job: JobStored, lease: JobLease): Promise<void> {
  const cp = readCheckpoint(job.checkpoint);
  const fail = (error: string) => lease.write({ status: 'failed', error, finishedAt: new Date(app.now()) }).finally(() => lease.stop());
  if (!cp) return fail('导入进程中断，且没有保存可续传的数据 / the import process stopped and left nothing to resume from');
  if ((job.attempts ?? 1) > lease.settings.maxAttempts) return fail(`导入已尝试 ${lease.settings.maxAttempts} 次仍未完成，已放弃 / given up after ${lease.settings.maxAttempts} runs`);
  const body = await loadImportSource(app.models, job._id, cp.source);
  if (!body) return fail('导入的原始文件已丢失，无法续传 / the uploaded file is gone; the import cannot resume');
  const params = paramsOf(job);
  const plan = planImport({ body, format: params.format as ImportFormat, encoding: cp.encodingOverride });
  const flow = await flowOfJob(app, params);
  const principal = principalOfJob(job, cp);
  const requestId = cp.requestId;

  const started = Date.now();
  const rec = await recoverRows(app, { flow, actor: actorOf(principal), requestId }, await uncertainRows(job, plan, cp));
  const recoveredMs = Date.now() - started;
  const countersFixed = rec.keysReleased > 0 ? (await reconcileRepCounters(app)).length : 0;
  const recovered = { at: new Date(app.now()).toISOString(), fromRow: cp.row, rowsFound: rec.committed.size, keysReleased: rec.keysReleased, eventsWritten: rec.eventsWritten, countersFixed };
  await lease.write({ 'params.recovered': recovered });
  console.log(`[imports] job ${job._id.toString()}: recovered in ${recoveredMs} ms, counters in ${Date.now() - started - recoveredMs} ms`, recovered);
  await app.models.AuditLog.create({
    actor: { kind: 'system', name: 'import-resume' },
    action: 'customers.importResume',
    target: { kind: 'job', id: job._id.toString() },
    before: { checkpoint: { row: cp.row, startedThrough: cp.startedThrough }, processed: job.processed, attempts: (job.attempts ?? 1) - 1 },
    after: { ...recovered, attempts: job.attempts ?? 1 },
    requestId,
    at: new Date(app.now()),
  });
  const resume: ResumeState = {
    counts: { ...emptyCounts(), ...job.counts },
    processed: job.processed,
    excluded: await excludedRows(app, job),
    committed: rec.committed,
  };
  runInBackground({ app, principal, jobId: job._id, plan, flow, requestId, lease, checkpoint: cp, resume });
}

/** Takes a job over with a compare-and-set on the lease as read (one process wins); the new lease, or null. */
async function claim(app: AppContext, job: JobStored, settings: ImportLeaseSettings): Promise<{ lease: JobLease; job: JobStored } | null> {
  const lease = new JobLease(app, job._id, JobLease.newOwner(), settings);
  const now = app.now();
  const r = await app.models.Job.updateOne(
    { _id: job._id, status: 'running', leaseOwner: job.leaseOwner, leaseUntil: job.leaseUntil },
    { $set: { leaseOwner: lease.owner, leaseUntil: lease.until(), resumedAt: new Date(now) }, $inc: { attempts: 1 } },
  );
  if (r.modifiedCount !== 1) return null;
  return { lease: lease.start(), job: { ...job, attempts: (job.attempts ?? 1) + 1, resumedAt: new Date(now) } };
}

/**
 * One sweep: import jobs still `running` whose lease has run out are taken over (compare-and-set)
 * and resumed in the background; returns their ids. Imports running without a lease that have not
 * moved for LEGACY_STALE_MS cannot be resumed and are ended `failed`.
 */
export async function sweepAbandonedImports(app: AppContext, settings: ImportLeaseSettings = importLeaseSettings()): Promise<string[]> {
  const { Job } = app.models;
  const now = new Date(app.now());
  const due = (await Job.find({ kind: 'import', status: 'running', leaseUntil: mongoose.trusted({ $lt: now }) }).limit(CLAIMS_PER_SWEEP).lean()) as JobStored[];
  const taken: string[] = [];
  for (const job of due) {
    const got = await claim(app, job, settings);
    if (!got) continue;
    taken.push(job._id.toString());
    console.log(`[imports] resuming job ${job._id.toString()} (run ${got.job.attempts ?? 1}) from row ${readCheckpoint(job.checkpoint)?.row ?? 0}`);
    resumeImport(app, got.job, got.lease).catch(async (err: Error) => {
      if (got.lease.lost) return;
      console.error(`[imports] resuming job ${job._id.toString()} failed:`, err);
      await got.lease.write({ status: 'failed', error: `续传失败 / resume failed: ${err.message}`.slice(0, 5000), finishedAt: new Date(app.now()) }).catch(() => undefined);
      got.lease.stop();
    });
  }
  const stale = (await Job.find({
    kind: 'import',
    status: 'running',
    leaseUntil: mongoose.trusted({ $exists: false }),
    updatedAt: mongoose.trusted({ $lt: new Date(now.getTime() - LEGACY_STALE_MS) }),
  }).limit(CLAIMS_PER_SWEEP).lean()) as JobStored[];
  for (const job of stale) {
    await Job.updateOne(
      { _id: job._id, status: 'running', leaseUntil: mongoose.trusted({ $exists: false }), updatedAt: job.updatedAt },
      { $set: { status: 'failed', error: '导入进程中断（该任务开始于可续传之前）/ the import process stopped (the job predates resumable imports)', finishedAt: now } },
    );
  }
  return taken;
}

const jittered = (ms: number) => Math.round(ms * (0.75 + Math.random() * 0.5));

/**
 * Every API process looks for abandoned imports soon after it starts and then every sweepMs
 * (jittered, so processes spread out; timers unref'd). Returns the stop function for shutdown: it
 * ends the sweeps and makes this process' own runs stop writing (another process resumes them).
 */
export function startImportResumer(app: AppContext, settings: ImportLeaseSettings = importLeaseSettings()): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweepAbandonedImports(app, settings)
        .catch((err: Error) => console.error('[imports] resume sweep failed:', err.message))
        .finally(() => schedule(jittered(settings.sweepMs)));
    }, ms);
    timer.unref();
  };
  schedule(jittered(Math.min(settings.sweepMs, 2_000)));
  return () => {
    stopped = true;
    clearTimeout(timer);
    abandonHeldLeases();
  };
}
