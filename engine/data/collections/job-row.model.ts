import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';
import { integer, localizedTextSchema } from './common-fields';

export const JOB_ROW_OUTCOMES = ['imported', 'duplicate', 'rejected', 'assigned', 'pooled', 'unassigned', 'failed'] as const;

/** One row of a job's report (kept apart from the job: 100,000 rows do not fit one document). */
export const jobRowSchema = new Schema(
  {
    jobId: { type: Schema.Types.ObjectId, ref: 'Job', required: true },
    /** 1-based row number in the input (or position in the batch) */
    row: { type: Number, required: true, min: 1, validate: integer },
    outcome: { type: String, enum: JOB_ROW_OUTCOMES, required: true },
    /** stable reason code, e.g. INVALID_EMAIL, DUPLICATE_PHONE */
    code: { type: String, maxlength: 100 },
    reason: { type: localizedTextSchema },
    /** offending column, if any */
    field: { type: String, maxlength: 100 },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
    ownerId: { type: Schema.Types.ObjectId, ref: 'Rep' },
  },
  collectionOptions('jobRows'),
);

jobRowSchema.index({ jobId: 1, row: 1 }, { unique: true });
jobRowSchema.index({ jobId: 1, outcome: 1 });

export type JobRowDoc = InferSchemaType<typeof jobRowSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type JobRowRaw = InferRawDocTypeFromSchema<typeof jobRowSchema>;
