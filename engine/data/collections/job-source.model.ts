import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';
import { integer } from './common-fields';

/**
 * The uploaded file of a running import, kept (compressed, in chunks) until the job ends so that
 * another API process can finish the import after a crash. `_id` is `<jobId>:<chunk number>`: every
 * read and delete is an `_id` equality (the one filter FerretDB on SQLite answers from an index).
 */
export const jobSourceSchema = new Schema(
  {
    _id: { type: String, required: true, maxlength: 40, match: /^[0-9a-f]{24}:\d+$/ },
    jobId: { type: Schema.Types.ObjectId, ref: 'Job', required: true },
    /** chunk number from 0 */
    n: { type: Number, required: true, min: 0, validate: integer },
    data: { type: Buffer, required: true },
  },
  collectionOptions('jobSources'),
);

export type JobSourceDoc = InferSchemaType<typeof jobSourceSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type JobSourceRaw = InferRawDocTypeFromSchema<typeof jobSourceSchema>;
