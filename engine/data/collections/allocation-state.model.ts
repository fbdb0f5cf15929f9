import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';
import { integer } from './common-fields';

/**
 * Per assign-node allocation state (NodeAllocationState in engine/core/model/rep.schema.ts), kept in
 * the database so every process agrees. The maps are keyed by rep id (ObjectId hex: safe field
 * names), so `$set: { 'lastSeq.<repId>': n }` and `$inc: { 'assigned.<repId>': 1 }` update one entry.
 */
export const allocationStateSchema = new Schema(
  {
    /** `<flowVersionId>:<nodeId>` or another stable key chosen by the service */
    nodeKey: { type: String, required: true, minlength: 1, maxlength: 300 },
    seq: { type: Number, required: true, min: 0, default: 0, validate: integer },
    lastSeq: { type: Map, of: Number, default: () => new Map() },
    currentWeight: { type: Map, of: Number, default: () => new Map() },
    assigned: { type: Map, of: { type: Number, min: 0 }, default: () => new Map() },
  },
  collectionOptions('allocationStates'),
);

allocationStateSchema.index({ nodeKey: 1 }, { unique: true });

export type AllocationStateDoc = InferSchemaType<typeof allocationStateSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type AllocationStateRaw = InferRawDocTypeFromSchema<typeof allocationStateSchema>;
