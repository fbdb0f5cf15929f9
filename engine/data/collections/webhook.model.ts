import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { LOCALES } from '../../core/common/localized';
import { collectionOptions } from '../schema-options';

export const WEBHOOK_KINDS = ['generic', 'wecom', 'dingtalk'] as const;

/** An outgoing webhook: a generic HMAC-signed POST, or a WeCom / DingTalk group robot. */
export const webhookSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    url: { type: String, required: true, maxlength: 2000, match: /^https?:\/\/[^\s]+$/ },
    /** HMAC-SHA256 key (generic) or DingTalk signing secret; never selected unless asked for */
    secret: { type: String, maxlength: 500, select: false },
    kind: { type: String, enum: WEBHOOK_KINDS, required: true, default: 'generic' },
    /** event names it receives, e.g. customer.assigned, customer.escalated */
    events: {
      type: [{ type: String, match: /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/, maxlength: 100 }],
      validate: { validator: (v: string[]) => v.length >= 1 && v.length <= 50, message: '1 to 50 events / 需订阅 1 到 50 个事件' },
    },
    enabled: { type: Boolean, required: true, default: true },
    /** language of WeCom / DingTalk robot messages */
    locale: { type: String, enum: LOCALES, required: true, default: 'zh-CN' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  collectionOptions('webhooks'),
);

webhookSchema.index({ enabled: 1, events: 1 });

export type WebhookDoc = InferSchemaType<typeof webhookSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type WebhookRaw = InferRawDocTypeFromSchema<typeof webhookSchema>;
