import type { Static, TSchema } from '@sinclair/typebox';
import type { Locale, LocalizedText } from '../common/localized';
import type { FactContext } from '../conditions/fact-context';
import type { Customer } from '../model/customer.schema';
import type { NodeAllocationState, Rep, RepLoad } from '../model/rep.schema';

/**
 * The one definition of a node type. Each type is one folder under engine/core/nodes/<type>/ exporting
 * a NodeDefinition; node.registry.ts lists them. Palette, forms, document schema, validator, interpreter
 * and stepper all read this. (Contract shared by the catalog, the interpreter and the designer.)
 */
export type NodeCategory = 'start' | 'logic' | 'data' | 'assignment' | 'pool' | 'notify' | 'timing' | 'end';
export type FlowKind = 'allocation' | 'followUp';

export interface OutputSpec {
  /** the sourceHandle name, e.g. `true`, `assigned`, `timeout`, or a switch case key */
  id: string;
  labels: LocalizedText;
}

/** Something a node refers to that must exist (checked by the validator against a context). */
export type Reference =
  | { kind: 'field'; name: string; pointer: string }
  | { kind: 'team'; id: string; pointer: string }
  | { kind: 'rep'; id: string; pointer: string }
  | { kind: 'pool'; id: string; pointer: string };

/** A problem in a node's params found by its own `check`. */
export interface ParamIssue {
  code: string;
  pointer: string;
  message: LocalizedText;
}

export interface TeamRef { id: string; name: string; managerRepId?: string }
export interface PoolRef { id: string; name: string }
export interface Candidate { rep: Rep; load: RepLoad }
export interface ExistingCustomerRef {
  id: string; name: string; ownerId?: string; phone?: string; email?: string; company?: string; status: Customer['status'];
}

/** Everything an allocation run may read; loaded by the service beforehand, so the run is pure. */
export interface AllocationEnv {
  now: number;
  flowId: string;
  flowVersion: number;
  /**
   * The reps with their loads. An entry's rep (and so its team) is read as given: when the same list is reused for
   * later decisions (a simulation, a batch), change a rep by replacing its entry, not in place; loads may change.
   */
  reps: Candidate[];
  teams: TeamRef[];
  pools: PoolRef[];
  /** per assign/reassign node, keyed `${flowId}:${nodeId}` */
  nodeStates: Record<string, NodeAllocationState>;
  /** existing customers sharing a phone, email or company with the incoming one */
  existing: ExistingCustomerRef[];
  /** reps that must not be picked (e.g. the current owner on reassign) */
  excludeRepIds: string[];
}

/** A change an allocation node asks for; the interpreter applies it to the working customer. */
export type AllocationEffect =
  | { kind: 'setScore'; score: number; grade: string }
  | { kind: 'addTags'; tags: string[] }
  | { kind: 'assign'; repId: string; teamId: string; nodeKey: string; stateChange: unknown }
  /** `stateChanges`: node-state changes of collaborators picked by a strategy (round-robin rotation), applied like an assign's */
  | { kind: 'addCollaborators'; repIds: string[]; stateChanges?: Array<{ nodeKey: string; stateChange: unknown }> }
  | { kind: 'toPool'; poolId: string; reason: LocalizedText }
  | { kind: 'duplicate'; existingId: string; ownerId?: string }
  /** `webhookUrl`: the endpoint for webhook / wecom / dingtalk channels when the node names one */
  | { kind: 'notify'; channel: string; to: string[]; message: LocalizedText; webhookUrl?: string };

export interface NodeTrace {
  /** one line in each language saying what the node did and why */
  summary: LocalizedText;
  /** structured detail (condition leaves, points, candidates …) */
  detail?: unknown;
}

export interface AllocationStepResult {
  output: string;
  effects: AllocationEffect[];
  trace: NodeTrace;
}

export interface AllocationContext {
  env: AllocationEnv;
  /** the working copy, with the effects of earlier nodes applied */
  customer: Customer;
  nodeId: string;
  /** what this node's `prepare(params)` returned, computed once per flow version (undefined without `prepare`) */
  prepared?: unknown;
  /** false → the node may leave `trace.detail` out (bulk simulation, benchmarks); the summary is always there */
  explain?: boolean;
  /**
   * The fact context of `customer` at `env.now` for the node's conditions, made once per run by the interpreter
   * (`shaped`: its working copy has every Customer field as an own property). Absent: build `{ customer, now }`.
   */
  facts?: FactContext;
}

/** Follow-up stepper ------------------------------------------------------------------------------- */
export type FollowUpEvent =
  | { kind: 'started'; at: number }
  | { kind: 'followUpLogged'; at: number }
  | { kind: 'timerFired'; at: number; timerId: string }
  | { kind: 'ownerChanged'; at: number; ownerId: string | null }
  | { kind: 'statusChanged'; at: number; status: Customer['status'] }
  /** the outcome of an action the workflow carried out (e.g. reassign → `assigned` / `none`) */
  | { kind: 'actionResult'; at: number; nodeId: string; output: string };

export type FollowUpAction =
  | { kind: 'waitUntil'; at: number; timerId: string; nodeId: string }
  | { kind: 'remind'; nodeId: string; message: LocalizedText }
  /** `to`: rep ids known at step time (owner, named reps); `toManager`: the owner's manager, resolved by the workflow */
  | { kind: 'notify'; nodeId: string; channel: string; message: LocalizedText; to?: string[]; toManager?: boolean; webhookUrl?: string }
  | { kind: 'escalate'; nodeId: string; addManagerAsCollaborator: boolean; message: LocalizedText }
  | { kind: 'reassign'; nodeId: string; params: unknown }
  /** `cooldownDays`: how long the previous owner may not take the customer back */
  | { kind: 'reclaim'; nodeId: string; poolId: string; reason: LocalizedText; cooldownDays?: number }
  | { kind: 'end'; nodeId: string; reason: string };

export interface FollowUpStepContext {
  now: number;
  customer: Customer;
  nodeId: string;
  /** the event that woke this node (for waiting nodes), or `entered` when just reached */
  event: FollowUpEvent | { kind: 'entered'; at: number };
  /** state this node kept while waiting (e.g. its deadline) */
  nodeState: Record<string, unknown> | undefined;
  /** what this node's `prepare(params)` returned, computed once per flow version (undefined without `prepare`) */
  prepared?: unknown;
}

export type FollowUpStepResult =
  /** go on along this output */
  | { type: 'continue'; output: string; actions: FollowUpAction[] }
  /** stay on this node until an event arrives; keep nodeState */
  | { type: 'wait'; actions: FollowUpAction[]; nodeState: Record<string, unknown> }
  /** the flow ends */
  | { type: 'end'; actions: FollowUpAction[] };

export interface NodeDefinition<P extends TSchema = TSchema> {
  type: string;
  /** bumped when the meaning of params changes; saved documents keep theirs */
  version: number;
  /** which flow kinds may use it */
  kinds: readonly FlowKind[];
  category: NodeCategory;
  /** Ant Design icon name, e.g. `ThunderboltOutlined` */
  icon: string;
  labels: LocalizedText;
  help: LocalizedText;
  params: P;
  outputs: (params: Static<P>) => OutputSpec[];
  /** true when the outputs depend on the params (e.g. one per switch case); the palette then shows the defaults' */
  outputsDependOnParams?: boolean;
  /** the node card's words ("Grade A → skill match among Senior team") */
  summary: (params: Static<P>, locale: Locale) => string;
  /** true when a cycle may pass through this node (it waits for time or an event) */
  waits: boolean;
  references: (params: Static<P>) => Reference[];
  /**
   * Optional checks of the params beyond their schema (e.g. unique switch case keys, thresholds in order);
   * pointers are relative to the params object (`/cases/1/key`). The validator prefixes them.
   */
  check?: (params: Static<P>) => ParamIssue[];
  /**
   * Optional one-time compilation of the params (conditions → functions, lookup tables), called once per
   * node when a flow version is prepared; the interpreter and stepper pass the result as `ctx.prepared`,
   * so per-decision work never re-compiles.
   */
  prepare?: (params: Static<P>) => unknown;
  /** allocation semantics (required when kinds includes 'allocation') */
  evaluate?: (params: Static<P>, ctx: AllocationContext) => AllocationStepResult;
  /** follow-up semantics (required when kinds includes 'followUp') */
  step?: (params: Static<P>, ctx: FollowUpStepContext) => FollowUpStepResult;
}
