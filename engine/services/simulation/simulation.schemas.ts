import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../../core/common/localized';

/** Shapes of the simulation routes and of the report they return, declared once. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const DateTime = Type.String({ format: 'date-time' });

/** Above this many customers a simulation runs as a background job (202 + job id). */
export const SYNC_SIMULATION_LIMIT = 2_000;
export const MAX_SIMULATION_CUSTOMERS = 100_000;
export const MAX_PATHS = 1_000;

const options = {
  compareWithActive: Type.Boolean({ default: true, description: 'also run the active version of the same trigger, side by side' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SIMULATION_CUSTOMERS, description: 'simulate at most this many customers (the oldest first)' })),
  paths: Type.Integer({ minimum: 0, maximum: MAX_PATHS, default: 200, description: 'keep the path through the flow of the first N customers' }),
  arrival: Type.Union([Type.Literal('now'), Type.Literal('createdAt')], {
    default: 'now',
    description: 'now: every customer arrives now (one day, today’s loads); createdAt: in creation order, days rolling over (daily caps reset)',
  }),
};

export const SimulateBody = Type.Object(
  {
    source: Type.Union([Type.Literal('current'), Type.Literal('sample')], { description: 'current: a read-only copy of the stored customers, as new intakes; sample: the customers in `sample`' }),
    sample: Type.Optional(Type.Array(Type.Unknown(), { maxItems: MAX_SIMULATION_CUSTOMERS, description: 'customer records (field names or their Chinese labels; other keys become attributes)' })),
    ...options,
  },
  { additionalProperties: false },
);
export type SimulateBodyT = Static<typeof SimulateBody>;

export const SimulateUploadQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')], { description: 'overrides the Content-Type' })), ...options },
  { additionalProperties: false },
);
export type SimulateUploadQueryT = Static<typeof SimulateUploadQuery>;

const Fairness = Type.Object({ reps: Count, min: Type.Number(), max: Type.Number(), spread: Type.Number(), gini: Type.Number(), mean: Type.Number() });
const Outcomes = Type.Object({ assigned: Count, pool: Count, duplicate: Count, unassigned: Count });

const PathStep = Type.Object({ nodeId: Type.String(), type: Type.String(), output: Type.String(), summary: LocalizedTextSchema });

export const CustomerPath = Type.Object({
  customerId: Type.String(),
  name: Type.String(),
  outcome: Type.String(),
  ownerId: Nullable(Type.String()),
  teamId: Nullable(Type.String()),
  poolId: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  unassignedCode: Nullable(Type.String()),
  /** the decision and its reason */
  why: LocalizedTextSchema,
  /** each node visited, with the output it took and what it found */
  steps: Type.Array(PathStep),
});

export const SimulationSide = Type.Object({
  /** draft or active */
  side: Type.String(),
  flowId: Type.String(),
  /** the version simulated (null: the draft) */
  versionId: Nullable(Type.String()),
  version: Nullable(Type.Integer()),
  customers: Count,
  days: Count,
  outcomes: Outcomes,
  reps: Type.Array(
    Type.Object({
      repId: Type.String(),
      name: Type.String(),
      teamId: Type.String(),
      status: Type.String(),
      isNewHire: Type.Boolean(),
      isTopRep: Type.Boolean(),
      weight: Type.Number(),
      count: Count,
      byGrade: Type.Array(Type.Object({ grade: Type.String(), count: Count })),
      /** count / all assignments */
      share: Type.Number(),
      /** weight / Σ weights of the active reps */
      weightTarget: Type.Number(),
      /** count − weightTarget · all assignments */
      weightDeviation: Type.Number(),
      openCount: Count,
      capacity: Type.Number(),
      dailyCap: Type.Number(),
      maxInOneDay: Count,
    }),
  ),
  grades: Type.Array(Type.Object({ grade: Type.String(), assigned: Count, pool: Count, duplicate: Count, unassigned: Count })),
  teams: Type.Array(Type.Object({ teamId: Type.String(), name: Type.String(), count: Count })),
  pools: Type.Array(Type.Object({ poolId: Type.String(), name: Type.String(), count: Count })),
  /** over the active reps */
  fairness: Fairness,
  /** over the reps that got at least one */
  fairnessAssigned: Fairness,
  nodes: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      assigned: Count,
      perRep: Type.Array(Type.Object({ repId: Type.String(), count: Count })),
      spread: Type.Number(),
      gini: Type.Number(),
      newHireShare: Type.Number(),
      topRepShare: Type.Number(),
      newHireMinShare: Nullable(Type.Number()),
      topRepMaxShare: Nullable(Type.Number()),
      quotasMet: Type.Boolean(),
    }),
  ),
  unassigned: Type.Object({
    total: Count,
    groups: Type.Array(
      Type.Object({ code: Type.String(), nodeId: Nullable(Type.String()), message: Type.String(), text: LocalizedTextSchema, count: Count, customerIds: Type.Array(Type.String()) }),
    ),
  }),
  /** capacity, daily-cap and inactive-rep breaches found by an independent check: must be 0 */
  violations: Type.Object({
    total: Count,
    capacity: Count,
    dailyCap: Count,
    inactiveRep: Count,
    staleState: Count,
    items: Type.Array(Type.Object({ kind: Type.String(), customerId: Type.String(), repId: Type.String(), at: DateTime, message: Type.String(), text: LocalizedTextSchema })),
  }),
  /** the first `paths` customers, with their path through the flow */
  paths: Type.Array(CustomerPath),
  pathsTruncated: Type.Boolean(),
});
export type SimulationSideT = Static<typeof SimulationSide>;

const Placement = Type.Object({ outcome: Type.String(), ownerId: Nullable(Type.String()), poolId: Nullable(Type.String()) });

export const SimulationReportView = Type.Object({
  flowId: Type.String(),
  source: Type.String(),
  customers: Count,
  generatedAt: DateTime,
  elapsedMs: Count,
  draft: SimulationSide,
  /** the active version of the same trigger on the same customers (null: not asked, or none active) */
  active: Nullable(SimulationSide),
  /** why there is no active side */
  activeNote: Nullable(LocalizedTextSchema),
  /** customers the two versions place differently (the first 200) */
  differences: Type.Object({ total: Count, items: Type.Array(Type.Object({ customerId: Type.String(), name: Type.String(), draft: Placement, active: Placement })) }),
});
export type SimulationReportViewT = Static<typeof SimulationReportView>;

export const SimulationAccepted = Type.Object({
  jobId: Type.String(),
  status: Type.String(),
  total: Count,
  /** progress and, when done, the report */
  statusUrl: Type.String(),
});

export const SimulationJobView = Type.Object({
  id: Type.String(),
  status: Type.String(),
  total: Count,
  processed: Count,
  /** 0…1 */
  progress: Type.Number(),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
  report: Nullable(SimulationReportView),
});
export type SimulationJobViewT = Static<typeof SimulationJobView>;
