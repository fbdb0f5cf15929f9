import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { LOCAL_DATE_PATTERN } from '../local-date';
import { collectionOptions } from '../schema-options';
import { integer } from './common-fields';

/**
 * Claims a rep made from a pool on one day (in the rep's time zone). A claim upserts the
 * (poolId, repId, date) row, then increments `count` only while `count < claimsPerRepPerDay`.
 */
export const claimCounterSchema = new Schema(
  {
    poolId: { type: Schema.Types.ObjectId, ref: 'Pool', required: true },
    repId: { type: Schema.Types.ObjectId, ref: 'Rep', required: true },
    date: { type: String, required: true, match: LOCAL_DATE_PATTERN },
    count: { type: Number, required: true, min: 0, default: 0, validate: integer },
  },
  collectionOptions('claimCounters'),
);

claimCounterSchema.index({ poolId: 1, repId: 1, date: 1 }, { unique: true });

export type ClaimCounterDoc = InferSchemaType<typeof claimCounterSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type ClaimCounterRaw = InferRawDocTypeFromSchema<typeof claimCounterSchema>;
