import { text } from '../../common/localized';
import { CONDITION_ERROR } from '../condition-problem';
import { looseRelation } from './json-number';
import type { OperatorDefinition, PreparedTest, ValueProblem } from './operator-definition';

/** Reads `[min, max]`: two finite numbers with min ≤ max. */
function readRange(v: unknown): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [min, max] = v as unknown[];
  if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  return min <= max ? [min, max] : undefined;
}

function checkRange(v: unknown): ValueProblem | undefined {
  return readRange(v)
    ? undefined
    : {
        code: CONDITION_ERROR.badBetween,
        pointer: '',
        message: text('“介于”需要 [最小值, 最大值] 两个数字，且最小值不大于最大值。', '“between” needs [min, max]: two numbers with min not above max.'),
      };
}

function rangeTest(min: number, max: number): PreparedTest {
  return (a) => (typeof a === 'number' ? a >= min && a <= max : looseRelation(a, min, 'ge') && looseRelation(a, max, 'le'));
}

/**
 * min ≤ fact ≤ max, inclusive at both ends. Exactly `greaterThanInclusive min` and `lessThanInclusive max`
 * together, so it treats numeric-looking facts the way those json-rules-engine operators do.
 */
export const betweenOperator: OperatorDefinition<'between'> = {
  name: 'between',
  labels: text('介于', 'is between'),
  fits: ['number', 'date'],
  valueKind: 'range',
  acceptsFactRef: false,
  checkValue: checkRange,
  evaluate: (a, b) => {
    const r = readRange(b);
    return r !== undefined && rangeTest(r[0], r[1])(a);
  },
  prepare: (v) => {
    const r = readRange(v);
    return r ? rangeTest(r[0], r[1]) : () => false;
  },
};
