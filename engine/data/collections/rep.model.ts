import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { RepStatus } from '../../core/model/rep.schema';
import { literalValues } from '../literal-values';
import { markChangesPlugin } from '../change-generation';
import { LOCAL_DATE_PATTERN } from '../local-date';
import { collectionOptions, subOptions } from '../schema-options';

export const REP_STATUSES = literalValues(RepStatus);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_END = /^([01]\d|2[0-4]):[0-5]\d$/;

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const timeZoneField = {
  type: String,
  validate: { validator: isTimeZone, message: '{VALUE} is not an IANA time zone / 不是有效的时区' },
};

const workingHoursSchema = new Schema(
  {
    timezone: { ...timeZoneField, required: true },
    days: {
      type: [{ type: Number, min: 1, max: 7, validate: { validator: Number.isInteger, message: 'weekday must be 1..7' } }],
      required: true,
    },
    start: { type: String, required: true, match: HH_MM },
    end: { type: String, required: true, match: HH_MM_END },
  },
  subOptions,
);

const winRateSchema = new Schema(
  {
    industry: { type: String, required: true, maxlength: 100 },
    winRate: { type: Number, required: true, min: 0, max: 1 },
    /** closed deals the rate is computed over */
    deals: { type: Number, min: 0, default: 0 },
  },
  subOptions,
);

const repStatsSchema = new Schema(
  {
    /** win rate per industry over the last 90 days (a list: industry names never become field names) */
    winRateByIndustry: { type: [winRateSchema], default: [] },
    avgDealValue: { type: Number, min: 0, default: 0 },
    medianFirstResponseHours: { type: Number, min: 0, default: 0 },
    escalationShare: { type: Number, min: 0, max: 1, default: 0 },
    /** the figures the rates above are computed from (engine/services/reps/rep-stats.service.ts) */
    windowDays: { type: Number, min: 0, default: 90 },
    closedDeals: { type: Number, min: 0, default: 0 },
    wonDeals: { type: Number, min: 0, default: 0 },
    assignments: { type: Number, min: 0, default: 0 },
    respondedAssignments: { type: Number, min: 0, default: 0 },
    escalatedAssignments: { type: Number, min: 0, default: 0 },
    computedAt: { type: Date },
  },
  subOptions,
);

const integer = { validator: Number.isInteger, message: '{PATH} must be an integer / 必须为整数' };

export const repSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    nameEn: { type: String, trim: true, maxlength: 100 },
    email: { type: String, trim: true, lowercase: true, maxlength: 254, match: /^[^\s@]+@[^\s@]+$/ },
    userId: { type: Schema.Types.ObjectId, ref: 'User' },
    teamId: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    status: { type: String, enum: REP_STATUSES, required: true, default: 'active' },
    leaveFrom: { type: Date },
    leaveTo: { type: Date },
    departedAt: { type: Date },
    joinedAt: { type: Date },
    industries: { type: [String], default: [] },
    /** provinces */
    regions: { type: [String], default: [] },
    languages: { type: [String], default: [] },
    productLines: { type: [String], default: [] },
    level: { type: Number, required: true, min: 1, max: 5, validate: integer },
    weight: { type: Number, required: true, min: 0, max: 1000, default: 1 },
    capacity: { type: Number, required: true, min: 0, max: 100_000, validate: integer },
    dailyCap: { type: Number, required: true, min: 0, max: 10_000, validate: integer },
    isNewHire: { type: Boolean, required: true, default: false },
    isTopRep: { type: Boolean, required: true, default: false },
    isManager: { type: Boolean, required: true, default: false },
    /** the rep's zone for "today" (daily caps); working hours carry their own */
    timezone: { ...timeZoneField, required: true, default: 'Asia/Shanghai' },
    workingHours: { type: workingHoursSchema },
    stats: { type: repStatsSchema, default: () => ({}) },
    /** open customers owned (guarded by `openCount < capacity` in every increment) */
    openCount: { type: Number, required: true, min: 0, default: 0, validate: integer },
    /** assignments on `todayDate` */
    todayCount: { type: Number, required: true, min: 0, default: 0, validate: integer },
    /** YYYY-MM-DD in the rep's time zone that todayCount counts */
    todayDate: { type: String, match: LOCAL_DATE_PATTERN },
  },
  collectionOptions('reps'),
);

repSchema.index({ teamId: 1, status: 1 });
repSchema.index({ status: 1 });
repSchema.index({ userId: 1 }, { unique: true, sparse: true });

repSchema.pre('validate', function checkLeave() {
  if (this.status === 'onLeave' && (!this.leaveFrom || !this.leaveTo)) {
    this.invalidate('leaveFrom', 'a rep on leave needs leaveFrom and leaveTo / 请假的销售必须有请假起止时间');
  }
  if (this.leaveFrom && this.leaveTo && this.leaveTo.getTime() < this.leaveFrom.getTime()) {
    this.invalidate('leaveTo', 'leaveTo is before leaveFrom / 请假结束早于开始');
  }
});

/** what intake writes many times a second; its guarded `$inc` checks them, so caches need not drop the reps for them */
export const REP_COUNTER_FIELDS: ReadonlySet<string> = new Set(['openCount', 'todayCount', 'todayDate', 'updatedAt']);
// any other write to a rep drops this process's cached reps at once (services/allocation/rep-roster.cache.ts)
repSchema.plugin(markChangesPlugin('reps', REP_COUNTER_FIELDS));

export type RepDoc = InferSchemaType<typeof repSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type RepRaw = InferRawDocTypeFromSchema<typeof repSchema>;
