import { text } from '../../common/localized';
import { looseRelation } from './json-number';
import type { OperatorDefinition } from './operator-definition';
import { checkNumber } from './value-checks';

/** fact > value; json-rules-engine semantics: false unless the fact parses as a number (see json-number.ts). */
export const greaterThanOperator: OperatorDefinition<'greaterThan'> = {
  name: 'greaterThan',
  labels: text('大于', 'is greater than'),
  fits: ['number', 'date'],
  valueKind: 'number',
  acceptsFactRef: true,
  checkValue: checkNumber,
  evaluate: (a, b) => (typeof a === 'number' && typeof b === 'number' ? a > b : looseRelation(a, b, 'gt')),
  prepare: (v) => {
    const n = v as number;
    return (a) => (typeof a === 'number' ? a > n : looseRelation(a, n, 'gt'));
  },
};
