import type { AllocationEnv } from '../../core/nodes/node-definition';
import type { AllocationChange } from '../../core/interpreter/allocation-result';
import { applyAllocationChange, emptyNodeState } from '../../core/strategies';

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

  /** what was read from the database for this flow */
  remember(flowId: string, states: NodeStates): void {
    this.byFlow.set(flowId, states);
  }

  /** the changes this process has just committed (each compare-and-set succeeded) */
  committed(flowId: string, changes: readonly AllocationChange[]): void {
    const states = this.byFlow.get(flowId);
    if (!states) return;
    const next: NodeStates = { ...states };
    try {
      for (const c of changes) next[c.nodeKey] = applyAllocationChange(next[c.nodeKey] ?? emptyNodeState(c.nodeKey), c);
      this.byFlow.set(flowId, next);
    } catch {
      this.byFlow.delete(flowId); // the entry did not match what was committed: read it again next time
    }
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
