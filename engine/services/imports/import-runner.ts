import type { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { contactKeysOf } from '../../data/contact-keys';
import type { ActiveFlow } from '../allocation/active-flow.cache';
import { actorOf } from '../allocation/assignment-event.writer';
import { dedupeByCompany, intakeBatch, type BatchRowResult } from '../allocation/batch-intake.service';
import { reconcileRepCounters } from '../allocation/reconcile-counters';
import type { CustomerIntake } from '../customers/customer-input.schema';
import type { ImportCheckpoint } from './import-checkpoint';
import { LeaseLostError, type JobLease } from './import-lease';
import type { ImportPlan } from './import-plan';
import { recoverRows } from './import-recovery';
import { rowToIntake } from './import-row';
import { rowCustomerId } from './import-row-id';
import { readRows, type SourceRow } from './import-source';
import { dropImportSource } from './import-source.store';
import { JobReport, rowReport, type JobCounts, type ReportEntry, type RowReport } from './job-report';

/** Rows one import takes; the rest are rejected (counted; a report entry for the first OVER_LIMIT_REPORTED of them). */
export const IMPORT_ROW_LIMIT = 100_000;
const OVER_LIMIT_REPORTED = 1_000;
/** valid rows decided and committed together (intakeBatch) */
export const IMPORT_BATCH_SIZE = 400;
/** a segment (the rows reported and checkpointed together) closes at a full batch or at this many rows */
const SEGMENT_MAX_ROWS = 1_000;
/** batches under way at once: one inserting while the next is decided (the flow's lock still orders the decisions) */
const BATCHES_IN_FLIGHT = 2;
/** this many rows failing in a row for reasons other than their data (database down …) stops the job */
const MAX_CONSECUTIVE_FAILURES = 25;

/** The phone and email dedupe keys of a row (company is left to the flow's dedupe node: one company has many contacts). */
export const dedupeKeys = (c: CustomerIntake): string[] => contactKeysOf(c).filter((k) => !k.startsWith('c:'));

/** What a run picks up from an earlier run of the same job. */
export interface ResumeState {
  counts: JobCounts;
  processed: number;
  /** rows up to the checkpoint whose keys do not count for in-file dedupe (rejected, failed, duplicates within the file) */
  excluded: ReadonlySet<number>;
  /** rows after the checkpoint found stored (recoverRows): reported as they are */
  committed: ReadonlyMap<number, RowReport>;
}

export interface ImportRun {
  app: AppContext;
  principal: Principal;
  jobId: Types.ObjectId;
  plan: ImportPlan;
  flow: ActiveFlow | null;
  requestId: string;
  lease: JobLease;
  checkpoint: ImportCheckpoint;
  resume?: ResumeState;
}

interface PendingRow {
  row: number;
  id: string;
  input: CustomerIntake;
  keys: string[];
}

interface Segment {
  entries: ReportEntry[];
  batch: PendingRow[];
  lastRow: number;
}

const newSegment = (): Segment => ({ entries: [], batch: [], lastRow: 0 });

/**
 * The background part of an import: rows streamed in file order, each checked (the intake schema),
 * deduplicated within the file (phone, email), and the valid ones taken in batches of
 * IMPORT_BATCH_SIZE through intakeBatch (duplicates against the database, the allocation flow run in
 * memory, one commit per batch), all with the allocation flow version active when the import started;
 * one row's problem never stops the others.
 *
 * Crash-safe: every valid row's customer gets an id derived from the job and the row; rows are
 * reported and checkpointed one segment at a time, in file order (JobReport.commit), and a batch's
 * last row is recorded before it is handed over. A run taking over a job (import-resume.service)
 * skips the rows up to the checkpoint (replaying only their in-file dedupe keys) and takes the rest
 * again, rows already stored being recognised by their id, so no row is imported twice or lost.
 */
export async function runImport(run: ImportRun): Promise<void> {
  const { app, principal, jobId, plan, flow, lease, checkpoint: cp } = run;
  const report = new JobReport(app.models, jobId, lease, run.resume);
  const excluded = run.resume?.excluded ?? new Set<number>();
  const committed = run.resume?.committed ?? new Map<number, RowReport>();
  const firstRowOf = new Map<string, number>();
  let seg = newSegment();
  let segments = cp.segments;
  let rows = 0;
  let consecutiveFailures = 0;
  let fatal: Error | undefined;
  const stopping = () => fatal !== undefined || lease.lost;

  // a dedupe node matching by company must see the previous batch's customers stored: then one batch at a time
  const depth = dedupeByCompany(flow) ? 1 : BATCHES_IN_FLIGHT;
  const inflight = new Set<Promise<RowReport[]>>();
  let commits: Promise<void> = Promise.resolve();
  let pendingCommits = 0;

  const forgetKeys = (x: PendingRow, r: RowReport) => {
    if (r.outcome === 'rejected' || r.outcome === 'failed') for (const k of x.keys) if (firstRowOf.get(k) === x.row) firstRowOf.delete(k);
  };
  const runBatch = async (batch: PendingRow[]): Promise<RowReport[]> => {
    let results: BatchRowResult[];
    try {
      results = await intakeBatch(app, principal, batch.map((x) => x.input), {
        trigger: 'customerImported',
        flow,
        requestId: run.requestId,
        skipExistingContacts: true,
        audit: { action: 'customers.importBatch', target: { kind: 'job', id: jobId.toString() } },
        ids: batch.map((x) => x.id),
      });
    } catch (err) {
      return settleBrokenBatch(run, batch, err as Error, forgetKeys);
    }
    return batch.map((x, i) => {
      const r = rowReport(x.row, results[i] ?? { kind: 'failed', message: 'no result' });
      forgetKeys(x, r);
      return r;
    });
  };
  const commit = async (s: Segment, work: Promise<RowReport[]>) => {
    const done = await work;
    if (stopping()) return;
    for (const r of done) {
      consecutiveFailures = r.outcome === 'failed' ? consecutiveFailures + 1 : 0;
      if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) fatal ??= new Error(r.reason?.en ?? 'too many failures');
    }
    await report.commit([...s.entries, ...done.map((r) => ({ r, store: true }))], { row: s.lastRow, segments: ++segments });
  };
  const closeSegment = async () => {
    const s = seg;
    seg = newSegment();
    if (!s.entries.length && !s.batch.length) return;
    while (inflight.size >= depth) await Promise.race(inflight);
    if (stopping()) return;
    let work: Promise<RowReport[]> = Promise.resolve([]);
    if (s.batch.length) {
      await report.started(s.lastRow);
      work = runBatch(s.batch);
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
    }
    pendingCommits++;
    commits = commits
      .then(() => (stopping() ? undefined : commit(s, work)))
      .catch((err: Error) => void (fatal ??= err))
      .finally(() => void pendingCommits--);
    // segments without a batch (rejections only) queue no faster than they are written
    if (pendingCommits > depth + 1) await commits;
  };

  /** a row the checkpoint already covers: only its keys, for the dedupe of the rows after it */
  const replayKeys = (src: SourceRow) => {
    if (rows > IMPORT_ROW_LIMIT || 'rejection' in src || excluded.has(src.row)) return;
    const parsed = rowToIntake(src.entries);
    if (!parsed.ok) return;
    const keys = dedupeKeys(parsed.input);
    if (keys.every((k) => !firstRowOf.has(k))) for (const k of keys) firstRowOf.set(k, src.row);
  };
  const take = (src: SourceRow) => {
    seg.lastRow = src.row;
    const add = (r: RowReport, store = true) => seg.entries.push({ r, store });
    if (rows > IMPORT_ROW_LIMIT) {
      const reason = text(`超过单次导入上限 ${IMPORT_ROW_LIMIT} 行，未导入`, `Beyond the limit of ${IMPORT_ROW_LIMIT} rows per import; not imported`);
      return add({ row: src.row, outcome: 'rejected', code: 'ROW_LIMIT', reason }, rows - IMPORT_ROW_LIMIT <= OVER_LIMIT_REPORTED);
    }
    if ('rejection' in src) return add({ row: src.row, outcome: 'rejected', ...src.rejection });
    const parsed = rowToIntake(src.entries);
    if (!parsed.ok) return add({ row: src.row, outcome: 'rejected', code: parsed.code, reason: parsed.reason, ...(parsed.field ? { field: parsed.field } : {}) });
    const keys = dedupeKeys(parsed.input);
    const stored = committed.get(src.row);
    if (stored) {
      for (const k of keys) firstRowOf.set(k, src.row);
      return add(stored);
    }
    const first = keys.map((k) => firstRowOf.get(k)).find((r) => r !== undefined);
    if (first !== undefined) {
      return add({ row: src.row, outcome: 'duplicate', code: 'DUPLICATE_IN_FILE', reason: text(`与文件第 ${first} 行的电话或邮箱相同`, `Same phone or email as row ${first} of the file`) });
    }
    for (const k of keys) firstRowOf.set(k, src.row);
    seg.batch.push({ row: src.row, id: rowCustomerId(jobId, src.row), input: parsed.input, keys });
  };

  try {
    for await (const src of readRows(plan)) {
      if (stopping()) break;
      rows++;
      if (src.row <= cp.row) {
        replayKeys(src);
        continue;
      }
      take(src);
      if (seg.batch.length >= IMPORT_BATCH_SIZE || seg.entries.length + seg.batch.length >= SEGMENT_MAX_ROWS) await closeSegment();
    }
    if (!stopping()) await closeSegment();
    await Promise.all(inflight);
    await commits;
  } catch (err) {
    await Promise.allSettled(inflight);
    await commits;
    fatal ??= err as Error;
  }
  if (lease.lost || fatal instanceof LeaseLostError) return; // another run has the job, or this process is stopping
  const overLimit = Math.max(0, rows - IMPORT_ROW_LIMIT);
  const end = fatal
    ? { status: 'failed', error: `导入中止 / import stopped: ${fatal.message}`.slice(0, 5000) }
    : { status: 'succeeded', total: rows };
  await lease.write({ ...end, finishedAt: new Date(app.now()), ...(overLimit ? { 'params.rowsOverLimit': overLimit } : {}) });
  lease.stop();
  await dropImportSource(app.models, jobId, cp.source).catch(() => undefined);
}

/**
 * A batch whose intakeBatch threw part-way (the database went away mid-batch): what it stored
 * before that is found by the rows' ids and reported imported; keys it reserved are given back and
 * the counters it may have taken are reconciled; the other rows are reported failed.
 */
async function settleBrokenBatch(run: ImportRun, batch: PendingRow[], err: Error, forgetKeys: (x: PendingRow, r: RowReport) => void): Promise<RowReport[]> {
  let stored = new Map<number, RowReport>();
  try {
    const rec = await recoverRows(run.app, { flow: run.flow, actor: actorOf(run.principal), requestId: run.requestId }, batch);
    stored = rec.committed;
    if (rec.keysReleased > 0) await reconcileRepCounters(run.app);
  } catch {
    // the database is still away: every row of the batch is reported failed
  }
  return batch.map((x) => {
    const r: RowReport = stored.get(x.row) ?? { row: x.row, outcome: 'failed', code: 'INTAKE_FAILED', reason: text(`导入这一行时出错：${err.message}`, `Importing this row failed: ${err.message}`) };
    forgetKeys(x, r);
    return r;
  });
}
