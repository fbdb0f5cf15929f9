import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { safeKeys } from '../safe-keys.validator';
import { collectionOptions, subOptions } from '../schema-options';
import { integer } from './common-fields';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** One try of a delivery, as the delivery log shows it. */
const deliveryAttemptSchema = new Schema(
  {
    attempt: { type: Number, required: true, min: 1, max: 100, validate: integer },
    at: { type: Date, required: true },
    statusCode: { type: Number, min: 0, max: 999 },
    /** the first characters of the receiver's answer */
    responseExcerpt: { type: String, maxlength: 1000 },
    error: { type: String, maxlength: 2000 },
    durationMs: { type: Number, min: 0 },
    /** when the next try is due (absent when this try ended the delivery) */
    nextAttemptAt: { type: Date },
  },
  subOptions,
);

/** One webhook delivery and its attempts (the delivery log). */
export const webhookDeliverySchema = new Schema(
  {
    webhookId: { type: Schema.Types.ObjectId, ref: 'Webhook', required: true },
    event: { type: String, required: true, maxlength: 100 },
    payload: { type: Schema.Types.Mixed, required: true, validate: safeKeys },
    status: { type: String, enum: DELIVERY_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, min: 0, max: 100, default: 0, validate: integer },
    lastStatusCode: { type: Number, min: 0, max: 999 },
    lastError: { type: String, maxlength: 2000 },
    nextAttemptAt: { type: Date },
    deliveredAt: { type: Date },
    /** stable id sent to the receiver so it can drop repeats */
    deliveryKey: { type: String, required: true, maxlength: 200 },
    /** `attempts` when the current round of retries began (a manual redelivery starts a new round) */
    roundStartAttempts: { type: Number, min: 0, max: 100, default: 0, validate: integer },
    lastResponseExcerpt: { type: String, maxlength: 1000 },
    lastDurationMs: { type: Number, min: 0 },
    /** every try, oldest first */
    attemptLog: { type: [deliveryAttemptSchema], default: [] },
  },
  collectionOptions('webhookDeliveries'),
);

webhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
webhookDeliverySchema.index({ webhookId: 1, createdAt: -1 });
webhookDeliverySchema.index({ deliveryKey: 1 }, { unique: true });

export type WebhookDeliveryDoc = InferSchemaType<typeof webhookDeliverySchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type WebhookDeliveryRaw = InferRawDocTypeFromSchema<typeof webhookDeliverySchema>;
