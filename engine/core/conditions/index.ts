/** Conditions: json-rules-engine format, compiled once into closures; facts, operators, checks and explanations. */
export {
  ConditionSchema,
  FactRefSchema,
  LeafConditionSchema,
  MAX_CONDITION_DEPTH,
  OPERATORS,
  type Condition,
  type LeafCondition,
  type OperatorName,
} from './condition.schema';
export { compileCondition, type CompiledCondition } from './condition-compiler';
export { checkCondition, isFactRef, MAX_CONDITION_NODES, MAX_GROUP_ITEMS } from './condition-check';
export { listConditionFacts, type FactUse } from './condition-facts';
export {
  ConditionExplanationSchema,
  type ConditionExplanation,
  type LeafExplanation,
} from './condition-explanation';
export {
  CONDITION_ERROR,
  ConditionProblemSchema,
  type ConditionErrorCode,
  type ConditionProblem,
} from './condition-problem';
export { FactContextSchema, type FactContext } from './fact-context';
export { FACT_CATALOG, describeFact, isKnownFact, type FactInfo, type FactScope, type FactType } from './fact-catalog';
export { DAY_MS, DERIVED_DAY_FACTS, daysSince, type DerivedDayFact } from './derived-days';
export { parseFactName, type FactSource } from './fact-name';
export { parseFactPath, selectPath } from './fact-path';
export { compileFactReader, type FactReader } from './fact-reader';
export { OPERATOR_LIST, OPERATOR_REGISTRY, getOperator, operatorsFor } from './operators/operator.registry';
export type { OperatorDefinition, PreparedTest, ValueKind, ValueProblem } from './operators/operator-definition';
export { MAX_PATTERN_LENGTH } from './operators/regex-value';
export { regexSafetyProblem } from './operators/regex-safety';
