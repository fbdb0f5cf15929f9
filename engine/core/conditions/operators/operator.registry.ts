import type { OperatorName } from '../condition.schema';
import type { FactType } from '../fact-catalog';
import { betweenOperator } from './between.operator';
import { containsOperator } from './contains.operator';
import { doesNotContainOperator } from './does-not-contain.operator';
import { endsWithOperator } from './ends-with.operator';
import { equalOperator } from './equal.operator';
import { existsOperator } from './exists.operator';
import { greaterThanInclusiveOperator } from './greater-than-inclusive.operator';
import { greaterThanOperator } from './greater-than.operator';
import { inOperator } from './in.operator';
import { lessThanInclusiveOperator } from './less-than-inclusive.operator';
import { lessThanOperator } from './less-than.operator';
import { matchesOperator } from './matches.operator';
import { notEqualOperator } from './not-equal.operator';
import { notInOperator } from './not-in.operator';
import type { OperatorDefinition } from './operator-definition';
import { startsWithOperator } from './starts-with.operator';

/**
 * The one place operators are registered. Keyed by every name in OPERATORS (condition.schema.ts), so adding a
 * name there without a definition here fails to compile.
 */
export const OPERATOR_REGISTRY: { readonly [K in OperatorName]: OperatorDefinition<K> } = {
  equal: equalOperator,
  notEqual: notEqualOperator,
  in: inOperator,
  notIn: notInOperator,
  contains: containsOperator,
  doesNotContain: doesNotContainOperator,
  lessThan: lessThanOperator,
  lessThanInclusive: lessThanInclusiveOperator,
  greaterThan: greaterThanOperator,
  greaterThanInclusive: greaterThanInclusiveOperator,
  between: betweenOperator,
  startsWith: startsWithOperator,
  endsWith: endsWithOperator,
  matches: matchesOperator,
  exists: existsOperator,
};

export const OPERATOR_LIST: readonly OperatorDefinition[] = Object.values(OPERATOR_REGISTRY);

/** The definition for an operator name, or undefined for anything unknown (own keys only). */
export function getOperator(name: unknown): OperatorDefinition | undefined {
  return typeof name === 'string' && Object.hasOwn(OPERATOR_REGISTRY, name)
    ? OPERATOR_REGISTRY[name as OperatorName]
    : undefined;
}

/** Operators the designer offers for a fact type (all of them for free-form attributes). */
export function operatorsFor(type: FactType): OperatorDefinition[] {
  return OPERATOR_LIST.filter((op) => type === 'any' || op.fits.includes(type));
}
