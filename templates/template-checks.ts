import type { Customer } from '../engine/core/model/customer.schema';
import type { PreparedFlow } from '../engine/core/interpreter/prepare-flow';
import type { FollowUpEvent } from '../engine/core/nodes/node-definition';
import { playFollowUp } from '../engine/core/simulation/follow-up-timeline';
import type { SimulationReport } from '../engine/core/simulation/simulation-report';
import type { AllocationExpected, FollowUpExpected, ScenarioEvent } from './template.schema';

/**
 * Compares what a template's example data produced with its expected.json. Returns one sentence per mismatch
 * (empty = all expectations met), so the test and the designer's template gallery can show them.
 */
const HOUR = 3_600_000;

export function checkAllocation(report: SimulationReport, expected: AllocationExpected): string[] {
  const out: string[] = [];
  const byId = new Map(report.decisions.map((d) => [d.customerId, d]));
  const decision = (id: string) => {
    const d = byId.get(id);
    if (!d) out.push(`customer ${id} is not in the example data`);
    return d;
  };
  const v = report.violations;
  if (v.capacity + v.dailyCap + v.inactiveRep + v.staleState !== expected.violations) {
    out.push(`violations: expected ${expected.violations}, got ${v.total} (${v.items.map((i) => `${i.kind} ${i.customerId}→${i.repId}`).join(', ')})`);
  }
  for (const [k, n] of Object.entries(expected.outcomes ?? {})) {
    const got = report.outcomes[k as keyof SimulationReport['outcomes']];
    if (got !== n) out.push(`outcome ${k}: expected ${n}, got ${got}`);
  }
  for (const [id, rep] of Object.entries(expected.owners ?? {})) {
    const d = decision(id);
    if (d && (d.outcome !== 'assigned' || d.ownerId !== rep)) out.push(`customer ${id}: expected owner ${rep}, got ${d.outcome} ${d.ownerId ?? ''}`.trim());
  }
  for (const [id, team] of Object.entries(expected.teams ?? {})) {
    const d = decision(id);
    if (d && d.teamId !== team) out.push(`customer ${id}: expected team ${team}, got ${d.teamId ?? d.outcome}`);
  }
  for (const [id, pool] of Object.entries(expected.pools ?? {})) {
    const d = decision(id);
    if (d && (d.outcome !== 'pool' || d.poolId !== pool)) out.push(`customer ${id}: expected pool ${pool}, got ${d.outcome} ${d.poolId ?? d.ownerId ?? ''}`.trim());
  }
  for (const [id, grade] of Object.entries(expected.grades ?? {})) {
    const d = decision(id);
    if (d && d.grade !== grade) out.push(`customer ${id}: expected grade ${grade}, got ${d.grade ?? 'none'}`);
  }
  for (const id of expected.unassigned ?? []) {
    const d = decision(id);
    if (d && d.outcome !== 'unassigned') out.push(`customer ${id}: expected unassigned, got ${d.outcome}`);
  }
  for (const [id, tags] of Object.entries(expected.tags ?? {})) {
    const d = decision(id);
    for (const t of tags) if (d && !(d.tags ?? []).includes(t)) out.push(`customer ${id}: expected tag ${t}, got [${(d.tags ?? []).join(', ')}]`);
  }
  for (const [id, collaborators] of Object.entries(expected.collaborators ?? {})) {
    const d = decision(id);
    const got = [...(d?.collaboratorIds ?? [])].sort();
    if (d && got.join(',') !== [...collaborators].sort().join(',')) out.push(`customer ${id}: expected collaborators [${collaborators.join(', ')}], got [${got.join(', ')}]`);
  }
  for (const g of expected.ownerGroups ?? []) {
    const members = report.decisions.filter(
      (d) => (g.grade === undefined || d.grade === g.grade) && (g.tag === undefined || (d.tags ?? []).includes(g.tag)) && (g.customers === undefined || g.customers.includes(d.customerId)),
    );
    const label = g.grade !== undefined ? `grade ${g.grade}` : g.tag !== undefined ? `tag ${g.tag}` : `customers ${g.customers?.join(', ')}`;
    if (members.length < (g.minCustomers ?? 1)) out.push(`${label}: expected at least ${g.minCustomers ?? 1} customers, got ${members.length}`);
    for (const d of members) {
      if (d.outcome !== 'assigned' || !g.reps.includes(d.ownerId ?? '')) out.push(`${label}: customer ${d.customerId} should be owned by one of ${g.reps.join(', ')}, got ${d.outcome} ${d.ownerId ?? ''}`.trim());
    }
  }
  const counts = new Map(report.reps.map((r) => [r.repId, r.count]));
  for (const s of expected.spreads ?? []) {
    const values = s.reps.map((id) => counts.get(id) ?? 0);
    const spread = Math.max(...values) - Math.min(...values);
    if (spread > s.max) out.push(`spread of ${s.reps.join(', ')}: expected ≤ ${s.max}, got ${spread} (${values.join(', ')})`);
  }
  for (const [id, n] of Object.entries(expected.counts ?? {})) {
    if ((counts.get(id) ?? 0) !== n) out.push(`rep ${id}: expected ${n} assignments, got ${counts.get(id) ?? 0}`);
  }
  for (const s of expected.minShares ?? []) {
    const node = report.nodes.find((n) => n.nodeId === s.nodeId);
    if (!node) {
      out.push(`node ${s.nodeId} is not an assign node of the flow`);
      continue;
    }
    const got = s.reps.reduce((sum, id) => sum + (node.perRep[id] ?? 0), 0);
    const share = node.assigned > 0 ? got / node.assigned : 0;
    if (share < s.min) out.push(`share of ${s.reps.join(', ')} at node ${s.nodeId}: expected ≥ ${s.min}, got ${share.toFixed(3)} (${got}/${node.assigned})`);
  }
  return out;
}

function toEvent(e: ScenarioEvent, start: number): FollowUpEvent {
  const at = start + e.atHours * HOUR;
  switch (e.kind) {
    case 'followUpLogged':
      return { kind: 'followUpLogged', at };
    case 'statusChanged':
      return { kind: 'statusChanged', at, status: e.status ?? 'assigned' };
    case 'ownerChanged':
      return { kind: 'ownerChanged', at, ownerId: e.ownerId ?? null };
    case 'actionResult':
      return { kind: 'actionResult', at, nodeId: e.nodeId ?? '', output: e.output ?? '' };
  }
}

const hours = (ms: number) => Math.round((ms / HOUR) * 1000) / 1000;

/** Plays every scenario from `start` and compares the actions (waits left out), the end and its reason. */
export function checkFollowUp(prepared: PreparedFlow, customers: readonly Customer[], expected: FollowUpExpected, start: number): string[] {
  const out: string[] = [];
  for (const s of expected.scenarios) {
    const name = s.name.en;
    const customer = customers.find((c) => c.id === s.customerId);
    if (!customer) {
      out.push(`${name}: customer ${s.customerId} is not in the example data`);
      continue;
    }
    const played = playFollowUp(prepared, { ...customer, status: 'assigned', assignedAt: start }, {
      start,
      until: start + s.untilDays * 24 * HOUR,
      events: s.events.map((e) => toEvent(e, start)),
    });
    const got = played.entries
      .map((e) => ({ atHours: hours(e.at - start), kinds: e.actions.filter((a) => a.kind !== 'waitUntil').map((a) => a.kind) }))
      .filter((e) => e.kinds.length > 0);
    const fmt = (list: { atHours: number; kinds: string[] }[]) => list.map((e) => `${e.atHours}h:${e.kinds.join('+')}`).join(', ') || '(none)';
    if (fmt(got) !== fmt(s.actions)) out.push(`${name}: expected actions ${fmt(s.actions)}, got ${fmt(got)}`);
    if (played.state.ended !== s.ended) out.push(`${name}: expected ended=${s.ended}, got ${played.state.ended} (${played.state.endReason ?? played.state.nodeId})`);
    if (s.endReason !== undefined && played.state.endReason !== s.endReason) out.push(`${name}: expected end reason ${s.endReason}, got ${played.state.endReason ?? 'none'}`);
  }
  return out;
}
