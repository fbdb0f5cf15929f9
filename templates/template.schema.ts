import { Type, type Static } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../engine/core/common/localized';

/**
 * A template: a prebuilt flow (flow.json), its description (template.json), example data (customers.json,
 * reps.json) and the outcomes the example data must produce (expected.json), checked by templates.test.ts.
 */
export const TemplateMetaSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    kind: Type.Union([Type.Literal('allocation'), Type.Literal('followUp')]),
    name: LocalizedTextSchema,
    description: LocalizedTextSchema,
    tags: Type.Array(Type.String()),
    /** what the flow does, step by step, for the template gallery */
    highlights: Type.Array(LocalizedTextSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type TemplateMeta = Static<typeof TemplateMetaSchema>;

const Ids = Type.Array(Type.String(), { minItems: 1 });
const IdMap = Type.Record(Type.String(), Type.String());

/** Expected outcomes of simulating an allocation template's example data. */
export const AllocationExpectedSchema = Type.Object(
  {
    /** capacity, daily-cap and inactive-rep violations (always 0) */
    violations: Type.Literal(0),
    outcomes: Type.Optional(Type.Partial(Type.Object({ assigned: Type.Integer(), pool: Type.Integer(), duplicate: Type.Integer(), unassigned: Type.Integer() }))),
    /** customer id → owner rep id */
    owners: Type.Optional(IdMap),
    /** customer id → owner's team id */
    teams: Type.Optional(IdMap),
    /** customer id → pool id */
    pools: Type.Optional(IdMap),
    /** customer id → grade */
    grades: Type.Optional(IdMap),
    /** customers left unassigned */
    unassigned: Type.Optional(Ids),
    /** customer id → tags it must carry */
    tags: Type.Optional(Type.Record(Type.String(), Ids)),
    /** customer id → exactly these collaborators (empty list = none) */
    collaborators: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
    /** every assigned customer of the group (by grade, by tag, or listed) is owned by one of `reps` */
    ownerGroups: Type.Optional(
      Type.Array(
        Type.Object(
          {
            grade: Type.Optional(Type.String()),
            tag: Type.Optional(Type.String()),
            customers: Type.Optional(Ids),
            reps: Ids,
            /** the group must not be empty */
            minCustomers: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /** max − min of the assignment counts of these reps */
    spreads: Type.Optional(Type.Array(Type.Object({ reps: Ids, max: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }))),
    /** rep id → exact assignment count */
    counts: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
    /** these reps together get at least `min` of the assignments of node `nodeId` */
    minShares: Type.Optional(Type.Array(Type.Object({ nodeId: Type.String(), reps: Ids, min: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);
export type AllocationExpected = Static<typeof AllocationExpectedSchema>;

export const ScenarioEventSchema = Type.Object(
  {
    atHours: Type.Number({ minimum: 0 }),
    kind: Type.Union([Type.Literal('followUpLogged'), Type.Literal('statusChanged'), Type.Literal('ownerChanged'), Type.Literal('actionResult')]),
    status: Type.Optional(Type.Union([Type.Literal('won'), Type.Literal('lost'), Type.Literal('inPool'), Type.Literal('assigned')])),
    ownerId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    nodeId: Type.Optional(Type.String()),
    output: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ScenarioEvent = Static<typeof ScenarioEventSchema>;

/** Expected behaviour of a follow-up template over simulated time. */
export const FollowUpExpectedSchema = Type.Object(
  {
    scenarios: Type.Array(
      Type.Object(
        {
          name: LocalizedTextSchema,
          customerId: Type.String(),
          untilDays: Type.Number({ minimum: 0 }),
          events: Type.Array(ScenarioEventSchema),
          /** every wake-up that produced actions other than waiting, in order: its time and action kinds */
          actions: Type.Array(Type.Object({ atHours: Type.Number(), kinds: Type.Array(Type.String(), { minItems: 1 }) }, { additionalProperties: false })),
          ended: Type.Boolean(),
          endReason: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type FollowUpExpected = Static<typeof FollowUpExpectedSchema>;
