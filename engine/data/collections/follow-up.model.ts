import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';

export const FOLLOW_UP_CHANNELS = ['phone', 'wechat', 'email', 'sms', 'visit', 'meeting', 'other'] as const;
export const FOLLOW_UP_OUTCOMES = [
  'contacted', 'noAnswer', 'interested', 'notInterested', 'meetingScheduled', 'quoted', 'won', 'lost',
  // the API's outcome vocabulary (issue #4): connected | noAnswer | interested | notInterested | dealProgress | other
  'connected', 'dealProgress', 'other',
] as const;

/** A logged contact (跟进记录). */
export const followUpSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    repId: { type: Schema.Types.ObjectId, ref: 'Rep', required: true },
    at: { type: Date, required: true },
    channel: { type: String, enum: FOLLOW_UP_CHANNELS, required: true },
    note: { type: String, trim: true, maxlength: 5000 },
    outcome: { type: String, enum: FOLLOW_UP_OUTCOMES, required: true },
    nextStep: { type: String, trim: true, maxlength: 1000 },
    nextAt: { type: Date },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  collectionOptions('followUps'),
);

followUpSchema.index({ customerId: 1, at: -1 });
followUpSchema.index({ repId: 1, at: -1 });

export type FollowUpDoc = InferSchemaType<typeof followUpSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type FollowUpRaw = InferRawDocTypeFromSchema<typeof followUpSchema>;
