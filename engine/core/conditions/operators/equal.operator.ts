import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { checkScalar } from './value-checks';

/** Strict equality (`===`), as json-rules-engine: "5" does not equal 5. */
export const equalOperator: OperatorDefinition<'equal'> = {
  name: 'equal',
  labels: text('等于', 'equals'),
  fits: ['string', 'number', 'boolean'],
  valueKind: 'scalar',
  acceptsFactRef: true,
  checkValue: checkScalar,
  evaluate: (a, b) => a === b,
  prepare: (v) => (a) => a === v,
};
