import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FOLLOW_UP_CHANNELS, FOLLOW_UP_OUTCOMES } from '../../data/collections/follow-up.model';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** What a caller may log (issue #4); the stored vocabulary is wider (seeded and imported history). */
export const FOLLOW_UP_INPUT_CHANNELS = ['phone', 'wechat', 'email', 'visit', 'meeting', 'other'] as const;
export const FOLLOW_UP_INPUT_OUTCOMES = ['connected', 'noAnswer', 'interested', 'notInterested', 'dealProgress', 'other'] as const;

export const FollowUpCreateBody = Type.Object(
  {
    /** when the contact happened (default now; at most a minute in the future) */
    at: Type.Optional(DateTime),
    channel: Literals(FOLLOW_UP_INPUT_CHANNELS),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    outcome: Literals(FOLLOW_UP_INPUT_OUTCOMES),
    nextStep: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    /** when the next follow-up is planned (after `at`) */
    nextFollowUpAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type FollowUpCreate = Static<typeof FollowUpCreateBody>;

export const FollowUpView = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  repId: Type.String(),
  repName: Nullable(Type.String()),
  at: DateTime,
  channel: Literals(FOLLOW_UP_CHANNELS),
  note: Nullable(Type.String()),
  outcome: Literals(FOLLOW_UP_OUTCOMES),
  nextStep: Nullable(Type.String()),
  nextFollowUpAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type FollowUpViewT = Static<typeof FollowUpView>;

export const FollowUpListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'opaque cursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type FollowUpListQueryT = Static<typeof FollowUpListQuery>;
