import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { safeKeys } from '../safe-keys.validator';
import { collectionOptions } from '../schema-options';

export const FLOW_KINDS = ['allocation', 'followUp'] as const;
/** trigger names are camelCase words (customerCreated, repDeparted, schedule, …) */
export const TRIGGER_PATTERN = /^[a-z][A-Za-z0-9]{0,63}$/;

/** A flow draft: edited freely, published into immutable numbered versions. */
export const flowSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    description: { type: String, trim: true, maxlength: 2000 },
    kind: { type: String, enum: FLOW_KINDS, required: true },
    trigger: { type: String, required: true, match: TRIGGER_PATTERN },
    /** the flow document (validated against the engine's JSON Schema by the service) */
    document: { type: Schema.Types.Mixed, required: true, validate: safeKeys },
    /** template the draft was installed from, if any */
    templateId: { type: String, maxlength: 100 },
    /** highest published version number (0 = never published) */
    latestVersion: { type: Number, required: true, min: 0, default: 0 },
    /** bumped on every save of the draft (compare-and-set for autosave) */
    revision: { type: Number, required: true, min: 0, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    archivedAt: { type: Date },
  },
  collectionOptions('flows'),
);

flowSchema.index({ kind: 1, trigger: 1 });
flowSchema.index({ updatedAt: -1 });

export type FlowDoc = InferSchemaType<typeof flowSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type FlowRaw = InferRawDocTypeFromSchema<typeof flowSchema>;
