import { Type, type Static } from '@sinclair/typebox';

/**
 * The `redistributeRep` workflow's contract: one run per redistribution job (id `redistribute-<jobId>`),
 * its progress query and what continue-as-new carries between batches. Pure (no Temporal import).
 */
export const REDISTRIBUTE_WORKFLOW_TYPE = 'redistributeRep';
export const redistributionWorkflowId = (jobId: string): string => `redistribute-${jobId}`;
export const REDISTRIBUTION_PROGRESS_QUERY = 'redistributionProgress';

export const RedistributionCountsSchema = Type.Object({
  assigned: Type.Integer({ minimum: 0 }),
  pooled: Type.Integer({ minimum: 0 }),
  unassigned: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
});
export type RedistributionCounts = Static<typeof RedistributionCountsSchema>;
export const zeroCounts = (): RedistributionCounts => ({ assigned: 0, pooled: 0, unassigned: 0, failed: 0 });

/** What the job asks for, read once: whose customers, why, and when (a leave may start later and end). */
export const RedistributionPlanSchema = Type.Object({
  jobId: Type.String(),
  repId: Type.String(),
  mode: Type.Union([Type.Literal('departed'), Type.Literal('onLeave')]),
  /** a leave that starts later: nothing moves before */
  startAt: Type.Optional(Type.Number()),
  /** the end of the leave: customers the flow gives back return to the rep then */
  returnAt: Type.Optional(Type.Number()),
});
export type RedistributionPlan = Static<typeof RedistributionPlanSchema>;

export const RedistributionSnapshotSchema = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  batches: Type.Integer({ minimum: 0 }),
  batchSize: Type.Integer({ minimum: 1 }),
});
export type RedistributionSnapshot = Static<typeof RedistributionSnapshotSchema>;

export const RedistributionPhaseSchema = Type.Union([
  Type.Literal('starting'), Type.Literal('waitingForLeave'), Type.Literal('moving'), Type.Literal('waitingForReturn'), Type.Literal('handingBack'), Type.Literal('done'),
]);

export const RedistributionCarrySchema = Type.Object({
  plan: RedistributionPlanSchema,
  snapshot: RedistributionSnapshotSchema,
  phase: RedistributionPhaseSchema,
  /** next batch to move (or to hand back, in that phase) */
  batch: Type.Integer({ minimum: 0 }),
  processed: Type.Integer({ minimum: 0 }),
  counts: RedistributionCountsSchema,
  handedBack: Type.Integer({ minimum: 0 }),
  runs: Type.Integer({ minimum: 1 }),
});
export type RedistributionCarry = Static<typeof RedistributionCarrySchema>;

export const RedistributionInputSchema = Type.Object({
  jobId: Type.String(),
  carry: Type.Optional(RedistributionCarrySchema),
  tuning: Type.Optional(
    Type.Object({
      /** batches per run before continue-as-new (default 4) */
      batchesPerRun: Type.Optional(Type.Integer({ minimum: 1 })),
      /** customers per batch (default 50) */
      batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      /** a batch activity that stops heartbeating this long is retried elsewhere (default 60 s) */
      heartbeatTimeoutMs: Type.Optional(Type.Integer({ minimum: 1000 })),
    }),
  ),
});
export type RedistributionInput = Static<typeof RedistributionInputSchema>;

export const RedistributionProgressSchema = Type.Object({
  jobId: Type.String(),
  repId: Type.Union([Type.String(), Type.Null()]),
  mode: Type.Union([Type.String(), Type.Null()]),
  phase: RedistributionPhaseSchema,
  total: Type.Integer({ minimum: 0 }),
  processed: Type.Integer({ minimum: 0 }),
  batch: Type.Integer({ minimum: 0 }),
  batches: Type.Integer({ minimum: 0 }),
  counts: RedistributionCountsSchema,
  handedBack: Type.Integer({ minimum: 0 }),
  run: Type.Integer({ minimum: 1 }),
});
export type RedistributionProgress = Static<typeof RedistributionProgressSchema>;
