import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { checkScalar } from './value-checks';

/** The fact is a list holding the value (strict equality); false when the fact is not a list. */
export const containsOperator: OperatorDefinition<'contains'> = {
  name: 'contains',
  labels: text('包含', 'contains'),
  fits: ['stringArray'],
  valueKind: 'scalar',
  acceptsFactRef: true,
  checkValue: checkScalar,
  evaluate: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  prepare: (v) => (a) => Array.isArray(a) && a.indexOf(v) > -1,
};
