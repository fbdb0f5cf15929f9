import { Type, type Static } from '@sinclair/typebox';

const Iso = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** GET /api/customers/:id/lifecycle — the customer's lifecycle as its workflow's query reports it. */
export const LifecycleView = Type.Object(
  {
    customerId: Type.String(),
    workflowId: Type.String(),
    /** false once the customer left its owner (reclaimed, released, won, lost): the last state is shown */
    running: Type.Boolean(),
    flow: Nullable(Type.Object({ id: Type.String(), version: Type.Number(), versionId: Type.String() }, { additionalProperties: false })),
    ownerId: Nullable(Type.String()),
    ownedSince: Nullable(Iso),
    currentNode: Nullable(Type.Object({ id: Type.String(), type: Type.String(), waiting: Type.Boolean() }, { additionalProperties: false })),
    followUpEnded: Type.Boolean(),
    endReason: Nullable(Type.String()),
    dueTimes: Type.Array(
      Type.Object(
        {
          kind: Type.Union([Type.Literal('followUp'), Type.Literal('recycleWarning'), Type.Literal('recycle'), Type.Literal('deferredReclaim')]),
          at: Iso,
          /** later than `at` while the owner is on leave */
          actsAt: Iso,
          nodeId: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    pausedUntil: Nullable(Iso),
    recentSteps: Type.Array(
      Type.Object({ at: Iso, nodeId: Type.String(), type: Type.String(), event: Type.String(), result: Type.String() }, { additionalProperties: false }),
    ),
    recentActions: Type.Array(
      Type.Object({ at: Iso, kind: Type.String(), nodeId: Nullable(Type.String()), outcome: Type.String() }, { additionalProperties: false }),
    ),
    run: Type.Integer({ minimum: 1 }),
    /** a start is still waiting for the dispatcher */
    startPending: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type LifecycleViewT = Static<typeof LifecycleView>;
