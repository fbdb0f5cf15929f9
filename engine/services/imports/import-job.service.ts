import mongoose, { type Types } from 'mongoose';
import { text } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { contactKeysOf } from '../../data/contact-keys';
import { actorOf } from '../allocation/assignment-event.writer';
import type { ActiveFlow } from '../allocation/active-flow.cache';
import { intakeCustomer, intakeFlowFor } from '../allocation/intake.service';
import type { CustomerIntake } from '../customers/customer-input.schema';
import { planImport, type ImportPlan, type ImportRequest } from './import-plan';
import { rowToIntake } from './import-row';
import { readRows } from './import-source';
import { JobReport, type ImportedAs, type RowReport } from './job-report';

/** Rows one import takes; the rest are rejected (counted; a report entry for the first OVER_LIMIT_REPORTED of them). */
export const IMPORT_ROW_LIMIT = 100_000;
const OVER_LIMIT_REPORTED = 1_000;
/** rows going through intake at the same time */
export const IMPORT_CONCURRENCY = 4;
/** this many rows failing in a row for reasons other than their data (database down …) stops the job */
const MAX_CONSECUTIVE_FAILURES = 25;

/** The phone and email dedupe keys of a row (company is left to the flow's dedupe node: one company has many contacts). */
const dedupeKeys = (c: CustomerIntake): string[] => contactKeysOf(c).filter((k) => !k.startsWith('c:'));

/** An existing customer with the same phone or email (duplicates against the database, whatever the flow does), by contact key. */
async function existingDuplicate(app: AppContext, keys: string[]): Promise<string | null> {
  // one `_id` equality per key: FerretDB on SQLite pushes those down, not `_id: {$in}`
  const hits = await Promise.all(keys.map((k) => app.models.ContactKey.findById(k).lean()));
  const hit = hits.find((h) => h !== null);
  return hit ? hit.customerId.toString() : null;
}

const IMPORTED_AS: Record<string, ImportedAs> = { assigned: 'assigned', pool: 'pooled' };

interface RowContext {
  app: AppContext;
  p: Principal;
  /** the allocation flow of the whole job: the version active when the import started */
  flow: ActiveFlow | null;
  requestId: string;
}

/** One valid row through intake (trigger customerImported): imported, duplicate, rejected by the database, or failed. */
async function importRow({ app, p, flow, requestId }: RowContext, row: number, input: CustomerIntake, keys: string[]): Promise<RowReport> {
  try {
    const dup = await existingDuplicate(app, keys);
    if (dup) {
      return { row, outcome: 'duplicate', code: 'DUPLICATE_EXISTING', customerId: dup, reason: text(`与已有客户 ${dup} 的电话或邮箱相同`, `Same phone or email as existing customer ${dup}`) };
    }
    const o = await intakeCustomer(app, p, input, { trigger: 'customerImported', requestId, flow });
    if (o.outcome === 'duplicate') {
      return { row, outcome: 'duplicate', code: 'DUPLICATE_EXISTING', ...(o.duplicateOf ? { customerId: o.duplicateOf } : {}), reason: o.why };
    }
    return {
      row,
      outcome: 'imported',
      importedAs: IMPORTED_AS[o.outcome] ?? 'unassigned',
      customerId: o.customerId,
      ...(o.ownerId ? { ownerId: o.ownerId } : {}),
      reason: o.why,
    };
  } catch (err) {
    if (err instanceof mongoose.Error.ValidationError || err instanceof mongoose.Error.CastError) {
      return { row, outcome: 'rejected', code: 'INVALID_FIELD', reason: text(`数据有误：${err.message}`, `Invalid data: ${err.message}`) };
    }
    return { row, outcome: 'failed', code: 'INTAKE_FAILED', reason: text(`导入这一行时出错：${(err as Error).message}`, `Importing this row failed: ${(err as Error).message}`) };
  }
}

/**
 * The background part of an import: rows streamed in file order, each checked (the intake schema),
 * deduplicated within the file (phone, email) and against the database, and the valid ones put
 * through intake with modest concurrency, all with the allocation flow version active when the
 * import started; one row's problem never stops the others. Progress and the
 * per-row report are flushed every 200 rows; the job ends `succeeded` (or `failed` when the source or
 * the database gives out). A process that dies mid-import leaves the job `running` with its progress.
 */
export async function runImport(app: AppContext, p: Principal, jobId: Types.ObjectId, plan: ImportPlan, requestId: string): Promise<void> {
  const report = new JobReport(app, jobId);
  const ctx: RowContext = { app, p, flow: await intakeFlowFor(app, 'customerImported'), requestId };
  if (ctx.flow) await app.models.Job.updateOne({ _id: jobId }, { $set: { 'params.flowId': ctx.flow.flowId, 'params.flowVersion': ctx.flow.version } });
  const firstRowOf = new Map<string, number>();
  const inflight = new Set<Promise<void>>();
  let rows = 0;
  let consecutiveFailures = 0;
  let fatal: Error | undefined;

  const settle = (r: RowReport, keys: string[]) => {
    if (r.outcome === 'rejected' || r.outcome === 'failed') for (const k of keys) if (firstRowOf.get(k) === r.row) firstRowOf.delete(k);
    consecutiveFailures = r.outcome === 'failed' ? consecutiveFailures + 1 : 0;
    if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) fatal ??= new Error(r.reason?.en ?? 'too many failures');
    report.add(r);
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
            while (inflight.size >= IMPORT_CONCURRENCY) await Promise.race(inflight);
            const task: Promise<void> = importRow(ctx, src.row, parsed.input, keys)
              .then((r) => settle(r, keys))
              .finally(() => inflight.delete(task));
            inflight.add(task);
          }
        }
      }
      await report.flushIfDue();
    }
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
