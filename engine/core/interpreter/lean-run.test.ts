/**
 * The lean run (no trace detail: the simulation, the benchmark) decides exactly as the full one: same outcome, owner,
 * path, sentences, state changes and customer, over a stream of generated customers with node states and loads
 * evolving as in production, on the benchmark's flow (every strategy, a quota, a rep filter, conditions, a switch).
 * Only the score step's sentence is shorter when lean (no rule count).
 */
import { describe, expect, it } from 'vitest';
import { benchFlow } from '../../bench/bench-flow';
import { CustomerSchema } from '../model/customer.schema';
import type { NodeAllocationState } from '../model/rep.schema';
import type { AllocationEnv, Candidate } from '../nodes/node-definition';
import { generateCustomers, generateOrg } from '../simulation/dataset.generator';
import { applyAllocationChange, emptyNodeState } from '../strategies/node-state';
import { prepareFlow } from './prepare-flow';
import { runAllocation, type AllocationResult } from './run-allocation';

const NOW = Date.UTC(2025, 0, 6, 2, 0);
const prepared = prepareFlow(benchFlow());
const org = generateOrg({ count: 50, seed: 7, teams: 5 });

function envFor(): AllocationEnv {
  const reps: Candidate[] = org.reps.map((rep) => ({ rep, load: { repId: rep.id, openCount: 0, todayCount: 0 } }));
  const nodeStates: Record<string, NodeAllocationState> = {};
  return { now: NOW, flowId: prepared.id, flowVersion: 1, reps, teams: org.teams, pools: org.pools, nodeStates, existing: [], excludeRepIds: [] };
}

/** The result without its trace, the score step's sentence left out. */
const comparable = (r: AllocationResult): string =>
  JSON.stringify({ ...r, trace: [], path: r.path.map((p) => (p.type === 'score' ? { ...p, summary: null } : p)) });

/** Applies a decision as the service would: node-state changes, then the owner's load. */
function apply(env: AllocationEnv, r: AllocationResult): void {
  for (const ch of r.allocationChanges) env.nodeStates[ch.nodeKey] = applyAllocationChange(env.nodeStates[ch.nodeKey] ?? emptyNodeState(ch.nodeKey), ch);
  const owner = env.reps.find((c) => c.rep.id === r.ownerId);
  if (owner && r.outcome === 'assigned') {
    owner.load.openCount++;
    owner.load.todayCount++;
  }
}

describe('lean and full runs', () => {
  it('decide the same over 3,000 customers with evolving state', () => {
    const lean = envFor();
    const full = envFor();
    const decidedBy = new Set<string>();
    for (const customer of generateCustomers({ count: 3000, seed: 11, now: NOW })) {
      const a = runAllocation(prepared, customer, lean, { trace: false });
      const b = runAllocation(prepared, customer, full, { trace: true });
      expect(a.trace).toEqual([]);
      expect(b.trace).toHaveLength(b.path.length);
      expect(comparable(a)).toBe(comparable(b));
      expect(b.path.find((p) => p.type === 'score')?.summary.en).toContain(a.path.find((p) => p.type === 'score')?.summary.en);
      apply(lean, a);
      apply(full, b);
      decidedBy.add(a.decidedBy ?? '-');
    }
    expect([...decidedBy].sort()).toEqual(['english', 'gradeA', 'gradeB', 'gradeC', 'gradeD', 'retention']);
    expect(JSON.stringify(lean.nodeStates)).toBe(JSON.stringify(full.nodeStates));
  });

  it('keeps every Customer field an own property of the run’s customer (what its fact context promises)', () => {
    const r = runAllocation(prepared, { id: 'c1', name: 'n', tags: [], status: 'new', collaboratorIds: [], previousOwners: [], createdAt: NOW, attributes: {} }, envFor(), { trace: false });
    for (const field of Object.keys(CustomerSchema.properties)) expect(Object.hasOwn(r.customer, field), field).toBe(true);
  });
});
