import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { appendOnly } from '../append-only.plugin';
import { safeKeys } from '../safe-keys.validator';
import { appendOnlyOptions } from '../schema-options';
import { FLOW_KINDS, TRIGGER_PATTERN } from './flow.model';

/** A published flow version: immutable once written; running work keeps the version it started with. */
export const flowVersionSchema = new Schema(
  {
    flowId: { type: Schema.Types.ObjectId, ref: 'Flow', required: true },
    version: { type: Number, required: true, min: 1, validate: { validator: Number.isInteger, message: 'version must be an integer' } },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    kind: { type: String, enum: FLOW_KINDS, required: true },
    trigger: { type: String, required: true, match: TRIGGER_PATTERN },
    document: { type: Schema.Types.Mixed, required: true, validate: safeKeys },
    note: { type: String, trim: true, maxlength: 2000 },
    publishedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    publishedAt: { type: Date, required: true, default: Date.now },
  },
  appendOnlyOptions('flowVersions'),
);

flowVersionSchema.index({ flowId: 1, version: 1 }, { unique: true });
flowVersionSchema.index({ trigger: 1, publishedAt: -1 });
appendOnly(flowVersionSchema, 'flowVersions');

export type FlowVersionDoc = InferSchemaType<typeof flowVersionSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type FlowVersionRaw = InferRawDocTypeFromSchema<typeof flowVersionSchema>;
