import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';

/** A team: reps with a manager. Members are the reps whose `teamId` is this team (never stored twice). */
export const teamSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    nameEn: { type: String, trim: true, maxlength: 100 },
    description: { type: String, trim: true, maxlength: 1000 },
    /** the rep who manages the team (isManager) */
    managerRepId: { type: Schema.Types.ObjectId, ref: 'Rep' },
  },
  collectionOptions('teams'),
);

teamSchema.index({ name: 1 }, { unique: true });

export type TeamDoc = InferSchemaType<typeof teamSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type TeamRaw = InferRawDocTypeFromSchema<typeof teamSchema>;
