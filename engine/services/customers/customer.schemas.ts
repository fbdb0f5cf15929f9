import { OptionalKind, Type, type Static, type TNull, type TOptional, type TSchema, type TUnion } from '@sinclair/typebox';
import { CursorQuery, ObjectIdString } from '../../api/http/common.schemas';
import { LocalizedTextSchema } from '../../core/common/localized';
import { CustomerFieldsSchema } from './customer-input.schema';

/** Request and response shapes of the customers routes, declared once (validation, handler types, OpenAPI). */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const CUSTOMER_STATUS_VALUES = ['new', 'assigned', 'inPool', 'won', 'lost'] as const;
export const CustomerStatusValue = Type.Union(CUSTOMER_STATUS_VALUES.map((s) => Type.Literal(s)));

/** Filters shared by the list and the CSV export: plain strings, numbers or booleans only (never objects). */
const FilterProps = {
  owner: Type.Optional({ ...ObjectIdString, description: 'owner rep id' }),
  team: Type.Optional({ ...ObjectIdString, description: 'team id' }),
  status: Type.Optional(CustomerStatusValue),
  grade: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  province: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  overdue: Type.Optional(
    Type.Boolean({
      description:
        'true: assigned customers with no follow-up within the SLA (lastFollowUpAt, or assignedAt when none, older than overdueHours); false: assigned customers followed up within it',
    }),
  ),
  overdueHours: Type.Integer({ minimum: 1, maximum: 8760, default: 24, description: 'the follow-up SLA in hours for `overdue`' }),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'name or company prefix (case-insensitive)' })),
};

export const CustomerListQuery = Type.Object({ ...FilterProps, ...CursorQuery }, { additionalProperties: false });
export type CustomerListQueryT = Static<typeof CustomerListQuery>;
export type CustomerFilterT = Omit<CustomerListQueryT, 'cursor' | 'limit'>;

export const CustomerExportQuery = Type.Object(
  {
    ...FilterProps,
    encoding: Type.Union([Type.Literal('utf8'), Type.Literal('gbk')], { default: 'utf8', description: 'utf8 (with BOM, for Excel) or gbk' }),
  },
  { additionalProperties: false },
);
export type CustomerExportQueryT = Static<typeof CustomerExportQuery>;

const AttributeValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

export const CustomerView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  company: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  province: Nullable(Type.String()),
  city: Nullable(Type.String()),
  size: Nullable(Type.String()),
  source: Nullable(Type.String()),
  language: Nullable(Type.String()),
  productLine: Nullable(Type.String()),
  estimatedValue: Nullable(Type.Number()),
  churnRisk: Nullable(Type.Number()),
  tags: Type.Array(Type.String()),
  score: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  status: CustomerStatusValue,
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Type.String()),
  poolId: Nullable(Type.String()),
  collaboratorIds: Type.Array(Type.String()),
  previousOwners: Type.Array(Type.Object({ repId: Type.String(), cooldownUntil: DateTime })),
  assignedAt: Nullable(DateTime),
  claimedAt: Nullable(DateTime),
  lastFollowUpAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  protectedUntil: Nullable(DateTime),
  /** no follow-up within the SLA (the list's overdueHours, 24 by default) */
  overdue: Type.Boolean(),
  attributes: Type.Record(Type.String(), AttributeValue),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CustomerViewT = Static<typeof CustomerView>;

export const CustomerPage = Type.Object({ items: Type.Array(CustomerView), nextCursor: Nullable(Type.String()) });

export const ActorView = Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) });

export const AssignmentEventView = Type.Object({
  id: Type.String(),
  outcome: Type.String(),
  ownerId: Nullable(Type.String()),
  previousOwnerId: Nullable(Type.String()),
  poolId: Nullable(Type.String()),
  flowId: Nullable(Type.String()),
  flowVersion: Nullable(Type.Integer()),
  trigger: Nullable(Type.String()),
  path: Type.Array(Type.String()),
  why: LocalizedTextSchema,
  actor: ActorView,
  requestId: Nullable(Type.String()),
  at: DateTime,
});
export type AssignmentEventViewT = Static<typeof AssignmentEventView>;

export const DecisionTraceView = Type.Object({
  eventId: Type.String(),
  outcome: Type.String(),
  flowId: Nullable(Type.String()),
  flowVersion: Nullable(Type.Integer()),
  trigger: Nullable(Type.String()),
  why: LocalizedTextSchema,
  at: DateTime,
  /** the engine's trace: path, each node's detail (conditions, candidates with eligibility and scores), the pick */
  trace: Type.Unknown(),
});

export const CustomerDetailView = Type.Object({
  customer: CustomerView,
  /** assignment events, newest first (at most 100) */
  assignmentHistory: Type.Array(AssignmentEventView),
  /** the latest flow decision with its full trace, if any */
  decisionTrace: Nullable(DecisionTraceView),
  followUpCount: Type.Integer(),
});

/** PATCH: the intake fields, every one optional; null clears an optional field. Owner and status change through their own routes. */
const { name: NameField, tags: TagsField, attributes: AttributesField, ...ScalarFields } = CustomerFieldsSchema;
type Clearable<T extends Record<string, TSchema>> = { [K in keyof T]: TOptional<TUnion<[T[K], TNull]>> };
function clearable<T extends Record<string, TSchema>>(props: T): Clearable<T> {
  const out: Record<string, TSchema> = {};
  for (const [key, schema] of Object.entries(props)) {
    const { [OptionalKind]: _optional, ...plain } = schema as TSchema & { [OptionalKind]?: string };
    out[key] = Type.Optional(Type.Union([plain as TSchema, Type.Null()]));
  }
  return out as Clearable<T>;
}
export const CustomerUpdateBody = Type.Object(
  {
    name: Type.Optional(NameField),
    ...clearable(ScalarFields),
    tags: TagsField,
    /** replaces the whole attribute map */
    attributes: AttributesField,
    /** the version the edit is based on (or the If-Match header): 409 when the customer changed meanwhile */
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CustomerUpdate = Static<typeof CustomerUpdateBody>;

export const RescoreView = Type.Object({
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  score: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
});
export type RescoreViewT = Static<typeof RescoreView>;

export const CustomerUpdateResult = Type.Object({ customer: CustomerView, rescore: Nullable(RescoreView) });

const Reason = Type.String({ minLength: 1, maxLength: 500 });
export const AssignBody = Type.Object({ repId: ObjectIdString, reason: Reason }, { additionalProperties: false });
export type AssignBodyT = Static<typeof AssignBody>;
export const ReassignBody = Type.Object({ reason: Reason, repId: Type.Optional(ObjectIdString) }, { additionalProperties: false });
export type ReassignBodyT = Static<typeof ReassignBody>;

export const OwnerChangeResult = Type.Object({
  customer: CustomerView,
  outcome: Type.Union([Type.Literal('manual'), Type.Literal('reassigned')]),
  ownerId: Type.String(),
  previousOwnerId: Nullable(Type.String()),
  why: LocalizedTextSchema,
});
export type OwnerChangeResultT = Static<typeof OwnerChangeResult>;

export const CollaboratorBody = Type.Object({ repId: ObjectIdString }, { additionalProperties: false });
export const CollaboratorParams = Type.Object({ id: ObjectIdString, repId: ObjectIdString }, { additionalProperties: false });

export const StatusBody = Type.Object(
  {
    status: Type.Union([Type.Literal('won'), Type.Literal('lost')]),
    /** the deal value (CNY); stored as the customer's estimatedValue */
    value: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type StatusBodyT = Static<typeof StatusBody>;
