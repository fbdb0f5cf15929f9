import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { collectionOptions, subOptions } from '../schema-options';

const integer = { validator: Number.isInteger, message: '{PATH} must be an integer / 必须为整数' };
const days = (max: number) => ({ type: Number, min: 0, max, validate: integer });

const gradeRuleSchema = new Schema(
  {
    grade: { type: String, required: true, trim: true, minlength: 1, maxlength: 10 },
    recycleAfterDaysNoFollowUp: days(3650),
    recycleAfterDaysNoDeal: days(3650),
  },
  subOptions,
);

/** The rules of a public pool (公海规则); a claim checks all of them. */
const poolRulesSchema = new Schema(
  {
    /** back to the pool after N days without a follow-up */
    recycleAfterDaysNoFollowUp: { ...days(3650), required: true, default: 15 },
    /** back to the pool after N days owned without a deal */
    recycleAfterDaysNoDeal: { ...days(3650), required: true, default: 30 },
    /** overrides of the two above for given grades */
    perGrade: {
      type: [gradeRuleSchema],
      default: [],
      validate: {
        validator: (rules: { grade: string }[]) => new Set(rules.map((r) => r.grade)).size === rules.length,
        message: 'one rule per grade / 每个等级只能有一条规则',
      },
    },
    /** warn the owner N days before a recycle */
    warnDaysBefore: { ...days(365), required: true, default: 3 },
    claimsPerRepPerDay: { type: Number, required: true, min: 0, max: 10_000, default: 10, validate: integer },
    maxHeldPerRep: { type: Number, required: true, min: 0, max: 100_000, default: 200, validate: integer },
    /** after a claim, no recycling for N days */
    protectionDays: { ...days(3650), required: true, default: 7 },
    /** a rep cannot take back a customer it lost for N days */
    previousOwnerCooldownDays: { ...days(3650), required: true, default: 30 },
    /** teams that see the pool; empty = every team */
    visibleTeamIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Team' }], default: [] },
  },
  subOptions,
);

export const poolSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    nameEn: { type: String, trim: true, maxlength: 100 },
    description: { type: String, trim: true, maxlength: 1000 },
    /** where customers go when a flow says "to the pool" without naming one */
    isDefault: { type: Boolean, required: true, default: false },
    rules: { type: poolRulesSchema, required: true, default: () => ({}) },
  },
  collectionOptions('pools'),
);

poolSchema.index({ name: 1 }, { unique: true });

export type PoolDoc = InferSchemaType<typeof poolSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type PoolRaw = InferRawDocTypeFromSchema<typeof poolSchema>;
