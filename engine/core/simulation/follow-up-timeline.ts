import type { Customer } from '../model/customer.schema';
import type { FollowUpAction, FollowUpEvent } from '../nodes/node-definition';
import type { PreparedFlow } from '../interpreter/prepare-flow';
import { startFollowUp, stepFollowUp, type FollowUpState } from '../interpreter/step-follow-up';

/**
 * Plays a follow-up flow for one customer over simulated time, as the lifecycle workflow would: starts it, fires
 * each timer when due, delivers the given events in time order (updating the customer as the CRM would:
 * a logged follow-up sets lastFollowUpAt, a status or owner change sets status / ownerId), until `until` or the end.
 */
export interface TimelineEntry {
  at: number;
  /** what woke the flow: `started`, `timer` or the event kind */
  cause: string;
  actions: FollowUpAction[];
}

export interface FollowUpTimeline {
  entries: TimelineEntry[];
  state: FollowUpState;
  customer: Customer;
}

/** Events to deliver; `actionResult` answers are given explicitly like any other event. */
export interface TimelineOptions {
  start: number;
  until: number;
  events?: readonly FollowUpEvent[];
  /** stop after this many wake-ups (guards a flow that would spin on zero-length waits) */
  maxWakeUps?: number;
}

function applyToCustomer(c: Customer, e: FollowUpEvent): Customer {
  switch (e.kind) {
    case 'followUpLogged':
      return { ...c, lastFollowUpAt: e.at };
    case 'statusChanged':
      return { ...c, status: e.status };
    case 'ownerChanged':
      return e.ownerId === null ? { ...c, ownerId: undefined, status: 'inPool' } : { ...c, ownerId: e.ownerId, assignedAt: e.at };
    default:
      return c;
  }
}

export function playFollowUp(prepared: PreparedFlow, customer: Customer, opts: TimelineOptions): FollowUpTimeline {
  const pending = [...(opts.events ?? [])].sort((a, b) => a.at - b.at);
  const maxWakeUps = opts.maxWakeUps ?? 10_000;
  let c = customer;
  const first = startFollowUp(prepared, c, opts.start);
  const entries: TimelineEntry[] = [{ at: opts.start, cause: 'started', actions: first.actions }];
  let state = first.state;
  while (!state.ended && entries.length < maxWakeUps) {
    const next = pending[0];
    const due = state.dueAt;
    if (next && next.at <= opts.until && (due === undefined || next.at <= due)) {
      pending.shift();
      c = applyToCustomer(c, next);
      const r = stepFollowUp(prepared, state, next, c);
      entries.push({ at: next.at, cause: next.kind, actions: r.actions });
      state = r.state;
    } else if (due !== undefined && state.timerId !== undefined && due <= opts.until) {
      const r = stepFollowUp(prepared, state, { kind: 'timerFired', at: due, timerId: state.timerId }, c);
      entries.push({ at: due, cause: 'timer', actions: r.actions });
      state = r.state;
    } else break;
  }
  return { entries, state, customer: c };
}
