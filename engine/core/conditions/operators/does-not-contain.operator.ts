import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { checkScalar } from './value-checks';

/** The fact is a list without the value; false when the fact is not a list (json-rules-engine semantics). */
export const doesNotContainOperator: OperatorDefinition<'doesNotContain'> = {
  name: 'doesNotContain',
  labels: text('不包含', 'does not contain'),
  fits: ['stringArray'],
  valueKind: 'scalar',
  acceptsFactRef: true,
  checkValue: checkScalar,
  evaluate: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  prepare: (v) => (a) => Array.isArray(a) && a.indexOf(v) === -1,
};
