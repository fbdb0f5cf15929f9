import type { Types } from 'mongoose';
import { text } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { contactKeysOf } from '../../data/contact-keys';
import { actorOf } from '../allocation/assignment-event.writer';
import { dedupeByCompany, intakeBatch, type BatchRowResult } from '../allocation/batch-intake.service';
import { intakeFlowFor } from '../allocation/intake.service';
import type { CustomerIntake } from '../customers/customer-input.schema';
import { planImport, type ImportPlan, type ImportRequest } from './import-plan';
import { rowToIntake } from './import-row';
import { readRows } from './import-source';
import { JobReport, type ImportedAs, type RowReport } from './job-report';

/** Rows one import takes; the rest are rejected (counted; a report entry for the first OVER_LIMIT_REPORTED of them). */
export const IMPORT_ROW_LIMIT = 100_000;
const OVER_LIMIT_REPORTED = 1_000;
/** valid rows decided and committed together (intakeBatch) */
export const IMPORT_BATCH_SIZE = 400;
/** batches under way at once: one inserting while the next is decided (the flow's lock still orders the decisions) */
const BATCHES_IN_FLIGHT = 2;
/** this many rows failing in a row for reasons other than their data (database down …) stops the job */
const MAX_CONSECUTIVE_FAILURES = 25;

/** The phone and email dedupe keys of a row (company is left to the flow's dedupe node: one company has many contacts). */
const dedupeKeys = (c: CustomerIntake): string[] => contactKeysOf(c).filter((k) => !k.startsWith('c:'));

const IMPORTED_AS: Record<string, ImportedAs> = { assigned: 'assigned', pool: 'pooled' };

interface PendingRow {
  row: number;
  input: CustomerIntake;
  keys: string[];
}

/** A batch row's result as the job report has it: imported, duplicate, rejected by the database, or failed. */
function rowReport(row: number, r: BatchRowResult): RowReport {
  switch (r.kind) {
    case 'existing':
      return { row, outcome: 'duplicate', code: 'DUPLICATE_EXISTING', customerId: r.customerId, reason: text(`与已有客户 ${r.customerId} 的电话或邮箱相同`, `Same phone or email as existing customer ${r.customerId}`) };
    case 'rejected':
      return { row, outcome: 'rejected', code: 'INVALID_FIELD', reason: text(`数据有误：${r.message}`, `Invalid data: ${r.message}`) };
    case 'failed':
      return { row, outcome: 'failed', code: 'INTAKE_FAILED', reason: text(`导入这一行时出错：${r.message}`, `Importing this row failed: ${r.message}`) };
    case 'done': {
      const o = r.outcome;
      if (o.outcome === 'duplicate') return { row, outcome: 'duplicate', code: 'DUPLICATE_EXISTING', ...(o.duplicateOf ? { customerId: o.duplicateOf } : {}), reason: o.why };
      return { row, outcome: 'imported', importedAs: IMPORTED_AS[o.outcome] ?? 'unassigned', customerId: o.customerId, ...(o.ownerId ? { ownerId: o.ownerId } : {}), reason: o.why };
    }
  }
}

/**
 * The background part of an import: rows streamed in file order, each checked (the intake schema),
 * deduplicated within the file (phone, email), and the valid ones taken in batches of
 * IMPORT_BATCH_SIZE through intakeBatch (duplicates against the database, the allocation flow run in
 * memory, one commit per batch), all with the allocation flow version active when the import started;
 * one row's problem never stops the others. Progress and the per-row report are flushed every 200
 * rows; the job ends `succeeded` (or `failed` when the source or the database gives out). A process
 * that dies mid-import leaves the job `running` with its progress.
 */
export async function runImport(app: AppContext, p: Principal, jobId: Types.ObjectId, plan: ImportPlan, requestId: string): Promise<void> {
  const report = new JobReport(app, jobId);
  const flow = await intakeFlowFor(app, 'customerImported');
  if (flow) await app.models.Job.updateOne({ _id: jobId }, { $set: { 'params.flowId': flow.flowId, 'params.flowVersion': flow.version } });
  const firstRowOf = new Map<string, number>();
  let pending: PendingRow[] = [];
  let rows = 0;
  let consecutiveFailures = 0;
  let fatal: Error | undefined;

  const settle = (r: RowReport, keys: string[]) => {
    if (r.outcome === 'rejected' || r.outcome === 'failed') for (const k of keys) if (firstRowOf.get(k) === r.row) firstRowOf.delete(k);
    consecutiveFailures = r.outcome === 'failed' ? consecutiveFailures + 1 : 0;
    if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) fatal ??= new Error(r.reason?.en ?? 'too many failures');
    report.add(r);
  };
  // a dedupe node matching by company must see the previous batch's customers stored: then one batch at a time
  const depth = dedupeByCompany(flow) ? 1 : BATCHES_IN_FLIGHT;
  const inflight = new Set<Promise<void>>();
  const startBatch = async () => {
    while (inflight.size >= depth) await Promise.race(inflight);
    const task: Promise<void> = runBatch().finally(() => inflight.delete(task));
    inflight.add(task);
  };
  const runBatch = async () => {
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    let results: BatchRowResult[];
    try {
      results = await intakeBatch(app, p, batch.map((x) => x.input), {
        trigger: 'customerImported',
        flow,
        requestId,
        skipExistingContacts: true,
        audit: { action: 'customers.importBatch', target: { kind: 'job', id: jobId.toString() } },
      });
    } catch (err) {
      results = batch.map(() => ({ kind: 'failed', message: (err as Error).message }));
    }
    batch.forEach((x, i) => settle(rowReport(x.row, results[i] ?? { kind: 'failed', message: 'no result' }), x.keys));
  };

  try {
    for await (const src of readRows(plan)) {
      if (fatal) break;
      rows++;
      if (rows > IMPORT_ROW_LIMIT) {
        const reason = text(`超过单次导入上限 ${IMPORT_ROW_LIMIT} 行，未导入`, `Beyond the limit of ${IMPORT_ROW_LIMIT} rows per import; not imported`);
        report.add({ row: src.row, outcome: 'rejected', code: 'ROW_LIMIT', reason }, { store: rows - IMPORT_ROW_LIMIT <= OVER_LIMIT_REPORTED });
      } else if ('rejection' in src) {
        report.add({ row: src.row, outcome: 'rejected', ...src.rejection });
      } else {
        const parsed = rowToIntake(src.entries);
        if (!parsed.ok) {
          report.add({ row: src.row, outcome: 'rejected', code: parsed.code, reason: parsed.reason, ...(parsed.field ? { field: parsed.field } : {}) });
        } else {
          const keys = dedupeKeys(parsed.input);
          const first = keys.map((k) => firstRowOf.get(k)).find((r) => r !== undefined);
          if (first !== undefined) {
            report.add({ row: src.row, outcome: 'duplicate', code: 'DUPLICATE_IN_FILE', reason: text(`与文件第 ${first} 行的电话或邮箱相同`, `Same phone or email as row ${first} of the file`) });
          } else {
            for (const k of keys) firstRowOf.set(k, src.row);
            pending.push({ row: src.row, input: parsed.input, keys });
            if (pending.length >= IMPORT_BATCH_SIZE) await startBatch();
          }
        }
      }
      await report.flushIfDue();
    }
    if (!fatal) await startBatch();
    await Promise.all(inflight);
  } catch (err) {
    await Promise.allSettled(inflight);
    fatal ??= err as Error;
  }
  const finishedAt = new Date(app.now());
  const overLimit = Math.max(0, rows - IMPORT_ROW_LIMIT);
  const end = fatal
    ? { status: 'failed', error: `导入中止 / import stopped: ${fatal.message}`.slice(0, 5000) }
    : { status: 'succeeded', total: rows };
  await report.flush({ ...end, finishedAt, ...(overLimit ? { 'params.rowsOverLimit': overLimit } : {}) });
}

export interface ImportAccepted {
  jobId: string;
  status: 'running';
  format: ImportPlan['format'];
  encoding: ImportPlan['encoding'];
  ignoredColumns: string[];
}

/** Accepts an import: checks the file as a whole (planImport), records the job, and starts the work in the background. */
export async function startImport(app: AppContext, p: Principal, req: ImportRequest & { fileName?: string }, requestId: string): Promise<ImportAccepted> {
  const plan = planImport(req);
  const now = app.now();
  const job = await app.models.Job.create({
    kind: 'import',
    status: 'running',
    ...(plan.format === 'json' ? { total: plan.records.length } : {}),
    params: {
      format: plan.format,
      encoding: plan.encoding,
      bytes: Buffer.isBuffer(req.body) ? req.body.length : 0,
      rowLimit: IMPORT_ROW_LIMIT,
      ignoredColumns: plan.ignored.slice(0, 100),
      ...(req.fileName ? { fileName: req.fileName } : {}),
    },
    createdBy: actorOf(p),
    startedAt: new Date(now),
  });
  setImmediate(() => {
    runImport(app, p, job._id, plan, requestId).catch(async (err: Error) => {
      console.error(`[imports] job ${job._id.toString()} failed:`, err);
      await app.models.Job.updateOne({ _id: job._id }, { $set: { status: 'failed', error: String(err.message).slice(0, 5000), finishedAt: new Date(app.now()) } }).catch(() => undefined);
    });
  });
  return { jobId: job._id.toString(), status: 'running', format: plan.format, encoding: plan.encoding, ignoredColumns: plan.ignored };
}
