import type { LocalizedText } from '../common/localized';
import type { Customer } from '../model/customer.schema';
import type { AllocationChange } from '../strategies/assignment-decision.schema';

export type { AllocationChange } from '../strategies/assignment-decision.schema';

/** What one allocation run decided, with the path it took and the reasons. */
export type AllocationOutcome = 'assigned' | 'pool' | 'duplicate' | 'unassigned';

export interface PathStep {
  nodeId: string;
  type: string;
  output: string;
  summary: LocalizedText;
}

export interface TraceStep extends PathStep {
  /** the node's structured detail (condition leaves, points, candidates with eligibility and scores …) */
  detail?: unknown;
  /** effect kinds the node asked for, in order */
  effects: string[];
}

export interface AllocationNotification {
  nodeId: string;
  channel: string;
  to: string[];
  message: LocalizedText;
  webhookUrl?: string;
}

export type UnassignedCode =
  /** an assign node found no eligible rep and the flow ended there */
  | 'NO_ELIGIBLE_REP'
  /** the flow reached `end` (or an unconnected output) without assigning, pooling or finding a duplicate */
  | 'ENDED_WITHOUT_DECISION'
  /** more node visits than the flow could need: a loop */
  | 'LOOP_GUARD'
  /** a node failed while evaluating */
  | 'NODE_ERROR';

export interface UnassignedReason {
  code: UnassignedCode;
  /** the node the reason points at (the assign that found nobody, the node that failed …) */
  nodeId?: string;
  text: LocalizedText;
}

export interface AllocationResult {
  outcome: AllocationOutcome;
  ownerId?: string;
  teamId?: string;
  poolId?: string;
  collaboratorIds: string[];
  score?: number;
  grade?: string;
  tags: string[];
  notifications: AllocationNotification[];
  /** assign nodes' state changes, in order: apply with applyAllocationChange (the service: atomically) */
  allocationChanges: AllocationChange[];
  path: PathStep[];
  /** per visited node, with detail; empty when the run was asked for no trace */
  trace: TraceStep[];
  /** one sentence in each language: the decision and its reason */
  why: LocalizedText;
  /** set when outcome is `unassigned` */
  unassigned?: UnassignedReason;
  /** the node whose effect decided the outcome (the assign, toPool or dedupe node) */
  decidedBy?: string;
  /** for `duplicate`: the existing customer this one matches */
  duplicateOf?: string;
  /** the customer as the flow left it (score, grade, tags, owner, pool, status) */
  customer: Customer;
}
