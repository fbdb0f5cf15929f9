import { text } from '../../common/localized';
import { looseRelation } from './json-number';
import type { OperatorDefinition } from './operator-definition';
import { checkNumber } from './value-checks';

/** fact <= value; json-rules-engine semantics: false unless the fact parses as a number (see json-number.ts). */
export const lessThanInclusiveOperator: OperatorDefinition<'lessThanInclusive'> = {
  name: 'lessThanInclusive',
  labels: text('小于等于', 'is at most'),
  fits: ['number', 'date'],
  valueKind: 'number',
  acceptsFactRef: true,
  checkValue: checkNumber,
  evaluate: (a, b) => (typeof a === 'number' && typeof b === 'number' ? a <= b : looseRelation(a, b, 'le')),
  prepare: (v) => {
    const n = v as number;
    return (a) => (typeof a === 'number' ? a <= n : looseRelation(a, n, 'le'));
  },
};
