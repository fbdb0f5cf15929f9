import type { Locale } from '../../core/common/localized';
import type { Customer } from '../../core/model/customer.schema';
import type { PoolRef, TeamRef } from '../../core/nodes/node-definition';
import type { SimulationReport } from '../../core/simulation/simulate';
import type { SimulationReportViewT, SimulationSideT } from './simulation.schemas';

/**
 * The engine's simulation report → the API's: maps keyed by data (grades, rep ids) become lists, so the
 * report is storable as is and its schema is closed; names are added; paths are bounded.
 */
export interface SideMeta {
  side: 'draft' | 'active';
  flowId: string;
  versionId: string | null;
  version: number | null;
}

export interface ViewContext {
  locale: Locale;
  customers: readonly Customer[];
  teams: readonly TeamRef[];
  pools: readonly PoolRef[];
  paths: number;
}

const MAX_DIFFERENCES = 200;
const entries = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1]);

export function sideView(r: SimulationReport, meta: SideMeta, ctx: ViewContext): SimulationSideT {
  const teamName = new Map(ctx.teams.map((t) => [t.id, t.name]));
  const poolName = new Map(ctx.pools.map((p) => [p.id, p.name]));
  const byId = new Map(r.decisions.map((d) => [d.customerId, d]));
  // traces are kept for the first customers of the input, in order
  const named = new Map(ctx.customers.slice(0, Math.max(ctx.paths, r.traces.length)).map((c) => [c.id, c.name]));
  const paths = r.traces.slice(0, ctx.paths).map((t) => {
    const d = byId.get(t.customerId);
    return {
      customerId: t.customerId,
      name: named.get(t.customerId) ?? t.customerId,
      outcome: d?.outcome ?? 'unassigned',
      ownerId: d?.ownerId ?? null,
      teamId: d?.teamId ?? null,
      poolId: d?.poolId ?? null,
      score: d?.score ?? null,
      grade: d?.grade ?? null,
      tags: d?.tags ?? [],
      unassignedCode: d?.unassignedCode ?? null,
      why: t.why,
      steps: t.path.map((s) => ({ nodeId: s.nodeId, type: s.type, output: s.output, summary: s.summary })),
    };
  });
  return {
    ...meta,
    customers: r.customers,
    days: r.days,
    outcomes: r.outcomes,
    reps: r.reps.map((x) => ({ ...x, byGrade: entries(x.byGrade).map(([grade, count]) => ({ grade, count })) })),
    grades: Object.entries(r.grades).sort(([a], [b]) => a.localeCompare(b)).map(([grade, o]) => ({ grade, ...o })),
    teams: entries(r.teams).map(([teamId, count]) => ({ teamId, name: teamName.get(teamId) ?? teamId, count })),
    pools: entries(r.pools).map(([poolId, count]) => ({ poolId, name: poolName.get(poolId) ?? poolId, count })),
    fairness: r.fairness,
    fairnessAssigned: r.fairnessAssigned,
    nodes: r.nodes.map((n) => ({
      nodeId: n.nodeId,
      assigned: n.assigned,
      perRep: entries(n.perRep).map(([repId, count]) => ({ repId, count })),
      spread: n.spread,
      gini: n.gini,
      newHireShare: n.newHireShare,
      topRepShare: n.topRepShare,
      newHireMinShare: n.newHireMinShare ?? null,
      topRepMaxShare: n.topRepMaxShare ?? null,
      quotasMet: n.quotasMet,
    })),
    unassigned: {
      total: r.unassigned.total,
      groups: r.unassigned.groups.map((g) => ({ code: g.code, nodeId: g.nodeId ?? null, message: g.text[ctx.locale], text: g.text, count: g.count, customerIds: g.customerIds })),
    },
    violations: {
      total: r.violations.total,
      capacity: r.violations.capacity,
      dailyCap: r.violations.dailyCap,
      inactiveRep: r.violations.inactiveRep,
      staleState: r.violations.staleState,
      items: r.violations.items.map((v) => ({ kind: v.kind, customerId: v.customerId, repId: v.repId, at: new Date(v.at).toISOString(), message: v.text[ctx.locale], text: v.text })),
    },
    paths,
    pathsTruncated: r.customers > paths.length,
  };
}

/** Customers the two sides place differently: another outcome, owner or pool. */
export function differences(draft: SimulationReport, active: SimulationReport | undefined, customers: readonly Customer[]): SimulationReportViewT['differences'] {
  if (!active) return { total: 0, items: [] };
  const other = new Map(active.decisions.map((d) => [d.customerId, d]));
  const names = new Map<string, string>();
  const items: SimulationReportViewT['differences']['items'] = [];
  let total = 0;
  for (const d of draft.decisions) {
    const a = other.get(d.customerId);
    if (!a || (a.outcome === d.outcome && a.ownerId === d.ownerId && a.poolId === d.poolId)) continue;
    total += 1;
    if (items.length >= MAX_DIFFERENCES) continue;
    if (names.size === 0) for (const c of customers) names.set(c.id, c.name);
    items.push({
      customerId: d.customerId,
      name: names.get(d.customerId) ?? d.customerId,
      draft: { outcome: d.outcome, ownerId: d.ownerId ?? null, poolId: d.poolId ?? null },
      active: { outcome: a.outcome, ownerId: a.ownerId ?? null, poolId: a.poolId ?? null },
    });
  }
  return { total, items };
}
