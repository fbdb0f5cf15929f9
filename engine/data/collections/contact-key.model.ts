import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';

/**
 * Dedupe keys (`p:<phone>`, `e:<email>`, `c:<company>`, normalised) → the first customer that had
 * them. Kept as `_id`s because FerretDB on SQLite pushes only `_id` filters down to an index; a
 * look-up by any other field scans every customer. Written with the customer; the first writer of a
 * key keeps it (unique `_id`); intake reserves its keys before deciding (intake-keys.ts).
 */
export const contactKeySchema = new Schema(
  {
    _id: { type: String, required: true, minlength: 3, maxlength: 300, match: /^[pec]:/ },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    /** customers stored while the holder was still being taken in: the key passes to them if the holder never is */
    waiting: { type: [{ type: Schema.Types.ObjectId, ref: 'Customer' }], default: undefined },
  },
  { ...collectionOptions('contactKeys'), timestamps: false },
);

export type ContactKeyDoc = InferSchemaType<typeof contactKeySchema>;
export type ContactKeyRaw = InferRawDocTypeFromSchema<typeof contactKeySchema>;
