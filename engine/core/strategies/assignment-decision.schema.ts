import { Type, type Static } from '@sinclair/typebox';
import { LocalizedTextSchema } from '../common/localized';
import { StrategyNameSchema } from './assign-params.schema';

/**
 * What an assignment decision returns: the pick, why, a trace of every candidate (kept in the assignment event)
 * and the node-state change the service applies atomically.
 */

/** Why a rep could not be picked (constraints) or was left out of the pick (quotas). Stable codes. */
export const ReasonCodeSchema = Type.Union([
  Type.Literal('departed'),
  Type.Literal('onLeave'),
  Type.Literal('outsideWorkingHours'),
  Type.Literal('invalidWorkingHours'),
  Type.Literal('atCapacity'),
  Type.Literal('atDailyCap'),
  Type.Literal('previousOwnerCooldown'),
  Type.Literal('excluded'),
  Type.Literal('quotaNewHireReserved'),
  Type.Literal('quotaTopRepMax'),
]);
export type ReasonCode = Static<typeof ReasonCodeSchema>;

export const ReasonSchema = Type.Object({ code: ReasonCodeSchema, text: LocalizedTextSchema });
export type Reason = Static<typeof ReasonSchema>;

/** Skill-match points per criterion (each is the points earned, 0 when not matched). */
export const SkillBreakdownSchema = Type.Object({
  industry: Type.Number(),
  region: Type.Number(),
  language: Type.Number(),
  productLine: Type.Number(),
  level: Type.Number(),
  winRate: Type.Number(),
});
export type SkillBreakdown = Static<typeof SkillBreakdownSchema>;

export const CandidateTraceSchema = Type.Object({
  repId: Type.String(),
  name: Type.String(),
  /** passed every constraint */
  eligible: Type.Boolean(),
  /** constraint failures (ineligible) and quota exclusions (eligible but left out of this pick) */
  reasons: Type.Array(ReasonSchema),
  picked: Type.Boolean(),
  /** skill-match fit score */
  score: Type.Optional(Type.Number()),
  breakdown: Type.Optional(SkillBreakdownSchema),
  /** openCount / capacity at decision time; null when the rep has no capacity */
  loadRatio: Type.Union([Type.Number(), Type.Null()]),
  /** the node's sequence number of the rep's last assignment (absent = never) */
  lastSeq: Type.Optional(Type.Integer()),
});
export type CandidateTrace = Static<typeof CandidateTraceSchema>;

export const QuotaNoteSchema = Type.Object({
  quota: Type.Union([Type.Literal('newHireMinShare'), Type.Literal('topRepMaxShare')]),
  /** the quota restricted the set the strategy chose from */
  applied: Type.Boolean(),
  /** the pick differs from what the strategy would have chosen without quotas */
  changedPick: Type.Boolean(),
  /** what the strategy would have picked without quotas (when applied) */
  withoutQuotaRepId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  text: LocalizedTextSchema,
});
export type QuotaNote = Static<typeof QuotaNoteSchema>;

/**
 * The node-state update the service applies atomically: a compare-and-set on `seq` (`expectedSeq` as read →
 * `newSeq`), `lastSeq[repId] = lastSeq`, `currentWeight` replaced (weighted round robin only) and
 * `assigned[repId] += incAssigned`. When the compare fails another process decided first: re-read and decide again.
 */
export const AllocationChangeSchema = Type.Object({
  nodeKey: Type.String(),
  repId: Type.String(),
  expectedSeq: Type.Integer({ minimum: 0 }),
  newSeq: Type.Integer({ minimum: 1 }),
  lastSeq: Type.Integer({ minimum: 1 }),
  currentWeight: Type.Optional(Type.Record(Type.String(), Type.Number())),
  incAssigned: Type.Literal(1),
});
export type AllocationChange = Static<typeof AllocationChangeSchema>;

export const AssignmentDecisionSchema = Type.Object({
  repId: Type.Union([Type.String(), Type.Null()]),
  strategy: StrategyNameSchema,
  why: LocalizedTextSchema,
  trace: Type.Array(CandidateTraceSchema),
  quotas: Type.Array(QuotaNoteSchema),
  change: Type.Union([AllocationChangeSchema, Type.Null()]),
});
export type AssignmentDecision = Static<typeof AssignmentDecisionSchema>;
