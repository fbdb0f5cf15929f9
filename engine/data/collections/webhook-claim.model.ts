import { Schema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';

/**
 * Who sends a webhook delivery's next try: `_id` is `<deliveryId>:<attempt>:<due time>`, and only
 * the pump whose insert wins may send. An insert under a unique key is the one write the embedded
 * FerretDB makes atomic between concurrent clients (guarded updates are not), so two API
 * processes never send the same try twice. Old claims are pruned by the pump.
 */
export const webhookClaimSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 200 },
    at: { type: Date, required: true },
  },
  { ...collectionOptions('webhookClaims'), timestamps: false },
);

webhookClaimSchema.index({ at: 1 });

export type WebhookClaimDoc = InferSchemaType<typeof webhookClaimSchema>;
