import type { Client } from '@temporalio/client';
import { isValidObjectId } from 'mongoose';
import { text } from '../../core/common/localized';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { queryLifecycleStatus } from '../../temporal/lifecycle-client';
import { lifecycleWorkflowId, type LifecycleStatus } from '../../../workflows/lifecycle/lifecycle.contract';
import { assertCanSeeCustomer } from '../access/scope';
import type { LifecycleViewT } from './lifecycle-status.schemas';

const iso = (ms: number) => new Date(ms).toISOString();
const noLifecycle = () => new ApiError(404, 'LIFECYCLE_NOT_FOUND', text('该客户还没有跟进生命周期', 'This customer has no lifecycle yet'));
const unavailable = (why: string) =>
  new ApiError(503, 'LIFECYCLE_UNAVAILABLE', text(`暂时无法读取跟进生命周期（Temporal 或 worker 不可用）：${why}`, `The lifecycle cannot be read right now (Temporal or the worker is unavailable): ${why}`));

/** The Temporal client behind the API's context (the TemporalGateway), or 503. */
async function clientOf(app: AppContext): Promise<Client> {
  const gateway = app.temporal as AppContext['temporal'] & { client?: () => Promise<Client> };
  if (typeof gateway.client !== 'function') throw unavailable('no Temporal client');
  try {
    return await gateway.client();
  } catch (err) {
    throw unavailable((err as Error).message);
  }
}

export function lifecycleView(customerId: string, s: LifecycleStatus, startPending: boolean): LifecycleViewT {
  return {
    customerId,
    workflowId: lifecycleWorkflowId(customerId),
    running: !s.finished,
    flow: s.flow,
    ownerId: s.ownership?.ownerId ?? null,
    ownedSince: s.ownership ? iso(s.ownership.since) : null,
    currentNode: s.currentNode,
    followUpEnded: s.followUpEnded,
    endReason: s.endReason,
    dueTimes: s.dueTimes.map((d) => ({ kind: d.kind, at: iso(d.at), actsAt: iso(d.actsAt), nodeId: d.nodeId ?? null })),
    pausedUntil: s.pausedUntil === null ? null : iso(s.pausedUntil),
    recentSteps: s.recentSteps.map((h) => ({ at: iso(h.at), nodeId: h.nodeId, type: h.type, event: h.event, result: h.result })),
    recentActions: s.recentActions.map((a) => ({ at: iso(a.at), kind: a.kind, nodeId: a.nodeId ?? null, outcome: a.outcome })),
    run: s.run,
    startPending,
  };
}

/**
 * The customer view's lifecycle panel: current step, due times, recent steps — read from the running
 * workflow with its `lifecycleStatus` query (a finished lifecycle answers with its last state). 404 for
 * customers the caller cannot see and for those that never had a lifecycle; 503 when Temporal or the
 * worker does not answer within a few seconds.
 */
export async function customerLifecycleStatus(app: AppContext, p: Principal, customerId: string): Promise<LifecycleViewT> {
  const c = isValidObjectId(customerId) ? await app.models.Customer.findById(customerId, { ownerId: 1, teamId: 1, collaboratorIds: 1, lifecycle: 1 }).lean() : null;
  assertCanSeeCustomer(p, c);
  const client = await clientOf(app);
  let status: LifecycleStatus | null;
  try {
    status = await queryLifecycleStatus(client, customerId);
  } catch (err) {
    throw unavailable((err as Error).message);
  }
  if (!status) throw noLifecycle();
  return lifecycleView(customerId, status, c.lifecycle?.needsStart === true);
}
