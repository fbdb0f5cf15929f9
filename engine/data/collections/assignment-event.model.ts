import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { appendOnly } from '../append-only.plugin';
import { safeKeys } from '../safe-keys.validator';
import { appendOnlyOptions } from '../schema-options';
import { actorSchema, localizedTextSchema } from './common-fields';

export const ASSIGNMENT_OUTCOMES = [
  'assigned', 'reassigned', 'pooled', 'unassigned', 'duplicate', 'manual', 'claimed', 'released', 'reclaimed', 'redistributed',
] as const;

/** One decision about one customer, with its reasons (分配记录). Append-only. */
export const assignmentEventSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    flowId: { type: Schema.Types.ObjectId, ref: 'Flow' },
    flowVersionId: { type: Schema.Types.ObjectId, ref: 'FlowVersion' },
    flowVersion: { type: Number, min: 1 },
    trigger: { type: String, maxlength: 64 },
    outcome: { type: String, enum: ASSIGNMENT_OUTCOMES, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: 'Rep' },
    previousOwnerId: { type: Schema.Types.ObjectId, ref: 'Rep' },
    poolId: { type: Schema.Types.ObjectId, ref: 'Pool' },
    /** node ids the decision went through */
    path: { type: [{ type: String, maxlength: 100 }], default: [] },
    /** the engine's full trace: conditions, candidates with eligibility and scores, the pick — stored as a compact JSON string by the services (stored-trace.ts), an object in older events */
    trace: { type: Schema.Types.Mixed, validate: safeKeys },
    why: { type: localizedTextSchema, required: true },
    actor: { type: actorSchema, required: true },
    requestId: { type: String, maxlength: 200 },
    at: { type: Date, required: true, default: Date.now },
  },
  appendOnlyOptions('assignmentEvents'),
);

assignmentEventSchema.index({ customerId: 1, at: -1 });
assignmentEventSchema.index({ ownerId: 1, at: -1 });
assignmentEventSchema.index({ flowId: 1, at: -1 });
assignmentEventSchema.index({ at: -1 });
appendOnly(assignmentEventSchema, 'assignmentEvents');

export type AssignmentEventDoc = InferSchemaType<typeof assignmentEventSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type AssignmentEventRaw = InferRawDocTypeFromSchema<typeof assignmentEventSchema>;
