import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { appendOnly } from '../append-only.plugin';
import { safeKeys } from '../safe-keys.validator';
import { appendOnlyOptions, subOptions } from '../schema-options';
import { actorSchema } from './common-fields';

const targetSchema = new Schema(
  {
    /** collection-like noun: customer, rep, team, pool, flow, user, apiToken, webhook, … */
    kind: { type: String, required: true, match: /^[a-z][A-Za-z]{0,39}$/ },
    id: { type: String, maxlength: 200 },
  },
  subOptions,
);

/** Every mutating request: who, what, on what, before and after. Append-only. */
export const auditLogSchema = new Schema(
  {
    actor: { type: actorSchema, required: true },
    /** dotted verb, e.g. customer.assign, pool.claim, flow.publish */
    action: { type: String, required: true, match: /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/, maxlength: 100 },
    target: { type: targetSchema, required: true },
    before: { type: Schema.Types.Mixed, validate: safeKeys },
    after: { type: Schema.Types.Mixed, validate: safeKeys },
    requestId: { type: String, maxlength: 200 },
    ip: { type: String, maxlength: 100 },
    at: { type: Date, required: true, default: Date.now },
  },
  appendOnlyOptions('auditLogs'),
);

auditLogSchema.index({ at: -1 });
auditLogSchema.index({ 'target.kind': 1, 'target.id': 1, at: -1 });
auditLogSchema.index({ 'actor.id': 1, at: -1 });
appendOnly(auditLogSchema, 'auditLogs');

export type AuditLogDoc = InferSchemaType<typeof auditLogSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type AuditLogRaw = InferRawDocTypeFromSchema<typeof auditLogSchema>;
