import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { safeKeys } from '../safe-keys.validator';
import { collectionOptions } from '../schema-options';

export const IDEMPOTENCY_STATES = ['pending', 'done'] as const;

/**
 * An intake's Idempotency-Key: inserted first (unique `key` decides the race), completed with the
 * response; a retry with the same key gets the stored response. No TTL index on FerretDB: expired
 * keys are removed by `expiresAt` in a periodic job.
 */
export const idempotencyKeySchema = new Schema(
  {
    /** the key itself: FerretDB on SQLite answers `_id` look-ups without scanning the collection */
    _id: { type: String },
    key: { type: String, required: true, minlength: 1, maxlength: 300 },
    /** who may reuse the key, e.g. token:<id> or user:<id>, plus the operation */
    scope: { type: String, required: true, maxlength: 300 },
    /** hash of the request body: the same key with another body is refused */
    requestHash: { type: String, required: true, maxlength: 200 },
    state: { type: String, enum: IDEMPOTENCY_STATES, required: true, default: 'pending' },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
    response: { type: Schema.Types.Mixed, validate: safeKeys },
    expiresAt: { type: Date },
  },
  collectionOptions('idempotencyKeys'),
);

idempotencyKeySchema.index({ key: 1 }, { unique: true });
idempotencyKeySchema.pre('validate', function keyIsId() {
  if (this._id == null) this._id = this.key;
});
idempotencyKeySchema.index({ expiresAt: 1 });

export type IdempotencyKeyDoc = InferSchemaType<typeof idempotencyKeySchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type IdempotencyKeyRaw = InferRawDocTypeFromSchema<typeof idempotencyKeySchema>;
