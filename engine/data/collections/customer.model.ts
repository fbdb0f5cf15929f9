import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { CustomerStatus } from '../../core/model/customer.schema';
import { literalValues } from '../literal-values';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../normalize-contact';
import { collectionOptions, subOptions } from '../schema-options';

export const CUSTOMER_STATUSES = literalValues(CustomerStatus);
/** company head-count bands (customer.schema.ts `size`) */
export const CUSTOMER_SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff-]{0,63}$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const previousOwnerSchema = new Schema(
  {
    repId: { type: Schema.Types.ObjectId, ref: 'Rep', required: true },
    /** end of the previous-owner cooldown */
    cooldownUntil: { type: Date, required: true },
    releasedAt: { type: Date },
  },
  subOptions,
);

/** Free-form attributes are a list of {key, value}: user-chosen keys never become field names. */
const attributeSchema = new Schema(
  {
    key: {
      type: String,
      required: true,
      match: ATTRIBUTE_KEY_PATTERN,
      validate: { validator: (k: string) => !RESERVED_KEYS.has(k), message: '{VALUE} is a reserved name / 保留名称不可用' },
    },
    value: {
      type: Schema.Types.Mixed,
      required: true,
      validate: {
        validator: (v: unknown) =>
          typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 2000),
        message: 'attribute value must be a string (≤ 2000 chars), a finite number or a boolean / 属性值须为字符串、数字或布尔值',
      },
    },
  },
  subOptions,
);

const lifecycleSchema = new Schema(
  {
    /** Temporal workflow id, derived from the customer id */
    workflowId: { type: String, maxlength: 200 },
    /** set when a lifecycle must be started; the dispatcher clears it once started */
    needsStart: { type: Boolean, required: true, default: false },
    startedAt: { type: Date },
    /** follow-up flow version the running lifecycle uses */
    flowVersionId: { type: Schema.Types.ObjectId, ref: 'FlowVersion' },
  },
  subOptions,
);

export const customerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    company: { type: String, trim: true, maxlength: 200 },
    phone: { type: String, trim: true, maxlength: 40 },
    email: { type: String, trim: true, maxlength: 254, match: /^[^\s@]+@[^\s@]+$/ },
    /** dedupe keys: digits only (no country prefix), lower-cased email, folded company name */
    phoneNormalized: { type: String, maxlength: 40 },
    emailNormalized: { type: String, maxlength: 254 },
    companyNormalized: { type: String, maxlength: 200 },
    industry: { type: String, trim: true, maxlength: 100 },
    province: { type: String, trim: true, maxlength: 100 },
    city: { type: String, trim: true, maxlength: 100 },
    size: { type: String, enum: CUSTOMER_SIZES },
    source: { type: String, trim: true, maxlength: 100 },
    language: { type: String, trim: true, maxlength: 20 },
    productLine: { type: String, trim: true, maxlength: 100 },
    /** CNY */
    estimatedValue: { type: Number, min: 0 },
    churnRisk: { type: Number, min: 0, max: 1 },
    tags: {
      type: [{ type: String, trim: true, minlength: 1, maxlength: 50 }],
      default: [],
      validate: { validator: (v: unknown[]) => v.length <= 100, message: 'at most 100 tags / 标签最多 100 个' },
    },
    score: { type: Number, min: 0, max: 100 },
    grade: { type: String, trim: true, maxlength: 10 },
    status: { type: String, enum: CUSTOMER_STATUSES, required: true, default: 'new' },
    ownerId: { type: Schema.Types.ObjectId, ref: 'Rep' },
    teamId: { type: Schema.Types.ObjectId, ref: 'Team' },
    poolId: { type: Schema.Types.ObjectId, ref: 'Pool' },
    collaboratorIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Rep' }], default: [] },
    previousOwners: { type: [previousOwnerSchema], default: [] },
    assignedAt: { type: Date },
    claimedAt: { type: Date },
    /** no recycling before this instant (protection period after a claim or an assignment) */
    protectedUntil: { type: Date },
    lastFollowUpAt: { type: Date },
    /** when the deal was won or lost */
    closedAt: { type: Date },
    attributes: {
      type: [attributeSchema],
      default: [],
      validate: { validator: (v: unknown[]) => v.length <= 200, message: 'at most 200 attributes / 属性最多 200 个' },
    },
    lifecycle: { type: lifecycleSchema, default: () => ({ needsStart: false }) },
    /** bumped by every ownership change; writers compare-and-set on it */
    version: { type: Number, required: true, default: 0, min: 0 },
  },
  collectionOptions('customers'),
);

customerSchema.index({ ownerId: 1, status: 1 });
customerSchema.index({ poolId: 1, status: 1 });
customerSchema.index({ teamId: 1, status: 1 });
customerSchema.index({ status: 1, lastFollowUpAt: 1 });
customerSchema.index({ phoneNormalized: 1 });
customerSchema.index({ emailNormalized: 1 });
customerSchema.index({ companyNormalized: 1 });
customerSchema.index({ collaboratorIds: 1 });
customerSchema.index({ 'lifecycle.needsStart': 1 });
customerSchema.index({ createdAt: -1 });

/**
 * On create and save: fills the dedupe keys, and checks that an assigned customer has an owner and a
 * pooled one a pool. (Updates by query set the keys themselves: use the normalize-contact helpers.)
 */
customerSchema.pre('validate', function deriveKeysAndCheckOwnership() {
  if (this.isModified('phone') || (this.phone && !this.phoneNormalized)) this.phoneNormalized = this.phone ? normalizePhone(this.phone) : undefined;
  if (this.isModified('email') || (this.email && !this.emailNormalized)) this.emailNormalized = this.email ? normalizeEmail(this.email) : undefined;
  if (this.isModified('company') || (this.company && !this.companyNormalized)) this.companyNormalized = this.company ? normalizeCompany(this.company) : undefined;
  if (this.status === 'assigned' && !this.ownerId) {
    this.invalidate('ownerId', 'an assigned customer needs ownerId / 已分配的客户必须有负责人');
  }
  if (this.status === 'inPool' && !this.poolId) {
    this.invalidate('poolId', 'a customer in a pool needs poolId / 公海中的客户必须有公海 poolId');
  }
});

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type CustomerRaw = InferRawDocTypeFromSchema<typeof customerSchema>;
