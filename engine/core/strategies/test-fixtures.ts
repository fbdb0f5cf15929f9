import { Value } from '@sinclair/typebox/value';
import { ConditionSchema } from '../conditions/condition.schema';
import type { Customer } from '../model/customer.schema';
import type { NodeAllocationState, Rep, RepLoad } from '../model/rep.schema';
import type { Candidate } from '../nodes/node-definition';
import { AssignParamsSchema, type AssignParams } from './assign-params.schema';
import type { AllocationChange, AssignmentDecision } from './assignment-decision.schema';
import { decideAssignment, type DecideAssignmentInput } from './decide-assignment';
import { applyAllocationChange, emptyNodeState } from './node-state';

/** Builders for the strategy tests (pure data, no clock). */
export const NOW = Date.UTC(2024, 2, 4, 2, 0); // Mon 2024-03-04 10:00 in Shanghai, Sun 21:00 in New York
export const DAY = 86_400_000;

export function makeRep(id: string, over: Partial<Rep> = {}): Rep {
  return {
    id,
    name: `Rep ${id}`,
    teamId: 't1',
    status: 'active',
    industries: [],
    regions: [],
    languages: [],
    productLines: [],
    level: 2,
    weight: 1,
    capacity: 1000,
    dailyCap: 1000,
    isNewHire: false,
    isTopRep: false,
    isManager: false,
    stats: { winRateByIndustry: {}, avgDealValue: 0, medianFirstResponseHours: 0, escalationShare: 0 },
    ...over,
  };
}

export const cand = (rep: Rep, load: Partial<Omit<RepLoad, 'repId'>> = {}): Candidate => ({
  rep,
  load: { repId: rep.id, openCount: 0, todayCount: 0, ...load },
});

export function makeCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: 'c1',
    name: 'Acme',
    tags: [],
    status: 'new',
    collaboratorIds: [],
    previousOwners: [],
    createdAt: NOW - DAY,
    attributes: {},
    ...over,
  };
}

type ParamsOverride = Partial<Omit<AssignParams, 'constraints' | 'quotas' | 'skillWeights' | 'specific'>> & {
  constraints?: Partial<AssignParams['constraints']>;
  quotas?: AssignParams['quotas'];
  skillWeights?: Partial<AssignParams['skillWeights']>;
  specific?: AssignParams['specific'];
};

/** Params with the schema's defaults filled in. */
export const makeParams = (over: ParamsOverride = {}): AssignParams =>
  Value.Default(AssignParamsSchema, [ConditionSchema], structuredClone(over)) as AssignParams;

export const decide = (over: Partial<DecideAssignmentInput> & Pick<DecideAssignmentInput, 'candidates'>): AssignmentDecision =>
  decideAssignment({
    customer: makeCustomer(),
    params: makeParams(),
    nodeKey: 'flow:assign1',
    nodeState: undefined,
    now: NOW,
    excludeRepIds: [],
    ...over,
  });

/** Runs `n` decisions in a row with the same candidates, applying each change; returns picks and the final state. */
export function stream(
  n: number,
  input: Omit<Partial<DecideAssignmentInput>, 'nodeState'> & Pick<DecideAssignmentInput, 'candidates'>,
  start?: NodeAllocationState,
): { picks: Array<string | null>; state: NodeAllocationState; changes: AllocationChange[] } {
  let state = start ?? emptyNodeState('flow:assign1');
  const picks: Array<string | null> = [];
  const changes: AllocationChange[] = [];
  for (let i = 0; i < n; i++) {
    const d = decide({ ...input, nodeState: state });
    picks.push(d.repId);
    if (d.change) {
      changes.push(d.change);
      state = applyAllocationChange(state, d.change);
    }
  }
  return { picks, state, changes };
}
