import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { checkScalar } from './value-checks';

/** Strict inequality (`!==`), as json-rules-engine: a missing field is not equal to any value. */
export const notEqualOperator: OperatorDefinition<'notEqual'> = {
  name: 'notEqual',
  labels: text('不等于', 'does not equal'),
  fits: ['string', 'number', 'boolean'],
  valueKind: 'scalar',
  acceptsFactRef: true,
  checkValue: checkScalar,
  evaluate: (a, b) => a !== b,
  prepare: (v) => (a) => a !== v,
};
