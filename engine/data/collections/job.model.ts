import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { safeKeys } from '../safe-keys.validator';
import { collectionOptions, subOptions } from '../schema-options';
import { actorSchema, integer } from './common-fields';

export const JOB_KINDS = ['import', 'redistribution', 'rescore', 'export', 'simulation'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

const count = { type: Number, required: true, min: 0, default: 0, validate: integer };

const jobCountsSchema = new Schema(
  {
    imported: count,
    duplicate: count,
    rejected: count,
    assigned: count,
    pooled: count,
    unassigned: count,
    failed: count,
  },
  subOptions,
);

/** A long-running batch (import, redistribution): progress here, per-row report in jobRows. */
export const jobSchema = new Schema(
  {
    kind: { type: String, enum: JOB_KINDS, required: true },
    status: { type: String, enum: JOB_STATUSES, required: true, default: 'queued' },
    total: { type: Number, min: 0, validate: integer },
    processed: count,
    counts: { type: jobCountsSchema, required: true, default: () => ({}) },
    /** what the job works on, e.g. { repId } or { fileName, format } */
    params: { type: Schema.Types.Mixed, validate: safeKeys },
    /** where to resume after a crash (last committed row or customer id) */
    checkpoint: { type: Schema.Types.Mixed, validate: safeKeys },
    /** the run working on the job (a token per run) and until when its lease holds; renewed while it works, taken over by another process once run out */
    leaseOwner: { type: String, maxlength: 200 },
    leaseUntil: { type: Date },
    /** runs of the job so far: 1, plus one per resumption after a crash */
    attempts: { type: Number, min: 0, validate: integer },
    /** when another run last took the job over */
    resumedAt: { type: Date },
    error: { type: String, maxlength: 5000 },
    /** what a finished job produced (a simulation's report) */
    result: { type: Schema.Types.Mixed, validate: safeKeys },
    createdBy: { type: actorSchema },
    startedAt: { type: Date },
    finishedAt: { type: Date },
  },
  collectionOptions('jobs'),
);

jobSchema.index({ kind: 1, status: 1, createdAt: -1 });

export type JobDoc = InferSchemaType<typeof jobSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type JobRaw = InferRawDocTypeFromSchema<typeof jobSchema>;
