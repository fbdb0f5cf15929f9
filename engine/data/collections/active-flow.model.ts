import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { markChangesPlugin } from '../change-generation';
import { collectionOptions } from '../schema-options';
import { TRIGGER_PATTERN } from './flow.model';

/** The one active version per trigger (activation = an upsert on `trigger`). */
export const activeFlowSchema = new Schema(
  {
    trigger: { type: String, required: true, match: TRIGGER_PATTERN },
    flowId: { type: Schema.Types.ObjectId, ref: 'Flow', required: true },
    flowVersionId: { type: Schema.Types.ObjectId, ref: 'FlowVersion', required: true },
    version: { type: Number, required: true, min: 1 },
    activatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    activatedAt: { type: Date, required: true, default: Date.now },
  },
  collectionOptions('activeFlows'),
);

activeFlowSchema.index({ trigger: 1 }, { unique: true });
// writes drop this process's short-lived caches of it at once (change-generation.ts)
activeFlowSchema.plugin(markChangesPlugin('activeFlows'));

export type ActiveFlowDoc = InferSchemaType<typeof activeFlowSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type ActiveFlowRaw = InferRawDocTypeFromSchema<typeof activeFlowSchema>;
