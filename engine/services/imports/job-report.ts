import type { Types } from 'mongoose';
import { text, type LocalizedText } from '../../core/common/localized';
import type { Models } from '../../data/models';
import { faultPoint } from '../allocation/fault-point';
import type { BatchRowResult } from '../allocation/batch-intake.service';
import type { JobLease } from './import-lease';

export type RowOutcome = 'imported' | 'duplicate' | 'rejected' | 'failed';
/** what became of an imported customer */
export type ImportedAs = 'assigned' | 'pooled' | 'unassigned';

export interface RowReport {
  row: number;
  outcome: RowOutcome;
  importedAs?: ImportedAs;
  code?: string;
  field?: string;
  reason?: LocalizedText;
  customerId?: string;
  ownerId?: string;
}

/** a row for the report; `store: false` counts it without a jobRows entry */
export interface ReportEntry {
  r: RowReport;
  store: boolean;
}

export type JobCounts = Record<RowOutcome | ImportedAs, number>;

export const emptyCounts = (): JobCounts => ({ imported: 0, duplicate: 0, rejected: 0, failed: 0, assigned: 0, pooled: 0, unassigned: 0 });

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const IMPORTED_AS: Record<string, ImportedAs> = { assigned: 'assigned', pool: 'pooled' };

/** A batch row's result as the job report has it: imported, duplicate, rejected by the database, or failed. */
export function rowReport(row: number, r: BatchRowResult): RowReport {
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

function rowDoc(jobId: Types.ObjectId, r: RowReport): Record<string, unknown> {
  return {
    jobId,
    row: r.row,
    outcome: r.outcome,
    ...(r.code ? { code: clip(r.code, 100) } : {}),
    ...(r.field ? { field: clip(r.field, 100) } : {}),
    ...(r.reason ? { reason: { 'zh-CN': clip(r.reason['zh-CN'], 5000), en: clip(r.reason.en, 5000) } } : {}),
    ...(r.customerId ? { customerId: r.customerId } : {}),
    ...(r.ownerId ? { ownerId: r.ownerId } : {}),
  };
}

const onlyDuplicateKeys = (err: unknown) => {
  const e = err as { code?: number; writeErrors?: { code?: number; err?: { code?: number } }[] };
  const codes = Array.isArray(e.writeErrors) ? e.writeErrors.map((w) => w.code ?? w.err?.code) : [e.code];
  return codes.length > 0 && codes.every((c) => c === 11000);
};

/**
 * A job's progress and per-row report, committed one segment of rows at a time (segments in file
 * order): the segment's jobRows are inserted (a row already there from a run that died right after
 * writing it is left as it is), then one guarded update of the job sets processed, the counts and
 * `checkpoint.row` together — so the checkpoint never claims a row the counts do not include.
 */
export class JobReport {
  readonly counts: JobCounts;
  processed: number;

  constructor(
    private readonly models: Pick<Models, 'JobRow'>,
    private readonly jobId: Types.ObjectId,
    private readonly lease: JobLease,
    from?: { counts: JobCounts; processed: number },
  ) {
    this.counts = { ...emptyCounts(), ...from?.counts };
    this.processed = from?.processed ?? 0;
  }

  /** Records that rows up to `row` are being handed to the allocation (a resumed run checks them before taking them again). */
  async started(row: number): Promise<void> {
    await this.lease.write({ 'checkpoint.startedThrough': row });
  }

  async commit(entries: readonly ReportEntry[], checkpoint: { row: number; segments: number }): Promise<void> {
    for (const { r } of entries) {
      this.counts[r.outcome]++;
      if (r.importedAs) this.counts[r.importedAs]++;
      this.processed++;
    }
    // crash tests stop the process here: the segment's customers are written, its report and checkpoint not yet
    faultPoint('import.beforeCheckpoint');
    const docs = entries.filter((e) => e.store).map((e) => rowDoc(this.jobId, e.r));
    if (docs.length) {
      try {
        await this.models.JobRow.insertMany(docs, { ordered: false });
      } catch (err) {
        if (!onlyDuplicateKeys(err)) throw err;
      }
    }
    await this.lease.write({ processed: this.processed, counts: { ...this.counts }, 'checkpoint.row': checkpoint.row, 'checkpoint.segments': checkpoint.segments });
  }
}
