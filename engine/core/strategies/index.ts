/** Assignment: params schema, constraints, quotas, strategies and the decision (pure). */
export * from './assign-params.schema';
export * from './assignment-decision.schema';
export { decideAssignment, type DecideAssignmentInput } from './decide-assignment';
export { applyAllocationChange, emptyNodeState } from './node-state';
export { inCandidateTeams } from './candidate-set';
export {
  CONSTRAINTS, ineligibilityReasons, notDeparted, notOnLeave, insideWorkingHours, belowCapacity, belowDailyCap,
  notInCooldown, notExcluded, type ConstraintCheck, type ConstraintContext,
} from './constraints';
export { checkWorkingHours, isInsideWindow, localTime, parseClock, type LocalTime, type WorkingHoursCheck } from './working-hours';
export { applyQuotas, type QuotaOutcome } from './quotas';
export { REASON_LABELS } from './reason-labels';
export { STRATEGIES } from './strategy.registry';
export type { StrategyDefinition, StrategyInput, StrategyResult, SkillScore } from './strategy.types';
export { compareRoundRobin, lastSeqOf } from './round-robin.strategy';
export { GRADE_MIN_LEVEL, minLevelForGrade, skillScore } from './skill-match.strategy';
export { teamManagerOf } from './specific.strategy';
export { loadRatio } from './ordering';
