import type { LocalizedText } from '../../core/common/localized';
import type { Customer } from '../../core/model/customer.schema';
import type { FollowUpAction } from '../../core/nodes/node-definition';
import type { Ownership } from '../../../workflows/lifecycle/lifecycle.contract';
import type { PoolRules, RecycleReason } from '../../../workflows/lifecycle/recycle-plan';

/** What the lifecycle workflow reads about its customer (through an activity, so it is in the history). */
export interface CustomerSnapshot {
  customer: Customer;
  /** no recycling before this instant (protection period after a claim) */
  protectedUntil?: number;
  /** the rules of the pool the customer came from, else of the default pool; absent when there is no pool */
  rules?: PoolRules;
}

export interface FlowRef {
  versionId: string;
  flowId: string;
  version: number;
  /** the published, immutable flow document */
  document: unknown;
}

export interface BeginInput {
  customerId: string;
  /** the pinned version (continue-as-new); null/absent = the active follow-up flow */
  flowVersionId?: string | null;
  /** false on continue-as-new: the version stays what it was even if it was null */
  pickActive: boolean;
  at: number;
}
export interface BeginResult {
  snapshot: CustomerSnapshot | null;
  flow: FlowRef | null;
}

interface ForCustomer {
  customerId: string;
  /** workflow time the action was decided at (activities never read their own clock for business time) */
  at: number;
}

export interface RemindInput extends ForCustomer {
  ownerId: string;
  nodeId: string;
  message: LocalizedText;
}
export interface NotifyInput extends ForCustomer {
  ownerId: string;
  teamId?: string;
  action: Extract<FollowUpAction, { kind: 'notify' }>;
}
export interface EscalateInput extends ForCustomer {
  ownerId: string;
  teamId?: string;
  nodeId: string;
  message: LocalizedText;
  addManagerAsCollaborator: boolean;
}
export interface WarnRecycleInput extends ForCustomer {
  ownerId: string;
  reason: RecycleReason;
  days: number;
  recycleAt: number;
}
export interface SentResult {
  /** messages created now (0 when a retry found them sent) */
  created: number;
  /** manager made collaborator (escalate) */
  collaboratorAdded?: boolean;
}

export interface ReassignInput extends ForCustomer {
  expected: Ownership;
  nodeId: string;
  params: unknown;
  flow: { flowId: string; versionId: string; version: number };
}
export interface ReassignResult {
  output: 'assigned' | 'none';
  ownership?: Ownership;
  why: LocalizedText;
}

export interface ReclaimInput extends ForCustomer {
  expected: Ownership;
  poolId: string;
  reason: LocalizedText;
  cooldownDays?: number;
  source: 'flow' | 'poolRule';
  nodeId?: string;
}
export interface ReclaimResult {
  outcome: 'reclaimed' | 'protected' | 'notOwned';
  poolId?: string;
  cooldownUntil?: number;
  protectedUntil?: number;
}
