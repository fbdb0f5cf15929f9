import { Type, type Static } from '@sinclair/typebox';
import { FollowUpHistoryEntrySchema, FollowUpStateSchema } from '../../engine/core/interpreter/follow-up-state.schema';

/**
 * The customer lifecycle's contract with the outside (dispatcher, API, tests): workflow type, id,
 * signal and query names and payloads. Pure: no Temporal import, so engine code may import it too.
 */
export const LIFECYCLE_WORKFLOW_TYPE = 'customerLifecycle';
export const lifecycleWorkflowId = (customerId: string): string => `customer-${customerId}`;

export const LIFECYCLE_SIGNALS = {
  followUpLogged: 'followUpLogged',
  ownerChanged: 'ownerChanged',
  statusChanged: 'statusChanged',
  repOnLeave: 'repOnLeave',
} as const;

export const LIFECYCLE_QUERIES = {
  status: 'lifecycleStatus',
  currentNode: 'currentNode',
  dueTimes: 'dueTimes',
  recentSteps: 'recentSteps',
} as const;

/** `signalId`: the outbox row that produced the signal (a redelivered row is recognised and ignored). */
const SignalBase = { at: Type.Number(), signalId: Type.Optional(Type.String({ maxLength: 100 })) };

export const FollowUpLoggedSignalSchema = Type.Object({ ...SignalBase, followUpId: Type.Optional(Type.String({ maxLength: 100 })) });
/** A hint that the owner may have changed; the workflow re-reads the customer unless (ownerId, at) is the ownership it has. */
export const OwnerChangedSignalSchema = Type.Object({ ...SignalBase, ownerId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])) });
/** A hint that the status may have changed (won / lost / back in a pool end the lifecycle). */
export const StatusChangedSignalSchema = Type.Object({ ...SignalBase, status: Type.Optional(Type.String({ maxLength: 20 })) });
/** The owner is away until `until` (epoch ms): SLA and recycling clocks wait for the return. */
export const RepOnLeaveSignalSchema = Type.Object({ ...SignalBase, repId: Type.String({ maxLength: 100 }), until: Type.Number() });

export type FollowUpLoggedSignal = Static<typeof FollowUpLoggedSignalSchema>;
export type OwnerChangedSignal = Static<typeof OwnerChangedSignalSchema>;
export type StatusChangedSignal = Static<typeof StatusChangedSignalSchema>;
export type RepOnLeaveSignal = Static<typeof RepOnLeaveSignalSchema>;

export const InboxEventSchema = Type.Union([
  Type.Object({ kind: Type.Literal('followUpLogged'), signal: FollowUpLoggedSignalSchema }),
  Type.Object({ kind: Type.Literal('ownerChanged'), signal: OwnerChangedSignalSchema }),
  Type.Object({ kind: Type.Literal('statusChanged'), signal: StatusChangedSignalSchema }),
  Type.Object({ kind: Type.Literal('repOnLeave'), signal: RepOnLeaveSignalSchema }),
]);
export type InboxEvent = Static<typeof InboxEventSchema>;

/** Who owns the customer, since when (assignedAt): one ownership = one follow-up cadence. */
export const OwnershipSchema = Type.Object({ ownerId: Type.String(), since: Type.Number() });
export type Ownership = Static<typeof OwnershipSchema>;

/** A warning of a pool-rule recycle that was sent, and the rule deadline it announced. */
export const RecycleNoticeSchema = Type.Object({ warnedAt: Type.Number(), deadline: Type.Number() });
export type RecycleNotice = Static<typeof RecycleNoticeSchema>;

export const LifecycleActionRecordSchema = Type.Object({
  at: Type.Number(),
  kind: Type.String(),
  nodeId: Type.Optional(Type.String()),
  /** what came of it (`sent`, `reclaimed`, `assigned`, `none`, `protected`, `skipped` …) */
  outcome: Type.String(),
});
export type LifecycleActionRecord = Static<typeof LifecycleActionRecordSchema>;

/** A flow reclaim postponed by the protection period (no recycling before `until`). */
export const DeferredReclaimSchema = Type.Object({
  until: Type.Number(),
  nodeId: Type.String(),
  poolId: Type.String(),
  reason: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  cooldownDays: Type.Optional(Type.Number()),
});
export type DeferredReclaim = Static<typeof DeferredReclaimSchema>;

/** What one run hands to the next on continue-as-new. */
export const LifecycleCarrySchema = Type.Object({
  flowVersionId: Type.Union([Type.String(), Type.Null()]),
  followUp: Type.Union([FollowUpStateSchema, Type.Null()]),
  ownership: Type.Union([OwnershipSchema, Type.Null()]),
  notice: Type.Optional(RecycleNoticeSchema),
  deferredReclaim: Type.Optional(DeferredReclaimSchema),
  pausedUntil: Type.Optional(Type.Number()),
  seenSignalIds: Type.Array(Type.String()),
  recentActions: Type.Array(LifecycleActionRecordSchema),
  inbox: Type.Array(InboxEventSchema),
  runs: Type.Integer({ minimum: 1 }),
});
export type LifecycleCarry = Static<typeof LifecycleCarrySchema>;

export const LifecycleTuningSchema = Type.Object({
  /** continue-as-new once the history has this many events (default 200) */
  historyLimit: Type.Optional(Type.Integer({ minimum: 20 })),
  /** start-to-close timeout of each activity (default 30 s) */
  activityTimeoutMs: Type.Optional(Type.Integer({ minimum: 1000 })),
});
export type LifecycleTuning = Static<typeof LifecycleTuningSchema>;

export const LifecycleInputSchema = Type.Object({
  customerId: Type.String(),
  carry: Type.Optional(LifecycleCarrySchema),
  tuning: Type.Optional(LifecycleTuningSchema),
});
export type LifecycleInput = Static<typeof LifecycleInputSchema>;

export const DueTimeSchema = Type.Object({
  kind: Type.Union([Type.Literal('followUp'), Type.Literal('recycleWarning'), Type.Literal('recycle'), Type.Literal('deferredReclaim')]),
  at: Type.Number(),
  nodeId: Type.Optional(Type.String()),
  /** when the owner is on leave, the clock waits: the moment it acts */
  actsAt: Type.Number(),
});
export type DueTime = Static<typeof DueTimeSchema>;

export const CurrentNodeSchema = Type.Object({ id: Type.String(), type: Type.String(), waiting: Type.Boolean() });

/** What the `lifecycleStatus` query answers (the customer view shows it). */
export const LifecycleStatusSchema = Type.Object({
  customerId: Type.String(),
  flow: Type.Union([Type.Object({ id: Type.String(), version: Type.Number(), versionId: Type.String() }), Type.Null()]),
  ownership: Type.Union([OwnershipSchema, Type.Null()]),
  currentNode: Type.Union([CurrentNodeSchema, Type.Null()]),
  followUpEnded: Type.Boolean(),
  endReason: Type.Union([Type.String(), Type.Null()]),
  dueTimes: Type.Array(DueTimeSchema),
  pausedUntil: Type.Union([Type.Number(), Type.Null()]),
  recentSteps: Type.Array(FollowUpHistoryEntrySchema),
  recentActions: Type.Array(LifecycleActionRecordSchema),
  /** continue-as-new generation (1 for the first run) */
  run: Type.Integer({ minimum: 1 }),
  finished: Type.Boolean(),
});
export type LifecycleStatus = Static<typeof LifecycleStatusSchema>;

export const LifecycleOutcomeSchema = Type.Object({
  customerId: Type.String(),
  /** `reclaimed`, `released`, `closed:won`, `closed:lost`, `notAssigned` … */
  reason: Type.String(),
  at: Type.Number(),
});
export type LifecycleOutcome = Static<typeof LifecycleOutcomeSchema>;
