import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ObjectIdString } from '../../api/http/common.schemas';

/** Request and response shapes of the reps routes, declared once (validation, handler types, OpenAPI). */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Label = Type.String({ minLength: 1, maxLength: 100 });
const Labels = Type.Array(Label, { maxItems: 50, uniqueItems: true });

export const RepStatusValue = Type.Union([Type.Literal('active'), Type.Literal('onLeave'), Type.Literal('departed')]);

export const WorkingHoursBody = Type.Object(
  {
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: 'ISO weekdays 1 (Mon) … 7 (Sun)' }),
    start: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' }),
    end: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$', description: 'HH:MM (24:00 allowed)' }),
  },
  { additionalProperties: false },
);

/** What managers set about a rep (the set half of the capability profile). */
const profileFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ maxLength: 100 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  teamId: ObjectIdString,
  industries: Labels,
  regions: Labels,
  languages: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20, uniqueItems: true }),
  productLines: Labels,
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  weight: Type.Number({ minimum: 0, maximum: 1000 }),
  capacity: Type.Integer({ minimum: 0, maximum: 100_000 }),
  dailyCap: Type.Integer({ minimum: 0, maximum: 10_000 }),
  isNewHire: Type.Boolean(),
  isTopRep: Type.Boolean(),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'the rep’s zone for “today” (daily caps)' }),
  workingHours: WorkingHoursBody,
  joinedAt: DateTime,
};

export const RepCreateBody = Type.Object(
  {
    name: profileFields.name,
    nameEn: Type.Optional(profileFields.nameEn),
    email: Type.Optional(profileFields.email),
    teamId: profileFields.teamId,
    industries: Type.Optional(profileFields.industries),
    regions: Type.Optional(profileFields.regions),
    languages: Type.Optional(profileFields.languages),
    productLines: Type.Optional(profileFields.productLines),
    level: profileFields.level,
    weight: Type.Optional(profileFields.weight),
    capacity: profileFields.capacity,
    dailyCap: profileFields.dailyCap,
    isNewHire: Type.Optional(profileFields.isNewHire),
    isTopRep: Type.Optional(profileFields.isTopRep),
    timezone: Type.Optional(profileFields.timezone),
    workingHours: Type.Optional(profileFields.workingHours),
    joinedAt: Type.Optional(profileFields.joinedAt),
  },
  { additionalProperties: false },
);
export type RepCreate = Static<typeof RepCreateBody>;

export const RepUpdateBody = Type.Object(
  {
    name: Type.Optional(profileFields.name),
    nameEn: Type.Optional(profileFields.nameEn),
    email: Type.Optional(profileFields.email),
    teamId: Type.Optional(profileFields.teamId),
    industries: Type.Optional(profileFields.industries),
    regions: Type.Optional(profileFields.regions),
    languages: Type.Optional(profileFields.languages),
    productLines: Type.Optional(profileFields.productLines),
    level: Type.Optional(profileFields.level),
    weight: Type.Optional(profileFields.weight),
    capacity: Type.Optional(profileFields.capacity),
    dailyCap: Type.Optional(profileFields.dailyCap),
    isNewHire: Type.Optional(profileFields.isNewHire),
    isTopRep: Type.Optional(profileFields.isTopRep),
    timezone: Type.Optional(profileFields.timezone),
    /** null removes the working hours (always available) */
    workingHours: Type.Optional(Nullable(profileFields.workingHours)),
    joinedAt: Type.Optional(profileFields.joinedAt),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RepUpdate = Static<typeof RepUpdateBody>;

export const RepStatusBody = Type.Object(
  {
    status: RepStatusValue,
    /** required with onLeave */
    leaveFrom: Type.Optional(DateTime),
    leaveTo: Type.Optional(DateTime),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type RepStatusChange = Static<typeof RepStatusBody>;

/** What the history shows (the computed half of the capability profile). */
export const RepStatsView = Type.Object({
  /** won / (won + lost) per industry among the rep’s customers closed in the window */
  winRateByIndustry: Type.Array(Type.Object({ industry: Type.String(), winRate: Type.Number(), deals: Type.Integer() })),
  /** mean estimatedValue of the deals won in the window (CNY); 0 when none */
  avgDealValue: Type.Number(),
  /** median hours from an assignment to the rep’s first follow-up, over assignments in the window that got one */
  medianFirstResponseHours: Type.Number(),
  /** share (0..1) of the rep’s assignments in the window that were escalated to a manager */
  escalationShare: Type.Number(),
  windowDays: Type.Integer(),
  closedDeals: Type.Integer(),
  wonDeals: Type.Integer(),
  assignments: Type.Integer(),
  respondedAssignments: Type.Integer(),
  escalatedAssignments: Type.Integer(),
  computedAt: Nullable(DateTime),
});
export type RepStatsViewT = Static<typeof RepStatsView>;

export const WorkingHoursView = Type.Object({ timezone: Type.String(), days: Type.Array(Type.Integer()), start: Type.String(), end: Type.String() });

export const RepView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  email: Nullable(Type.String()),
  teamId: Type.String(),
  status: RepStatusValue,
  leaveFrom: Nullable(DateTime),
  leaveTo: Nullable(DateTime),
  departedAt: Nullable(DateTime),
  joinedAt: Nullable(DateTime),
  industries: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  productLines: Type.Array(Type.String()),
  level: Type.Integer(),
  weight: Type.Number(),
  capacity: Type.Integer(),
  dailyCap: Type.Integer(),
  isNewHire: Type.Boolean(),
  isTopRep: Type.Boolean(),
  isManager: Type.Boolean(),
  timezone: Type.String(),
  workingHours: Nullable(WorkingHoursView),
  openCount: Type.Integer(),
  /** assignments today in the rep’s time zone */
  todayCount: Type.Integer(),
  stats: RepStatsView,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type RepViewT = Static<typeof RepView>;

export const RepListQuery = Type.Object(
  {
    teamId: Type.Optional(ObjectIdString),
    status: Type.Optional(RepStatusValue),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type RepListQueryT = Static<typeof RepListQuery>;

export const RepLoadQuery = Type.Object(
  {
    teamId: Type.Optional(ObjectIdString),
    includeDeparted: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type RepLoadQueryT = Static<typeof RepLoadQuery>;

export const RepLoadItem = Type.Object({
  repId: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  teamId: Type.String(),
  status: RepStatusValue,
  /** status onLeave, or now inside the leave window */
  onLeaveNow: Type.Boolean(),
  open: Type.Object({ count: Type.Integer(), capacity: Type.Integer(), ratio: Nullable(Type.Number()) }),
  today: Type.Object({ date: Type.String(), count: Type.Integer(), cap: Type.Integer() }),
  profile: Type.Object({
    industries: Type.Array(Type.String()),
    regions: Type.Array(Type.String()),
    languages: Type.Array(Type.String()),
    productLines: Type.Array(Type.String()),
    level: Type.Integer(),
    weight: Type.Number(),
    capacity: Type.Integer(),
    dailyCap: Type.Integer(),
    isNewHire: Type.Boolean(),
    isTopRep: Type.Boolean(),
    timezone: Type.String(),
    workingHours: Nullable(WorkingHoursView),
  }),
  stats: RepStatsView,
});
export type RepLoadItemT = Static<typeof RepLoadItem>;

export const RepLoadView = Type.Object({
  items: Type.Array(RepLoadItem),
  totals: Type.Object({ reps: Type.Integer(), open: Type.Integer(), capacity: Type.Integer(), today: Type.Integer(), dailyCap: Type.Integer() }),
});
export type RepLoadViewT = Static<typeof RepLoadView>;

export const RepStatusResult = Type.Object({
  rep: RepView,
  /** the redistribution job requested (the workflows issue runs it), when the change calls for one */
  redistributionJobId: Nullable(Type.String()),
  /** a leave that starts later keeps the rep active until then (the engine skips the rep inside the window) */
  scheduled: Type.Boolean(),
});

export const RecomputeBody = Type.Object({ repId: Type.Optional(ObjectIdString) }, { additionalProperties: false });
export const RecomputeResult = Type.Object({ recomputed: Type.Integer(), computedAt: DateTime });
