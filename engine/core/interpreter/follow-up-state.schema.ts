import { Type, type Static } from '@sinclair/typebox';

/**
 * The follow-up stepper's state: small and JSON-serialisable, kept by the Temporal lifecycle workflow
 * between events (and carried over on continue-as-new).
 */
export const FollowUpHistoryEntrySchema = Type.Object({
  at: Type.Number(),
  nodeId: Type.String(),
  type: Type.String(),
  /** the event kind that woke the node, or `entered` */
  event: Type.String(),
  /** `continue` → the output taken; `wait`; `end` */
  result: Type.String(),
});
export type FollowUpHistoryEntry = Static<typeof FollowUpHistoryEntrySchema>;

export const FollowUpStateSchema = Type.Object({
  flowId: Type.String(),
  flowVersion: Type.Number(),
  /** the node the flow is waiting on (or ended at) */
  nodeId: Type.String(),
  /** what that waiting node keeps (e.g. its deadline) */
  nodeState: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** the timer the waiting node asked for; a `timerFired` with another id is stale and ignored */
  timerId: Type.Optional(Type.String()),
  /** when that timer is due (epoch ms) */
  dueAt: Type.Optional(Type.Number()),
  ended: Type.Boolean(),
  endReason: Type.Optional(Type.String()),
  /** the last steps, newest last (bounded) */
  history: Type.Array(FollowUpHistoryEntrySchema),
  /** node steps taken since the start (monotonic) */
  steps: Type.Integer({ minimum: 0 }),
});
export type FollowUpState = Static<typeof FollowUpStateSchema>;

/** how many history entries the state keeps */
export const FOLLOW_UP_HISTORY_LIMIT = 30;
