import { text, type LocalizedText } from '../common/localized';
import type { Customer } from '../model/customer.schema';
import type { Rep, RepLoad } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import type { AllocationOutcome, AllocationResult } from '../interpreter/allocation-result';
import type { PreparedFlow } from '../interpreter/prepare-flow';
import { gini, spread } from './fairness';
import type { Decision, DecisionTrace, FairnessFigures, NodeRow, SimulationReport, UnassignedGroup, Violation, ViolationKind } from './simulation-report';

const LISTED = 20;
const VIOLATIONS_LISTED = 100;
const NO_GRADE = '—';
const zeroOutcomes = (): Record<AllocationOutcome, number> => ({ assigned: 0, pool: 0, duplicate: 0, unassigned: 0 });

interface RepTally {
  rep: Rep;
  load: RepLoad;
  count: number;
  byGrade: Record<string, number>;
  today: number;
  maxInOneDay: number;
}

interface QuotaParams {
  quotas?: { newHireMinShare?: number; topRepMaxShare?: number };
}

function figures(counts: number[]): FairnessFigures {
  return {
    reps: counts.length,
    min: counts.length ? Math.min(...counts) : 0,
    max: counts.length ? Math.max(...counts) : 0,
    spread: spread(counts),
    gini: gini(counts),
    mean: counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0,
  };
}

/** Accumulates a simulation's figures as decisions happen, then builds the report. */
export class RunTally {
  private readonly reps = new Map<string, RepTally>();
  private readonly outcomes = zeroOutcomes();
  private readonly grades: Record<string, Record<AllocationOutcome, number>> = {};
  private readonly teams: Record<string, number> = {};
  private readonly pools: Record<string, number> = {};
  private readonly perNode = new Map<string, Map<string, number>>();
  private readonly groups = new Map<string, UnassignedGroup>();
  private readonly violationCounts: Record<ViolationKind, number> = { capacity: 0, dailyCap: 0, inactiveRep: 0, staleState: 0 };
  private readonly violationItems: Violation[] = [];
  private readonly decisions: Decision[] = [];
  private readonly traces: DecisionTrace[] = [];
  private customers = 0;

  constructor(
    private readonly prepared: PreparedFlow,
    candidates: readonly Candidate[],
    private readonly keep: { decisions: boolean; traces: number },
  ) {
    for (const c of candidates) this.reps.set(c.rep.id, { rep: c.rep, load: c.load, count: 0, byGrade: {}, today: 0, maxInOneDay: 0 });
  }

  newDay(): void {
    for (const r of this.reps.values()) r.today = 0;
  }

  violation(kind: ViolationKind, customerId: string, repId: string, at: number, why: LocalizedText): void {
    this.violationCounts[kind] += 1;
    if (this.violationItems.length < VIOLATIONS_LISTED) this.violationItems.push({ kind, customerId, repId, at, text: why });
  }

  /** Checks an assignment against the rep's status, leave, capacity and daily cap (before the counts go up). */
  checkAssignment(customerId: string, rep: Rep, load: RepLoad, at: number): void {
    const onLeave = rep.leaveFrom !== undefined && rep.leaveTo !== undefined && at >= rep.leaveFrom && at <= rep.leaveTo;
    if (rep.status !== 'active' || onLeave) {
      this.violation('inactiveRep', customerId, rep.id, at, text(`${rep.name} 不在岗（${onLeave ? '休假' : rep.status}）却被分配。`, `${rep.name} is not available (${onLeave ? 'on leave' : rep.status}) but was assigned.`));
    }
    if (load.openCount >= rep.capacity) {
      this.violation('capacity', customerId, rep.id, at, text(`${rep.name} 已有 ${load.openCount} 个客户，达到容量 ${rep.capacity}。`, `${rep.name} already holds ${load.openCount} customers, at capacity ${rep.capacity}.`));
    }
    if (load.todayCount >= rep.dailyCap) {
      this.violation('dailyCap', customerId, rep.id, at, text(`${rep.name} 今日已分配 ${load.todayCount} 个，达到每日上限 ${rep.dailyCap}。`, `${rep.name} already got ${load.todayCount} today, at the daily cap ${rep.dailyCap}.`));
    }
  }

  record(customer: Customer, r: AllocationResult): void {
    this.customers += 1;
    this.outcomes[r.outcome] += 1;
    const grade = r.grade ?? NO_GRADE;
    (this.grades[grade] ??= zeroOutcomes())[r.outcome] += 1;
    if (r.outcome === 'assigned' && r.ownerId !== undefined) {
      const t = this.reps.get(r.ownerId);
      if (t) {
        t.count += 1;
        t.byGrade[grade] = (t.byGrade[grade] ?? 0) + 1;
        t.today += 1;
        if (t.today > t.maxInOneDay) t.maxInOneDay = t.today;
      }
      if (r.teamId !== undefined) this.teams[r.teamId] = (this.teams[r.teamId] ?? 0) + 1;
      if (r.decidedBy !== undefined) {
        let m = this.perNode.get(r.decidedBy);
        if (!m) this.perNode.set(r.decidedBy, (m = new Map()));
        m.set(r.ownerId, (m.get(r.ownerId) ?? 0) + 1);
      }
    } else if (r.outcome === 'pool' && r.poolId !== undefined) {
      this.pools[r.poolId] = (this.pools[r.poolId] ?? 0) + 1;
    } else if (r.outcome === 'unassigned' && r.unassigned) {
      const u = r.unassigned;
      const key = `${u.code}\u0000${u.nodeId ?? ''}`;
      let g = this.groups.get(key);
      if (!g) {
        g = { code: u.code, text: u.text, count: 0, customerIds: [] };
        if (u.nodeId !== undefined) g.nodeId = u.nodeId;
        this.groups.set(key, g);
      }
      g.count += 1;
      if (g.customerIds.length < LISTED) g.customerIds.push(customer.id);
    }
    if (this.keep.decisions) {
      const d: Decision = { customerId: customer.id, outcome: r.outcome };
      if (r.ownerId !== undefined) d.ownerId = r.ownerId;
      if (r.teamId !== undefined) d.teamId = r.teamId;
      if (r.poolId !== undefined) d.poolId = r.poolId;
      if (r.collaboratorIds.length > 0) d.collaboratorIds = r.collaboratorIds;
      if (r.score !== undefined) d.score = r.score;
      if (r.grade !== undefined) d.grade = r.grade;
      if (r.tags.length > 0) d.tags = r.tags;
      if (r.unassigned) d.unassignedCode = r.unassigned.code;
      this.decisions.push(d);
    }
    if (this.traces.length < this.keep.traces) this.traces.push({ customerId: customer.id, why: r.why, path: r.path, trace: r.trace });
  }

  private nodeRows(): NodeRow[] {
    const rows: NodeRow[] = [];
    for (const node of this.prepared.nodes.values()) {
      if (node.type !== 'assign' && node.type !== 'reassign') continue;
      const perRepMap = this.perNode.get(node.id) ?? new Map<string, number>();
      const perRep = Object.fromEntries(perRepMap);
      const counts = [...perRepMap.values()];
      const assigned = counts.reduce((a, b) => a + b, 0);
      let newHires = 0;
      let tops = 0;
      for (const [repId, n] of perRepMap) {
        const rep = this.reps.get(repId)?.rep;
        if (rep?.isNewHire) newHires += n;
        if (rep?.isTopRep) tops += n;
      }
      const q = (node.params as QuotaParams).quotas ?? {};
      const newHireShare = assigned > 0 ? newHires / assigned : 0;
      const topRepShare = assigned > 0 ? tops / assigned : 0;
      const row: NodeRow = { nodeId: node.id, assigned, perRep, spread: spread(counts), gini: gini(counts), newHireShare, topRepShare, quotasMet: true };
      if (q.newHireMinShare !== undefined) {
        row.newHireMinShare = q.newHireMinShare;
        // a share can only be met to within one assignment of the target
        if (assigned > 0 && newHires < Math.floor(q.newHireMinShare * assigned)) row.quotasMet = false;
      }
      if (q.topRepMaxShare !== undefined) {
        row.topRepMaxShare = q.topRepMaxShare;
        if (assigned > 0 && tops > Math.ceil(q.topRepMaxShare * assigned)) row.quotasMet = false;
      }
      rows.push(row);
    }
    return rows;
  }

  report(days: number): SimulationReport {
    const all = [...this.reps.values()];
    const active = all.filter((t) => t.rep.status === 'active');
    const assigned = this.outcomes.assigned;
    const weights = active.reduce((s, t) => s + t.rep.weight, 0);
    const counts = active.map((t) => t.count);
    const unassignedGroups = [...this.groups.values()].sort((a, b) => b.count - a.count);
    return {
      flowId: this.prepared.id,
      flowVersion: this.prepared.version,
      customers: this.customers,
      outcomes: { ...this.outcomes },
      reps: all.map((t) => {
        const target = t.rep.status === 'active' && weights > 0 ? t.rep.weight / weights : 0;
        return {
          repId: t.rep.id,
          name: t.rep.name,
          teamId: t.rep.teamId,
          status: t.rep.status,
          isNewHire: t.rep.isNewHire,
          isTopRep: t.rep.isTopRep,
          weight: t.rep.weight,
          count: t.count,
          byGrade: t.byGrade,
          share: assigned > 0 ? t.count / assigned : 0,
          weightTarget: target,
          weightDeviation: t.count - target * assigned,
          openCount: t.load.openCount,
          capacity: t.rep.capacity,
          dailyCap: t.rep.dailyCap,
          maxInOneDay: t.maxInOneDay,
        };
      }),
      grades: this.grades,
      teams: this.teams,
      pools: this.pools,
      fairness: figures(counts),
      fairnessAssigned: figures(all.filter((t) => t.count > 0).map((t) => t.count)),
      nodes: this.nodeRows(),
      unassigned: { total: this.outcomes.unassigned, groups: unassignedGroups },
      violations: {
        total: this.violationCounts.capacity + this.violationCounts.dailyCap + this.violationCounts.inactiveRep + this.violationCounts.staleState,
        ...this.violationCounts,
        items: this.violationItems,
      },
      decisions: this.decisions,
      traces: this.traces,
      days,
    };
  }
}
