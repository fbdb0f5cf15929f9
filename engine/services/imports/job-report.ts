import type { Types } from 'mongoose';
import type { LocalizedText } from '../../core/common/localized';
import type { AppContext } from '../../api/app-context';

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

export type JobCounts = Record<RowOutcome | ImportedAs, number>;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * A job's progress and per-row report, written in batches: every `every` rows the pending jobRows
 * are inserted and the job's processed / counts updated, so a reader sees progress while it runs.
 */
export class JobReport {
  readonly counts: JobCounts = { imported: 0, duplicate: 0, rejected: 0, failed: 0, assigned: 0, pooled: 0, unassigned: 0 };
  processed = 0;
  private pending: Record<string, unknown>[] = [];
  private flushedAt = 0;

  constructor(
    private readonly app: Pick<AppContext, 'models'>,
    private readonly jobId: Types.ObjectId,
    private readonly every = 200,
  ) {}

  /** Counts a row; `store: false` counts it without a jobRows entry. */
  add(r: RowReport, opts: { store?: boolean } = {}): void {
    this.counts[r.outcome]++;
    if (r.importedAs) this.counts[r.importedAs]++;
    this.processed++;
    if (opts.store === false) return;
    this.pending.push({
      jobId: this.jobId,
      row: r.row,
      outcome: r.outcome,
      ...(r.code ? { code: clip(r.code, 100) } : {}),
      ...(r.field ? { field: clip(r.field, 100) } : {}),
      ...(r.reason ? { reason: { 'zh-CN': clip(r.reason['zh-CN'], 5000), en: clip(r.reason.en, 5000) } } : {}),
      ...(r.customerId ? { customerId: r.customerId } : {}),
      ...(r.ownerId ? { ownerId: r.ownerId } : {}),
    });
  }

  async flushIfDue(): Promise<void> {
    if (this.processed - this.flushedAt >= this.every) await this.flush();
  }

  async flush(extra: Record<string, unknown> = {}): Promise<void> {
    const batch = this.pending.splice(0);
    this.flushedAt = this.processed;
    if (batch.length) await this.app.models.JobRow.insertMany(batch, { ordered: false });
    await this.app.models.Job.updateOne({ _id: this.jobId }, { $set: { processed: this.processed, counts: { ...this.counts }, ...extra } });
  }
}
