import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions } from '../schema-options';
import { localizedTextSchema } from './common-fields';

export const NOTIFICATION_KINDS = [
  'assigned', 'reassigned', 'collaboratorAdded', 'reminder', 'followUpDue', 'escalation', 'reclaimWarning', 'reclaimed',
  'claimed', 'redistribution', 'jobFinished', 'system',
] as const;

/** An in-app inbox message. */
export const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    title: { type: localizedTextSchema, required: true },
    body: { type: localizedTextSchema, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
    /** where the message points in the console, e.g. /customers/<id> */
    link: { type: String, maxlength: 500 },
    /** dedupe key so a retried activity does not notify twice */
    dedupeKey: { type: String, maxlength: 300 },
    readAt: { type: Date },
  },
  collectionOptions('notifications'),
);

notificationSchema.index({ userId: 1, readAt: 1, createdAt: -1 });
notificationSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });

export type NotificationDoc = InferSchemaType<typeof notificationSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type NotificationRaw = InferRawDocTypeFromSchema<typeof notificationSchema>;
