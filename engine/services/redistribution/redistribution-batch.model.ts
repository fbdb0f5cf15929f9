import { Schema, type Connection, type Model } from 'mongoose';
import { collectionOptions } from '../../data/schema-options';

/**
 * The customers a redistribution job moves, frozen when it starts, in batches (`redistributionBatches`,
 * `_id` = `<jobId>:<batchNo>` — read by `_id` only). A resumed or retried batch works on exactly the
 * same customers, in the same order, so per-row ledger keys stay meaningful.
 */
const redistributionBatchSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 100 },
    jobId: { type: String, required: true, maxlength: 40 },
    batch: { type: Number, required: true, min: 0 },
    customerIds: { type: [String], default: [] },
  },
  collectionOptions('redistributionBatches'),
);

export interface RedistributionBatchDoc {
  _id: string;
  jobId: string;
  batch: number;
  customerIds: string[];
}

export function redistributionBatchModel(conn: Connection): Model<RedistributionBatchDoc> {
  return (conn.models.RedistributionBatch as Model<RedistributionBatchDoc> | undefined) ?? conn.model<RedistributionBatchDoc>('RedistributionBatch', redistributionBatchSchema);
}

export const batchId = (jobId: string, batch: number) => `${jobId}:${batch}`;
