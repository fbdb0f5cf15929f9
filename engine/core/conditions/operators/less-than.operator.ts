import { text } from '../../common/localized';
import { looseRelation } from './json-number';
import type { OperatorDefinition } from './operator-definition';
import { checkNumber } from './value-checks';

/** fact < value; json-rules-engine semantics: false unless the fact parses as a number (see json-number.ts). */
export const lessThanOperator: OperatorDefinition<'lessThan'> = {
  name: 'lessThan',
  labels: text('小于', 'is less than'),
  fits: ['number', 'date'],
  valueKind: 'number',
  acceptsFactRef: true,
  checkValue: checkNumber,
  evaluate: (a, b) => (typeof a === 'number' && typeof b === 'number' ? a < b : looseRelation(a, b, 'lt')),
  prepare: (v) => {
    const n = v as number;
    return (a) => (typeof a === 'number' ? a < n : looseRelation(a, n, 'lt'));
  },
};
