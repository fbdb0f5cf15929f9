import { text } from '../common/localized';
import { CoreError } from '../common/core-error';
import type { Customer } from '../model/customer.schema';
import type { FollowUpAction, FollowUpEvent, FollowUpStepResult } from '../nodes/node-definition';
import { FOLLOW_UP_HISTORY_LIMIT, type FollowUpHistoryEntry, type FollowUpState } from './follow-up-state.schema';
import type { PreparedFlow, PreparedNode } from './prepare-flow';

export type { FollowUpState } from './follow-up-state.schema';

/**
 * The follow-up stepper. Deterministic: (flow, state, event, customer) → (state, actions); no clock, no I/O.
 * It runs nodes from where the flow stands until one waits or the flow ends, and returns the actions the
 * workflow must carry out (wait until, remind, escalate, reassign, reclaim, notify, end).
 *
 * Events handled by the stepper itself, before the waiting node sees them:
 * - `statusChanged` to won / lost / inPool → the flow ends (reason `status:<status>`);
 * - `ownerChanged` to nobody → ends (`ownerRemoved`); to a rep → the cadence **restarts from the trigger** at
 *   the event time: the new owner gets the whole ladder again (first-contact SLA included), and any node before
 *   the first waiting one (e.g. a notify) runs again. An owner change the flow made itself (a `reassign` node)
 *   comes back as an `actionResult`, not as `ownerChanged`, and continues along the node's output;
 * - `timerFired` whose timerId is not the current timer, and `actionResult` for another node, are stale: ignored;
 * - anything after the flow ended is ignored.
 */
export interface FollowUpStep {
  state: FollowUpState;
  actions: FollowUpAction[];
}

type WakeEvent = FollowUpEvent | { kind: 'entered'; at: number };

const ENDING_STATUSES: ReadonlySet<string> = new Set(['won', 'lost', 'inPool']);

function pushHistory(history: FollowUpHistoryEntry[], entry: FollowUpHistoryEntry): void {
  history.push(entry);
  if (history.length > FOLLOW_UP_HISTORY_LIMIT) history.splice(0, history.length - FOLLOW_UP_HISTORY_LIMIT);
}

function ended(state: FollowUpState, nodeId: string, fallbackReason: string, actions: FollowUpAction[]): FollowUpStep {
  let reason = fallbackReason;
  const given = actions.find((a): a is Extract<FollowUpAction, { kind: 'end' }> => a.kind === 'end');
  if (given) reason = given.reason;
  else actions.push({ kind: 'end', nodeId, reason });
  const next: FollowUpState = { ...state, nodeId, ended: true, endReason: reason, history: state.history };
  delete next.nodeState;
  delete next.timerId;
  delete next.dueAt;
  return { state: next, actions };
}

/** Runs from `node`, woken by `event`, until a node waits or the flow ends. */
function run(prepared: PreparedFlow, base: FollowUpState, start: PreparedNode, event: WakeEvent, nodeState: Record<string, unknown> | undefined, customer: Customer): FollowUpStep {
  const actions: FollowUpAction[] = [];
  const history = base.history.slice();
  let state: FollowUpState = { ...base, history };
  let node = start;
  let wake = event;
  let kept = nodeState;
  const at = event.at;
  for (let taken = 0; ; taken++) {
    if (taken >= prepared.maxSteps) return ended(state, node.id, 'loopGuard', actions);
    const step = node.def.step;
    if (!step && node.isEnd) {
      pushHistory(history, { at, nodeId: node.id, type: node.type, event: wake.kind, result: 'end' });
      return ended(state, node.id, 'flowEnded', actions);
    }
    if (!step) {
      throw new CoreError('NODE_NOT_FOLLOW_UP', text(`节点类型 ${node.type} 不能用于跟进流程。`, `Node type ${node.type} cannot run in a follow-up flow.`));
    }
    const r: FollowUpStepResult = step(node.params as never, { now: at, customer, nodeId: node.id, event: wake, nodeState: kept, prepared: node.prepared });
    state.steps += 1;
    for (const a of r.actions) actions.push(a);
    pushHistory(history, { at, nodeId: node.id, type: node.type, event: wake.kind, result: r.type === 'continue' ? r.output : r.type });
    if (r.type === 'end') return ended(state, node.id, 'flowEnded', actions);
    if (r.type === 'wait') {
      let timer: Extract<FollowUpAction, { kind: 'waitUntil' }> | undefined;
      for (const a of r.actions) if (a.kind === 'waitUntil') timer = a;
      state = { ...state, nodeId: node.id, nodeState: r.nodeState, ended: false };
      if (timer) {
        state.timerId = timer.timerId;
        state.dueAt = timer.at;
      } else if (node.id === base.nodeId && wake.kind !== 'entered' && wake.kind !== 'timerFired') {
        // still on the same node, woken by something else (e.g. a follow-up logged during a plain wait):
        // its earlier timer is still pending, keep it
      } else {
        delete state.timerId;
        delete state.dueAt;
      }
      return { state, actions };
    }
    const target = node.next[r.output];
    if (!target) return ended(state, node.id, `unconnected:${r.output}`, actions);
    node = target;
    wake = { kind: 'entered', at };
    kept = undefined;
  }
}

function initial(prepared: PreparedFlow): FollowUpState {
  return { flowId: prepared.id, flowVersion: prepared.version, nodeId: prepared.trigger.id, ended: false, history: [], steps: 0 };
}

function assertFollowUp(prepared: PreparedFlow): void {
  if (prepared.kind !== 'followUp') {
    throw new CoreError('FLOW_WRONG_KIND', text('只能对跟进流程执行跟进步骤。', 'Only a follow-up flow can be stepped.'));
  }
}

/** Starts a follow-up flow for a customer that has just been assigned. */
export function startFollowUp(prepared: PreparedFlow, customer: Customer, now: number): FollowUpStep {
  assertFollowUp(prepared);
  return run(prepared, initial(prepared), prepared.trigger, { kind: 'entered', at: now }, undefined, customer);
}

/** Delivers one event to a running follow-up flow. */
export function stepFollowUp(prepared: PreparedFlow, state: FollowUpState, event: FollowUpEvent, customer: Customer): FollowUpStep {
  assertFollowUp(prepared);
  if (state.ended) return { state, actions: [] };
  if (event.kind === 'started') return { state, actions: [] };
  if (event.kind === 'statusChanged' && ENDING_STATUSES.has(event.status)) {
    return ended({ ...state, history: state.history.slice() }, state.nodeId, `status:${event.status}`, []);
  }
  if (event.kind === 'ownerChanged') {
    if (event.ownerId === null) return ended({ ...state, history: state.history.slice() }, state.nodeId, 'ownerRemoved', []);
    const restart: FollowUpState = { ...state, ended: false };
    delete restart.nodeState;
    delete restart.timerId;
    delete restart.dueAt;
    return run(prepared, restart, prepared.trigger, { kind: 'entered', at: event.at }, undefined, customer);
  }
  if (event.kind === 'timerFired' && event.timerId !== state.timerId) return { state, actions: [] };
  if (event.kind === 'actionResult' && event.nodeId !== state.nodeId) return { state, actions: [] };
  const node = prepared.nodes.get(state.nodeId);
  if (!node) {
    throw new CoreError('FOLLOW_UP_STATE_UNKNOWN_NODE', text(`跟进状态指向流程中不存在的节点 ${state.nodeId}。`, `The follow-up state points at node ${state.nodeId}, which this flow version does not have.`));
  }
  return run(prepared, state, node, event, state.nodeState, customer);
}
