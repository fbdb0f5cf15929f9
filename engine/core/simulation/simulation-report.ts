import type { LocalizedText } from '../common/localized';
import type { AllocationOutcome, PathStep, TraceStep, UnassignedCode } from '../interpreter/allocation-result';

/** What a simulation of an allocation flow over a dataset found. */

export interface RepRow {
  repId: string;
  name: string;
  teamId: string;
  status: string;
  isNewHire: boolean;
  isTopRep: boolean;
  weight: number;
  /** assignments in this run */
  count: number;
  byGrade: Record<string, number>;
  /** count / all assignments of the run */
  share: number;
  /** weight / Σ weights of the active reps */
  weightTarget: number;
  /** count − weightTarget · all assignments */
  weightDeviation: number;
  /** open customers and capacity at the end of the run */
  openCount: number;
  capacity: number;
  dailyCap: number;
  /** the most assignments the rep took in one simulated day */
  maxInOneDay: number;
}

export interface FairnessFigures {
  /** reps measured: the active ones */
  reps: number;
  min: number;
  max: number;
  /** max − min */
  spread: number;
  gini: number;
  mean: number;
}

export interface NodeRow {
  nodeId: string;
  assigned: number;
  /** per rep that took at least one from this node */
  perRep: Record<string, number>;
  /** max − min over the reps that took at least one */
  spread: number;
  gini: number;
  newHireShare: number;
  topRepShare: number;
  newHireMinShare?: number;
  topRepMaxShare?: number;
  /** the node's quotas held at the end of the run (true when it has none) */
  quotasMet: boolean;
}

export interface UnassignedGroup {
  code: UnassignedCode;
  nodeId?: string;
  text: LocalizedText;
  count: number;
  /** the first customers with this reason (bounded) */
  customerIds: string[];
}

export type ViolationKind = 'capacity' | 'dailyCap' | 'inactiveRep' | 'staleState';

export interface Violation {
  kind: ViolationKind;
  customerId: string;
  repId: string;
  at: number;
  text: LocalizedText;
}

export interface Decision {
  customerId: string;
  outcome: AllocationOutcome;
  ownerId?: string;
  teamId?: string;
  poolId?: string;
  collaboratorIds?: string[];
  score?: number;
  grade?: string;
  tags?: string[];
  unassignedCode?: UnassignedCode;
}

export interface DecisionTrace {
  customerId: string;
  why: LocalizedText;
  path: PathStep[];
  trace: TraceStep[];
}

export interface SimulationReport {
  flowId: string;
  flowVersion: number;
  customers: number;
  outcomes: Record<AllocationOutcome, number>;
  reps: RepRow[];
  /** grade (or `—` when none) → outcome counts */
  grades: Record<string, Record<AllocationOutcome, number>>;
  teams: Record<string, number>;
  pools: Record<string, number>;
  /** over every active rep */
  fairness: FairnessFigures;
  /** over the reps that received at least one assignment */
  fairnessAssigned: FairnessFigures;
  nodes: NodeRow[];
  unassigned: { total: number; groups: UnassignedGroup[] };
  violations: { total: number; capacity: number; dailyCap: number; inactiveRep: number; staleState: number; items: Violation[] };
  /** one per customer, in input order (empty when the run was asked for none) */
  decisions: Decision[];
  /** the first `traces` customers' full traces */
  traces: DecisionTrace[];
  /** simulated days the run spanned */
  days: number;
}
