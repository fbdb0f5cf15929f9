import type { FollowUpStepContext, FollowUpStepResult } from '../node-definition';

/** What a waiting node keeps while it waits. */
export interface TimerState extends Record<string, unknown> {
  timerId: string;
  deadline: number;
  enteredAt: number;
}

export function readTimerState(s: Record<string, unknown> | undefined): TimerState | undefined {
  if (!s || typeof s.timerId !== 'string' || typeof s.deadline !== 'number' || typeof s.enteredAt !== 'number') return undefined;
  return s as TimerState;
}

/** Enters a waiting node: one timer, unique per entry (`${nodeId}@${at}`). */
export function startTimer(ctx: FollowUpStepContext, deadline: number): FollowUpStepResult {
  const at = ctx.event.at;
  const timerId = `${ctx.nodeId}@${at}`;
  const nodeState: TimerState = { timerId, deadline, enteredAt: at };
  return { type: 'wait', actions: [{ kind: 'waitUntil', at: deadline, timerId, nodeId: ctx.nodeId }], nodeState };
}

/** True when the event is this node's own timer firing. */
export function ownTimerFired(ctx: FollowUpStepContext, state: TimerState): boolean {
  return ctx.event.kind === 'timerFired' && ctx.event.timerId === state.timerId;
}

export const keepWaiting = (state: TimerState): FollowUpStepResult => ({ type: 'wait', actions: [], nodeState: state });
