import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { safeKeys } from '../safe-keys.validator';
import { collectionOptions } from '../schema-options';
import { integer } from './common-fields';

/**
 * What a customer's lifecycle workflow must hear about (DESIGN.md "Follow-up, escalation and the
 * public pool"): an outbox. The API appends one row per event in the same request that changed the
 * customer; a dispatcher (workflows issue) reads the undelivered rows oldest first, signals the
 * customer's lifecycle workflow (`lifecycle.workflowId`), then sets `deliveredAt`.
 *
 * Kinds: `followUpLogged` (a follow-up was logged; payload { followUpId, repId, at, outcome }),
 * `released` (the owner gave the customer back to a pool; payload { repId, poolId, reason }),
 * `ownerChanged` and `dealClosed` (for the customers service).
 */
export const LIFECYCLE_SIGNAL_KINDS = ['followUpLogged', 'released', 'ownerChanged', 'dealClosed'] as const;

export const lifecycleSignalSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    kind: { type: String, enum: LIFECYCLE_SIGNAL_KINDS, required: true },
    /** when the event happened */
    at: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, validate: safeKeys },
    /** set by the dispatcher once the workflow has the signal (absent = pending) */
    deliveredAt: { type: Date },
    /** delivery attempts so far */
    attempts: { type: Number, required: true, min: 0, default: 0, validate: integer },
  },
  collectionOptions('lifecycleSignals'),
);

lifecycleSignalSchema.index({ deliveredAt: 1, at: 1 });
lifecycleSignalSchema.index({ customerId: 1, at: 1 });

export type LifecycleSignalDoc = InferSchemaType<typeof lifecycleSignalSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type LifecycleSignalRaw = InferRawDocTypeFromSchema<typeof lifecycleSignalSchema>;
