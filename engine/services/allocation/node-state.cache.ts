import type { AllocationEnv } from '../../core/nodes/node-definition';

type NodeStates = AllocationEnv['nodeStates'];

/**
 * The round-robin state of each flow's assign nodes as this process last committed it. Decisions on a
 * flow queue on its lock (flowDecisionLock), so after a successful compare-and-set this process knows
 * the new state exactly and the next decision need not read it again. Anything else that moves the state
 * (another process, an import, a revert) makes the next compare-and-set fail: the caller then forgets
 * the entry and re-reads. A stale entry can cost one retry, never a wrong turn.
 */
export class NodeStateCache {
  private readonly byFlow = new Map<string, NodeStates>();

  get(flowId: string): NodeStates | undefined {
    return this.byFlow.get(flowId);
  }

  /** the states as read from the database, or as a decision just committed them */
  remember(flowId: string, states: NodeStates): void {
    this.byFlow.set(flowId, states);
  }

  forget(flowId: string): void {
    this.byFlow.delete(flowId);
  }
}

const caches = new WeakMap<object, NodeStateCache>();

/** One cache per database connection (a process may hold several in tests). */
export function nodeStateCache(conn: object): NodeStateCache {
  let c = caches.get(conn);
  if (!c) caches.set(conn, (c = new NodeStateCache()));
  return c;
}
