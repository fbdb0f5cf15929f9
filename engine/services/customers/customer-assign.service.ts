import { text, type LocalizedText } from '../../core/common/localized';
import { runAllocation } from '../../core/interpreter/run-allocation';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { toEngineCustomer } from '../../data/mappers';
import { assertCanManageTeam } from '../access/scope';
import { activeFlowFor } from '../allocation/active-flow.cache';
import { loadAllocationEnv } from '../allocation/allocation-env.loader';
import { actorOf, recordAssignmentEvent } from '../allocation/assignment-event.writer';
import { hold } from '../allocation/intake.service';
import { decrementOpen, releaseRepSlot, takeRepSlot } from '../allocation/rep-counters.store';
import { loadAssignableCustomer, customerNotFound, type CustomerStored } from './customer-access';
import { customerView, repNamesFor } from './customer-view';
import type { OwnerChangeResultT } from './customer.schemas';
import {
  assertOpenForAssignment,
  cooldownDaysFor,
  loadTargetRep,
  ownershipConflict,
  repUnavailable,
  signalLifecycle,
  swapOwner,
} from './ownership-change';

const MAX_ATTEMPTS = 8;

export interface OwnerChangeRequest {
  reason: string;
  /** the new owner; without it the active allocation flow picks one, excluding the current owner */
  repId?: string;
  /** `assign` (POST …/assign) or `reassign` (POST …/reassign) */
  mode: 'assign' | 'reassign';
  requestId?: string;
}

/** After the customer moved: the old owner's open count, the assignment event, the lifecycle signal and the view. */
async function afterSwap(
  app: AppContext,
  p: Principal,
  read: CustomerStored,
  updated: CustomerStored,
  e: { outcome: 'manual' | 'reassigned'; why: LocalizedText; reason: string; requestId?: string; flow?: Parameters<typeof recordAssignmentEvent>[1]['flow']; result?: Parameters<typeof recordAssignmentEvent>[1]['result'] },
): Promise<OwnerChangeResultT> {
  const now = app.now();
  const previousOwnerId = read.ownerId ? read.ownerId.toString() : null;
  if (previousOwnerId && read.status === 'assigned') await decrementOpen(app, previousOwnerId);
  const ownerId = String(updated.ownerId);
  await recordAssignmentEvent(app, {
    customerId: updated._id.toString(),
    flow: e.flow ?? null,
    result: e.result ?? null,
    actor: actorOf(p),
    requestId: e.requestId,
    trigger: e.flow?.trigger,
    why: e.why,
    outcome: e.outcome,
    ownerId,
    ...(previousOwnerId ? { previousOwnerId } : {}),
  });
  await signalLifecycle(app, updated._id, 'ownerChanged', { ownerId, previousOwnerId, reason: e.reason, outcome: e.outcome }, now);
  return {
    customer: customerView(updated, { now, repNames: await repNamesFor(app, [updated]) }),
    outcome: e.outcome,
    ownerId,
    previousOwnerId,
    why: e.why,
  };
}

function sameOwner(): ApiError {
  const t = text('该销售已经是此客户的负责人', 'This rep already owns the customer');
  return new ApiError(409, 'SAME_OWNER', t, [{ path: '/body/repId', message: t }]);
}

/** A named rep takes the customer: guarded slot on the rep, then the customer compare-and-set (undone on failure). */
async function toNamedRep(app: AppContext, p: Principal, id: string, req: OwnerChangeRequest & { repId: string }): Promise<OwnerChangeResultT> {
  const rep = await loadTargetRep(app, req.repId, '/body/repId');
  if (p.role === 'manager') assertCanManageTeam(p, rep.teamId);
  const limits = { repId: rep.id, timezone: rep.timezone, capacity: rep.capacity, dailyCap: rep.dailyCap };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const read = await loadAssignableCustomer(app, p, id);
    assertOpenForAssignment(read);
    if (read.ownerId && String(read.ownerId) === rep.id && read.status === 'assigned') throw sameOwner();
    const now = app.now();
    if (!(await takeRepSlot(app, limits, now))) throw await repUnavailable(app, rep.id, now);
    let updated: CustomerStored | null;
    try {
      updated = await swapOwner(app, read, { repId: rep.id, teamId: rep.teamId }, now, await cooldownDaysFor(app, read));
    } catch (err) {
      await releaseRepSlot(app, limits, now, { today: true });
      throw err;
    }
    if (!updated) {
      await releaseRepSlot(app, limits, now, { today: true });
      continue;
    }
    const outcome = req.mode === 'reassign' && read.ownerId ? 'reassigned' : 'manual';
    const why =
      outcome === 'reassigned'
        ? text(`由 ${p.name} 改派给 ${rep.name}：${req.reason}`, `Reassigned to ${rep.name} by ${p.name}: ${req.reason}`)
        : text(`由 ${p.name} 手动分配给 ${rep.name}：${req.reason}`, `Assigned by hand to ${rep.name} by ${p.name}: ${req.reason}`);
    return afterSwap(app, p, read, updated, { outcome, why, reason: req.reason, requestId: req.requestId });
  }
  throw ownershipConflict();
}

/**
 * Reassign without a named rep: the active allocation flow (trigger customerCreated) runs for the
 * customer with the current owner excluded and dedupe off (the customer is already stored); only an
 * `assigned` outcome is taken. Committed like intake: assign nodes' round-robin compare-and-set and
 * the new owner's guarded slot (hold), then the customer compare-and-set; any failure undoes the rest.
 * Score, tags and collaborators the run may have produced are not applied: this changes the owner only.
 */
async function byFlow(app: AppContext, p: Principal, id: string, req: OwnerChangeRequest): Promise<OwnerChangeResultT> {
  const flow = await activeFlowFor(app, 'customerCreated');
  if (!flow) {
    throw new ApiError(409, 'NO_ACTIVE_FLOW', text('没有启用的分配流程，请指定 repId 手动改派', 'No active allocation flow: name a repId to reassign by hand'));
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const read = await loadAssignableCustomer(app, p, id);
    assertOpenForAssignment(read);
    const now = app.now();
    const customer = toEngineCustomer(read);
    const exclude = read.ownerId ? [read.ownerId.toString()] : [];
    const loaded = await loadAllocationEnv(app, flow, customer, exclude);
    loaded.env.existing = [];
    const result = runAllocation(flow.prepared, customer, loaded.env);
    if (result.outcome !== 'assigned' || !result.ownerId || !result.teamId) {
      throw new ApiError(409, 'NO_ELIGIBLE_REP', text(`分配流程没有选出新的负责人：${result.why['zh-CN']}`, `The allocation flow picked no new owner: ${result.why.en}`));
    }
    const held = await hold(app, loaded, result, now);
    if (!held) continue;
    let updated: CustomerStored | null;
    try {
      updated = await swapOwner(app, read, { repId: result.ownerId, teamId: result.teamId }, now, await cooldownDaysFor(app, read));
    } catch (err) {
      await held.undo();
      throw err;
    }
    if (!updated) {
      await held.undo();
      continue;
    }
    const outcome = read.ownerId ? 'reassigned' : 'manual';
    const why = text(`${p.name} 发起改派（${req.reason}）：${result.why['zh-CN']}`, `Reassignment by ${p.name} (${req.reason}): ${result.why.en}`);
    return afterSwap(app, p, read, updated, { outcome, why, reason: req.reason, requestId: req.requestId, flow, result });
  }
  throw ownershipConflict();
}

/** POST /api/customers/:id/assign and /reassign (admins; managers within their teams). */
export async function changeOwner(app: AppContext, p: Principal, id: string, req: OwnerChangeRequest): Promise<OwnerChangeResultT> {
  if (p.role !== 'admin' && p.role !== 'manager' && p.role !== 'integration') throw customerNotFound();
  return req.repId ? toNamedRep(app, p, id, { ...req, repId: req.repId }) : byFlow(app, p, id, req);
}
