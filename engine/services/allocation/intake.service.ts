import type { AllocationResult } from '../../core/interpreter/allocation-result';
import { text, type LocalizedText } from '../../core/common/localized';
import type { Customer } from '../../core/model/customer.schema';
import type { ExistingCustomerRef } from '../../core/nodes/node-definition';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { CustomerIntake } from '../customers/customer-input.schema';
import { activeFlowFor, type ActiveFlow } from './active-flow.cache';
import type { LoadedEnv } from './allocation-env.loader';
import { reserveIntakeKeys } from './intake-keys';
import { newEngineCustomer, toCustomerDocument } from './customer-record';
import { commitNodeState, revertNodeState } from './node-state.store';
import { releaseRepSlot, takeRepSlot } from './rep-counters.store';
import { actorOf, recordAssignmentEvent, type AssignmentEventInput } from './assignment-event.writer';
import type { Held } from './flow-decision-lock';
import { intakeDecider } from './intake-decider';
import { faultPoint } from './fault-point';
import { insertGroupedOrThrow } from '../../data/group-insert';

export type IntakeTrigger = 'customerCreated' | 'customerImported';

export interface IntakeOutcome {
  customerId: string;
  outcome: AllocationResult['outcome'] | 'noActiveFlow';
  ownerId: string | null;
  teamId: string | null;
  poolId: string | null;
  duplicateOf: string | null;
  score: number | null;
  grade: string | null;
  why: LocalizedText;
}

const MAX_ATTEMPTS = 12;
export { flowDecisionLock, type Held } from './flow-decision-lock';

/**
 * Takes what a decision needs, in DESIGN.md's order: the assign nodes' round-robin turns
 * (compare-and-set), then one slot on the owner (guarded $inc). Either failing undoes what was taken
 * and returns null: the caller re-reads the state and decides again.
 */
export async function hold(app: AppContext, { env, timezones, todayDates }: LoadedEnv, result: AllocationResult, now: number): Promise<Held | null> {
  const applied: { change: AllocationResult['allocationChanges'][number]; prev: number | undefined }[] = [];
  const undoStates = async () => {
    for (const a of applied.reverse()) await revertNodeState(app, a.change, a.prev);
  };
  for (const change of result.allocationChanges) {
    const prev = env.nodeStates[change.nodeKey]?.lastSeq[change.repId];
    if (!(await commitNodeState(app, change))) {
      await undoStates();
      return null;
    }
    applied.push({ change, prev });
  }
  if (result.outcome !== 'assigned' || !result.ownerId) return { undo: undoStates };
  const owner = env.reps.find((r) => r.rep.id === result.ownerId)?.rep;
  if (!owner) {
    await undoStates();
    return null;
  }
  const limits = { repId: owner.id, timezone: timezones.get(owner.id) ?? 'Asia/Shanghai', capacity: owner.capacity, dailyCap: owner.dailyCap, storedDay: todayDates?.get(owner.id) };
  if (!(await takeRepSlot(app, limits, now))) {
    await undoStates();
    return null;
  }
  return {
    undo: async () => {
      await releaseRepSlot(app, limits, now, { today: true });
      await undoStates();
    },
  };
}

/** A published flow naming a pool that was deleted since: keep the customer, unassigned, and say so. */
export function guardMissingPool(result: AllocationResult, pools: { id: string }[]): AllocationResult {
  if (result.outcome !== 'pool' || pools.some((p) => p.id === result.poolId)) return result;
  const why = text(`流程指定的公海 ${result.poolId} 不存在，客户保存为待分配`, `The flow names pool ${result.poolId}, which does not exist; the customer is saved as unassigned`);
  const { poolId: _p, ...customer } = result.customer;
  return { ...result, outcome: 'unassigned', poolId: undefined, why, customer: { ...customer, status: 'new' }, unassigned: { code: 'NODE_ERROR', text: why } };
}

export function outcomeOf(c: Customer, result: AllocationResult | null, flow: ActiveFlow | null): IntakeOutcome {
  return {
    customerId: c.id,
    outcome: result?.outcome ?? 'noActiveFlow',
    ownerId: c.ownerId ?? null,
    teamId: c.teamId ?? null,
    poolId: c.poolId ?? null,
    duplicateOf: result?.duplicateOf ?? null,
    score: c.score ?? null,
    grade: c.grade ?? null,
    why:
      result?.why ??
      text(
        `没有启用的分配流程（触发器 ${flow?.trigger ?? 'customerCreated'}），客户已保存为待分配`,
        `No active allocation flow (trigger ${flow?.trigger ?? 'customerCreated'}); the customer is saved as unassigned`,
      ),
  };
}

/** The allocation flow an intake runs: the one active for its trigger; an import falls back to customerCreated's. */
export async function intakeFlowFor(app: AppContext, trigger: IntakeTrigger, opts: { cachedPointer?: boolean } = {}): Promise<ActiveFlow | null> {
  return (await activeFlowFor(app, trigger, opts)) ?? (trigger === 'customerImported' ? await activeFlowFor(app, 'customerCreated', opts) : null);
}

/**
 * Intake: run the active allocation flow for a new customer and commit the decision exactly once.
 * The customer document is written once, with its final owner/pool, after the rep's slot is held;
 * so there is never a half-assigned customer. A duplicate is not stored again: it keeps its owner.
 */
export async function intakeCustomer(
  app: AppContext,
  principal: Principal,
  input: CustomerIntake,
  opts: {
    trigger?: IntakeTrigger;
    requestId?: string;
    /** the flow to run, resolved once by a batch (an import keeps the version active when it started); default: the active one */
    flow?: ActiveFlow | null;
    /** the new customer's id (an import row's is derived from its job and row, so a resumed import recognises it); default: a new one */
    customerId?: string;
    /** a last write of the caller's that depends only on the outcome (the request's audit entry): run beside the assignment event's */
    alongside?: (outcome: IntakeOutcome) => Promise<void>;
  } = {},
): Promise<IntakeOutcome> {
  const trigger = opts.trigger ?? 'customerCreated';
  const base = newEngineCustomer(input, app.now(), opts.customerId);
  // the customer's dedupe keys are reserved (and so its possible duplicates found) before, not under, the flow's
  // lock; a twin arriving at the same moment is decided in the same group, where the dedupe node sees it
  const [flow, keys] = await Promise.all([opts.flow !== undefined ? opts.flow : intakeFlowFor(app, trigger, { cachedPointer: true }), reserveIntakeKeys(app, base)]);
  let stored = false;
  try {
    const outcome = await decideAndStore(app, principal, { base, flow, existing: keys.existing, trigger, requestId: opts.requestId, alongside: opts.alongside }, () => {
      stored = true;
    });
    // the customer is committed (its decision's record with it): the keys a twin in flight held may be free now
    if (stored) await keys.settle();
    return outcome;
  } finally {
    if (!stored) await keys.release(); // a duplicate, or a failure: the keys go back
  }
}

/** The decide → hold → store loop of one intake; `onStored` is called once the customer document is written. */
async function decideAndStore(
  app: AppContext,
  principal: Principal,
  ctx: { base: Customer; flow: ActiveFlow | null; existing: ExistingCustomerRef[]; trigger: IntakeTrigger; requestId?: string; alongside?: (o: IntakeOutcome) => Promise<void> },
  onStored: () => void,
): Promise<IntakeOutcome> {
  const { base, flow, existing, trigger, requestId } = ctx;
  // the decision's record and the caller's last write (its audit entry) go together: one round trip, not two
  const finish = async (outcome: IntakeOutcome, event: AssignmentEventInput) => {
    await Promise.all([recordAssignmentEvent(app, event), ctx.alongside?.(outcome)]);
    return outcome;
  };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = app.now();
    let customer: Customer = { ...base, createdAt: now };
    let result: AllocationResult | null = null;
    let held: Held | null = { undo: async () => undefined };
    if (flow) {
      // decided with whatever else is waiting on this flow, under its lock; other processes are kept honest by the CAS
      const decided = await intakeDecider(app, flow).decide(customer, existing);
      result = decided.result;
      if (result.outcome === 'duplicate' && result.duplicateOf) {
        const event = { customerId: result.duplicateOf, flow, result, actor: actorOf(principal), requestId, trigger };
        return finish(outcomeOf({ ...result.customer, id: result.duplicateOf }, result, flow), event);
      }
      held = decided.held;
      if (!held) {
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
        continue; // another process took the turn or the slot first: decide again on fresh state
      }
      customer = decided.customer;
      faultPoint('intake.afterHold');
    }
    try {
      // with the customers of other requests decided at the same moment: one insert command for all of them
      await insertGroupedOrThrow(app.models.Customer, [toCustomerDocument(customer, { needsLifecycle: customer.status === 'assigned' })]);
    } catch (err) {
      await held.undo();
      throw err;
    }
    onStored();
    return finish(outcomeOf(customer, result, flow), { customerId: customer.id, flow: result ? flow : null, result, actor: actorOf(principal), requestId, trigger });
  }
  // Sustained contention: keep the customer (never dropped), unassigned, and say why.
  const customer = { ...base, createdAt: app.now() };
  await app.models.Customer.create(toCustomerDocument(customer, { needsLifecycle: false }));
  onStored();
  const why = text('分配时并发冲突过多，客户已保存为待分配，可稍后手动或重新分配', 'Too much contention while assigning; the customer is saved as unassigned for a manual or repeated assignment');
  return finish({ ...outcomeOf(customer, null, flow), outcome: 'unassigned', why }, { customerId: customer.id, flow, result: null, actor: actorOf(principal), requestId, trigger, why });
}
