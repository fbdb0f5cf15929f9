import { text } from '../common/localized';
import { CoreError } from '../common/core-error';
import type { Customer } from '../model/customer.schema';
import type { NodeAllocationState, Rep, RepLoad } from '../model/rep.schema';
import type { AllocationEnv, Candidate, ExistingCustomerRef, PoolRef, TeamRef } from '../nodes/node-definition';
import type { PreparedFlow } from '../interpreter/prepare-flow';
import { runAllocation } from '../interpreter/run-allocation';
import { applyAllocationChange, emptyNodeState } from '../strategies/node-state';
import { DedupeIndex } from './dedupe-index';
import { RunTally } from './run-tally';
import type { SimulationReport } from './simulation-report';

export type { SimulationReport } from './simulation-report';

const DAY = 86_400_000;

export interface SimulateOptions {
  customers: readonly Customer[];
  reps: readonly Rep[];
  teams: readonly TeamRef[];
  pools: readonly PoolRef[];
  /** the simulated time of the first decision (epoch ms) */
  now: number;
  /** starting loads (default 0 open, 0 today) */
  loads?: readonly RepLoad[];
  /**
   * `fixed` (default): every customer arrives at `now`, all on one day.
   * `createdAt`: each arrives at its createdAt (never before the previous one), days roll over and
   * today's counts reset at midnight of `utcOffsetMinutes`.
   */
  clock?: 'fixed' | 'createdAt';
  /** the time zone offset days are counted in (default +480 = China Standard Time) */
  utcOffsetMinutes?: number;
  /** keep one Decision per customer (default true) */
  decisions?: boolean;
  /** keep the full traces of the first N customers (default 0) */
  traces?: number;
  /** called every `progressEvery` customers and at the end */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/**
 * Runs an allocation flow over a dataset with the state evolving as assignments happen: each decision's
 * allocation changes are applied to the node states (applyAllocationChange), the owner's open and today's
 * counts go up, and duplicates are matched against the customers already seen. Every assignment is checked
 * against the rep's capacity, daily cap and status independently of the strategies, and counted honestly.
 */
export function simulate(prepared: PreparedFlow, opts: SimulateOptions): SimulationReport {
  if (prepared.kind !== 'allocation') {
    throw new CoreError('FLOW_WRONG_KIND', text('只能模拟分配流程。', 'Only an allocation flow can be simulated.'));
  }
  const offset = (opts.utcOffsetMinutes ?? 480) * 60_000;
  const byId = new Map<string, Candidate>();
  const candidates: Candidate[] = opts.reps.map((rep) => {
    const given = opts.loads?.find((l) => l.repId === rep.id);
    const candidate: Candidate = { rep, load: { repId: rep.id, openCount: given?.openCount ?? 0, todayCount: given?.todayCount ?? 0 } };
    byId.set(rep.id, candidate);
    return candidate;
  });
  const nodeStates: Record<string, NodeAllocationState> = Object.create(null) as Record<string, NodeAllocationState>;
  for (const node of prepared.nodes.values()) {
    if (node.type === 'assign' || node.type === 'reassign' || node.type === 'collaborate') {
      const key = `${prepared.id}:${node.id}`;
      nodeStates[key] = emptyNodeState(key);
    }
  }
  const dedupe = [...prepared.nodes.values()].some((n) => n.type === 'dedupe') ? new DedupeIndex() : undefined;
  const noneExisting: ExistingCustomerRef[] = [];
  const env: AllocationEnv = {
    now: opts.now,
    flowId: prepared.id,
    flowVersion: prepared.version,
    reps: candidates,
    teams: opts.teams as TeamRef[],
    pools: opts.pools as PoolRef[],
    nodeStates,
    existing: noneExisting,
    excludeRepIds: [],
  };
  const tally = new RunTally(prepared, candidates, { decisions: opts.decisions !== false, traces: opts.traces ?? 0 });
  const total = opts.customers.length;
  const every = Math.max(1, opts.progressEvery ?? 1000);
  const fixed = opts.clock !== 'createdAt';
  let t = opts.now;
  let day = Math.floor((t + offset) / DAY);
  const firstDay = day;

  for (let i = 0; i < total; i++) {
    const customer = opts.customers[i] as Customer;
    if (!fixed) {
      if (customer.createdAt > t) t = customer.createdAt;
      const d = Math.floor((t + offset) / DAY);
      if (d !== day) {
        day = d;
        for (const c of candidates) c.load.todayCount = 0;
        tally.newDay();
      }
      env.now = t;
    }
    env.existing = dedupe ? dedupe.matches(customer) : noneExisting;
    const result = runAllocation(prepared, customer, env, { trace: i < (opts.traces ?? 0) });

    for (const change of result.allocationChanges) {
      const state = nodeStates[change.nodeKey] ?? emptyNodeState(change.nodeKey);
      try {
        nodeStates[change.nodeKey] = applyAllocationChange(state, change);
      } catch (err) {
        tally.violation('staleState', customer.id, change.repId, t,
          text(`分配状态冲突：${(err as CoreError).text?.['zh-CN'] ?? String(err)}`, `Allocation state conflict: ${(err as CoreError).text?.en ?? String(err)}`));
      }
    }
    if (result.outcome === 'assigned' && result.ownerId !== undefined && result.ownerId !== customer.ownerId) {
      const owner = byId.get(result.ownerId);
      if (!owner) {
        tally.violation('inactiveRep', customer.id, result.ownerId, t, text(`分配给了不存在的销售 ${result.ownerId}。`, `Assigned to a rep that does not exist: ${result.ownerId}.`));
      } else {
        tally.checkAssignment(customer.id, owner.rep, owner.load, t);
        owner.load.openCount += 1;
        owner.load.todayCount += 1;
      }
    }
    // a customer that changes hands (or goes to the pool) leaves its previous owner's open customers
    const before = customer.ownerId;
    if (before !== undefined && (result.outcome === 'pool' || (result.outcome === 'assigned' && result.ownerId !== before))) {
      const prev = byId.get(before);
      if (prev && prev.load.openCount > 0) prev.load.openCount -= 1;
    }
    tally.record(customer, result);
    dedupe?.add(customer, result);
    if ((i + 1) % every === 0 || i + 1 === total) opts.onProgress?.(i + 1, total);
  }
  return tally.report(day - firstDay + 1);
}
