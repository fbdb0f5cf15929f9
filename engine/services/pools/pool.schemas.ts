import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ObjectIdString } from '../../api/http/common.schemas';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Days = (max: number, description: string) => Type.Integer({ minimum: 0, maximum: max, description });

const GradeRule = Type.Object(
  {
    grade: Type.String({ minLength: 1, maxLength: 10 }),
    recycleAfterDaysNoFollowUp: Type.Optional(Days(3650, 'days without a follow-up before recycling, for this grade')),
    recycleAfterDaysNoDeal: Type.Optional(Days(3650, 'days owned without a deal before recycling, for this grade')),
  },
  { additionalProperties: false },
);

/** The pool's rules (公海规则); every field optional on input, defaults from the data model. */
export const PoolRulesBody = Type.Object(
  {
    recycleAfterDaysNoFollowUp: Type.Optional(Days(3650, 'back to the pool after N days without a follow-up')),
    recycleAfterDaysNoDeal: Type.Optional(Days(3650, 'back to the pool after N days owned without a deal')),
    perGrade: Type.Optional(Type.Array(GradeRule, { maxItems: 20 })),
    warnDaysBefore: Type.Optional(Days(365, 'warn the owner N days before a recycle')),
    claimsPerRepPerDay: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'claims a rep may make from this pool per day' })),
    maxHeldPerRep: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'a claim needs the rep’s open customers below this' })),
    protectionDays: Type.Optional(Days(3650, 'after a claim, no recycling for N days')),
    previousOwnerCooldownDays: Type.Optional(Days(3650, 'a rep cannot take back a customer it released for N days')),
    visibleTeamIds: Type.Optional(Type.Array(ObjectIdString, { maxItems: 200, uniqueItems: true, description: 'teams that see the pool; empty = every team' })),
  },
  { additionalProperties: false },
);
export type PoolRulesInput = Static<typeof PoolRulesBody>;

export const PoolCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    isDefault: Type.Optional(Type.Boolean()),
    rules: Type.Optional(PoolRulesBody),
  },
  { additionalProperties: false },
);
export type PoolCreate = Static<typeof PoolCreateBody>;

export const PoolUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    isDefault: Type.Optional(Type.Boolean()),
    /** merged into the current rules (perGrade and visibleTeamIds are replaced as a whole) */
    rules: Type.Optional(PoolRulesBody),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PoolUpdate = Static<typeof PoolUpdateBody>;

export const PoolRulesView = Type.Object({
  recycleAfterDaysNoFollowUp: Type.Integer(),
  recycleAfterDaysNoDeal: Type.Integer(),
  perGrade: Type.Array(
    Type.Object({ grade: Type.String(), recycleAfterDaysNoFollowUp: Nullable(Type.Integer()), recycleAfterDaysNoDeal: Nullable(Type.Integer()) }),
  ),
  warnDaysBefore: Type.Integer(),
  claimsPerRepPerDay: Type.Integer(),
  maxHeldPerRep: Type.Integer(),
  protectionDays: Type.Integer(),
  previousOwnerCooldownDays: Type.Integer(),
  visibleTeamIds: Type.Array(Type.String()),
});

export const PoolView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Nullable(Type.String()),
  isDefault: Type.Boolean(),
  rules: PoolRulesView,
  /** customers in the pool now */
  customerCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type PoolViewT = Static<typeof PoolView>;

export const PoolCustomersQuery = Type.Object(
  {
    grade: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    industry: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    province: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'opaque cursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type PoolCustomersQueryT = Static<typeof PoolCustomersQuery>;

/** A pool customer as anyone may see it before claiming: phone and email masked. */
export const PoolCustomerView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  company: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  province: Nullable(Type.String()),
  city: Nullable(Type.String()),
  size: Nullable(Type.String()),
  source: Nullable(Type.String()),
  grade: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  tags: Type.Array(Type.String()),
  estimatedValue: Nullable(Type.Number()),
  /** masked, e.g. 138****5678 */
  phone: Nullable(Type.String()),
  /** masked, e.g. z***@example.com */
  email: Nullable(Type.String()),
  lastFollowUpAt: Nullable(DateTime),
  createdAt: DateTime,
  /** when the caller's own previous-owner cooldown on this customer ends (null: none) */
  myCooldownUntil: Nullable(DateTime),
});
export type PoolCustomerViewT = Static<typeof PoolCustomerView>;

export const PoolCustomerParams = Type.Object({ id: ObjectIdString, customerId: ObjectIdString }, { additionalProperties: false });

export const ClaimBody = Type.Object(
  { repId: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{24}$', description: 'managers and admins: the rep who claims (default: the caller’s own rep)' })) },
  { additionalProperties: false },
);
export type ClaimInput = Static<typeof ClaimBody>;

/** The claimed customer, now visible in full to its owner. */
export const ClaimResult = Type.Object({
  customer: Type.Object({
    id: Type.String(),
    name: Type.String(),
    status: Type.Literal('assigned'),
    ownerId: Type.String(),
    poolId: Type.String(),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    claimedAt: DateTime,
    protectedUntil: DateTime,
    version: Type.Integer(),
  }),
  /** claims the rep made from this pool today (its time zone), with the limit */
  claimsToday: Type.Object({ count: Type.Integer(), limit: Type.Integer(), date: Type.String() }),
  held: Type.Object({ count: Type.Integer(), limit: Type.Integer() }),
});
export type ClaimResultT = Static<typeof ClaimResult>;

export const ReleaseBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    /** the pool to return to (default: the pool the customer came from, else the default pool) */
    poolId: Type.Optional(ObjectIdString),
  },
  { additionalProperties: false },
);
export type ReleaseInput = Static<typeof ReleaseBody>;

export const ReleaseResult = Type.Object({
  customerId: Type.String(),
  status: Type.Literal('inPool'),
  poolId: Type.String(),
  previousOwnerId: Type.String(),
  cooldownUntil: DateTime,
  version: Type.Integer(),
});
export type ReleaseResultT = Static<typeof ReleaseResult>;
