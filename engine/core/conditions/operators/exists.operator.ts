import { text } from '../../common/localized';
import type { OperatorDefinition } from './operator-definition';
import { badValue } from './value-checks';

/** Value true: the fact is present (neither missing nor null). Value false: it is missing or null. */
export const existsOperator: OperatorDefinition<'exists'> = {
  name: 'exists',
  labels: text('存在', 'exists'),
  fits: ['string', 'number', 'date', 'stringArray', 'boolean'],
  valueKind: 'boolean',
  acceptsFactRef: false,
  checkValue: (v) => (typeof v === 'boolean' ? undefined : badValue('“存在”的值必须是 是 或 否。', 'The value of “exists” must be true or false.')),
  evaluate: (a, b) => (b === true ? a != null : b === false && a == null),
  prepare: (v) => (v === true ? (a) => a != null : (a) => a == null),
};
