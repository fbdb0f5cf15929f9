import { text } from '../../core/common/localized';
import type { FlowDocument } from '../../core/flow/flow.schema';
import { prepareFlow } from '../../core/interpreter/prepare-flow';
import type { AppContext } from '../../api/app-context';
import type { ActiveFlow } from '../allocation/active-flow.cache';
import { cooldownDaysFor } from '../customers/ownership-change';
import type { ReassignInput, ReassignResult } from '../../temporal/activities/lifecycle-io';
import { once } from './activity-ledger';
import { moveByFlow } from './move-by-flow';

/** A follow-up flow's reassign node, compiled once as a one-node allocation flow (trigger → reassign → end). */
const compiled = new Map<string, ActiveFlow>();

function reassignFlow(input: ReassignInput): ActiveFlow {
  const cacheKey = `${input.flow.versionId}:${input.nodeId}`;
  let flow = compiled.get(cacheKey);
  if (!flow) {
    const at = { x: 0, y: 0 };
    const doc = {
      schemaVersion: 1,
      id: input.flow.flowId,
      name: `reassign ${input.nodeId}`,
      kind: 'allocation',
      trigger: 'customerAssigned',
      nodes: [
        { id: 'reassignStart', type: 'trigger', version: 1, params: { on: 'customerAssigned' }, position: at },
        { id: input.nodeId, type: 'reassign', version: 1, params: input.params, position: at },
        { id: 'reassignEnd', type: 'end', version: 1, params: {}, position: at },
      ],
      edges: [
        { id: 'e1', source: 'reassignStart', sourceHandle: 'next', target: input.nodeId },
        { id: 'e2', source: input.nodeId, sourceHandle: 'assigned', target: 'reassignEnd' },
        { id: 'e3', source: input.nodeId, sourceHandle: 'none', target: 'reassignEnd' },
      ],
    } as unknown as FlowDocument;
    flow = {
      flowId: input.flow.flowId,
      flowVersionId: input.flow.versionId,
      version: input.flow.version,
      trigger: 'customerAssigned',
      prepared: prepareFlow(doc, { version: input.flow.version }),
    };
    if (compiled.size > 500) compiled.clear();
    compiled.set(cacheKey, flow);
  }
  return flow;
}

/**
 * Carries out a follow-up flow's `reassign` action through the allocation service: the node's own
 * assign params (candidates, constraints, strategy; its round-robin state keyed by the follow-up flow
 * and node), the current owner excluded, committed once per ledger key. The previous owner gets the
 * pool's cooldown. `none` when nobody is eligible or the customer moved on meanwhile.
 */
export async function reassignByNode(app: AppContext, input: ReassignInput, key: string): Promise<ReassignResult> {
  return once(app.conn, key, async () => {
    const read = await app.models.Customer.findById(input.customerId, { poolId: 1 }).lean();
    if (!read) return { output: 'none', why: text('客户不存在', 'The customer no longer exists') };
    const out = await moveByFlow(app, {
      customerId: input.customerId,
      fromRepId: input.expected.ownerId,
      fromSince: input.expected.since,
      flow: reassignFlow(input),
      at: input.at,
      key,
      cooldownDays: await cooldownDaysFor(app, read),
      event: { outcome: 'reassigned', trigger: 'lifecycle', actor: 'customerLifecycle' },
    });
    if (out.kind === 'assigned') return { output: 'assigned', ownership: { ownerId: out.ownerId, since: input.at }, why: out.why };
    return { output: 'none', why: out.why };
  });
}
