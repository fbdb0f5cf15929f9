import { text, type LocalizedText } from '../../core/common/localized';
import type { AllocationResult } from '../../core/interpreter/allocation-result';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import type { ASSIGNMENT_OUTCOMES } from '../../data/collections/assignment-event.model';
import type { ActiveFlow } from './active-flow.cache';
import { storedTrace } from './stored-trace';
import { insertGroupedOrThrow } from '../../data/group-insert';

export type AssignmentOutcome = (typeof ASSIGNMENT_OUTCOMES)[number];

export interface Actor {
  kind: 'user' | 'apiToken' | 'system' | 'workflow';
  id?: string;
  name?: string;
}

export const actorOf = (p: Principal): Actor =>
  p.kind === 'anonymous' ? { kind: 'system', name: 'anonymous' } : { kind: p.kind, id: p.id, name: p.name };

const OUTCOME: Record<AllocationResult['outcome'], 'assigned' | 'pooled' | 'duplicate' | 'unassigned'> = {
  assigned: 'assigned',
  pool: 'pooled',
  duplicate: 'duplicate',
  unassigned: 'unassigned',
};

export interface AssignmentEventInput {
  customerId: string;
  flow: ActiveFlow | null;
  result: AllocationResult | null;
  actor: Actor;
  requestId?: string;
  trigger?: string;
  why?: LocalizedText;
  /** overrides for decisions made outside a plain flow run (manual assign, reassign) */
  outcome?: AssignmentOutcome;
  ownerId?: string;
  previousOwnerId?: string;
}

/** The stored document of one decision (what recordAssignmentEvent appends; a batch inserts many at once). */
export function assignmentEventDoc(app: Pick<AppContext, 'now'>, e: AssignmentEventInput): Record<string, unknown> {
  const r = e.result;
  return {
    customerId: e.customerId,
    flowId: e.flow?.flowId,
    flowVersionId: e.flow?.flowVersionId,
    flowVersion: e.flow?.version,
    trigger: e.trigger,
    outcome: e.outcome ?? (r ? OUTCOME[r.outcome] : 'unassigned'),
    ownerId: e.ownerId ?? r?.ownerId,
    previousOwnerId: e.previousOwnerId,
    poolId: r?.poolId,
    path: r ? r.path.map((p) => p.nodeId) : [],
    trace: r ? storedTrace({ path: r.path, trace: r.trace, unassigned: r.unassigned, decidedBy: r.decidedBy, notifications: r.notifications }) : undefined,
    why: e.why ?? r?.why ?? text('没有启用的分配流程，客户保存为待分配', 'No active allocation flow; the customer is saved as unassigned'),
    actor: e.actor,
    requestId: e.requestId,
    at: new Date(app.now()),
  };
}

/** Appends the record of one decision: the path through the flow, every node's result, the candidates and why. */
export async function recordAssignmentEvent(app: AppContext, e: AssignmentEventInput): Promise<void> {
  // with other requests' events of the same moment, as one insert command (group-insert.ts)
  await insertGroupedOrThrow(app.models.AssignmentEvent, [assignmentEventDoc(app, e)]);
}
